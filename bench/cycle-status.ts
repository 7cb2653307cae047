// Evaluating the status of a whole cycle (200 objectives, 600 key results, 8 check-ins each), against
// loading the same rows from the database without evaluating them.
import { evaluateCycle } from '../src/services/portfolio-status.ts';
import { KEY_RESULT_STATUS_INCLUDE } from '../src/services/status-inputs.ts';
import { createTestDatabase, TEST_PROVIDER } from '../tests/support/test-database.ts';
import { row, summarise, time } from './stats.ts';

export async function benchCycleStatus(rounds = 20): Promise<string[]> {
  const database = await createTestDatabase();
  const { db } = database;
  try {
    const workspace = await db.workspace.create({ data: { slackTeamId: 'TBENCHSTATUS' } });
    const cycle = await db.cycle.create({
      data: {
        workspaceId: workspace.id,
        name: 'Bench',
        startDate: new Date('2026-01-01'),
        endDate: new Date('2026-03-31'),
      },
    });
    let krNumber = 1;
    for (let o = 1; o <= 200; o++) {
      const objective = await db.objective.create({
        data: {
          workspaceId: workspace.id,
          number: o,
          title: `Objective ${o}`,
          cycleId: cycle.id,
          level: o <= 20 ? 'company' : 'team',
          parentId: o <= 20 ? null : ((o - 1) % 20) + 1,
        },
      });
      for (let k = 0; k < 3; k++) {
        const kr = await db.keyResult.create({
          data: {
            workspaceId: workspace.id,
            number: krNumber++,
            objectiveId: objective.id,
            title: `KR ${k}`,
            kind: 'increase',
            startValue: 0,
            targetValue: 100,
          },
        });
        await db.checkIn.createMany({
          data: Array.from({ length: 8 }, (_, w) => ({
            keyResultId: kr.id,
            period: `2026-W${String(w + 2).padStart(2, '0')}`,
            date: new Date(Date.UTC(2026, 0, 5 + 7 * w)),
            value: (w + 1) * (4 + k * 2),
            confidence: 5 + ((w + k) % 5),
          })),
        });
      }
    }
    const now = new Date('2026-03-01T12:00:00Z');
    const load = () =>
      db.objective.findMany({
        where: { cycleId: cycle.id },
        include: { keyResults: { include: KEY_RESULT_STATUS_INCLUDE } },
      });
    await load();
    await evaluateCycle(db, workspace.id, cycle.id, now);
    const loads: number[] = [];
    const evaluations: number[] = [];
    for (let i = 0; i < rounds; i++) {
      loads.push(await time(load));
      evaluations.push(await time(() => evaluateCycle(db, workspace.id, cycle.id, now)));
    }
    const base = summarise(loads);
    const full = summarise(evaluations);
    return [
      row(`baseline: load 200 objectives with KRs and check-ins (${TEST_PROVIDER})`, base),
      row('load and evaluate every status, forecast and rollup', full),
      `evaluation adds ${(full.p50 - base.p50).toFixed(1)} ms at p50 (${(full.p50 / Math.max(base.p50, 0.001)).toFixed(1)}x the load alone)`,
    ];
  } finally {
    await database.drop();
  }
}
