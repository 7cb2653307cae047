// One mechanism for every modal: read the submitted values, run the same service the text command runs,
// answer validation errors inline on their fields, and confirm success to the person by DM.

import type { App } from '@slack/bolt';
import { plainDatabaseFailure } from '../../db/errors.ts';
import { can } from '../../domain/permissions.ts';
import { type Actor, actorOf } from '../../services/actor.ts';
import type { FieldErrors, Note, Outcome } from '../../services/outcome.ts';
import type { Services } from '../commands/types.ts';
import { okraContext } from '../context.ts';
import { fitMessage } from '../views/fit.ts';
import type { SlackMessage } from '../views/message.ts';
import { type FormValue, readState, type StateValues } from './read-state.ts';

export interface FormSpec<I, V> {
  callbackId: string;
  /** Checked again at submission: a role can change between opening a form and submitting it. */
  adminOnly: boolean;
  toInput(form: Record<string, FormValue>, privateMetadata: string): I;
  submit(services: Services, actor: Actor, input: I): Promise<Outcome<V>>;
  confirmation(value: V, notes: readonly Note[]): SlackMessage;
  /** Follow-up work (flags, escalations) that must not delay the acknowledgement Slack waits for. */
  afterSave?(services: Services, value: V): Promise<void>;
}

export function registerForm<I, V>(app: App, services: Services, spec: FormSpec<I, V>): void {
  app.view(spec.callbackId, async ({ ack, view, body, context, client, logger }) => {
    const { member } = okraContext(context);
    const inputBlocks = view.blocks
      .filter((block) => block.type === 'input')
      .map((block) => block.block_id ?? '');
    if (spec.adminOnly && !can({ memberId: member.id, role: member.role }, 'structure')) {
      await ack({
        response_action: 'errors',
        errors: { [inputBlocks[0] ?? 'form']: 'Only PMO admins can make this change. Nothing was saved.' },
      });
      return;
    }
    const form = readState(view.state.values as StateValues);
    let outcome: Outcome<V>;
    try {
      outcome = await spec.submit(services, actorOf(member), spec.toInput(form, view.private_metadata ?? ''));
    } catch (error) {
      logger.error(`form ${spec.callbackId} failed`, error);
      await ack({
        response_action: 'errors',
        errors: {
          [inputBlocks[0] ?? 'form']:
            plainDatabaseFailure(error) ??
            'Something went wrong on our side; nothing was saved. Please try again.',
        },
      });
      return;
    }
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: placeErrors(outcome.errors, inputBlocks) });
      return;
    }
    await ack();
    const message = spec.confirmation(outcome.value, outcome.notes);
    await client.chat.postMessage({ channel: body.user.id, ...fitMessage(message) });
    await spec.afterSave?.(services, outcome.value);
  });
}

/** Errors for fields the form does not show go on its first input, named, so none is lost. */
export function placeErrors(errors: FieldErrors, inputBlocks: readonly string[]): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const target = inputBlocks.includes(field) ? field : (inputBlocks[0] ?? field);
    const text = target === field ? message : `${field}: ${message}`;
    placed[target] = placed[target] ? `${placed[target]} ${text}` : text;
  }
  for (const key of Object.keys(placed)) placed[key] = placed[key]!.slice(0, 2000);
  return placed;
}
