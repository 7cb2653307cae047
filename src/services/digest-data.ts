// What a digest reads: the cycle's objectives and key results with their STORED statuses (the engine ran at
// check-in time and in the hourly sweep; the digest never re-evaluates), check-ins for progress and
// completion, open risks, KPIs and the previous digest's snapshot. A handful of whole-cycle queries, no
// per-item queries and no id lists (which would grow with the portfolio and hit SQLite's parameter limit).

import type { Db } from '../db/client.ts';
import {
  changeSince,
  cycleWeekEnds,
  cycleWeekOf,
  type DigestInput,
  type DigestKeyResultInput,
  type DigestObjectiveInput,
  type DigestScope,
  type DigestSnapshot,
  progressFromFigures,
  rollupProgress,
  valuesAt,
} from '../domain/digest/index.ts';
import { periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import {
  expectedProgress,
  kpiBand,
  type ProgressCurve,
  parseStatusLevel,
  type StatusLevel,
  weightedMean,
} from '../domain/status/index.ts';
import { parseKrKind } from '../domain/vocabulary.ts';
import { riskScore } from './risks.ts';
import { cycleInput } from './status-inputs.ts';

/** A scope as stored: ids only; names are looked up when the digest is made, so renames show. */
export type StoredScope =
  | { kind: 'everything' }
  | { kind: 'team'; teamId: number }
  | { kind: 'objective'; objectiveId: number };

const asLevel = (status: string | undefined): StatusLevel | null => parseStatusLevel(status);

function reasonsOf(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** One objective with its stored status. */
interface ObjectiveStatusRow {
  id: number;
  number: number;
  title: string;
  teamId: number | null;
  ownerId: number | null;
  parentId: number | null;
  status: string | null;
}

/** One key result with its stored status and what its check-ins add up to, aggregated by the database. */
interface KeyResultRow {
  id: number;
  number: number;
  title: string;
  objectiveId: number;
  ownerId: number | null;
  kind: string;
  startValue: number;
  targetValue: number;
  currentValue: number | null;
  weight: number;
  curve: string;
  status: string | null;
  latestValue: number | null;
  /** Check-ins and how many held the limit: stay_above and stay_below only. */
  checkIns: number | bigint | null;
  held: number | bigint | null;
  thisPeriod: number | bigint;
  latestComment: string | null;
}

interface RiskRow {
  number: number;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  ownerId: number | null;
  objectiveId: number | null;
  keyResultId: number | null;
  kpiId: number | null;
  objectiveNumber: number | null;
  keyResultNumber: number | null;
  kpiNumber: number | null;
}

interface KpiRow {
  id: number;
  number: number;
  title: string;
  unit: string;
  teamId: number | null;
  ownerId: number | null;
  direction: string;
  green: number;
  amber: number;
  latestValue: number | null;
}

const numberOrNull = (value: number | bigint | null): number | null =>
  value === null ? null : Number(value);

/** A latest comment is news for four weeks; older ones are not repeated in a digest. */
const COMMENT_WINDOW_MS = 28 * 86_400_000;

export type DigestDataResult =
  | { ok: true; input: DigestInput }
  | { ok: false; reason: 'no_current_cycle' | 'scope_gone' };

export interface DigestDataRequest {
  workspaceId: number;
  scope: StoredScope;
  at: Date;
  period: string;
  timeZone: string;
  previous: DigestSnapshot | null;
}

export async function loadDigestInput(db: Db, request: DigestDataRequest): Promise<DigestDataResult> {
  const { workspaceId, at } = request;
  const cycle = await db.cycle.findFirst({ where: { workspaceId, isCurrent: true } });
  if (!cycle) return { ok: false, reason: 'no_current_cycle' };
  const cycleId = cycle.id;
  const period = periodOf(at, 'weekly', request.timeZone);

  const [objectiveRows, keyResultRows, milestoneRows, kpiStatusRows, members, teams, riskRows, kpiRows] =
    await Promise.all([
      // Objectives and key results come with their stored status (not its reasons: a digest shows the reasons
      // of the few items that changed, read below), as plain rows.
      db.$queryRaw<ObjectiveStatusRow[]>`
        SELECT o."id", o."number", o."title", o."teamId", o."ownerId", o."parentId", s."status"
        FROM "Objective" o
        LEFT JOIN "ItemStatus" s ON s."workspaceId" = o."workspaceId" AND s."itemType" = 'objective'
          AND s."itemId" = o."id"
        WHERE o."workspaceId" = ${workspaceId} AND o."cycleId" = ${cycleId} AND o."archivedAt" IS NULL
        ORDER BY o."number"`,
      // The key results with what the digest needs from their check-ins, each figure read through the
      // check-ins' (keyResultId, period) index for that key result alone: the newest value only where there is
      // no current value (imported plans), counts only for the kinds that are about holding a limit, whether
      // this period has one, and the newest comment still worth repeating. One row per key result; no pass
      // over the whole cycle's check-ins, and no join against a grouped query (which PostgreSQL without fresh
      // statistics planned as a loop re-running the grouping).
      db.$queryRaw<KeyResultRow[]>`
        SELECT k."id", k."number", k."title", k."objectiveId", k."ownerId", k."kind", k."startValue",
          k."targetValue", k."currentValue", k."weight", k."curve", s."status",
          CASE WHEN k."currentValue" IS NULL THEN
            (SELECT c."value" FROM "CheckIn" c WHERE c."keyResultId" = k."id"
              ORDER BY c."date" DESC, c."createdAt" DESC LIMIT 1)
          END AS "latestValue",
          CASE WHEN k."kind" IN ('stay_above', 'stay_below') THEN
            (SELECT COUNT(*) FROM "CheckIn" c WHERE c."keyResultId" = k."id")
          END AS "checkIns",
          CASE WHEN k."kind" IN ('stay_above', 'stay_below') THEN
            (SELECT COUNT(*) FROM "CheckIn" c WHERE c."keyResultId" = k."id"
              AND ((k."kind" = 'stay_above' AND c."value" >= k."targetValue")
                OR (k."kind" = 'stay_below' AND c."value" <= k."targetValue")))
          END AS "held",
          CASE WHEN EXISTS (SELECT 1 FROM "CheckIn" c WHERE c."keyResultId" = k."id" AND c."period" = ${period})
            THEN 1 ELSE 0 END AS "thisPeriod",
          (SELECT c."comment" FROM "CheckIn" c WHERE c."keyResultId" = k."id" AND c."comment" <> ''
              AND c."date" >= ${new Date(at.getTime() - COMMENT_WINDOW_MS)}
            ORDER BY c."date" DESC, c."createdAt" DESC LIMIT 1) AS "latestComment"
        FROM "KeyResult" k
        JOIN "Objective" o ON o."id" = k."objectiveId"
        LEFT JOIN "ItemStatus" s ON s."workspaceId" = k."workspaceId" AND s."itemType" = 'key_result'
          AND s."itemId" = k."id"
        WHERE o."cycleId" = ${cycleId} AND k."archivedAt" IS NULL AND o."archivedAt" IS NULL
        ORDER BY k."number"`,
      db.milestone.findMany({
        where: { keyResult: { workspaceId, archivedAt: null, objective: { cycleId } } },
        select: { keyResultId: true, weight: true, done: true },
      }),
      db.itemStatus.findMany({
        where: { workspaceId, itemType: 'kpi' },
        select: { itemId: true, status: true, reasons: true },
      }),
      db.member.findMany({ where: { workspaceId }, select: { id: true, name: true, slackUserId: true } }),
      db.team.findMany({ where: { workspaceId }, select: { id: true, name: true } }),
      // Open risks with the short id of what each threatens, and KPIs with their newest reading: one plain
      // query each (Prisma's nested selects are a query per relation and an object per reading).
      db.$queryRaw<RiskRow[]>`
        SELECT r."number", r."title", r."description", r."likelihood", r."impact", r."ownerId",
          r."objectiveId", r."keyResultId", r."kpiId", o."number" AS "objectiveNumber",
          k."number" AS "keyResultNumber", p."number" AS "kpiNumber"
        FROM "Risk" r
        LEFT JOIN "Objective" o ON o."id" = r."objectiveId"
        LEFT JOIN "KeyResult" k ON k."id" = r."keyResultId"
        LEFT JOIN "Kpi" p ON p."id" = r."kpiId"
        WHERE r."workspaceId" = ${workspaceId} AND r."status" IN ('open', 'mitigating')
        ORDER BY r."id"`,
      db.$queryRaw<KpiRow[]>`
        SELECT p."id", p."number", p."title", p."unit", p."teamId", p."ownerId", p."direction", p."green",
          p."amber",
          (SELECT r."value" FROM "KpiReading" r WHERE r."kpiId" = p."id" ORDER BY r."date" DESC LIMIT 1)
            AS "latestValue"
        FROM "Kpi" p
        WHERE p."workspaceId" = ${workspaceId} AND p."archivedAt" IS NULL
        ORDER BY p."number"`,
    ]);

  const nameOf = new Map(members.map((m) => [m.id, m.name.trim() || m.slackUserId]));
  const owner = (id: number | null) => (id === null ? null : (nameOf.get(id) ?? null));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const kpiStatus = new Map(kpiStatusRows.map((row) => [row.itemId, row]));
  const objectiveRowsRead = objectiveRows.map((o) => ({
    id: Number(o.id),
    number: Number(o.number),
    title: o.title,
    teamId: numberOrNull(o.teamId),
    ownerId: numberOrNull(o.ownerId),
    parentId: numberOrNull(o.parentId),
    status: asLevel(o.status ?? undefined),
  }));

  const scoped = scopeObjectives(objectiveRowsRead, request.scope, teamName);
  if (!scoped) return { ok: false, reason: 'scope_gone' };
  const { inScope, scope } = scoped;

  const milestonesOf = new Map<number, Array<{ weight: number; done: boolean }>>();
  for (const m of milestoneRows)
    milestonesOf.set(m.keyResultId, [...(milestonesOf.get(m.keyResultId) ?? []), m]);
  const cycleDomain = cycleInput(cycle);
  const scopedKeyResults = keyResultRows
    .map((kr) => ({ ...kr, id: Number(kr.id), objectiveId: Number(kr.objectiveId) }))
    .filter((kr) => inScope.has(kr.objectiveId));
  const krProgress = new Map<number, number | null>();
  for (const kr of scopedKeyResults) {
    krProgress.set(
      kr.id,
      progressFromFigures({
        kind: parseKrKind(kr.kind),
        start: Number(kr.startValue),
        target: Number(kr.targetValue),
        value:
          kr.currentValue !== null
            ? Number(kr.currentValue)
            : kr.latestValue !== null
              ? Number(kr.latestValue)
              : null,
        checkIns: Number(kr.checkIns ?? 0),
        held: Number(kr.held ?? 0),
        milestones: milestonesOf.get(kr.id) ?? [],
      }),
    );
  }
  const scopedObjectives = objectiveRowsRead.filter((o) => inScope.has(o.id));
  const rolled = rollupProgress(
    scopedObjectives,
    scopedKeyResults.map((kr) => ({
      objectiveId: kr.objectiveId,
      weight: Number(kr.weight),
      progress: krProgress.get(kr.id) ?? null,
    })),
  );

  const objectives: DigestObjectiveInput[] = scopedObjectives.map((o) => ({
    id: o.id,
    ref: formatShortId('objective', o.number),
    title: o.title,
    teamName: o.teamId === null ? null : (teamName.get(o.teamId) ?? null),
    ownerName: owner(o.ownerId),
    status: o.status,
    reasons: [],
    progress: rolled.byObjective.get(o.id) ?? null,
  }));

  const keyResults: DigestKeyResultInput[] = scopedKeyResults.map((kr) => ({
    id: kr.id,
    ref: formatShortId('key_result', kr.number),
    title: kr.title,
    objectiveId: kr.objectiveId,
    ownerName: owner(numberOrNull(kr.ownerId)),
    status: asLevel(kr.status ?? undefined),
    reasons: [],
    progress: krProgress.get(kr.id) ?? null,
    checkedInThisPeriod: Number(kr.thisPeriod) > 0,
    latestComment: kr.latestComment?.trim() ? kr.latestComment : null,
  }));

  // The reasons of the items this digest shows as changed: a few, read by id; all of them only for a first
  // digest (or a week where most of the portfolio changed).
  const previousItems = request.previous?.cycleId === cycle.id ? request.previous.items : null;
  const news = {
    objective: objectives.filter((o) => changeSince(o, previousItems) !== null),
    key_result: keyResults.filter((kr) => changeSince(kr, previousItems) !== null),
  };
  const reasons = await reasonsFor(db, workspaceId, {
    objective: news.objective.map((o) => o.id),
    key_result: news.key_result.map((kr) => kr.id),
  });
  for (const type of ['objective', 'key_result'] as const)
    for (const item of news[type]) item.reasons = reasons.get(`${type}:${item.id}`) ?? [];

  const weekEnds = cycleWeekEnds(cycleDomain);
  const week = cycleWeekOf(cycleDomain, at);
  const curveWeights = scopedKeyResults.map((kr) => ({
    weight: kr.weight > 0 ? Number(kr.weight) : 1,
    curve: kr.curve as ProgressCurve,
  }));
  // The same weighted mean as over every key result; the expectation is worked out once per curve.
  const expectedAt = (moment: Date) => {
    const byCurve = new Map<ProgressCurve, number>();
    const expected = (curve: ProgressCurve) => {
      let value = byCurve.get(curve);
      if (value === undefined) {
        value = expectedProgress(cycleDomain, moment, curve);
        byCurve.set(curve, value);
      }
      return value;
    };
    return (
      weightedMean(curveWeights.map((c) => ({ weight: c.weight, value: expected(c.curve) }))) ??
      expectedProgress(cycleDomain, moment)
    );
  };
  // Earlier weeks come from the earlier digests' snapshots; a first digest works them out from check-ins once.
  const remembered = new Map(
    (request.previous?.cycleId === cycle.id ? request.previous.history : []).map((h) => [h.week, h.progress]),
  );
  const earlier =
    remembered.size > 0
      ? Array.from({ length: week - 1 }, (_, i) => remembered.get(i + 1) ?? null)
      : await progressFromHistory(
          db,
          cycleId,
          scopedObjectives,
          scopedKeyResults,
          milestonesOf,
          weekEnds.slice(0, week - 1),
        );
  const progressByWeek = [...earlier, rolled.portfolio];

  const objectiveIds = new Set(scopedObjectives.map((o) => o.id));
  const keyResultIds = new Set(scopedKeyResults.map((kr) => kr.id));
  const kpiRowsRead = kpiRows.map((kpi) => ({
    ...kpi,
    id: Number(kpi.id),
    number: Number(kpi.number),
    teamId: numberOrNull(kpi.teamId),
    ownerId: numberOrNull(kpi.ownerId),
    green: Number(kpi.green),
    amber: Number(kpi.amber),
    latestValue: numberOrNull(kpi.latestValue),
  }));
  const scopedKpis = kpiRowsRead.filter((kpi) =>
    request.scope.kind === 'everything'
      ? true
      : request.scope.kind === 'team'
        ? kpi.teamId === request.scope.teamId
        : false,
  );
  const kpiIds = new Set(scopedKpis.map((kpi) => kpi.id));
  const risks = riskRows
    .map((risk) => ({
      ...risk,
      objectiveId: numberOrNull(risk.objectiveId),
      keyResultId: numberOrNull(risk.keyResultId),
      kpiId: numberOrNull(risk.kpiId),
    }))
    .filter(
      (risk) =>
        request.scope.kind === 'everything' ||
        (risk.objectiveId !== null && objectiveIds.has(risk.objectiveId)) ||
        (risk.keyResultId !== null && keyResultIds.has(risk.keyResultId)) ||
        (risk.kpiId !== null && kpiIds.has(risk.kpiId)),
    )
    .map((risk) => ({
      ref: formatShortId('risk', Number(risk.number)),
      title: risk.title,
      description: risk.description,
      score: riskScore(Number(risk.likelihood), Number(risk.impact)),
      ownerName: owner(numberOrNull(risk.ownerId)),
      on:
        risk.keyResultNumber !== null
          ? formatShortId('key_result', Number(risk.keyResultNumber))
          : risk.objectiveNumber !== null
            ? formatShortId('objective', Number(risk.objectiveNumber))
            : risk.kpiNumber !== null
              ? formatShortId('kpi', Number(risk.kpiNumber))
              : null,
    }));

  const kpis = scopedKpis.map((kpi) => {
    const status = kpiStatus.get(kpi.id);
    const value = kpi.latestValue;
    return {
      ref: formatShortId('kpi', kpi.number),
      title: kpi.title,
      unit: kpi.unit,
      value,
      band:
        value === null
          ? null
          : kpiBand(
              {
                direction: kpi.direction as 'higher_is_better' | 'lower_is_better',
                green: kpi.green,
                amber: kpi.amber,
              },
              value,
            ),
      status: asLevel(status?.status),
      reasons: reasonsOf(status?.reasons),
      ownerName: owner(kpi.ownerId),
    };
  });

  return {
    ok: true,
    input: {
      at,
      period: request.period,
      cycle: { id: cycle.id, name: cycle.name, start: cycleDomain.start, end: cycleDomain.end },
      scope,
      objectives,
      keyResults,
      risks,
      kpis,
      progressByWeek,
      expectedByWeek: weekEnds.map(expectedAt),
      expected: expectedAt(at),
      previous: request.previous,
    },
  };
}

/** Past this many items, one query reads every reason of the workspace rather than lists of ids. */
const REASONS_BY_ID_MAX = 500;
const ID_CHUNK = 250;

/** Stored reasons of these objectives and key results, by `type:id`. */
async function reasonsFor(
  db: Db,
  workspaceId: number,
  ids: Record<'objective' | 'key_result', readonly number[]>,
): Promise<Map<string, string[]>> {
  const reasons = new Map<string, string[]>();
  const count = ids.objective.length + ids.key_result.length;
  if (count === 0) return reasons;
  const rows: Array<{ itemType: string; itemId: number; reasons: string }> = [];
  if (count > REASONS_BY_ID_MAX)
    rows.push(
      ...(await db.itemStatus.findMany({
        where: { workspaceId, itemType: { in: ['objective', 'key_result'] } },
        select: { itemType: true, itemId: true, reasons: true },
      })),
    );
  else
    for (const type of ['objective', 'key_result'] as const)
      for (let i = 0; i < ids[type].length; i += ID_CHUNK)
        rows.push(
          ...(await db.itemStatus.findMany({
            where: { workspaceId, itemType: type, itemId: { in: ids[type].slice(i, i + ID_CHUNK) } },
            select: { itemType: true, itemId: true, reasons: true },
          })),
        );
  for (const row of rows) reasons.set(`${row.itemType}:${row.itemId}`, reasonsOf(row.reasons));
  return reasons;
}

type ObjectiveRow = { id: number; number: number; teamId: number | null; parentId: number | null };

/** Which objectives the scope covers: all, a team's own, or one objective with everything aligned below it. */
function scopeObjectives(
  rows: readonly ObjectiveRow[],
  stored: StoredScope,
  teamName: ReadonlyMap<number, string>,
): { inScope: Set<number>; scope: DigestScope } | null {
  if (stored.kind === 'everything')
    return { inScope: new Set(rows.map((o) => o.id)), scope: { kind: 'everything' } };
  if (stored.kind === 'team') {
    const name = teamName.get(stored.teamId);
    if (name === undefined) return null;
    return {
      inScope: new Set(rows.filter((o) => o.teamId === stored.teamId).map((o) => o.id)),
      scope: { kind: 'team', teamId: stored.teamId, teamName: name },
    };
  }
  const root = rows.find((o) => o.id === stored.objectiveId);
  if (!root) return null;
  const childrenOf = new Map<number, number[]>();
  for (const o of rows)
    if (o.parentId !== null) childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o.id]);
  const inScope = new Set<number>();
  const stack = [root.id];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (inScope.has(id)) continue;
    inScope.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return {
    inScope,
    scope: { kind: 'objective', objectiveId: root.id, ref: formatShortId('objective', root.number) },
  };
}

