// The check-in prompt run: for every active schedule, each owner of items in scope whose local prompt time
// has come (within the catch-up bound), who is not paused and has something due, gets one prompt for the
// period. The CheckInPrompt row and the outbox notice are written in one transaction under unique keys, so
// a tick that runs twice, late, or on two instances at once prompts nobody twice.
import type { Db, Tx } from '../db/client.ts';
import { insertRows, integer } from '../db/queries/bulk-insert.ts';
import { pausesOf } from '../db/queries/pauses.ts';
import {
  dueItems,
  type PromptableItem,
  parseScope,
  type ScheduleScope,
} from '../domain/check-ins/due-items.ts';
import { isPaused, type PauseWindow } from '../domain/check-ins/pauses.ts';
import {
  duePrompt,
  nextOccurrence,
  type Occurrence,
  type PromptTiming,
  wallClockInstant,
} from '../domain/check-ins/schedule-time.ts';
import { isoFromDate } from '../domain/dates.ts';
import { localDate, periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { zoneFor } from '../domain/time-zones.ts';
import { currentCycle } from './cycles.ts';
import { enqueue, type Notice } from './outbox.ts';
import { failure, type Outcome, success } from './outcome.ts';
import { PROMPT_KIND } from './schedules.ts';

/** The outbox's enqueue, passed in so tests can watch what a run records. */
export type Enqueue = (tx: Tx, workspaceId: number, notices: readonly Notice[]) => Promise<void>;
export type PromptNotice = Notice;

/** Items listed one by one in a prompt; the rest are counted, so the DM stays within 50 blocks. */
export const PROMPT_ITEM_LIMIT = 15;

export interface PromptItem {
  ref: string;
  title: string;
  kind: string;
  unit: string;
  /** The last value (key results) or reading (KPIs), if any. */
  last: number | null;
  status: string | null;
  reason: string | null;
}

/** The prompt DM's payload: domain data only; src/slack/notices renders it. */
export interface PromptPayload {
  period: string;
  scheduleId: number;
  /** prompted | done | skipped | reminder | snoozed */
  state: string;
  items: PromptItem[];
  /** How many items are due in all (items holds the first PROMPT_ITEM_LIMIT). */
  total: number;
  reminder?: number;
}

export const promptKey = (scheduleId: number, period: string, slackUserId: string) =>
  `prompt:${scheduleId}:${period}:${slackUserId}`;

export interface PromptRunSettings {
  defaultTimeZone: string;
}

export interface PromptRunOptions {
  /** `/okr checkin send`: this period's prompts now, to those not yet prompted, whatever the hour. */
  now?: boolean;
  scheduleId?: number;
}

export interface PromptRunResult {
  prompted: number;
  /** Owners of due items who have left the workspace, reported to the PMO once. */
  departed: number;
}

export interface Loaded {
  items: PromptableItem[];
  details: Map<string, PromptItem>;
}

const itemKey = (type: string, id: number) => `${type}:${id}`;

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Active key results of the current cycle and active KPIs, with the periods already answered. */
export async function loadItems(db: Db, workspaceId: number, since: Date): Promise<Loaded> {
  const cycle = await currentCycle(db, workspaceId);
  const krs = cycle
    ? await db.keyResult.findMany({
        where: {
          workspaceId,
          archivedAt: null,
          ownerId: { not: null },
          objective: { archivedAt: null, cycleId: cycle.id },
        },
        select: {
          id: true,
          number: true,
          title: true,
          kind: true,
          unit: true,
          ownerId: true,
          currentValue: true,
          objectiveId: true,
          objective: { select: { teamId: true } },
          checkIns: { where: { date: { gte: since } }, select: { period: true } },
        },
      })
    : [];
  const kpis = await db.kpi.findMany({
    where: { workspaceId, archivedAt: null, ownerId: { not: null } },
    select: {
      id: true,
      number: true,
      title: true,
      unit: true,
      ownerId: true,
      teamId: true,
      cadence: true,
      readings: { orderBy: { date: 'desc' }, take: 6, select: { period: true, value: true } },
    },
  });
  const statuses = await db.itemStatus.findMany({
    where: { workspaceId, itemType: { in: ['key_result', 'kpi'] } },
  });
  const statusOf = new Map(statuses.map((row) => [itemKey(row.itemType, row.itemId), row]));
  const reasonOf = (type: string, id: number) => {
    const row = statusOf.get(itemKey(type, id));
    if (!row) return { status: null, reason: null };
    let reason: string | null = null;
    try {
      const reasons = JSON.parse(row.reasons) as unknown;
      if (Array.isArray(reasons) && typeof reasons[0] === 'string') reason = reasons[0];
    } catch {
      reason = null;
    }
    return { status: row.status, reason };
  };
  const items: PromptableItem[] = [];
  const details = new Map<string, PromptItem>();
  for (const kr of krs) {
    items.push({
      type: 'key_result',
      id: kr.id,
      ownerId: kr.ownerId,
      objectiveId: kr.objectiveId,
      teamId: kr.objective.teamId,
      cadence: 'weekly',
      answeredPeriods: new Set(kr.checkIns.map((c) => c.period)),
    });
    details.set(itemKey('key_result', kr.id), {
      ref: formatShortId('key_result', kr.number),
      title: kr.title,
      kind: kr.kind,
      unit: kr.unit,
      last: kr.currentValue,
      ...reasonOf('key_result', kr.id),
    });
  }
  for (const kpi of kpis) {
    items.push({
      type: 'kpi',
      id: kpi.id,
      ownerId: kpi.ownerId,
      objectiveId: null,
      teamId: kpi.teamId,
      cadence: kpi.cadence === 'monthly' ? 'monthly' : 'weekly',
      answeredPeriods: new Set(kpi.readings.map((r) => r.period)),
    });
    details.set(itemKey('kpi', kpi.id), {
      ref: formatShortId('kpi', kpi.number),
      title: kpi.title,
      kind: 'kpi',
      unit: kpi.unit,
      last: kpi.readings[0]?.value ?? null,
      ...reasonOf('kpi', kpi.id),
    });
  }
  return { items, details };
}

function timingOf(schedule: {
  cadence: string;
  dayOfWeek: number;
  localTime: string;
  createdAt: Date;
}): PromptTiming {
  return {
    cadence: schedule.cadence === 'biweekly' ? 'biweekly' : 'weekly',
    dayOfWeek: schedule.dayOfWeek,
    localTime: schedule.localTime,
    anchorDate: isoFromDate(schedule.createdAt),
  };
}

/** For `/okr checkin send`: this week's period in the person's zone, due now. */
function occurrenceNow(at: Date, zone: string): Occurrence {
  return { at, period: periodOf(at, 'weekly', zone), localDate: localDate(at, zone) };
}

export interface DueOwner {
  memberId: number;
  slackUserId: string;
  active: boolean;
  zone: string;
  occurrence: Occurrence;
  /** When the period this occurrence opens ends: the schedule's next occurrence in the owner's zone. */
  periodEndsAt: Date;
  items: PromptItem[];
}

/** Who is due a prompt from one schedule at `at`, and with what. Reads only. */
export async function dueOwners(
  db: Db,
  schedule: {
    id: number;
    workspaceId: number;
    cadence: string;
    dayOfWeek: number;
    localTime: string;
    scope: string;
    createdAt: Date;
  },
  loaded: Loaded,
  at: Date,
  settings: PromptRunSettings & { workspaceZone?: string | null },
  options: PromptRunOptions = {},
): Promise<DueOwner[]> {
  const { items, details } = loaded;
  const scope: ScheduleScope = parseScope(schedule.scope);
  const ownerIds = [...new Set(items.map((item) => item.ownerId).filter((id): id is number => id !== null))];
  if (ownerIds.length === 0) return [];
  const members = await db.member.findMany({ where: { id: { in: ownerIds } } });
  const pauses: Map<number, PauseWindow[]> = await pausesOf(db, ownerIds);
  const timing = timingOf(schedule);
  // Each owner's items, and each zone's occurrence, worked out once: not once per owner.
  const itemsOf = new Map<number, PromptableItem[]>();
  for (const item of items) {
    if (item.ownerId === null) continue;
    const list = itemsOf.get(item.ownerId);
    if (list) list.push(item);
    else itemsOf.set(item.ownerId, [item]);
  }
  const occurrences = new Map<string, { occurrence: Occurrence; periodEndsAt: Date } | null>();
  const occurrenceIn = (zone: string) => {
    let found = occurrences.get(zone);
    if (found === undefined) {
      const occurrence = options.now ? occurrenceNow(at, zone) : duePrompt(timing, zone, at);
      found = occurrence && {
        occurrence,
        periodEndsAt: nextOccurrence(timing, zone, occurrence.at).at,
      };
      occurrences.set(zone, found);
    }
    return found;
  };

  const due: DueOwner[] = [];
  for (const member of members) {
    const zone = zoneFor(member.tz, settings.workspaceZone, settings.defaultTimeZone).zone;
    const found = occurrenceIn(zone);
    if (!found) continue;
    const { occurrence, periodEndsAt } = found;
    if (isPaused(pauses.get(member.id) ?? [], occurrence.localDate)) continue;
    const mine = dueItems(
      itemsOf.get(member.id) ?? [],
      member.id,
      scope,
      occurrence.period,
      occurrence.localDate,
    );
    if (mine.length === 0) continue;
    due.push({
      memberId: member.id,
      slackUserId: member.slackUserId,
      active: member.active,
      zone,
      occurrence,
      periodEndsAt,
      items: mine.map((item) => details.get(itemKey(item.type, item.id))!),
    });
  }
  return due;
}

export function promptPayload(
  scheduleId: number,
  period: string,
  items: readonly PromptItem[],
  state = 'prompted',
): PromptPayload {
  return { period, scheduleId, state, items: items.slice(0, PROMPT_ITEM_LIMIT), total: items.length };
}

/**
 * Prompts everyone due in one workspace. Each owner's prompt row and notice are written together; a row
 * already there (this tick ran before, or another instance got there first) means nothing more to do.
 */
export async function runPrompts(
  db: Db,
  workspaceId: number,
  at: Date,
  settings: PromptRunSettings,
  enqueue: Enqueue,
  pmoChannel: string | null,
  options: PromptRunOptions = {},
): Promise<PromptRunResult> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  const schedules = await db.schedule.findMany({
    where: {
      workspaceId,
      kind: PROMPT_KIND,
      active: true,
      ...(options.scheduleId ? { id: options.scheduleId } : {}),
    },
  });
  const workspaceZone = workspace.timeZone;
  let prompted = 0;
  let departed = 0;
  // Most minutes nobody's prompt time has come in any zone: find that out from the zones alone, without
  // loading every item of the workspace.
  const zones = (
    await db.member.findMany({ where: { workspaceId }, distinct: ['tz'], select: { tz: true } })
  ).map((member) => zoneFor(member.tz, workspaceZone, settings.defaultTimeZone).zone);
  const dueSchedules = options.now
    ? schedules
    : schedules.filter((schedule) => zones.some((zone) => duePrompt(timingOf(schedule), zone, at) !== null));
  if (dueSchedules.length === 0) return { prompted, departed };
  const loaded = await loadItems(db, workspaceId, new Date(at.getTime() - 40 * 86_400_000));
  for (const schedule of dueSchedules) {
    const owners = await dueOwners(db, schedule, loaded, at, { ...settings, workspaceZone }, options);
    for (const owner of owners) {
      if (!owner.active && pmoChannel && (await reportDeparted(db, workspaceId, owner, pmoChannel, enqueue)))
        departed++;
    }
    prompted += await promptAll(
      db,
      workspaceId,
      schedule,
      owners.filter((owner) => owner.active),
      at,
      enqueue,
    );
  }
  return { prompted, departed };
}

