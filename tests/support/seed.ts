// The starting point most end-to-end files share: people Okra has met and the current cycle 2026 Q1
// (1 January to 31 March 2026; the harness clock reads 11 February). One builder instead of the same
// block pasted into every file; seedCycle and seedKeyResults write a plan straight into any database
// (a harness's, a child process's or an integration test's).
import type { Db } from '../../src/db/client.ts';
import type { Harness } from './harness.ts';

export interface Quarter {
  workspaceId: number;
  cycleId: number;
  /** Each person's member id, by Slack user id. */
  members: Record<string, number>;
}

/**
 * People become members the way they do in Slack, by talking to Okra (`/okr help`); the cycle is
 * written directly so that no audit entry or reply precedes what a test looks at.
 */
export async function seedQuarter(h: Harness, people: readonly string[]): Promise<Quarter> {
  for (const person of people) await h.command(person, 'help');
  const workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const rows = await h.db.member.findMany({ where: { workspaceId, slackUserId: { in: [...people] } } });
  const members = Object.fromEntries(rows.map((row) => [row.slackUserId, row.id]));
  const cycle = await h.db.cycle.create({
    data: {
      workspaceId,
      name: '2026 Q1',
      startDate: new Date('2026-01-01'),
      endDate: new Date('2026-03-31'),
      isCurrent: true,
    },
  });
  return { workspaceId, cycleId: cycle.id, members };
}

export interface CycleSpec {
  name: string;
  start: string | Date;
  end: string | Date;
}

export interface ObjectiveSpec {
  title: string;
  /** Past the grace period new items get before they are flagged, when a test needs that. */
  createdAt?: Date;
}

/** A key result of kind `increase` unless said otherwise. */
export interface KeyResultSpec {
  title: string;
  ownerId?: number | null;
  kind?: string;
  targetValue?: number;
  currentValue?: number | null;
  unit?: string;
  createdAt?: Date;
}

export interface SeededCycle {
  cycleId: number;
  /** The first objective's id. */
  objectiveId: number;
  /** O-1, O-2 … in the order given. */
  objectiveIds: number[];
}

/** Moves a short-id counter on by `count`, as `nextNumber` would for each row; the value it had before. */
async function advanceCounter(db: Db, workspaceId: number, name: string, count: number): Promise<number> {
  if (count === 0) return 0;
  const counter = await db.counter.upsert({
    where: { workspaceId_name: { workspaceId, name } },
    create: { workspaceId, name, value: count },
    update: { value: { increment: count } },
  });
  return counter.value - count;
}

/**
 * The current cycle and its company objectives (one, "Grow", unless given), written directly so that no
 * audit entry or reply precedes what a test looks at. Numbers come from the short-id counters, which move
 * on as `objective add` would move them.
 */
export async function seedCycle(
  db: Db,
  workspaceId: number,
  cycle: CycleSpec,
  objectives: readonly ObjectiveSpec[] = [{ title: 'Grow' }],
): Promise<SeededCycle> {
  const { id: cycleId } = await db.cycle.create({
    data: {
      workspaceId,
      name: cycle.name,
      startDate: new Date(cycle.start),
      endDate: new Date(cycle.end),
      isCurrent: true,
    },
  });
  const before = await advanceCounter(db, workspaceId, 'objective', objectives.length);
  const objectiveIds: number[] = [];
  for (const [index, objective] of objectives.entries()) {
    const row = await db.objective.create({
      data: { workspaceId, number: before + index + 1, cycleId, level: 'company', ...objective },
    });
    objectiveIds.push(row.id);
  }
  return { cycleId, objectiveId: objectiveIds[0]!, objectiveIds };
}

/** Key results under one objective, numbered from the counter (KR-1 … on a fresh workspace); their ids in order. */
export async function seedKeyResults(
  db: Db,
  workspaceId: number,
  objectiveId: number,
  keyResults: readonly KeyResultSpec[],
): Promise<number[]> {
  const before = await advanceCounter(db, workspaceId, 'key_result', keyResults.length);
  const rows = await db.keyResult.createManyAndReturn({
    data: keyResults.map((keyResult, index) => ({
      workspaceId,
      objectiveId,
      number: before + index + 1,
      kind: 'increase',
      ...keyResult,
    })),
    select: { id: true, number: true },
  });
  return rows.sort((a, b) => a.number - b.number).map((row) => row.id);
}

/**
 * One member in UTC per Slack user id (created, or moved to UTC where Okra has met them), each owning one
 * key result "KR of <user>" with a target of 10 under the objective: the owners a prompt fan-out reaches.
 */
export async function seedOwnersInUtc(
  db: Db,
  workspaceId: number,
  objectiveId: number,
  slackUserIds: readonly string[],
): Promise<void> {
  const ours = { workspaceId, slackUserId: { in: [...slackUserIds] } };
  await db.member.updateMany({ where: ours, data: { tz: 'UTC' } });
  const known = new Set((await db.member.findMany({ where: ours })).map((member) => member.slackUserId));
  await db.member.createMany({
    data: slackUserIds
      .filter((slackUserId) => !known.has(slackUserId))
      .map((slackUserId) => ({ workspaceId, slackUserId, tz: 'UTC' })),
  });
  const memberOf = new Map((await db.member.findMany({ where: ours })).map((m) => [m.slackUserId, m.id]));
  await seedKeyResults(
    db,
    workspaceId,
    objectiveId,
    slackUserIds.map((user) => ({ title: `KR of ${user}`, ownerId: memberOf.get(user)!, targetValue: 10 })),
  );
}

/** The first quarter of 2026 (the harness clock reads 11 February). */
export const Q1_2026: CycleSpec = { name: 'Q1', start: '2026-01-01', end: '2026-03-31' };

/** The first half of 2026, the cycle the check-in tests run in. */
export const H1_2026: CycleSpec = { name: 'H1', start: '2026-01-01', end: '2026-06-30' };

const DAY = 86_400_000;

/** A cycle running now by the real clock, for Okra in a child process (it has no test clock): 45 days each way. */
export function cycleAroundNow(): CycleSpec {
  const now = Date.now();
  return { name: 'Now', start: new Date(now - 45 * DAY), end: new Date(now + 45 * DAY) };
}

/** Thirty days ago: an item created then is past the grace period new items get before they are flagged. */
export function monthAgo(): Date {
  return new Date(Date.now() - 30 * DAY);
}
