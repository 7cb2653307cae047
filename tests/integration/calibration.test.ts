// Calibration from finished cycles: read from the cycles' own key results and check-ins, so the record
// survives a plan export and an import into a fresh workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { expectedFromConfidence } from '../../src/domain/status/index.ts';
import { parsePlanYaml } from '../../src/plan/index.ts';
import { finishedOutcomes, loadCalibration } from '../../src/services/calibration.ts';
import { exportPlan } from '../../src/services/plan-export.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-02-11T10:00:00Z');

function planOf(yaml: string) {
  const parsed = parsePlanYaml(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.plan;
}

/** A past quarter in which Dana rated her key result 9/10 throughout and it ended at 60%. */
function pastQuarter(name: string, start: string, end: string, weeks: string[]): string {
  const checkIns = weeks
    .map(
      (date, i) =>
        `          - { date: ${date}, value: ${Math.round((60 * (i + 1)) / weeks.length)}, confidence: 9 }`,
    )
    .join('\n');
  return `cycle: { name: "${name}", start: ${start}, end: ${end} }
objectives:
  - ref: o-${name.replace(/\W/g, '')}
    title: Grow
    level: company
    owner: U0000DANA
    key_results:
      - ref: kr-${name.replace(/\W/g, '')}
        title: Reach 100 partners
        owner: U0000DANA
        kind: increase
        start: 0
        target: 100
        check_ins:
${checkIns}
`;
}

const QUARTERS = [
  pastQuarter('2025 Q2', '2025-04-01', '2025-06-30', ['2025-04-20', '2025-05-20', '2025-06-20']),
  pastQuarter('2025 Q3', '2025-07-01', '2025-09-30', ['2025-07-20', '2025-08-20', '2025-09-20']),
  pastQuarter('2025 Q4', '2025-10-01', '2025-12-31', ['2025-10-20', '2025-11-20', '2025-12-20']),
];

describe('calibration from finished cycles', () => {
  let source: TestDatabase;
  let target: TestDatabase;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
  });

  async function danaIn(db: TestDatabase['db'], workspaceId: number) {
    const member = await db.member.findFirstOrThrow({ where: { workspaceId, slackUserId: 'U0000DANA' } });
    return (await loadCalibration(db, workspaceId, NOW))(member.id);
  }

  it("reads an owner's 9/10s that ended at 60% three quarters running, and keeps that through export and import", async () => {
    const workspace = await ensureWorkspace(source.db, 'TCALIB01');
    for (const yaml of QUARTERS) {
      const result = await importPlan(source.db, {
        workspaceId: workspace.id,
        actor: 'import',
        plan: planOf(yaml),
        now: NOW,
      });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const outcomes = await finishedOutcomes(source.db, workspace.id, NOW);
    expect(outcomes.map((o) => [o.confidence, Math.round(o.final * 100)])).toEqual([
      [9, 60],
      [9, 60],
      [9, 60],
    ]);
    const dana = await danaIn(source.db, workspace.id);
    expect(dana.source).toBe('owner');
    expect(expectedFromConfidence(9, dana)).toBeLessThan(0.75);

    // Export each past quarter and import it into a new workspace: the record comes along.
    const fresh = await ensureWorkspace(target.db, 'TCALIB02');
    for (const name of ['2025 Q2', '2025 Q3', '2025 Q4']) {
      const plan = await exportPlan(source.db, workspace.id, { cycle: name });
      const result = await importPlan(target.db, { workspaceId: fresh.id, actor: 'import', plan, now: NOW });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const carried = await danaIn(target.db, fresh.id);
    expect(carried).toEqual(dana);
  });

  it('gives an owner with no finished cycles the prior', async () => {
    const workspace = await ensureWorkspace(source.db, 'TCALIB03');
    expect((await loadCalibration(source.db, workspace.id, NOW))(null).source).toBe('prior');
  });
});