/** Owners written per transaction: one commit per owner would make a 10,000-person fan-out crawl. */
const PROMPT_BATCH = 200;
/**
 * Another instance's batch may hold SQLite's single writer lock for a while: wait for it rather than fail
 * at Prisma's default 2 s / 5 s.
 */
const BATCH_TRANSACTION = { maxWait: 30_000, timeout: 60_000 };

async function promptAll(
  db: Db,
  workspaceId: number,
  schedule: { id: number; cadence: string; dayOfWeek: number; localTime: string; createdAt: Date },
  owners: readonly DueOwner[],
  at: Date,
  enqueue: Enqueue,
): Promise<number> {
  if (owners.length === 0) return 0;
  const periods = [...new Set(owners.map((owner) => owner.occurrence.period))];
  const done = new Set(
    (
      await db.checkInPrompt.findMany({
        where: { scheduleId: schedule.id, period: { in: periods } },
        select: { memberId: true, period: true },
      })
    ).map((row) => `${row.memberId}:${row.period}`),
  );
  const fresh = owners.filter((owner) => !done.has(`${owner.memberId}:${owner.occurrence.period}`));
  let prompted = 0;
  for (let start = 0; start < fresh.length; start += PROMPT_BATCH) {
    const batch = fresh.slice(start, start + PROMPT_BATCH);
    try {
      await db.$transaction(async (tx) => {
        await insertRows(
          tx,
          'CheckInPrompt',
          PROMPT_COLUMNS,
          batch.map((owner) => {
            const row = promptRow(workspaceId, schedule, owner, at);
            return PROMPT_COLUMNS.map((column) =>
              typeof row[column] === 'number' ? integer(row[column]) : row[column],
            );
          }),
        );
        await enqueue(
          tx,
          workspaceId,
          batch.map((owner) => promptNotice(schedule.id, owner)),
        );
      }, BATCH_TRANSACTION);
      prompted += batch.length;
    } catch {
      // Another instance wrote some of these a moment ago: one by one, each settled by its unique row.
      for (const owner of batch)
        if (await promptOnce(db, workspaceId, schedule, owner, at, enqueue)) prompted++;
    }
  }
  return prompted;
}

