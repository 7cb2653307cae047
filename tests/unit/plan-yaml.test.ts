import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_YAML } from '../../src/plan/example.ts';
import type { PlanParseResult, PlanProblem } from '../../src/plan/problems.ts';
import type { Plan } from '../../src/plan/schema.ts';
import { parsePlanYaml } from '../../src/plan/yaml-parse.ts';
import { stringifyPlanYaml } from '../../src/plan/yaml-stringify.ts';
import { buildLargePlan, FIVE_ERRORS_EXPECTED, PLAN_WITH_FIVE_ERRORS } from '../support/plan-fixtures.ts';

function planOf(result: PlanParseResult): Plan {
  if (!result.ok) throw new Error(`expected a valid plan:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}

function problemsOf(text: string): PlanProblem[] {
  const result = parsePlanYaml(text);
  if (result.ok) throw new Error('expected problems, got a valid plan');
  return result.problems;
}

function lineOf(text: string, fragment: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(fragment));
  if (index === -1) throw new Error(`fragment not found: ${fragment}`);
  return index + 1;
}

const HEAD = `cycle: { name: Q, start: 2026-01-01, end: 2026-03-31 }
teams:
  - { name: Growth, channel: C0123GROW, members: [U01, U02] }
`;

function withObjective(krYaml: string, extra = ''): string {
  return `${HEAD}objectives:
  - ref: o1
    title: Objective
    level: company
    owner: U01${extra}
    key_results:
${krYaml}`;
}

describe('parsePlanYaml', () => {
  it('loads the README example with people-typed numbers', () => {
    const plan = planOf(parsePlanYaml(EXAMPLE_PLAN_YAML));
    expect(plan.cycle).toEqual({ name: '2026 Q1', start: '2026-01-01', end: '2026-03-31' });
    expect(plan.teams).toHaveLength(3);
    const share = plan.objectives[0]?.key_results[0];
    expect(share).toMatchObject({ start: 8, target: 15, unit: '%', kind: 'increase' });
    expect(share?.check_ins[1]).toEqual({
      date: '2026-01-14',
      value: 9,
      confidence: 7,
      comment: 'Two deals slipped to February',
    });
    expect(plan.objectives[0]?.key_results[1]).toMatchObject({ start: 850_000, target: 1_200_000 });
    expect(plan.kpis[0]).toMatchObject({ target: 1500, green: 1400, amber: 1200 });
    expect(plan.risks).toHaveLength(2);
  });

  it('lists all five mistakes of the fixture with their paths and lines', () => {
    const problems = problemsOf(PLAN_WITH_FIVE_ERRORS);
    expect(problems).toHaveLength(5);
    for (const expected of FIVE_ERRORS_EXPECTED) {
      const problem = problems.find((p) => p.path === expected.path);
      expect(problem, expected.path).toBeDefined();
      expect(problem?.line, expected.path).toBe(lineOf(PLAN_WITH_FIVE_ERRORS, expected.lineContaining));
    }
    const byPath = new Map(problems.map((p) => [p.path, p.message]));
    expect(byPath.get('objectives[0].key_results[0].target')).toMatch(/ambiguous/);
    expect(byPath.get('objectives[0].key_results[1].owner')).toMatch(/Slack user id/);
    expect(byPath.get('objectives[1].team')).toMatch(/no team named "Marketing".*Growth/);
    expect(byPath.get('objectives[1].parent')).toMatch(/"company-2"/);
    expect(byPath.get('kpis[0].amber')).toMatch(
      /green threshold \(1200\) must be at least the amber one \(1400\)/,
    );
    // Sorted by line so people can walk down the file.
    expect(problems.map((p) => p.line)).toEqual(
      [...problems.map((p) => p.line)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('reports YAML syntax errors with a line', () => {
    const problems = problemsOf('cycle: { name: Q\nteams: [\n');
    expect(problems[0]?.message).toMatch(/YAML syntax/);
    expect(problems[0]?.line).toBeGreaterThan(0);
  });

  it('reports duplicate keys as syntax errors', () => {
    expect(problemsOf(`${HEAD}teams: []\n`)[0]?.message).toMatch(/unique|duplicate/i);
  });

  it('reports an empty file and a non-mapping clearly', () => {
    expect(problemsOf('')[0]?.message).toMatch(/mapping/);
    expect(problemsOf('- a\n- b\n')[0]?.message).toMatch(/mapping/);
  });

  it('reports missing fields at the parent line and unknown fields at the key', () => {
    const text = withObjective(`      - title: No owner
        kind: increase
        start: 1
        targt: 5
`);
    const problems = problemsOf(text);
    const paths = problems.map((p) => `${p.path}@${p.line}: ${p.message}`);
    // An owner may be left out (Slack allows items without one), so only the misspelled key is reported.
    expect(paths.some((path) => path.includes('.owner@'))).toBe(false);
    expect(paths).toContain(
      `objectives[0].key_results[0].targt@${lineOf(text, 'targt')}: unknown field "targt" (is it misspelled?)`,
    );
    expect(
      paths.some((p) => p.startsWith('objectives[0].key_results[0].target@') && /needs a target/.test(p)),
    ).toBe(true);
  });

  it('treats empty values as not given', () => {
    const plan = planOf(parsePlanYaml(withObjective('      []\n', '\n    parent:\n    description: ""')));
    expect(plan.objectives[0]).not.toHaveProperty('parent');
    expect(plan.objectives[0]).not.toHaveProperty('description');
  });

  describe('semantic checks', () => {
    const kr = (body: string) => withObjective(`      - title: KR\n        owner: U02\n${body}`);
    const messagesFor = (text: string) => problemsOf(text).map((p) => `${p.path}: ${p.message}`);

    it('explains start/target mistakes for increase and decrease', () => {
      expect(messagesFor(kr('        kind: increase\n        start: 5\n        target: 5\n'))[0]).toMatch(
        /target: target equals start \(5\).*stay_above or stay_below/,
      );
      expect(messagesFor(kr('        kind: increase\n        start: 10\n        target: 5\n'))[0]).toMatch(
        /below start.*kind: decrease/,
      );
      expect(messagesFor(kr('        kind: decrease\n        start: 5\n        target: 10\n'))[0]).toMatch(
        /above start.*kind: increase/,
      );
      expect(messagesFor(kr('        kind: decrease\n        target: 10\n'))[0]).toMatch(
        /start: .*needs a start/,
      );
    });

    it('requires a threshold for stay_above/stay_below', () => {
      expect(messagesFor(kr('        kind: stay_above\n'))[0]).toMatch(
        /threshold the value must stay at or above/,
      );
    });

    it('requires milestones for milestone kind only', () => {
      expect(messagesFor(kr('        kind: milestone\n'))[0]).toMatch(/milestones: .*at least one milestone/);
      expect(messagesFor(kr('        kind: boolean\n        milestones: [{ title: A }]\n'))[0]).toMatch(
        /only for kind milestone/,
      );
      expect(messagesFor(kr('        kind: boolean\n        target: 1\n'))[0]).toMatch(/done or not done/);
    });

    it('checks check-ins: calendar dates, cycle range, confidence, boolean values', () => {
      const messages = messagesFor(
        kr(`        kind: boolean
        check_ins:
          - { date: 2026-02-30, value: 1 }
          - { date: 2026-05-01, value: 1 }
          - { date: 2026-01-10, value: 2, confidence: 11 }
          - { date: 2026-01-11, value: true, confidence: 7/10 }
`),
      );
      expect(messages).toEqual([
        expect.stringMatching(/check_ins\[0\]\.date: "2026-02-30" is not a real calendar date/),
        expect.stringMatching(/check_ins\[1\]\.date: .*outside the cycle/),
        expect.stringMatching(/check_ins\[2\]\.confidence: expected a confidence from 0 to 10/),
        expect.stringMatching(/check_ins\[2\]\.value: .*1 \(done\) or 0/),
      ]);
    });

    it('checks refs: unique, parents exist, no loops (naming the loop)', () => {
      const text = `${HEAD}objectives:
  - { ref: a, title: A, level: company, owner: U01, parent: c }
  - { ref: b, title: B, level: company, owner: U01, parent: a }
  - { ref: c, title: C, level: company, owner: U01, parent: b }
  - { ref: a, title: D, level: company, owner: U01 }
  - { ref: e, title: E, level: team, owner: U01, parent: e }
`;
      const messages = messagesFor(text);
      expect(messages).toContain(
        'objectives[0].parent: parent links form a loop: a → c → b → a; an objective cannot (indirectly) be its own parent',
      );
      expect(messages).toContain(
        'objectives[3].ref: ref "a" is already used by another objective; refs must be unique in the plan',
      );
      expect(messages).toContain('objectives[4].parent: an objective cannot be its own parent');
      expect(messages).toContain(
        'objectives[4].team: a team objective must name its team (add team: <name from teams>)',
      );
    });

    it('checks the cycle, teams, KPIs and risks', () => {
      const text = `cycle: { name: Q, start: 2026-03-31, end: 2026-01-01 }
teams:
  - { name: Growth, channel: X0123, members: [u01] }
  - { name: Growth }
kpis:
  - { ref: k1, title: Latency, owner: U01, team: Ops, direction: lower_is_better, target: 2, green: 9, amber: 4 }
risks:
  - { title: R, owner: U01, likelihood: 6, impact: 0, kpi: k1, objective: nope }
  - { title: S, owner: U01, likelihood: 2.5, impact: 3, key_result: k1 }
`;
      const messages = messagesFor(text);
      expect(messages).toEqual(
        expect.arrayContaining([
          'cycle.end: the cycle ends (2026-01-01) before it starts (2026-03-31)',
          expect.stringMatching(/^teams\[0\]\.channel: expected a Slack channel id/),
          expect.stringMatching(/^teams\[0\]\.members\[0\]: expected a Slack user id/),
          'teams[1].name: team "Growth" is listed twice (first as teams[0])',
          expect.stringMatching(/^kpis\[0\]\.team: there is no team named "Ops"/),
          expect.stringMatching(
            /^kpis\[0\]\.amber: with lower_is_better the green threshold \(9\) must be at most/,
          ),
          expect.stringMatching(/^risks\[0\]\.likelihood: expected a number from 1 to 5/),
          expect.stringMatching(/^risks\[0\]\.impact: expected a number from 1 to 5/),
          expect.stringMatching(
            /^risks\[0\]\.kpi: a risk links to one thing at most; it names objective and kpi/,
          ),
          'risks[0].objective: no objective in the plan has ref "nope"',
          expect.stringMatching(/^risks\[1\]\.likelihood: expected a whole number/),
          'risks[1].key_result: "k1" is a KPI, not a key result',
        ]),
      );
    });
  });
});

describe('stringifyPlanYaml', () => {
  it('round-trips the README example', () => {
    const plan = planOf(parsePlanYaml(EXAMPLE_PLAN_YAML));
    expect(planOf(parsePlanYaml(stringifyPlanYaml(plan)))).toEqual(plan);
  });

  it.each([1, 2, 3, 42, 2026])('round-trips a large generated plan (seed %i)', (seed) => {
    const plan = buildLargePlan(seed);
    const text = stringifyPlanYaml(plan, { header: 'Exported by Okra' });
    expect(planOf(parsePlanYaml(text))).toEqual(
      planOf(parsePlanYaml(stringifyPlanYaml(planOf(parsePlanYaml(text))))),
    );
    expect(planOf(parsePlanYaml(text))).toEqual(plan);
  });

  it('is stable and readable', () => {
    const plan = planOf(parsePlanYaml(EXAMPLE_PLAN_YAML));
    const text = stringifyPlanYaml(plan);
    expect(stringifyPlanYaml(planOf(parsePlanYaml(text)))).toBe(text);
    expect(text).toContain('cycle: { name: 2026 Q1, start: 2026-01-01, end: 2026-03-31 }');
    expect(text).toContain('- { date: 2026-01-07, value: 8.5, confidence: 7 }');
    expect(text).not.toContain('check_ins: []');
    expect(text.indexOf('title: Win the mid-market')).toBeLessThan(
      text.indexOf('title: Build a predictable pipeline'),
    );
  });

  it('keeps text that looks like other YAML types as text', () => {
    const plan = planOf(parsePlanYaml(EXAMPLE_PLAN_YAML));
    const tricky: Plan = {
      ...plan,
      cycle: { ...plan.cycle, name: '2026' },
      objectives: plan.objectives.map((o, i) =>
        i === 0 ? { ...o, title: 'yes: no # not a comment', description: 'line 1\nline 2' } : o,
      ),
    };
    expect(planOf(parsePlanYaml(stringifyPlanYaml(tricky)))).toEqual(tricky);
  });
});

describe('parsePlanYaml on hostile input', () => {
  it('reports an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    const problems = problemsOf(bomb.join('\n'));
    expect(problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/could not be read.*alias/i) }),
    ]);
  });
});
