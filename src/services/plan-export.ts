// Exporting a cycle as a plan: everything an import needs to rebuild it, so export → import into an empty
// database → export gives the same plan. Archived items are left out; check-ins and KPI readings are those
// dated inside the cycle (a plan is one cycle, and the file format refuses check-ins outside it).
import type { Db } from '../db/client.ts';
import { sortedBy } from '../db/queries/bounded.ts';
import { isoFromDate } from '../domain/dates.ts';
import type { Plan, PlanKpi, PlanObjective, PlanRisk, PlanTeam } from '../plan/index.ts';
import { findCycleByName } from './cycles.ts';
import { exportKeyResult, type KeyResultRow, ownerOf } from './plan/export-key-result.ts';
import { riskLink } from './plan/export-links.ts';
import { itemRef } from './plan/export-refs.ts';

export interface ExportOptions {
  /** The cycle's name; the current cycle when left out. */
  cycle?: string;
}

/** Why there is nothing to export, in words for the person who asked. */
export class ExportError extends Error {}

export async function exportPlan(db: Db, workspaceId: number, options: ExportOptions = {}): Promise<Plan> {
  const cycle = await chosenCycle(db, workspaceId, options.cycle);
  const inCycle = { gte: cycle.startDate, lte: cycle.endDate };
  const objectiveRows = await db.objective.findMany({
    where: { workspaceId, cycleId: cycle.id, archivedAt: null },
    orderBy: { number: 'asc' },
    include: {
      team: { select: { id: true, name: true } },
      owner: { select: { slackUserId: true } },
      // Included lists unordered, so that Prisma can split the load of a large cycle; ordered below.
      keyResults: {
        where: { archivedAt: null },
        include: {
          owner: { select: { slackUserId: true } },
          milestones: true,
          checkIns: { where: { date: inCycle } },
        },
      },
    },
  });
  for (const row of objectiveRows) {
    row.keyResults = sortedBy(row.keyResults, (kr) => kr.number);
    for (const kr of row.keyResults) {
      kr.milestones = sortedBy(kr.milestones, (m) => m.position);
      kr.checkIns = sortedBy(
        kr.checkIns,
        (c) => c.date,
        (c) => c.id,
      );
    }
  }
  const objectiveRefs = new Map(objectiveRows.map((row) => [row.id, itemRef('objective', row)]));
  const objectives = objectiveRows.map((row): PlanObjective => {
    const objective: PlanObjective = {
      ref: objectiveRefs.get(row.id)!,
      title: row.title,
      level: row.level as PlanObjective['level'],
      ...ownerOf(row),
      key_results: row.keyResults.map((kr: KeyResultRow) => exportKeyResult(kr)),
    };
    if (row.description) objective.description = row.description;
    if (row.team) objective.team = row.team.name;
    // A parent archived or in another cycle is not in this file, so naming it would make the file invalid.
    const parent = row.parentId === null ? undefined : objectiveRefs.get(row.parentId);
    if (parent) objective.parent = parent;
    return objective;
  });

  const kpiRows = await db.kpi.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: { number: 'asc' },
    include: {
      owner: { select: { slackUserId: true } },
      team: { select: { id: true, name: true } },
      readings: { where: { date: inCycle } },
    },
  });
  for (const row of kpiRows)
    row.readings = sortedBy(
      row.readings,
      (r) => r.date,
      (r) => r.id,
    );
  const kpis = kpiRows.map((row): PlanKpi => {
    const kpi: PlanKpi = {
      ref: itemRef('kpi', row),
      title: row.title,
      ...ownerOf(row),
      direction: row.direction as PlanKpi['direction'],
      target: row.target,
      green: row.green,
      amber: row.amber,
      cadence: row.cadence as NonNullable<PlanKpi['cadence']>,
      readings: row.readings.map((r) => ({ date: isoFromDate(r.date), value: r.value })),
    };
    if (row.team) kpi.team = row.team.name;
    if (row.unit) kpi.unit = row.unit;
    return kpi;
  });

  const usedTeams = new Set<number>();
  for (const row of objectiveRows) if (row.team) usedTeams.add(row.team.id);
  for (const row of kpiRows) if (row.team) usedTeams.add(row.team.id);
  const teams = await exportTeams(db, workspaceId, usedTeams);
  const risks = await exportRisks(db, workspaceId, objectiveRows, kpiRows);
  return {
    cycle: { name: cycle.name, start: isoFromDate(cycle.startDate), end: isoFromDate(cycle.endDate) },
    teams,
    objectives,
    kpis,
    risks,
  };
}

async function chosenCycle(db: Db, workspaceId: number, name: string | undefined) {
  if (name !== undefined) {
    const found = await findCycleByName(db, workspaceId, name);
    if (found) return db.cycle.findUniqueOrThrow({ where: { id: found.id } });
    const names = (await db.cycle.findMany({ where: { workspaceId }, orderBy: { startDate: 'desc' } })).map(
      (c) => `"${c.name}"`,
    );
    throw new ExportError(
      names.length
        ? `There is no cycle called "${name}". The cycles are: ${names.join(', ')}.`
        : `There is no cycle called "${name}": the workspace has no cycles yet.`,
    );
  }
  const current = await db.cycle.findFirst({ where: { workspaceId, isCurrent: true } });
  if (current) return current;
  const any = await db.cycle.count({ where: { workspaceId } });
  throw new ExportError(
    any
      ? 'No cycle is current, so name the one to export (e.g. --cycle "2026 Q1").'
      : 'There is nothing to export yet: the workspace has no cycle. Create one with `/okr cycle add` or import a plan.',
  );
}

/** Live teams, plus archived ones still named by an exported objective or KPI; members by Slack id. */
async function exportTeams(db: Db, workspaceId: number, used: ReadonlySet<number>): Promise<PlanTeam[]> {
  // Filtered here rather than with `id IN (…used…)`, a list that would grow with the data.
  const rows = await db.team.findMany({
    where: { workspaceId },
    orderBy: { id: 'asc' },
    include: { members: { include: { member: { select: { slackUserId: true } } } } },
  });
  return rows
    .filter((row) => row.archivedAt === null || used.has(row.id))
    .map((row) => {
      const members = row.members.map((m) => m.member.slackUserId).sort();
      const leaders = row.members
        .filter((m) => m.role === 'leader')
        .map((m) => m.member.slackUserId)
        .sort();
      const team: PlanTeam = { name: row.name, members };
      if (row.channelId) team.channel = row.channelId;
      if (leaders[0]) team.leader = leaders[0];
      return team;
    });
}

/** Risks on the exported items, and risks on nothing in particular. */
async function exportRisks(
  db: Db,
  workspaceId: number,
  objectives: ReadonlyArray<{ id: number; number: number; ref: string | null; keyResults: KeyResultRow[] }>,
  kpis: ReadonlyArray<{ id: number; number: number; ref: string | null }>,
): Promise<PlanRisk[]> {
  const rows = await db.risk.findMany({
    where: { workspaceId },
    orderBy: { number: 'asc' },
    include: { owner: { select: { slackUserId: true } } },
  });
  const risks: PlanRisk[] = [];
  for (const row of rows) {
    const link = riskLink(row, objectives, kpis);
    if (link === undefined) continue;
    const risk: PlanRisk = {
      ref: itemRef('risk', row),
      title: row.title,
      ...ownerOf(row),
      likelihood: row.likelihood,
      impact: row.impact,
      ...link,
      status: row.status as NonNullable<PlanRisk['status']>,
    };
    if (row.description) risk.description = row.description;
    if (row.mitigation) risk.mitigation = row.mitigation;
    risks.push(risk);
  }
  return risks;
}