/** The columns of a prompt row, all given (see insertRows). */
const PROMPT_COLUMNS = [
  'workspaceId',
  'scheduleId',
  'memberId',
  'period',
  'localDate',
  'timeZone',
  'dueAt',
  'periodEndsAt',
  'createdAt',
] as const;

function promptRow(
  workspaceId: number,
  schedule: { id: number; cadence: string; dayOfWeek: number; localTime: string; createdAt: Date },
  owner: DueOwner,
  at: Date,
) {
  return {
    workspaceId,
    scheduleId: schedule.id,
    memberId: owner.memberId,
    period: owner.occurrence.period,
    localDate: owner.occurrence.localDate,
    timeZone: owner.zone,
    dueAt: owner.occurrence.at,
    periodEndsAt: owner.periodEndsAt,
    createdAt: at,
  };
}

function promptNotice(scheduleId: number, owner: DueOwner): PromptNotice {
  return {
    key: promptKey(scheduleId, owner.occurrence.period, owner.slackUserId),
    kind: 'checkin-prompt',
    to: { user: owner.slackUserId },
    payload: promptPayload(scheduleId, owner.occurrence.period, owner.items),
  };
}

async function promptOnce(
  db: Db,
  workspaceId: number,
  schedule: { id: number; cadence: string; dayOfWeek: number; localTime: string; createdAt: Date },
  owner: DueOwner,
  at: Date,
  enqueue: Enqueue,
): Promise<boolean> {
  const { period } = owner.occurrence;
  const existing = await db.checkInPrompt.findUnique({
    where: { scheduleId_memberId_period: { scheduleId: schedule.id, memberId: owner.memberId, period } },
  });
  if (existing) return false;
  try {
    await db.$transaction(async (tx) => {
      await tx.checkInPrompt.create({ data: promptRow(workspaceId, schedule, owner, at) });
      await enqueue(tx, workspaceId, [promptNotice(schedule.id, owner)]);
    }, BATCH_TRANSACTION);
    return true;
  } catch (error) {
    // Another instance prompted this person for this period a moment ago: the unique row says so.
    const again = await db.checkInPrompt.findUnique({
      where: { scheduleId_memberId_period: { scheduleId: schedule.id, memberId: owner.memberId, period } },
    });
    if (again) return false;
    throw error;
  }
}

