// The buttons on a flag DM ("Check in", "Add a risk") and the quick check-in form they open. The form is
// answered here rather than through registerForm because flags must be sent after the acknowledgement.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { InputBlock, View } from '@slack/types';
import { actorOf } from '../../../services/actor.ts';
import { checkInTarget, recordCheckIn } from '../../../services/check-ins.ts';
import { flagAfterCheckIn } from '../../../services/flags.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { readState, type StateValues, text } from '../../forms/read-state.ts';
import { placeErrors } from '../../forms/register-form.ts';
import { ACTION, CALLBACK } from '../../ids.ts';
import { escapeMrkdwn } from '../../text.ts';
import { checkInModal, checkInReply, checkInSummary } from '../../views/flags.ts';
import { riskAddModal } from '../../views/modals/risk.ts';

/** The risk form with the flagged item already filled in as what the risk threatens. */
export function riskModalFor(ownerSlackId: string, ref: string): View {
  const view = riskAddModal(ownerSlackId);
  return {
    ...view,
    blocks: view.blocks.map((block) => {
      const input = block as InputBlock;
      return input.type === 'input' && input.block_id === 'on' && input.element.type === 'plain_text_input'
        ? { ...input, element: { ...input.element, initial_value: ref } }
        : block;
    }),
  };
}

export function register(app: App, services: Services): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION.flagCheckIn,
    async ({ ack, body, action, client, context }) => {
      await ack();
      const { member } = okraContext(context);
      const target = await checkInTarget(services.db, actorOf(member), action.value ?? '');
      if (!target.ok) {
        const why = Object.values(target.errors).join(' ');
        await client.chat.postMessage({ channel: member.slackUserId, text: escapeMrkdwn(why) });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: checkInModal(target.value) });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION.flagAddRisk,
    async ({ ack, body, action, client, context }) => {
      await ack();
      const { member } = okraContext(context);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: riskModalFor(member.slackUserId, action.value ?? ''),
      });
    },
  );

  app.view(CALLBACK.checkInQuick, async ({ ack, view, body, context, client, logger }) => {
    const { member } = okraContext(context);
    const form = readState(view.state.values as StateValues);
    const inputBlocks = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id ?? '');
    const now = services.clock.now();
    let outcome: Awaited<ReturnType<typeof recordCheckIn>>;
    try {
      outcome = await recordCheckIn(
        services.db,
        actorOf(member),
        {
          item: view.private_metadata || text(form.item),
          value: text(form.value),
          confidence: text(form.confidence),
          comment: text(form.comment),
          blockers: text(form.blockers),
        },
        { now, defaultTimeZone: services.settings.defaultTimeZone },
      );
    } catch (error) {
      logger.error('check-in form failed', error);
      await ack({
        response_action: 'errors',
        errors: {
          [inputBlocks[0] ?? 'value']:
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
    await client.chat.postMessage({
      channel: body.user.id,
      ...checkInReply(checkInSummary(outcome.value), outcome.notes),
    });
    await flagAfterCheckIn(services, outcome.value, now);
  });
}
