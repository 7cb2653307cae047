// What a digest reads: the cycle's objectives and key results with their STORED statuses (the engine ran at
// check-in time and in the hourly sweep; the digest never re-evaluates), check-ins for progress and
// completion, open risks, KPIs and the previous digest's snapshot. A handful of whole-cycle queries, no
// per-item queries and no id lists (which would grow with the portfolio and hit SQLite's parameter limit).
import type { Db } from '../db/client.ts';
import {
  cycleWeekEnds,
  type DigestInput,
  type DigestKeyResultInput,
  type DigestObjectiveInput,
  type DigestScope,
  type DigestSnapshot,
} from '../domain/digest/index.ts';
import { periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import {
  expectedProgress,
  type KeyResult,
  kpiBand,
  type Objective,
  objectiveProgressOrNull,
  type ProgressCurve,
  portfolioProgress,
  type StatusLevel,
  weightedMean,
} from '../domain/status/index.ts';
import { riskScore } from './risks.ts';
import { cycleInput, keyResultInput } from './status-inputs.ts';

/** A scope as stored: ids only; names are looked up when the digest is made, so renames show. */
export type StoredScope =
  | { kind: 'everything' }
  | { kind: 'team'; teamId: number }
  | { kind: 'objective'; objectiveId: number };

const LEVELS = new Set(['on_track', 'at_risk', 'off_track']);
const asLevel = (status: string | undefined): StatusLevel | null =>
  status && LEVELS.has(status) ? (status as StatusLevel) : null;

function reasonsOf(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

interface CheckInRow {
  keyResultId: number;
  date: Date;
  createdAt: Date;
  value: number;
  confidence: number | null;
  period: string;
  comment: string;
}

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

  const [
    objectiveRows,
    keyResultRows,
    milestoneRows,
    checkInRows,
    statusRows,
    members,
    teams,
    riskRows,
    kpiRows,
  ] = await Promise.all([
    db.objective.findMany({
      where: { workspaceId, cycleId, archivedAt: null },
      select: { id: true, number: true, title: true, teamId: true, ownerId: true, parentId: true },
      orderBy: { number: 'asc' },
    }),
    db.keyResult.findMany({
      where: { workspaceId, archivedAt: null, objective: { cycleId, archivedAt: null } },
      select: {
        id: true,
        number: true,
        title: true,
        objectiveId: true,
        ownerId: true,
        kind: true,
        startValue: true,
        targetValue: true,
        currentValue: true,
        weight: true,
        curve: true,
      },
      orderBy: { number: 'asc' },
    }),
    db.milestone.findMany({
      where: { keyResult: { workspaceId, archivedAt: null, objective: { cycleId } } },
      select: { keyResultId: true, title: true, weight: true, done: true },
      orderBy: { position: 'asc' },
    }),
    db.$queryRaw<CheckInRow[]>`
        SELECT c."keyResultId", c."date", c."createdAt", c."value", c."confidence", c."period", c."comment"
        FROM "CheckIn" c
        JOIN "KeyResult" k ON k."id" = c."keyResultId"
        JOIN "Objective" o ON o."id" = k."objectiveId"
        WHERE o."cycleId" = ${cycleId} AND k."archivedAt" IS NULL AND o."archivedAt" IS NULL
        ORDER BY c."keyResultId", c."date"`,
    db.itemStatus.findMany({
      where: { workspaceId },
      select: { itemType: true, itemId: true, status: true, reasons: true },
    }),
    db.member.findMany({ where: { workspaceId }, select: { id: true, name: true, slackUserId: true } }),
    db.team.findMany({ where: { workspaceId }, select: { id: true, name: true } }),
    db.risk.findMany({
      where: { workspaceId, status: { in: ['open', 'mitigating'] } },
      select: {
        number: true,
        title: true,
        description: true,
        likelihood: true,
        impact: true,
        ownerId: true,
        objectiveId: true,
        keyResultId: true,
        kpiId: true,
        objective: { select: { number: true } },
        keyResult: { select: { number: true } },
        kpi: { select: { number: true } },
      },
    }),
    db.kpi.findMany({
      where: { workspaceId, archivedAt: null },
      select: {
        id: true,
        number: true,
        title: true,
        unit: true,
        teamId: true,
        ownerId: true,
        direction: true,
        green: true,
        amber: true,
        readings: { orderBy: { date: 'desc' }, take: 1, select: { value: true } },
      },
      orderBy: { number: 'asc' },
    }),
  ]);

  const nameOf = new Map(members.map((m) => [m.id, m.name.trim() || m.slackUserId]));
  const owner = (id: number | null) => (id === null ? null : (nameOf.get(id) ?? null));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const stored = new Map(statusRows.map((row) => [`${row.itemType}:${row.itemId}`, row]));

  // Which objectives the scope covers: a team's own, or one objective with everything aligned below it.
  const objectiveById = new Map(objectiveRows.map((o) => [o.id, o]));
  const childrenOf = new Map<number, number[]>();
  for (const o of objectiveRows)
    if (o.parentId !== null) childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o.id]);
  let inScope: Set<number>;
  let scope: DigestScope;
  if (request.scope.kind === 'everything') {
    inScope = new Set(objectiveRows.map((o) => o.id));
    scope = { kind: 'everything' };
  } else if (request.scope.kind === 'team') {
    const { teamId } = request.scope;
    const name = teamName.get(teamId);
    if (name === undefined) return { ok: false, reason: 'scope_gone' };
    inScope = new Set(objectiveRows.filter((o) => o.teamId === teamId).map((o) => o.id));
    scope = { kind: 'team', teamId, teamName: name };
  } else {
    const { objectiveId } = request.scope;
    const root = objectiveById.get(objectiveId);
    if (!root) return { ok: false, reason: 'scope_gone' };
    inScope = new Set();
    const stack = [objectiveId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (inScope.has(id)) continue;
      inScope.add(id);
      stack.push(...(childrenOf.get(id) ?? []));
    }
    scope = { kind: 'objective', objectiveId, ref: formatShortId('objective', root.number) };
  }

  const checkInsOf = new Map<number, CheckInRow[]>();
  for (const row of checkInRows) {
    const list = checkInsOf.get(row.keyResultId);
    if (list) list.push(row);
    else checkInsOf.set(row.keyResultId, [row]);
  }
  const milestonesOf = new Map<number, Array<{ title: string; weight: number; done: boolean }>>();
  for (const m of milestoneRows)
    milestonesOf.set(m.keyResultId, [...(milestonesOf.get(m.keyResultId) ?? []), m]);

  const period = periodOf(at, 'weekly', request.timeZone);
  const cycleDomain = cycleInput(cycle);
  const scopedKeyResults = keyResultRows.filter((kr) => inScope.has(kr.objectiveId));
  // The engine's own shapes, so progress here is the progress the engine (and /okr show) reports.
  const domainKeyResult = new Map<number, KeyResult>();
  for (const kr of scopedKeyResults) {
    const checkIns = (checkInsOf.get(kr.id) ?? []).map((c) => ({
      ...c,
      value: Number(c.value),
      date: new Date(c.date),
      createdAt: new Date(c.createdAt),
    }));
    domainKeyResult.set(
      kr.id,
      keyResultInput({ ...kr, milestones: milestonesOf.get(kr.id) ?? [], checkIns }),
    );
  }
  const krsOf = new Map<number, KeyResult[]>();
  for (const kr of scopedKeyResults)
    krsOf.set(kr.objectiveId, [...(krsOf.get(kr.objectiveId) ?? []), domainKeyResult.get(kr.id)!]);
  const domainObjectives = new Map<number, Objective>();
  const domainObjective = (id: number, seen: Set<number>): Objective => {
    const known = domainObjectives.get(id);
    if (known) return known;
    const row = objectiveById.get(id);
    const objective: Objective = {
      id: formatShortId('objective', row?.number ?? 0),
      title: row?.title ?? '',
      keyResults: krsOf.get(id) ?? [],
      children: (childrenOf.get(id) ?? [])
        .filter((child) => inScope.has(child) && !seen.has(child))
        .map((child) => domainObjective(child, new Set([...seen, child]))),
    };
    domainObjectives.set(id, objective);
    return objective;
  };
  const scopedObjectives = objectiveRows.filter((o) => inScope.has(o.id));
  const roots = scopedObjectives
    .filter((o) => o.parentId === null || !inScope.has(o.parentId))
    .map((o) => domainObjective(o.id, new Set([o.id])));

  const objectives: DigestObjectiveInput[] = scopedObjectives.map((o) => {
    const status = stored.get(`objective:${o.id}`);
    return {
      id: o.id,
      ref: formatShortId('objective', o.number),
      title: o.title,
      teamName: o.teamId === null ? null : (teamName.get(o.teamId) ?? null),
      ownerName: owner(o.ownerId),
      status: asLevel(status?.status),
      reasons: reasonsOf(status?.reasons),
      progress: objectiveProgressOrNull(domainObjective(o.id, new Set([o.id])), at),
    };
  });

  const keyResults: DigestKeyResultInput[] = scopedKeyResults.map((kr) => {
    const status = stored.get(`key_result:${kr.id}`);
    const history = checkInsOf.get(kr.id) ?? [];
    const latest = history.at(-1);
    const domain = domainKeyResult.get(kr.id)!;
    const progress = objectiveProgressOrNull({ id: '', title: '', keyResults: [domain] }, at);
    return {
      id: kr.id,
      ref: formatShortId('key_result', kr.number),
      title: kr.title,
      objectiveId: kr.objectiveId,
      ownerName: owner(kr.ownerId),
      status: asLevel(status?.status),
      reasons: reasonsOf(status?.reasons),
      progress,
      checkedInThisPeriod: history.some((c) => c.period === period),
      latestComment: latest?.comment.trim() ? latest.comment : null,
    };
  });

  const weekEnds = cycleWeekEnds(cycleDomain);
  const pastEnds = weekEnds.filter((end) => end.getTime() < at.getTime());
  // History from check-ins alone: a key result's `current` value is today's, not last month's.
  const historical = roots.map((root) => withoutCurrent(root));
  const progressByWeek = [
    ...pastEnds.map((end) => portfolioProgress(historical, end)),
    portfolioProgress(roots, at),
  ];
  const curveWeights = scopedKeyResults.map((kr) => ({
    weight: kr.weight > 0 ? kr.weight : 1,
    curve: kr.curve as ProgressCurve,
  }));
  const expectedAt = (moment: Date) =>
    weightedMean(
      curveWeights.map((c) => ({ weight: c.weight, value: expectedProgress(cycleDomain, moment, c.curve) })),
    ) ?? expectedProgress(cycleDomain, moment);

  const objectiveNumbers = new Set(scopedObjectives.map((o) => o.id));
  const keyResultIds = new Set(scopedKeyResults.map((kr) => kr.id));
  const scopedKpis = kpiRows.filter((kpi) =>
    request.scope.kind === 'everything'
      ? true
      : request.scope.kind === 'team'
        ? kpi.teamId === request.scope.teamId
        : false,
  );
  const kpiIds = new Set(scopedKpis.map((kpi) => kpi.id));
  const risks = riskRows
    .filter(
      (risk) =>
        request.scope.kind === 'everything' ||
        (risk.objectiveId !== null && objectiveNumbers.has(risk.objectiveId)) ||
        (risk.keyResultId !== null && keyResultIds.has(risk.keyResultId)) ||
        (risk.kpiId !== null && kpiIds.has(risk.kpiId)),
    )
    .map((risk) => ({
      ref: formatShortId('risk', risk.number),
      title: risk.title,
      description: risk.description,
      score: riskScore(risk.likelihood, risk.impact),
      ownerName: owner(risk.ownerId),
      on: risk.keyResult
        ? formatShortId('key_result', risk.keyResult.number)
        : risk.objective
          ? formatShortId('objective', risk.objective.number)
          : risk.kpi
            ? formatShortId('kpi', risk.kpi.number)
            : null,
    }));

  const kpis = scopedKpis.map((kpi) => {
    const status = stored.get(`kpi:${kpi.id}`);
    const value = kpi.readings[0]?.value ?? null;
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

function withoutCurrent(objective: Objective): Objective {
  return {
    ...objective,
    keyResults: objective.keyResults.map((kr) => ({ ...kr, current: null })),
    children: (objective.children ?? []).map(withoutCurrent),
  };
}
