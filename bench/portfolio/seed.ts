// A large portfolio for the benchmarks: 2,000 objectives (200 company, 1,800 team objectives aligned under
// them, across 20 teams), 10,000 key results, 120,000 weekly check-ins (12 weeks), 300 KPIs, 400 risks and a
// stored status for every item, as the sweep would have left them an hour earlier. Written in chunked createMany calls.
import type { Db } from '../../src/db/client.ts';
import { periodOf } from '../../src/domain/periods.ts';
import { evaluateCycle } from '../../src/services/portfolio-status.ts';

export const SCALE = {
  objectives: 2000,
  companyObjectives: 200,
  keyResults: 10_000,
  weeks: 12,
  teams: 20,
  people: 500,
};
export const CYCLE = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-03-31T00:00:00Z') };
/** Friday of week 13, 16:00 UTC: twelve weeks of check-ins are in. */
export const BENCH_NOW = new Date('2026-03-27T16:00:00Z');

const CHUNK = 2000;
async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Deterministic pseudo-random numbers, so every run and engine sees the same portfolio. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function seedPortfolio(
  db: Db,
): Promise<{ workspaceId: number; ownerSlackId: string; krRef: string }> {
  const rand = random(42);
  const workspace = await db.workspace.create({ data: { slackTeamId: 'TBENCHPORTFOLIO', name: 'Bench' } });
  const workspaceId = workspace.id;
  await db.member.createMany({
    data: Array.from({ length: SCALE.people }, (_, i) => ({
      workspaceId,
      slackUserId: `UBENCH${String(i).padStart(5, '0')}`,
      name: `Person ${i}`,
      role: i === 0 ? 'admin' : 'member',
    })),
  });
  const members = await db.member.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
  await db.team.createMany({
    data: Array.from({ length: SCALE.teams }, (_, i) => ({
      workspaceId,
      name: `Team ${i}`,
      channelId: `CTEAM${i}`,
    })),
  });
  const teams = await db.team.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
  const cycle = await db.cycle.create({
    data: { workspaceId, name: '2026 Q1', startDate: CYCLE.start, endDate: CYCLE.end, isCurrent: true },
  });

  const objectiveRows = Array.from({ length: SCALE.objectives }, (_, i) => ({
    workspaceId,
    number: i + 1,
    title: `Objective ${i + 1}`,
    cycleId: cycle.id,
    level: i < SCALE.companyObjectives ? 'company' : 'team',
    teamId: i < SCALE.companyObjectives ? null : teams[i % SCALE.teams]!.id,
    ownerId: members[i % members.length]!.id,
  }));
  await inChunks(objectiveRows, (data) => db.objective.createMany({ data }));
  const objectives = await db.objective.findMany({
    where: { workspaceId },
    orderBy: { number: 'asc' },
    select: { id: true },
  });
  // Align each team objective under a company objective (ids are known only after the insert).
  for (let c = 0; c < SCALE.companyObjectives; c++) {
    const children = objectives
      .slice(SCALE.companyObjectives)
      .filter((_, i) => i % SCALE.companyObjectives === c);
    await db.objective.updateMany({
      where: { id: { in: children.map((o) => o.id) } },
      data: { parentId: objectives[c]!.id },
    });
  }

  const krRows = Array.from({ length: SCALE.keyResults }, (_, i) => ({
    workspaceId,
    number: i + 1,
    objectiveId: objectives[SCALE.companyObjectives + (i % (SCALE.objectives - SCALE.companyObjectives))]!.id,
    title: `Key result ${i + 1}`,
    ownerId: members[i % members.length]!.id,
    kind: 'increase',
    startValue: 0,
    targetValue: 100,
    curve: (['linear', 'back_loaded', 'front_loaded'] as const)[i % 3],
  }));
  await inChunks(krRows, (data) => db.keyResult.createMany({ data }));
  const keyResults = await db.keyResult.findMany({
    where: { workspaceId },
    orderBy: { number: 'asc' },
    select: { id: true, ownerId: true },
  });

  const checkIns = keyResults.flatMap((kr, k) => {
    const pace = 4 + (k % 7);
    return Array.from({ length: SCALE.weeks }, (_, w) => {
      const date = new Date(CYCLE.start.getTime() + (w * 7 + 4) * 86_400_000);
      return {
        keyResultId: kr.id,
        authorId: kr.ownerId,
        period: periodOf(date, 'weekly', 'UTC'),
        date,
        value: Math.round((w + 1) * pace * (0.7 + rand() * 0.6)),
        confidence: 3 + Math.floor(rand() * 8),
        comment: rand() < 0.3 ? `Week ${w + 1} update on key result ${k + 1}` : '',
      };
    });
  });
  await inChunks(checkIns, (data) => db.checkIn.createMany({ data }));
  // A check-in also records the key result's current value; set it as live check-ins would have.
  await db.$executeRaw`
    UPDATE "KeyResult" SET "currentValue" = (
      SELECT c."value" FROM "CheckIn" c WHERE c."keyResultId" = "KeyResult"."id" ORDER BY c."date" DESC LIMIT 1)
    WHERE "workspaceId" = ${workspaceId}`;

  await db.kpi.createMany({
    data: Array.from({ length: 300 }, (_, i) => ({
      workspaceId,
      number: i + 1,
      title: `KPI ${i + 1}`,
      teamId: teams[i % SCALE.teams]!.id,
      ownerId: members[i % members.length]!.id,
      target: 100,
      green: 90,
      amber: 70,
    })),
  });
  const kpis = await db.kpi.findMany({ where: { workspaceId }, select: { id: true } });
  await inChunks(
    kpis.flatMap((kpi, i) =>
      Array.from({ length: SCALE.weeks }, (_, w) => {
        const date = new Date(CYCLE.start.getTime() + (w * 7 + 4) * 86_400_000);
        return {
          kpiId: kpi.id,
          period: periodOf(date, 'weekly', 'UTC'),
          date,
          value: 60 + ((i * 7 + w * 3) % 45),
        };
      }),
    ),
    (data) => db.kpiReading.createMany({ data }),
  );
  await db.risk.createMany({
    data: Array.from({ length: 400 }, (_, i) => ({
      workspaceId,
      number: i + 1,
      title: `Risk ${i + 1}`,
      description: `What could go wrong, number ${i + 1}`,
      keyResultId: keyResults[(i * 25) % keyResults.length]!.id,
      ownerId: members[i % members.length]!.id,
      likelihood: 1 + (i % 5),
      impact: 1 + ((i * 3) % 5),
    })),
  });

  // The statuses the engine gives an hour before the benchmark, as the sweep and the check-ins would have
  // stored them; KPIs get a spread of statuses.
  const evaluated = await evaluateCycle(db, workspaceId, cycle.id, new Date(BENCH_NOW.getTime() - 3_600_000));
  const levels = ['on_track', 'on_track', 'on_track', 'at_risk', 'off_track'];
  const statusRows = [
    ...[...evaluated.objectives.values()].flatMap((node) => [
      {
        itemType: 'objective',
        itemId: node.id,
        status: node.status.status,
        reasons: JSON.stringify(node.status.reasons),
      },
      ...node.keyResults.map((kr) => ({
        itemType: 'key_result',
        itemId: kr.id,
        status: kr.status.status,
        reasons: JSON.stringify(kr.status.reasons),
      })),
    ]),
    ...kpis.map((kpi, i) => ({
      itemType: 'kpi',
      itemId: kpi.id,
      status: levels[(i * 2) % 5]!,
      reasons: '[]',
    })),
  ].map((row) => ({ ...row, workspaceId, changedAt: CYCLE.start }));
  await inChunks(statusRows, (data) => db.itemStatus.createMany({ data }));
  return { workspaceId, ownerSlackId: members[1]!.slackUserId, krRef: 'KR-2' };
}
