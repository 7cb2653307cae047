// `/okr schedule …`: check-in schedules (admins), and `/okr pause` / `/okr resume` for people's check-ins.
import { actorOf } from '../../services/actor.ts';
import { pauseCheckIns, resumeCheckIns } from '../../services/check-in-pauses.ts';
import { memberBySlackId } from '../../services/members.ts';
import {
  addSchedule,
  editSchedule,
  listSchedules,
  removeSchedule,
  type ScheduleView,
  setScheduleActive,
} from '../../services/schedules.ts';
import { CHECKIN_CALLBACK } from '../check-in-ids.ts';
import { resolveUser } from '../commands/resolve.ts';
import { flagText } from '../commands/tokenize.ts';
import type { CommandContext } from '../commands/types.ts';
import { text } from '../forms/read-state.ts';
import { md } from '../mrkdwn.ts';
import { scheduleLine, scheduleListMessage, scheduleModal } from '../views/check-ins/schedules.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FIELD_NAMES = {
  cadence: 'cadence',
  day: 'weekday',
  time: 'time',
  teams: '--teams',
  objectives: '--objectives',
  firstReminder: '--first-reminder',
  secondReminder: '--second-reminder',
  schedule: 'schedule',
  who: 'person',
  until: 'until',
};

const flagsOf = (ctx: CommandContext) => ({
  cadence: flagText(ctx.args, 'cadence'),
  day: flagText(ctx.args, 'day'),
  time: flagText(ctx.args, 'time'),
  teams: flagText(ctx.args, 'teams'),
  objectives: flagText(ctx.args, 'objectives'),
  firstReminder: flagText(ctx.args, 'first-reminder'),
  secondReminder: flagText(ctx.args, 'second-reminder'),
});

const changed = (verb: string) => (schedule: ScheduleView) =>
  confirmationMessage(md`${verb} ${scheduleLine(schedule)}`);

async function addCommand(ctx: CommandContext): Promise<void> {
  const words = ctx.args.positional;
  if (words.length === 0 && Object.keys(ctx.args.flags).length === 0) {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: scheduleModal() });
    return;
  }
  // `/okr schedule add weekly monday 09:00`: positional words in that order, flags for the rest.
  const [cadence, day, time] = words;
  const outcome = await addSchedule(
    ctx.db,
    actorOf(ctx.member),
    {
      ...flagsOf(ctx),
      cadence: flagText(ctx.args, 'cadence') ?? cadence,
      day: flagText(ctx.args, 'day') ?? day,
      time: flagText(ctx.args, 'time') ?? time,
    },
    ctx.clock.now(),
  );
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, changed('Added')));
}

async function editCommand(ctx: CommandContext): Promise<void> {
  const [schedule] = ctx.args.positional;
  const outcome = await editSchedule(ctx.db, actorOf(ctx.member), { schedule, ...flagsOf(ctx) });
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, changed('Changed')));
}

const activeCommand = (active: boolean) => async (ctx: CommandContext) => {
  const outcome = await setScheduleActive(ctx.db, actorOf(ctx.member), ctx.args.positional[0], active);
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, changed(active ? 'Resumed' : 'Paused')));
};

async function removeCommand(ctx: CommandContext): Promise<void> {
  const outcome = await removeSchedule(ctx.db, actorOf(ctx.member), ctx.args.positional[0]);
  await ctx.reply(
    outcomeMessage(outcome, FIELD_NAMES, ({ ref }) =>
      confirmationMessage(md`Removed ${ref}: nobody is prompted by it any more.`),
    ),
  );
}

/** `me`, a mention, or nothing (yourself). */
async function personOf(ctx: CommandContext, word: string | undefined) {
  if (!word || word.toLowerCase() === 'me') return { ok: true as const, memberId: ctx.member.id };
  const person = await resolveUser(ctx, word);
  if (!person.ok) return { ok: false as const, error: person.error };
  return { ok: true as const, memberId: (await memberBySlackId(ctx.db, ctx.workspace.id, person.id)).id };
}

