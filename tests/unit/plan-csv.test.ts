import { describe, expect, it } from 'vitest';
import { normalizeForCsv, planToCsv } from '../../src/plan/csv-export.ts';
import { parsePlanCsv } from '../../src/plan/csv-import.ts';
import { decodeMilestones, encodeMilestones } from '../../src/plan/csv-milestones.ts';
import { EXAMPLE_PLAN_YAML } from '../../src/plan/example.ts';
import type { PlanParseResult, PlanProblem } from '../../src/plan/problems.ts';
import type { Plan } from '../../src/plan/schema.ts';
import { parsePlanYaml } from '../../src/plan/yaml-parse.ts';
import { buildLargePlan } from '../support/plan-fixtures.ts';

function planOf(result: PlanParseResult): Plan {
  if (!result.ok) throw new Error(`expected a valid plan:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}

function problemsOf(result: PlanParseResult): PlanProblem[] {
  if (result.ok) throw new Error('expected problems, got a valid plan');
  return result.problems;
}

const example = planOf(parsePlanYaml(EXAMPLE_PLAN_YAML));
const HEADER =
  'cycle_name,cycle_start,cycle_end,team,team_channel,objective_ref,objective_title,objective_level,objective_owner,objective_parent,kr_ref,kr_title,kr_owner,kr_kind,kr_start,kr_target,kr_unit,kr_weight,kr_curve,kr_milestones';

describe('planToCsv / parsePlanCsv round trip', () => {
  it('round-trips the README example (risks are YAML-only)', () => {
    const files = planToCsv(example);
    expect(planOf(parsePlanCsv(files))).toEqual(normalizeForCsv(example));
  });

  it.each([1, 7, 99, 2026])('round-trips a large generated plan (seed %i)', (seed) => {
    const plan = buildLargePlan(seed);
    const files = planToCsv(plan);
    const parsed = planOf(parsePlanCsv(files));
    expect(parsed).toEqual(normalizeForCsv(plan));
    // Exporting the imported plan gives byte-identical files: refs and order are stable.
    expect(planToCsv(parsed)).toEqual(files);
  });

  it('generates stable refs for key results without one and uses them in check_ins.csv', () => {
    const plan = buildLargePlan(3);
    const files = planToCsv(plan);
    expect(planToCsv(plan)).toEqual(files);
    const krRefs = normalizeForCsv(plan).objectives.flatMap((o) => o.key_results.map((kr) => kr.ref));
    expect(krRefs.every((ref) => typeof ref === 'string')).toBe(true);
    expect(new Set(krRefs).size).toBe(krRefs.length);
    expect(files.checkIns.split('\n')[0]).toBe('kr_ref,date,value,confidence,comment');
  });

  it('keeps objectives without key results and teams without objectives', () => {
    const plan: Plan = {
      cycle: example.cycle,
      teams: [{ name: 'Solo', members: [] }, ...example.teams],
      objectives: [
        { ref: 'lonely', title: 'No key results yet', level: 'company', owner: 'U01', key_results: [] },
      ],
      kpis: [],
      risks: [],
    };
    const files = planToCsv(plan);
    const parsed = planOf(parsePlanCsv(files));
    expect(parsed.objectives).toEqual(plan.objectives);
    expect(parsed.teams).toEqual(plan.teams);
  });

  it('keeps the cycle even for an empty plan', () => {
    const plan: Plan = { cycle: example.cycle, teams: [], objectives: [], kpis: [], risks: [] };
    expect(planOf(parsePlanCsv(planToCsv(plan)))).toEqual(plan);
  });
});

describe('parsePlanCsv', () => {
  it('reads a hand-written spreadsheet with merged-cell style rows and people numbers', () => {
    const keyResults = `${HEADER}
2026 Q1,2026-01-01,2026-03-31,Growth,C0123GROW,g1,Grow,team,U01,,kr-a,Demos,U02,increase,12,"1,250",,,,
,,,,,,,,,,kr-b,Ship it,U02,milestone,,,,,,Design:1:done|Build:2|Launch
,,,,,,,,,,,,,,,,,,,
`;
    const checkIns = 'kr_ref,date,value,confidence,comment\nkr-a,2026-01-07,15,7/10,"Good, steady"\n';
    const plan = planOf(parsePlanCsv({ keyResults, checkIns }));
    expect(plan.teams).toEqual([{ name: 'Growth', channel: 'C0123GROW', members: [] }]);
    expect(plan.objectives).toHaveLength(1);
    expect(plan.objectives[0]?.key_results.map((kr) => kr.ref)).toEqual(['kr-a', 'kr-b']);
    expect(plan.objectives[0]?.key_results[0]).toMatchObject({ start: 12, target: 1250 });
    expect(plan.objectives[0]?.key_results[0]?.check_ins).toEqual([
      { date: '2026-01-07', value: 15, confidence: 7, comment: 'Good, steady' },
    ]);
    expect(plan.objectives[0]?.key_results[1]?.milestones).toEqual([
      { title: 'Design', weight: 1, done: true },
      { title: 'Build', weight: 2 },
      { title: 'Launch' },
    ]);
  });

  it('names file, line and column for every problem', () => {
    const keyResults = `${HEADER}
2026 Q1,2026-01-01,2026-03-31,Growth,C0123GROW,g1,Grow,team,U01,,kr-a,Demos,U02,increase,12,30,,,,
2026 Q1,2026-01-01,2026-03-31,Growth,C0123GROW,g1,Grow,team,U01,,kr-b,Calls,U02,increase,1,lots,,,,
2026 Q1,2026-01-01,2026-03-31,Growth,C9999GROW,g1,Grow,team,U01,,kr-c,Mails,bob,sideways,1,2,,0,,
2026 Q2,2026-01-01,2026-03-31,,,g2,Other,company,U01,nope,,,,,,,,,,
`;
    const checkIns = 'kr_ref,date,value,confidence,comment\nkr-a,2026-01-07,1,12,\nkr-zz,2026-01-07,1,,\n';
    const kpis =
      'kpi_ref,title,owner,team,unit,direction,target,green,amber,cadence\nk1,Latency,U01,,ms,lower_is_better,2,9,4,\n';
    const kpiReadings = 'kpi_ref,date,value\nk1,2026-13-01,3\nk2,2026-01-01,3\n';
    const problems = problemsOf(parsePlanCsv({ keyResults, checkIns, kpis, kpiReadings }));
    const lines = problems.map((p) => `${p.path}: ${p.message}`);
    expect(lines).toEqual([
      'key_results.csv line 3, column kr_target: expected a number (e.g. 1250, 1,250, 0.5, -4, 15%, 3.5k, 2M, 1.2bn or $12,000) but got "lots"',
      'key_results.csv line 4, column team_channel: team "Growth" has team_channel "C9999GROW" here but "C0123GROW" on line 2; the rows must agree',
      'key_results.csv line 4, column kr_owner: expected a Slack user id such as U0123ABCD (starts with U or W, capital letters)',
      'key_results.csv line 4, column kr_kind: expected one of: increase, decrease, stay_above, stay_below, boolean, milestone; got "sideways"',
      'key_results.csv line 4, column kr_weight: expected a number greater than 0 but got "0"',
      'key_results.csv line 5, column cycle_name: the cycle has cycle_name "2026 Q2" here but "2026 Q1" on line 2; the rows must agree',
      'key_results.csv line 5, column objective_parent: parent "nope" does not match the ref of any objective in the plan',
      'check_ins.csv line 2, column confidence: expected a confidence from 0 to 10 (e.g. 7 or 7/10) but got "12"',
      'check_ins.csv line 3, column kr_ref: no key result in key_results.csv has kr_ref "kr-zz"',
      expect.stringMatching(
        /^kpis\.csv line 2, column amber: with lower_is_better the green threshold \(9\)/,
      ),
      'kpi_readings.csv line 2, column date: "2026-13-01" is not a real calendar date',
      'kpi_readings.csv line 3, column kpi_ref: no KPI in kpis.csv has kpi_ref "k2"',
    ]);
    expect(problems[0]).toMatchObject({ file: 'key_results.csv', line: 3 });
  });

  it('reports header problems and broken CSV', () => {
    const bad = problemsOf(parsePlanCsv({ keyResults: 'cycle_name,colour\nQ,red\n' }));
    expect(bad.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown column "colour"/),
        'missing column "cycle_start"',
      ]),
    );
    const broken = problemsOf(parsePlanCsv({ keyResults: `${HEADER}\n"unclosed,2026\n` }));
    expect(broken[0]?.message).toMatch(/not valid CSV/);
    expect(problemsOf(parsePlanCsv({ keyResults: '' }))[0]?.message).toMatch(/empty/);
  });

  it('refuses a key result row before any objective', () => {
    const keyResults = `${HEADER}\n2026 Q1,2026-01-01,2026-03-31,,,,,,,,kr-a,Demos,U02,boolean,,,,,,\n`;
    expect(problemsOf(parsePlanCsv({ keyResults }))[0]?.path).toBe('key_results.csv line 2');
  });
});

describe('milestone cell encoding', () => {
  it('round-trips titles containing separators', () => {
    const milestones = [
      { title: 'Phase 1: design | review', weight: 1.5, done: true },
      { title: 'C:\\path', done: false },
      { title: 'Plain' },
    ];
    const cell = encodeMilestones(milestones);
    expect(cell).toBe('Phase 1\\: design \\| review:1.5:done|C\\:\\\\path:todo|Plain');
    const decoded = decodeMilestones(cell);
    expect(decoded).toEqual({
      ok: true,
      milestones: [
        { title: 'Phase 1: design | review', weight: '1.5', done: true },
        { title: 'C:\\path', done: false },
        { title: 'Plain' },
      ],
    });
  });

  it('explains malformed cells', () => {
    expect(decodeMilestones('A|:2')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/milestone 2 has no title/),
    });
    expect(decodeMilestones('A:1:2')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unexpected part "2"/),
    });
  });
});
