// The check-in buttons: "Check in" (App Home and the prompt DM) opens the sheet for the period it names;
// "Skip this week" excuses the person for the prompted week.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { actorOf } from '../../../services/actor.ts';
import { skipWeek } from '../../../services/check-in-pauses.ts';
import { snoozePrompt } from '../../../services/check-in-prompts.ts';
import { CHECKIN_ACTION } from '../../check-in-ids.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { md } from '../../mrkdwn.ts';
import { publishHome } from '../events/app-home.ts';
import { openSheet } from '../views/check-in-sheet.ts';

const PERIOD = /^\d{4}-W\d{2}$/;

export function register(app: App, services: Services): void {
  app.action<BlockAction<ButtonAction>>(
    CHECKIN_ACTION.open,
    async ({ ack, body, action, client, context }) => {
      await ack();
      const { member } = okraContext(context);
      const period = PERIOD.test(action.value ?? '') ? action.value : undefined;
      await openSheet(services, client, actorOf(member), body.trigger_id, period);
    },
  );

  app.action<BlockAction<ButtonAction>>(
    CHECKIN_ACTION.skip,
    async ({ ack, action, client, context, logger }) => {
      await ack();
      const { member } = okraContext(context);
      const outcome = await skipWeek(services.db, actorOf(member), action.value ?? '', {
        now: services.clock.now(),
        defaultTimeZone: services.settings.defaultTimeZone,
      });
      const text = outcome.ok
        ? `Skipped ${outcome.value.period}: no reminders this week, and the week does not count as silence.`
        : md`${Object.values(outcome.errors).join(' ')}`.text;
      // The prompt itself is updated in place through the outbox; send that now.
      if (outcome.ok) services.outbox.wake();
      await client.chat.postMessage({ channel: member.slackUserId, text });
      try {
        await publishHome(services, client, member);
      } catch (error) {
        logger.error('publishing the Home tab failed', error);
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(CHECKIN_ACTION.snooze, async ({ ack, action, client, context }) => {
    await ack();
    const { member } = okraContext(context);
    const match = /^(\d{1,9}):(\d{4}-W\d{2})$/.exec(action.value ?? '');
    const outcome = match
      ? await snoozePrompt(services.db, actorOf(member), Number(match[1]), match[2]!, services.clock.now())
      : null;
    const text = !outcome
      ? 'This button is damaged; use /okr checkin instead.'
      : outcome.ok
        ? `Snoozed: I will ask again <!date^${Math.floor(outcome.value.until.getTime() / 1000)}^{date_short_pretty} at {time}|tomorrow>.`
        : md`${Object.values(outcome.errors).join(' ')}`.text;
    await client.chat.postMessage({ channel: member.slackUserId, text });
  });
}
