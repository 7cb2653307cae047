import { describe, expect, it } from 'vitest';
import { PLAN_LIMITS, parsePlanCsv, parsePlanYaml } from '../../src/plan/index.ts';

const cycle = 'cycle: { name: 2026 Q1, start: 2026-01-01, end: 2026-03-31 }\n';

describe('plan files beyond what Okra reads', () => {
  it('refuses a YAML plan over the size limit (checked before parsing, which would take seconds)', () => {
    const text = `${cycle}# ${'x'.repeat(PLAN_LIMITS.bytes)}\n`;
    const result = parsePlanYaml(text);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]?.message).toMatch(
        /^The plan is 20\.0 MB; Okra reads plans of up to 20\.0 MB/,
      );
  });

  it('refuses CSV files whose sizes add up to more than the limit', () => {
    const half = 'x'.repeat(PLAN_LIMITS.bytes / 2 + 1);
    const result = parsePlanCsv({ keyResults: half, checkIns: half });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toContain('Okra reads plans of up to 20.0 MB');
  });

  it('refuses more objectives than the limit, naming the count and the limit', () => {
    const objectives = Array.from(
      { length: PLAN_LIMITS.objectives + 1 },
      (_, i) => `  - { title: O${i}, level: company, owner: U1, key_results: [] }`,
    ).join('\n');
    const result = parsePlanYaml(`${cycle}objectives:\n${objectives}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([
        {
          path: '',
          message:
            'The plan has 10,001 objectives; Okra imports up to 10,000 in one plan. Nothing was imported.',
        },
      ]);
  });

  it('leaves room well above the largest benchmark plan (2,000 objectives, 10,000 key results, 120,000 check-ins)', () => {
    expect(PLAN_LIMITS.objectives).toBeGreaterThanOrEqual(5 * 2_000);
    expect(PLAN_LIMITS.keyResults).toBeGreaterThanOrEqual(5 * 10_000);
    expect(PLAN_LIMITS.checkIns).toBeGreaterThanOrEqual(5 * 120_000);
  });
});
