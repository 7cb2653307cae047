// Check-in schedules: when each person is asked to check in (weekday and local time, weekly or every two
// weeks) and whom a schedule covers (everyone, some teams, some objectives). Managed by PMO admins.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/queries/audit.ts';
import { parseScope, type ScheduleScope, scopeJson } from '../domain/check-ins/due-items.ts';
import { formatLocalTime, parseLocalTime } from '../domain/check-ins/schedule-time.ts';
import { formatShortId, parseShortId } from '../domain/short-ids.ts';
import { type Actor, isAdmin } from './actor.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';

export const PROMPT_KIND = 'checkin_prompt';
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export const scheduleRef = (id: number) => `S-${id}`;

export interface ScheduleView {
  id: number;
  ref: string;
  cadence: 'weekly' | 'biweekly';
  dayOfWeek: number;
  localTime: string;
  scope: ScheduleScope;
  /** Names of the teams or short ids of the objectives in scope, for people to read. */
  scopeNames: string[];
  active: boolean;
  reminders: { first: number; second: number };
  createdAt: Date;
}

const weekday = z.preprocess(
  (value) => {
    if (typeof value === 'number') return value;
    if (typeof value !== 'string') return value;
    const word = value.trim().toLowerCase();
    if (/^[1-7]$/.test(word)) return Number(word);
    const index = WEEKDAYS.findIndex((day) => word.length >= 3 && day.startsWith(word));
    return index >= 0 ? index + 1 : value;
  },
  z.number({ error: 'Name a weekday, e.g. monday or mon.' }).int().min(1).max(7),
);

const localTime = z
  .string({ error: 'Give a local time, e.g. 09:00.' })
  .trim()
  .transform((text, ctx) => {
    const time = parseLocalTime(text);
    if (!time) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text.slice(0, 20)}" is not a time of day: use HH:MM, e.g. 09:00.`,
      });
      return z.NEVER;
    }
    return formatLocalTime(time.hour, time.minute);
  });

const cadence = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? ((
          {
            weekly: 'weekly',
            biweekly: 'biweekly',
            fortnightly: 'biweekly',
            'every-two-weeks': 'biweekly',
          } as Record<string, string>
        )[value.trim().toLowerCase()] ?? value)
      : value,
  z.enum(['weekly', 'biweekly'], { error: 'The cadence is weekly or biweekly (every two weeks).' }),
);

const reminderDays = (what: string) =>
  z.coerce
    .number({ error: `${what}: a number of working days, 0 for none.` })
    .int(`${what}: a whole number of working days.`)
    .min(0, `${what}: 0 or more working days.`)
    .max(4, `${what}: at most 4 working days, so it comes within the week.`);

const ScheduleFields = z.object({
  cadence: cadence.default('weekly'),
  day: weekday.default(1),
  time: localTime.default('09:00'),
  /** Comma-separated team names. */
  teams: z.string().trim().optional(),
  /** Comma-separated objective ids, e.g. O-1, O-4. */
  objectives: z.string().trim().optional(),
  firstReminder: reminderDays('First reminder').default(1),
  secondReminder: reminderDays('Second reminder').default(2),
});

export type ScheduleInput = Loose<z.input<typeof ScheduleFields>>;
export type ScheduleEditInput = ScheduleInput & { schedule?: string | undefined };

const blankToUndefined = <T extends Record<string, unknown>>(input: T): T =>
  Object.fromEntries(
    Object.entries(input).filter(
      ([, value]) => !(value === undefined || (typeof value === 'string' && value.trim() === '')),
    ),
  ) as T;