/**
 * Portfolio progress at the end of each past week, from the check-ins themselves. Only a subscription's first
 * digest needs it (later ones keep the figures in their snapshots), so it may read every check-in once.
 */
async function progressFromHistory(
  db: Db,
  cycleId: number,
  objectives: readonly RollupObjectiveRow[],
  keyResults: ReadonlyArray<{
    id: number;
    objectiveId: number;
    kind: string;
    startValue: number;
    targetValue: number;
    weight: number;
  }>,
  milestonesOf: ReadonlyMap<number, Array<{ weight: number; done: boolean }>>,
  weekEnds: readonly Date[],
): Promise<Array<number | null>> {
  if (weekEnds.length === 0) return [];
  const moments = weekEnds.map((end) => end.getTime());
  const perWeek = new Map<number, Array<number | null>>();
  // A slice of the key results at a time (by id), so that only a slice's check-ins are held at once.
  const byId = [...keyResults].sort((a, b) => a.id - b.id);
  for (let from = 0; from < byId.length; from += HISTORY_SLICE) {
    const slice = byId.slice(from, from + HISTORY_SLICE);
    const historyOf = await checkInsOf(db, cycleId, slice[0]!.id, slice.at(-1)!.id);
    for (const kr of slice)
      perWeek.set(kr.id, weeklyProgress(kr, historyOf.get(kr.id) ?? [], moments, milestonesOf));
  }
  return moments.map(
    (_, w) =>
      rollupProgress(
        objectives,
        keyResults.map((kr) => ({
          objectiveId: kr.objectiveId,
          weight: Number(kr.weight),
          progress: perWeek.get(kr.id)![w] ?? null,
        })),
      ).portfolio,
  );
}

