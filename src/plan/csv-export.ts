/**
 * Export a plan to the four CSV files (see csv-format.ts). Risks are not part of the CSV format.
 */
import { stringify } from 'csv-stringify/sync';
import { formatNumber } from '../domain/numbers/format-number.ts';
import { neutraliseCell } from './csv-cells.ts';
import { CHECK_IN_COLUMNS, KEY_RESULT_COLUMNS, KPI_COLUMNS, KPI_READING_COLUMNS } from './csv-format.ts';
import { encodeMilestones } from './csv-milestones.ts';
import { withGeneratedRefs } from './refs.ts';
import type { Plan, PlanKeyResult, PlanObjective, PlanTeam } from './schema.ts';

export interface PlanCsvFiles {
  keyResults: string;
  checkIns: string;
  kpis: string;
  kpiReadings: string;
}

type Row = Record<string, string>;

/**
 * The plan as it will look after a CSV round trip: refs generated where missing, risks dropped,
 * empty milestone lists dropped, teams in the order the CSV lists them (teams of objectives first,
 * in objective order, then the others). parsePlanCsv(planToCsv(p)) deep-equals normalizeForCsv(p).
 */
export function normalizeForCsv(plan: Plan): Plan {
  const withRefs = withGeneratedRefs(plan);
  const objectives = withRefs.objectives.map((objective) => ({
    ...objective,
    key_results: objective.key_results.map((kr) => {
      if (kr.milestones?.length !== 0) return kr;
      const { milestones: _empty, ...rest } = kr;
      return rest;
    }),
  }));
  return { ...withRefs, teams: csvTeamOrder(plan), objectives, risks: [] };
}

function csvTeamOrder(plan: Plan): PlanTeam[] {
  const byName = new Map(plan.teams.map((team) => [team.name, team]));
  const ordered: PlanTeam[] = [];
  const seen = new Set<string>();
  for (const objective of plan.objectives) {
    const team = objective.team === undefined ? undefined : byName.get(objective.team);
    if (team && !seen.has(team.name)) {
      seen.add(team.name);
      ordered.push(team);
    }
  }
  for (const team of plan.teams) {
    if (!seen.has(team.name)) {
      seen.add(team.name);
      ordered.push(team);
    }
  }
  return ordered;
}

export function planToCsv(input: Plan): PlanCsvFiles {
  const plan = normalizeForCsv(input);
  const teams = new Map(plan.teams.map((team) => [team.name, team]));
  const cycle: Row = {
    cycle_name: plan.cycle.name,
    cycle_start: plan.cycle.start,
    cycle_end: plan.cycle.end,
  };

  const krRows: Row[] = [];
  const usedTeams = new Set<string>();
  for (const objective of plan.objectives) {
    const team = objective.team === undefined ? undefined : teams.get(objective.team);
    if (team) usedTeams.add(team.name);
    const base: Row = { ...cycle, ...teamCells(team, objective.team), ...objectiveCells(objective) };
    if (objective.key_results.length === 0) krRows.push(base);
    for (const kr of objective.key_results) krRows.push({ ...base, ...keyResultCells(kr) });
  }
  // Teams without objectives still need a row, or they would vanish on import.
  for (const team of plan.teams)
    if (!usedTeams.has(team.name)) krRows.push({ ...cycle, ...teamCells(team, team.name) });
  // With no rows at all the cycle would be lost; a cycle-only row keeps it.
  if (krRows.length === 0) krRows.push(cycle);

  const checkInRows: Row[] = plan.objectives.flatMap((objective) =>
    objective.key_results.flatMap((kr) =>
      kr.check_ins.map((c) => ({
        kr_ref: kr.ref ?? '',
        date: c.date,
        value: num(c.value),
        confidence: num(c.confidence),
        comment: c.comment ?? '',
      })),
    ),
  );

  const kpiRows: Row[] = plan.kpis.map((kpi) => ({
    kpi_ref: kpi.ref ?? '',
    title: kpi.title,
    owner: kpi.owner ?? '',
    team: kpi.team ?? '',
    unit: kpi.unit ?? '',
    direction: kpi.direction,
    target: num(kpi.target),
    green: num(kpi.green),
    amber: num(kpi.amber),
    cadence: kpi.cadence ?? '',
  }));
  const readingRows: Row[] = plan.kpis.flatMap((kpi) =>
    kpi.readings.map((r) => ({ kpi_ref: kpi.ref ?? '', date: r.date, value: num(r.value) })),
  );

  return {
    keyResults: toCsv(krRows, KEY_RESULT_COLUMNS),
    checkIns: toCsv(checkInRows, CHECK_IN_COLUMNS),
    kpis: toCsv(kpiRows, KPI_COLUMNS),
    kpiReadings: toCsv(readingRows, KPI_READING_COLUMNS),
  };
}

function teamCells(team: PlanTeam | undefined, name: string | undefined): Row {
  return {
    team: name ?? '',
    team_channel: team?.channel ?? '',
    team_members: team?.members.join(' ') ?? '',
    team_leader: team?.leader ?? '',
  };
}

function objectiveCells(objective: PlanObjective): Row {
  return {
    objective_ref: objective.ref ?? '',
    objective_title: objective.title,
    objective_level: objective.level,
    objective_owner: objective.owner ?? '',
    objective_parent: objective.parent ?? '',
    objective_description: objective.description ?? '',
  };
}

function keyResultCells(kr: PlanKeyResult): Row {
  return {
    kr_ref: kr.ref ?? '',
    kr_title: kr.title,
    kr_owner: kr.owner ?? '',
    kr_kind: kr.kind,
    kr_start: num(kr.start),
    kr_target: num(kr.target),
    kr_unit: kr.unit ?? '',
    kr_weight: num(kr.weight),
    kr_curve: kr.curve ?? '',
    kr_milestones: kr.milestones ? encodeMilestones(kr.milestones) : '',
  };
}

/** Plain digits without grouping: spreadsheets read them as numbers in every locale. */
function num(value: number | undefined): string {
  return value === undefined ? '' : formatNumber(value, { groupSeparator: '' });
}

function toCsv(rows: Row[], columns: readonly string[]): string {
  const safe = rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, neutraliseCell(cell)])),
  );
  return stringify(safe, { header: true, columns: [...columns] });
}
