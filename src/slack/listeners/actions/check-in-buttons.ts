// The check-in buttons: "Check in" (App Home and the prompt DM) opens the sheet for the period it names;
// "Skip this week" excuses the person for the prompted week.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { actorOf } from '../../../services/actor.ts';
import { skipWeek } from '../../../services/check-in-pauses.ts';
import { CHECKIN_ACTION } from '../../check-in-ids.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { escapeMrkdwn } from '../../text.ts';
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
        : escapeMrkdwn(Object.values(outcome.errors).join(' '));
      await client.chat.postMessage({ channel: member.slackUserId, text });
      try {
        await publishHome(services, client, member);
      } catch (error) {
        logger.error('publishing the Home tab failed', error);
      }
    },
  );
}