/** Key results whose check-ins a first digest reads in one query: about 12 weeks of check-ins each. */
const HISTORY_SLICE = 1000;

type Entry = { at: number; value: number };

/** The check-ins of the cycle's live key results with ids from `low` to `high`, by key result, oldest first. */
async function checkInsOf(db: Db, cycleId: number, low: number, high: number): Promise<Map<number, Entry[]>> {
  const rows = await db.$queryRaw<Array<{ keyResultId: number; date: Date; value: number }>>`
    SELECT c."keyResultId", c."date", c."value"
    FROM "CheckIn" c
    JOIN "KeyResult" k ON k."id" = c."keyResultId"
    JOIN "Objective" o ON o."id" = k."objectiveId"
    WHERE c."keyResultId" BETWEEN ${low} AND ${high}
      AND o."cycleId" = ${cycleId} AND k."archivedAt" IS NULL AND o."archivedAt" IS NULL
    ORDER BY c."keyResultId", c."date"`;
  const historyOf = new Map<number, Entry[]>();
  for (const row of rows) {
    const id = Number(row.keyResultId);
    // Imported history counts from the middle of its day, as in the engine.
    const entry = { at: new Date(row.date).getTime() + 43_200_000, value: Number(row.value) };
    const list = historyOf.get(id);
    if (list) list.push(entry);
    else historyOf.set(id, [entry]);
  }
  return historyOf;
}

/** One key result's progress at each of `moments`, from its check-ins (oldest first). */
function weeklyProgress(
  kr: { id: number; kind: string; startValue: number; targetValue: number },
  history: readonly Entry[],
  moments: readonly number[],
  milestonesOf: ReadonlyMap<number, Array<{ weight: number; done: boolean }>>,
): Array<number | null> {
  const values = valuesAt(history, moments);
  const limit = kr.kind === 'stay_above' || kr.kind === 'stay_below';
  return moments.map((moment, w) => {
    const upTo = limit ? history.filter((h) => h.at <= moment) : [];
    return progressFromFigures({
      kind: parseKrKind(kr.kind),
      start: Number(kr.startValue),
      target: Number(kr.targetValue),
      value: values[w] ?? null,
      checkIns: upTo.length,
      held: upTo.filter((h) =>
        kr.kind === 'stay_above' ? h.value >= kr.targetValue : h.value <= kr.targetValue,
      ).length,
      milestones: milestonesOf.get(kr.id) ?? [],
    });
  });
}

type RollupObjectiveRow = { id: number; parentId: number | null };
