/**
 * Write a plan as YAML that people can read and edit: the field order of the documented format,
 * small records (check-ins, milestones, readings, teams) on one line each, empty lists and unset
 * optional fields left out. parsePlanYaml(stringifyPlanYaml(plan)) gives back an equal plan.
 */
import { Document, type Node } from 'yaml';
import { KPI_FIELDS } from './csv-format.ts';
import type {
  Plan,
  PlanCheckIn,
  PlanKeyResult,
  PlanKpi,
  PlanMilestone,
  PlanObjective,
  PlanRisk,
  PlanTeam,
} from './schema.ts';

export interface StringifyPlanOptions {
  /** A comment written at the top of the file, e.g. where it was exported from. */
  header?: string;
}

export function stringifyPlanYaml(plan: Plan, opts: StringifyPlanOptions = {}): string {
  const doc = new Document();
  const flow = (value: unknown): Node => doc.createNode(value, { flow: true });
  const block = (value: unknown): Node => doc.createNode(value);

  const root: Record<string, unknown> = {
    cycle: flow(pick(plan.cycle, ['name', 'start', 'end'])),
  };
  if (plan.teams.length) root['teams'] = plan.teams.map((team) => flow(teamFields(team)));
  if (plan.objectives.length) {
    root['objectives'] = plan.objectives.map((objective, i) => {
      const node = block(objectiveFields(objective, flow));
      if (i > 0) node.spaceBefore = true;
      return node;
    });
  }
  if (plan.kpis.length) root['kpis'] = plan.kpis.map((kpi) => block(kpiFields(kpi, flow)));
  if (plan.risks.length) root['risks'] = plan.risks.map((risk) => block(riskFields(risk)));

  const contents = doc.createNode(root);
  // A blank line between top-level sections and between objectives makes long files scannable.
  for (const pair of contents.items) {
    if (pair.key !== contents.items[0]?.key && isSpaced(pair.key)) pair.key.spaceBefore = true;
  }
  doc.contents = contents;
  if (opts.header)
    doc.commentBefore = opts.header
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n');
  return doc.toString({ lineWidth: 120, flowCollectionPadding: true });
}

function isSpaced(key: unknown): key is { spaceBefore?: boolean } {
  return typeof key === 'object' && key !== null;
}

type Flow = (value: unknown) => Node;

function teamFields(team: PlanTeam): Record<string, unknown> {
  return pick(team, ['name', 'channel', 'members', 'leader']);
}

function objectiveFields(objective: PlanObjective, flow: Flow): Record<string, unknown> {
  const fields = pick(objective, ['ref', 'title', 'description', 'level', 'team', 'owner', 'parent']);
  if (objective.key_results.length)
    fields['key_results'] = objective.key_results.map((kr) => keyResultFields(kr, flow));
  return fields;
}

function keyResultFields(kr: PlanKeyResult, flow: Flow): Record<string, unknown> {
  const fields = pick(kr, ['ref', 'title', 'owner', 'kind', 'start', 'target', 'unit', 'weight', 'curve']);
  if (kr.milestones)
    fields['milestones'] = kr.milestones.map((m: PlanMilestone) =>
      flow(pick(m, ['title', 'weight', 'done'])),
    );
  if (kr.check_ins.length) {
    fields['check_ins'] = kr.check_ins.map((c: PlanCheckIn) =>
      flow(pick(c, ['date', 'value', 'confidence', 'comment'])),
    );
  }
  return fields;
}

function kpiFields(kpi: PlanKpi, flow: Flow): Record<string, unknown> {
  const fields = pick(kpi, ['ref', ...KPI_FIELDS]);
  if (kpi.readings.length) fields['readings'] = kpi.readings.map((r) => flow(pick(r, ['date', 'value'])));
  return fields;
}

function riskFields(risk: PlanRisk): Record<string, unknown> {
  return pick(risk, [
    'ref',
    'title',
    'description',
    'owner',
    'likelihood',
    'impact',
    'objective',
    'key_result',
    'kpi',
    'mitigation',
    'status',
  ]);
}

/** Copy `keys` in the given order, leaving out unset values and empty lists. */
function pick<T extends object, K extends keyof T & string>(
  source: T,
  keys: readonly K[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}
