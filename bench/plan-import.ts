// Importing a quarter (3 teams, 12 objectives, 40 key results, 8 KPIs, 6 weeks of history), against
// parsing and validating the same file, and the no-op re-import.

import { parsePlanYaml, stringifyPlanYaml } from '../src/plan/index.ts';
import { importPlan } from '../src/services/plan-import.ts';
import { buildLargePlan } from '../tests/support/plan-fixtures.ts';
import { createTestDatabase, TEST_PROVIDER } from '../tests/support/test-database.ts';
import { row, summarise, time } from './stats.ts';

export async function benchPlanImport(rounds = 10): Promise<string[]> {
  const yaml = stringifyPlanYaml(buildLargePlan(7));
  const parse: number[] = [];
  const first: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let plan: ReturnType<typeof parsePlanYaml> | undefined;
    parse.push(
      await time(async () => {
        plan = parsePlanYaml(yaml);
      }),
    );
    if (!plan?.ok) throw new Error('the benchmark plan does not parse');
    const database = await createTestDatabase();
    try {
      const workspace = await database.db.workspace.create({ data: { slackTeamId: `TBENCH${i}` } });
      const request = { workspaceId: workspace.id, actor: 'import', plan: plan.plan };
      first.push(await time(() => importPlan(database.db, request)));
      again.push(await time(() => importPlan(database.db, request)));
    } finally {
      await database.drop();
    }
  }
  const base = summarise(parse);
  const write = summarise(first);
  return [
    row('baseline: parse and validate the YAML', base),
    row(`first import (${TEST_PROVIDER})`, write),
    row(`same file again, nothing to change (${TEST_PROVIDER})`, summarise(again)),
    `first import p50 = ${(write.p50 / Math.max(base.p50, 0.001)).toFixed(1)}x parsing the file`,
  ];
}