/** Items of someone who left Slack go to the PMO channel, once per person (not once per week). */
async function reportDeparted(
  db: Db,
  workspaceId: number,
  owner: DueOwner,
  channel: string,
  enqueue: Enqueue,
): Promise<boolean> {
  const key = `checkin-departed:${owner.slackUserId}`;
  if (await db.outbox.findFirst({ where: { workspaceId, key }, select: { id: true } })) return false;
  await db.$transaction((tx) =>
    enqueue(tx, workspaceId, [
      {
        key,
        kind: 'checkin-departed',
        to: { channel },
        payload: {
          slackUserId: owner.slackUserId,
          items: owner.items.slice(0, PROMPT_ITEM_LIMIT),
          total: owner.items.length,
        },
      },
    ]),
  );
  return true;
}

/**
 * The notices that update a person's prompts of a period in place (chat.update via `replaces`) once they
 * checked in or skipped: written in the same transaction as the check-in or skip.
 */
export async function settlePrompts(
  tx: Tx,
  workspaceId: number,
  member: { memberId: number; slackUserId: string },
  period: string,
  state: 'done' | 'skipped',
  at: Date,
  enqueue: Enqueue,
): Promise<void> {
  const prompts = await tx.checkInPrompt.findMany({
    where: { memberId: member.memberId, period, state: 'prompted' },
  });
  if (prompts.length === 0) return;
  await tx.checkInPrompt.updateMany({
    where: { id: { in: prompts.map((prompt) => prompt.id) } },
    data: { state, answeredAt: at },
  });
  await enqueue(
    tx,
    workspaceId,
    prompts.map((prompt) => {
      const key = promptKey(prompt.scheduleId, period, member.slackUserId);
      return {
        key: `${key}:${state}`,
        kind: 'checkin-prompt',
        to: { user: member.slackUserId },
        replaces: key,
        payload: { ...promptPayload(prompt.scheduleId, period, [], state), total: 0 },
      };
    }),
  );
}