async function resolveScope(
  db: Db,
  workspaceId: number,
  teams: string | undefined,
  objectives: string | undefined,
): Promise<Outcome<ScheduleScope>> {
  const split = (text: string) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  if (teams && objectives) return failure({ teams: 'Scope a schedule by teams or by objectives, not both.' });
  if (teams) {
    const names = split(teams);
    const rows = await db.team.findMany({ where: { workspaceId, archivedAt: null } });
    const ids: number[] = [];
    for (const name of names) {
      const row = rows.find((team) => team.name.toLowerCase() === name.toLowerCase());
      if (!row) return failure({ teams: `There is no team called "${name.slice(0, 80)}".` });
      ids.push(row.id);
    }
    return success({ kind: 'teams', teamIds: ids });
  }
  if (objectives) {
    const ids: number[] = [];
    for (const text of split(objectives)) {
      const short = parseShortId(text);
      const row =
        short?.entity === 'objective'
          ? await db.objective.findUnique({
              where: { workspaceId_number: { workspaceId, number: short.number } },
            })
          : null;
      if (!row)
        return failure({ objectives: `There is no objective ${text.slice(0, 20)}; name them like O-3.` });
      ids.push(row.id);
    }
    return success({ kind: 'objectives', objectiveIds: ids });
  }
  return success({ kind: 'everyone' });
}

async function view(
  db: Db,
  row: {
    id: number;
    cadence: string;
    dayOfWeek: number;
    localTime: string;
    scope: string;
    active: boolean;
    firstReminderDays: number;
    secondReminderDays: number;
    createdAt: Date;
  },
): Promise<ScheduleView> {
  const scope = parseScope(row.scope);
  let scopeNames: string[] = [];
  if (scope.kind === 'teams')
    scopeNames = (await db.team.findMany({ where: { id: { in: scope.teamIds } } })).map((team) => team.name);
  if (scope.kind === 'objectives')
    scopeNames = (await db.objective.findMany({ where: { id: { in: scope.objectiveIds } } })).map(
      (objective) => formatShortId('objective', objective.number),
    );
  return {
    id: row.id,
    ref: scheduleRef(row.id),
    cadence: row.cadence === 'biweekly' ? 'biweekly' : 'weekly',
    dayOfWeek: row.dayOfWeek,
    localTime: row.localTime,
    scope,
    scopeNames,
    active: row.active,
    reminders: { first: row.firstReminderDays, second: row.secondReminderDays },
    createdAt: row.createdAt,
  };
}

export async function listSchedules(db: Db, workspaceId: number): Promise<ScheduleView[]> {
  const rows = await db.schedule.findMany({
    where: { workspaceId, kind: PROMPT_KIND },
    orderBy: { id: 'asc' },
  });
  return Promise.all(rows.map((row) => view(db, row)));
}

const ADMINS_ONLY = 'Only PMO admins can change check-in schedules. Nothing was changed.';

export async function addSchedule(
  db: Db,
  actor: Actor,
  input: ScheduleInput,
  now: Date,
): Promise<Outcome<ScheduleView>> {
  if (!isAdmin(actor)) return failure({ cadence: ADMINS_ONLY });
  const parsed = ScheduleFields.safeParse(blankToUndefined(input));
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const data = parsed.data;
  const scope = await resolveScope(db, actor.workspaceId, data.teams, data.objectives);
  if (!scope.ok) return scope;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.schedule.create({
      data: {
        workspaceId: actor.workspaceId,
        kind: PROMPT_KIND,
        cadence: data.cadence,
        dayOfWeek: data.day,
        localTime: data.time,
        scope: scopeJson(scope.value),
        firstReminderDays: data.firstReminder,
        secondReminderDays: data.secondReminder,
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'schedule',
      entityId: created.id,
      entityRef: scheduleRef(created.id),
      after: { cadence: data.cadence, day: data.day, time: data.time, scope: created.scope },
    });
    return created;
  });
  return success(await view(db, row));
}

async function findSchedule(db: Db, workspaceId: number, ref: string | undefined) {
  const match = /^s-?(\d{1,9})$/i.exec((ref ?? '').trim());
  if (!match) return null;
  return db.schedule.findFirst({ where: { id: Number(match[1]), workspaceId, kind: PROMPT_KIND } });
}