async function pauseCommand(ctx: CommandContext): Promise<void> {
  // `/okr pause @dana until 2027-02-10`, `/okr pause me until 2027-02-10`; `until` is optional.
  const words = ctx.args.positional.filter((word) => word.toLowerCase() !== 'until');
  const [who, until] = words.length >= 2 ? words : [undefined, words[0]];
  const person = await personOf(ctx, who);
  if (!person.ok) return ctx.reply(problemsMessage({ who: person.error }, FIELD_NAMES));
  const outcome = await pauseCheckIns(
    ctx.db,
    actorOf(ctx.member),
    { memberId: person.memberId, until: until ?? flagText(ctx.args, 'until') },
    { now: ctx.clock.now(), defaultTimeZone: ctx.settings.defaultTimeZone },
  );
  if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, FIELD_NAMES));
  const whom =
    outcome.value.memberId === ctx.member.id ? md`You are` : md`${md.user(outcome.value.slackUserId)} is`;
  await ctx.reply(
    confirmationMessage(
      md`${whom} paused until ${outcome.value.until} (inclusive): no check-in prompts or reminders, and those weeks do not count as silence. \`/okr resume\` ends it early.`,
    ),
  );
}

async function resumeCommand(ctx: CommandContext): Promise<void> {
  const person = await personOf(ctx, ctx.args.positional[0]);
  if (!person.ok) return ctx.reply(problemsMessage({ who: person.error }, FIELD_NAMES));
  const outcome = await resumeCheckIns(ctx.db, actorOf(ctx.member), person.memberId, {
    now: ctx.clock.now(),
    defaultTimeZone: ctx.settings.defaultTimeZone,
  });
  if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, FIELD_NAMES));
  const self = outcome.value.slackUserId === ctx.member.slackUserId;
  const whom = self ? md`You` : md.user(outcome.value.slackUserId);
  await ctx.reply(
    confirmationMessage(
      outcome.value.ended === 0
        ? md`${whom} ${self ? 'were' : 'was'} not paused; nothing changed.`
        : md`${whom} will be prompted again from the next check-in.`,
    ),
  );
}

export const schedules: Feature = {
  commands: [
    {
      name: 'schedule',
      summary:
        'lists the check-in schedules: when people are prompted (their local time) and whom each covers',
      example: '/okr schedule',
      access: 'everyone',
      run: async (ctx) => ctx.reply(scheduleListMessage(await listSchedules(ctx.db, ctx.workspace.id))),
    },
    {
      name: 'schedule add',
      summary:
        'adds a check-in schedule (weekly or biweekly, weekday, local time; --teams or --objectives to narrow it); without arguments opens a form',
      example: '/okr schedule add weekly monday 09:00 --teams "Growth"',
      access: 'admin',
      run: addCommand,
    },
    {
      name: 'schedule edit',
      summary:
        'changes a schedule: --cadence, --day, --time, --teams, --objectives (or everyone), reminder delays',
      example: '/okr schedule edit S-1 --time 10:00 --day tuesday',
      access: 'admin',
      run: editCommand,
    },
    {
      name: 'schedule pause',
      summary: 'stops a schedule prompting anyone until it is resumed',
      example: '/okr schedule pause S-1',
      access: 'admin',
      run: activeCommand(false),
    },
    {
      name: 'schedule resume',
      summary: 'starts a paused schedule again',
      example: '/okr schedule resume S-1',
      access: 'admin',
      run: activeCommand(true),
    },
    {
      name: 'schedule remove',
      summary: 'removes a check-in schedule',
      example: '/okr schedule remove S-2',
      access: 'admin',
      run: removeCommand,
    },
    {
      name: 'pause',
      summary: 'pauses check-in prompts until a date: yourself with `me`, anyone for PMO admins',
      example: '/okr pause me until 2027-02-10',
      access: 'everyone',
      run: pauseCommand,
    },
    {
      name: 'resume',
      summary: 'ends a check-in pause early: yourself, or anyone for PMO admins',
      example: '/okr resume @dana',
      access: 'everyone',
      run: resumeCommand,
    },
  ],
  forms: [
    {
      callbackId: CHECKIN_CALLBACK.schedule,
      adminOnly: true,
      toInput: (form) => ({
        cadence: text(form.cadence),
        day: text(form.day),
        time: text(form.time),
        teams: text(form.teams),
        objectives: text(form.objectives),
        firstReminder: text(form.firstReminder),
        secondReminder: text(form.secondReminder),
      }),
      submit: (services, actor, input) => addSchedule(services.db, actor, input, services.clock.now()),
      confirmation: (schedule: ScheduleView) => changed('Added')(schedule),
    },
  ],
};
