import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KR_KINDS } from '../../src/domain/vocabulary.ts';
import { normalizeForCsv, planToCsv } from '../../src/plan/csv-export.ts';
import { parsePlanCsv } from '../../src/plan/csv-import.ts';
import { validatePlanData } from '../../src/plan/validate.ts';
import { parsePlanYaml } from '../../src/plan/yaml-parse.ts';
import { stringifyPlanYaml } from '../../src/plan/yaml-stringify.ts';
import { buildLargePlan } from '../support/plan-fixtures.ts';

describe('buildLargePlan', () => {
  it('has the promised shape and passes validation', () => {
    const plan = buildLargePlan(1);
    const keyResults = plan.objectives.flatMap((o) => o.key_results);
    expect(plan.teams).toHaveLength(3);
    expect(plan.objectives).toHaveLength(12);
    expect(plan.objectives.filter((o) => o.level === 'company')).toHaveLength(3);
    expect(plan.objectives.filter((o) => o.level === 'team').every((o) => o.parent && o.team)).toBe(true);
    expect(keyResults).toHaveLength(40);
    expect(new Set(keyResults.map((kr) => kr.kind))).toEqual(new Set(KR_KINDS));
    expect(plan.kpis).toHaveLength(8);
    expect(keyResults.some((kr) => kr.check_ins.length === 6)).toBe(true);
    expect(plan.kpis.some((kpi) => kpi.readings.length === 6)).toBe(true);
    expect(validatePlanData(plan)).toEqual({ ok: true, plan });
  });

  it('is deterministic per seed', () => {
    expect(buildLargePlan(5)).toEqual(buildLargePlan(5));
    expect(buildLargePlan(5)).not.toEqual(buildLargePlan(6));
  });

  it('round-trips through YAML and CSV for any seed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const plan = buildLargePlan(seed);
        const yaml = parsePlanYaml(stringifyPlanYaml(plan));
        expect(yaml.ok && yaml.plan).toEqual(plan);
        const csv = parsePlanCsv(planToCsv(plan));
        expect(csv.ok && csv.plan).toEqual(normalizeForCsv(plan));
      }),
      { numRuns: 15 },
    );
  });
});