const notFound = (ref: string | undefined) =>
  failure<never>({
    schedule: ref
      ? `There is no schedule ${ref.slice(0, 20)}; \`/okr schedule\` lists them.`
      : 'Name the schedule, e.g. S-1.',
  });

export async function editSchedule(
  db: Db,
  actor: Actor,
  input: ScheduleEditInput,
): Promise<Outcome<ScheduleView>> {
  if (!isAdmin(actor)) return failure({ schedule: ADMINS_ONLY });
  const row = await findSchedule(db, actor.workspaceId, input.schedule);
  if (!row) return notFound(input.schedule);
  const given = blankToUndefined({ ...input, schedule: undefined });
  const parsed = ScheduleFields.partial().safeParse(given);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  // Only fields actually given change; defaults of the add form must not overwrite stored values.
  const data = Object.fromEntries(Object.entries(parsed.data).filter(([key]) => key in given)) as Partial<
    z.output<typeof ScheduleFields>
  >;
  let scope: string | undefined;
  const everyone = [input.teams, input.objectives].some((text) => text?.trim().toLowerCase() === 'everyone');
  if (everyone) scope = '{}';
  else if (data.teams !== undefined || data.objectives !== undefined) {
    const resolved = await resolveScope(db, actor.workspaceId, data.teams, data.objectives);
    if (!resolved.ok) return resolved;
    scope = scopeJson(resolved.value);
  }
  if (
    input.teams?.trim().toLowerCase() === 'everyone' ||
    input.objectives?.trim().toLowerCase() === 'everyone'
  )
    scope = '{}';
  const changes = {
    ...(data.cadence ? { cadence: data.cadence } : {}),
    ...(data.day ? { dayOfWeek: data.day } : {}),
    ...(data.time ? { localTime: data.time } : {}),
    ...(data.firstReminder !== undefined ? { firstReminderDays: data.firstReminder } : {}),
    ...(data.secondReminder !== undefined ? { secondReminderDays: data.secondReminder } : {}),
    ...(scope !== undefined ? { scope } : {}),
  };
  const updated = await db.$transaction(async (tx) => {
    const next = await tx.schedule.update({ where: { id: row.id }, data: changes });
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'schedule',
      entityId: row.id,
      entityRef: scheduleRef(row.id),
      before: Object.fromEntries(Object.keys(changes).map((key) => [key, row[key as keyof typeof row]])),
      after: changes,
    });
    return next;
  });
  return success(await view(db, updated));
}

export async function setScheduleActive(
  db: Db,
  actor: Actor,
  ref: string | undefined,
  active: boolean,
): Promise<Outcome<ScheduleView>> {
  if (!isAdmin(actor)) return failure({ schedule: ADMINS_ONLY });
  const row = await findSchedule(db, actor.workspaceId, ref);
  if (!row) return notFound(ref);
  const updated = await db.$transaction(async (tx) => {
    const next = await tx.schedule.update({ where: { id: row.id }, data: { active } });
    await recordAudit(tx, actor, {
      action: active ? 'restore' : 'archive',
      entityType: 'schedule',
      entityId: row.id,
      entityRef: scheduleRef(row.id),
      before: { active: row.active },
      after: { active },
    });
    return next;
  });
  return success(await view(db, updated));
}

export async function removeSchedule(
  db: Db,
  actor: Actor,
  ref: string | undefined,
): Promise<Outcome<{ ref: string }>> {
  if (!isAdmin(actor)) return failure({ schedule: ADMINS_ONLY });
  const row = await findSchedule(db, actor.workspaceId, ref);
  if (!row) return notFound(ref);
  await db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'schedule',
      entityId: row.id,
      entityRef: scheduleRef(row.id),
      before: { cadence: row.cadence, day: row.dayOfWeek, time: row.localTime, scope: row.scope },
    });
  });
  return success({ ref: scheduleRef(row.id) });
}
