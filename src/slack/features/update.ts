// `/okr update KR-3 1,250 --confidence 7`: check-ins and KPI readings, typed or by form. The reply comes
// first; flags for a worsened status follow, so a slow or failing Slack never holds up the person.
import { actorOf } from '../../services/actor.ts';
import { type CheckInRecorded, checkInTarget, recordCheckIn } from '../../services/check-ins.ts';
import { flagAfterCheckIn } from '../../services/flags.ts';
import { flagText } from '../commands/tokenize.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { checkInModal, checkInReply, checkInSummary } from '../views/flags.ts';
import { problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FLAG_NAMES = {
  item: 'item',
  value: 'value',
  confidence: '--confidence',
  comment: '--comment',
  blockers: '--blockers',
};

export const update: Feature = {
  commands: [
    {
      name: 'update',
      summary:
        "checks in on a key result you own (value, confidence 0–10, comment, blockers) or reports a KPI's reading; once per week, a second update replaces the first",
      example: '/okr update KR-3 1,250 --confidence 7/10 --comment "Two deals signed"',
      access: 'owner',
      async run(ctx) {
        const [item, ...valueWords] = ctx.args.positional;
        const actor = actorOf(ctx.member);
        if (!item) {
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: checkInModal() });
          return;
        }
        if (valueWords.length === 0 && Object.keys(ctx.args.flags).length === 0) {
          const target = await checkInTarget(ctx.db, actor, item);
          if (!target.ok) return ctx.reply(problemsMessage(target.errors, FLAG_NAMES));
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: checkInModal(target.value) });
          return;
        }
        const now = ctx.clock.now();
        const outcome = await recordCheckIn(
          ctx.db,
          actor,
          {
            item,
            value: valueWords.length ? valueWords.join(' ') : undefined,
            confidence: flagText(ctx.args, 'confidence'),
            comment: flagText(ctx.args, 'comment'),
            blockers: flagText(ctx.args, 'blockers'),
          },
          { now, defaultTimeZone: ctx.settings.defaultTimeZone },
        );
        if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, FLAG_NAMES));
        await ctx.reply(checkInReply(checkInSummary(outcome.value), outcome.notes));
        await flagAfterCheckIn(ctx, outcome.value, now);
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.checkInQuick,
      adminOnly: false,
      // The form for a known item carries its id; the blank form (no id typed) asks for it.
      toInput: (form, itemRef) => ({
        item: itemRef || text(form.item),
        value: text(form.value),
        confidence: text(form.confidence),
        comment: text(form.comment),
        blockers: text(form.blockers),
      }),
      submit: (services, actor, input) =>
        recordCheckIn(services.db, actor, input, {
          now: services.clock.now(),
          defaultTimeZone: services.settings.defaultTimeZone,
        }),
      confirmation: (recorded: CheckInRecorded, notes) => checkInReply(checkInSummary(recorded), notes),
      afterSave: (services, recorded: CheckInRecorded) =>
        flagAfterCheckIn(services, recorded, services.clock.now()),
    },
  ],
};