/**
 * "Snooze until tomorrow": the prompt again tomorrow at the schedule's local time, as long as that is
 * still within the period. Snoozing twice on the same day asks once.
 */
export async function snoozePrompt(
  db: Db,
  actor: { workspaceId: number; memberId: number; slackUserId: string },
  scheduleId: number,
  period: string,
  at: Date,
): Promise<Outcome<{ until: Date }>> {
  const prompt = await db.checkInPrompt.findUnique({
    where: { scheduleId_memberId_period: { scheduleId, memberId: actor.memberId, period } },
    include: { schedule: true },
  });
  if (!prompt || prompt.workspaceId !== actor.workspaceId)
    return failure({ period: 'There is no check-in prompt of yours to snooze.' });
  if (prompt.state !== 'prompted')
    return failure({
      period: `Your check-in for ${period} is already ${prompt.state === 'done' ? 'done' : 'skipped'}.`,
    });
  const tomorrow = addDays(localDate(at, prompt.timeZone), 1);
  const until = wallClockInstant(tomorrow, prompt.schedule.localTime, prompt.timeZone);
  if (until.getTime() >= prompt.periodEndsAt.getTime())
    return failure({ period: `Tomorrow the check-in for ${period} is over; check in now or skip the week.` });
  const loaded = await loadItems(db, actor.workspaceId, new Date(at.getTime() - 40 * 86_400_000));
  const items = dueItems(
    loaded.items,
    actor.memberId,
    parseScope(prompt.schedule.scope),
    period,
    prompt.localDate,
  );
  await db.$transaction((tx) =>
    enqueue(tx, actor.workspaceId, [
      {
        key: `${promptKey(scheduleId, period, actor.slackUserId)}:snooze:${tomorrow}`,
        kind: 'checkin-prompt',
        to: { user: actor.slackUserId },
        payload: promptPayload(
          scheduleId,
          period,
          items.map((item) => loaded.details.get(itemKey(item.type, item.id))!),
          'snoozed',
        ),
        notBefore: until,
      },
    ]),
  );
  return success({ until });
}
