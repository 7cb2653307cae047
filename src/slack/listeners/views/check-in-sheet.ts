// The weekly check-in modal: opened at once and filled when loaded, paged with "Next" (earlier pages kept
// in a server-side draft), and written in one transaction on the last page. Errors stay inline.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { formatShortId } from '../../../domain/short-ids.ts';
import { type Actor, actorOf } from '../../../services/actor.ts';
import {
  dropDraft,
  loadSheet,
  mergeAnswers,
  readDraft,
  savePage,
  submitSheet,
} from '../../../services/check-in-sheet.ts';
import { escalateSafely } from '../../../services/escalation.ts';
import { flagAfterCheckIn } from '../../../services/flags.ts';
import { CHECKIN_CALLBACK } from '../../check-in-ids.ts';
import { readSheetState } from '../../check-ins/read-sheet.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { placeErrors } from '../../forms/register-form.ts';
import { loadingModal, readMeta, sheetModal, sheetPages } from '../../views/check-ins/sheet-modal.ts';
import { sheetReply } from '../../views/check-ins/sheet-reply.ts';
import { fitMessage } from '../../views/fit.ts';
import { publishHome } from '../events/app-home.ts';

const clockOf = (services: Services) => ({
  now: services.clock.now(),
  defaultTimeZone: services.settings.defaultTimeZone,
});

/**
 * Opens the check-in for a person: the trigger is spent on a loading view at once (it expires after 3 s),
 * then the sheet replaces it. `period` is the prompted period when opened from a prompt.
 */
export async function openSheet(
  services: Services,
  client: WebClient,
  actor: Actor,
  triggerId: string,
  period?: string,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal() });
  const sheet = await loadSheet(services.db, actor, clockOf(services), period);
  const viewId = opened.view?.id;
  if (!viewId) return;
  await client.views.update({ view_id: viewId, view: sheetModal(sheet, { p: sheet.period, page: 0 }) });
}

export function register(app: App, services: Services): void {
  app.view(CHECKIN_CALLBACK.sheet, async ({ ack, view, body, context, client, logger }) => {
    const { member } = okraContext(context);
    const actor = actorOf(member);
    const inputs = view.blocks.filter((block) => block.type === 'input').map((block) => block.block_id ?? '');
    const meta = readMeta(view.private_metadata ?? '');
    if (!meta) {
      await ack({
        response_action: 'errors',
        errors: {
          [inputs[0] ?? 'blockers']: 'This check-in form is damaged; close it and run /okr checkin again.',
        },
      });
      return;
    }
    const page = readSheetState(view.state.values as Parameters<typeof readSheetState>[0]);
    const clock = clockOf(services);
    let acked = false;
    try {
      const sheet = await loadSheet(services.db, actor, clock, meta.p);
      const last = meta.page >= sheetPages(sheet).length - 1;
      if (!last) {
        const saved = await savePage(services.db, actor, meta.d, page, clock, meta.p);
        if (!saved.ok) {
          await ack({ response_action: 'errors', errors: placeErrors(saved.errors, inputs) });
          return;
        }
        await ack({
          response_action: 'update',
          view: sheetModal(sheet, { p: meta.p, page: meta.page + 1, d: saved.value }),
        });
        return;
      }
      const answers = mergeAnswers(await readDraft(services.db, actor, meta.d), page);
      const outcome = await submitSheet(services.db, actor, answers, clock, meta.p);
      if (!outcome.ok) {
        await ack({ response_action: 'errors', errors: placeErrors(outcome.errors, inputs) });
        return;
      }
      await ack();
      acked = true;
      // The prompt's in-place update was enqueued with the check-in; send it now.
      services.outbox.wake();
      await dropDraft(services.db, actor, meta.d);
      const risk = outcome.value.riskId
        ? await services.db.risk.findUnique({ where: { id: outcome.value.riskId } })
        : null;
      await client.chat.postMessage({
        channel: body.user.id,
        ...fitMessage(sheetReply(outcome.value, risk ? formatShortId('risk', risk.number) : null)),
      });
      for (const recorded of outcome.value.recorded) await flagAfterCheckIn(services, recorded, clock.now);
      if (risk) await escalateSafely(services, risk.id);
      await publishHome(services, client, member);
    } catch (error) {
      logger.error('check-in submission failed', error);
      if (acked) return;
      await ack({
        response_action: 'errors',
        errors: {
          [inputs[0] ?? 'blockers']: 'Something went wrong on our side; nothing was saved. Please try again.',
        },
      });
    }
  });
}
