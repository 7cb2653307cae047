// A cycle of 5,000 key results, on both engines: no query may grow its parameter list with the data
// (SQLite refuses more than 999 bound values in one statement through Prisma, PostgreSQL 32,766).
// The rows are seeded with bulk inserts so that the file stays quick; everything else goes through Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent } from '../../devkit/slack-stand-in/driver.ts';
import { sweepStatuses } from '../../src/jobs/status-sweep.ts';
import { parsePlanYaml } from '../../src/plan/index.ts';
import { exportPlan } from '../../src/services/plan-export.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

const OBJECTIVES = 50;
const PER_OBJECTIVE = 100;
const KEY_RESULTS = OBJECTIVES * PER_OBJECTIVE;
const KPIS = 1_200;

let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness({ now: '2026-02-11T10:00:00Z' });
  const quarter = await seedQuarter(h, [MEMBER, ADMIN]);
  ({ workspaceId } = quarter);
  const member = { id: quarter.members[MEMBER]! };
  const cycle = { id: quarter.cycleId };
  await h.db.objective.createMany({
    data: Array.from({ length: OBJECTIVES }, (_, i) => ({
      workspaceId,
      number: i + 1,
      ref: `objective-${i + 1}`,
      title: `Objective ${i + 1}`,
      cycleId: cycle.id,
      level: 'company',
      ownerId: member.id,
    })),
  });
  const objectives = await h.db.objective.findMany({ where: { workspaceId }, orderBy: { number: 'asc' } });
  await h.db.keyResult.createMany({
    data: Array.from({ length: KEY_RESULTS }, (_, i) => ({
      workspaceId,
      number: i + 1,
      ref: `kr-${i + 1}`,
      objectiveId: objectives[Math.floor(i / PER_OBJECTIVE)]!.id,
      title: `Key result ${i + 1}`,
      ownerId: member.id,
      kind: 'increase',
      startValue: 0,
      targetValue: 100,
      currentValue: 50,
    })),
  });
  const keyResults = await h.db.keyResult.findMany({ where: { workspaceId }, select: { id: true } });
  // On pace: half-way by early February, checked in the day before, with good confidence.
  await h.db.checkIn.createMany({
    data: keyResults.map((kr) => ({
      keyResultId: kr.id,
      authorId: member.id,
      period: '2026-W07',
      date: new Date('2026-02-10'),
      createdAt: new Date('2026-02-10T09:00:00Z'),
      value: 50,
      confidence: 8,
    })),
  });
  await h.db.kpi.createMany({
    data: Array.from({ length: KPIS }, (_, i) => ({
      workspaceId,
      number: i + 1,
      title: `KPI ${i + 1}`,
      ownerId: member.id,
      target: 100,
      green: 90,
      amber: 80,
    })),
  });
  const kpis = await h.db.kpi.findMany({ where: { workspaceId }, select: { id: true } });
  await h.db.kpiReading.createMany({
    data: kpis.map((kpi) => ({
      kpiId: kpi.id,
      period: '2026-W07',
      date: new Date('2026-02-10'),
      createdAt: new Date('2026-02-10T09:00:00Z'),
      value: 95,
    })),
  });
  await h.db.counter.createMany({
    data: [
      { workspaceId, name: 'objective', value: OBJECTIVES },
      { workspaceId, name: 'key_result', value: KEY_RESULTS },
      { workspaceId, name: 'kpi', value: KPIS },
    ],
  });
}, 120_000);
afterAll(() => h.close());

/**
 * Seeding and the sweep run in this process for seconds, the Slack-facing server included: let the idle
 * keep-alive socket time out on both ends before the next request, or fetch may reuse it as it closes.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe(`a cycle of ${KEY_RESULTS} key results, with ${KPIS} KPIs`, () => {
  it('shows the alignment tree', async () => {
    await settle();
    const result = await h.command(MEMBER, 'tree');
    expect(result.text).not.toContain('Something went wrong');
    expect(JSON.stringify(result.replies[0]?.body)).toContain('O-1');
  });

  it('exports the plan file', async () => {
    await settle();
    const before = h.double.files.length;
    const result = await h.command(MEMBER, 'export');
    expect(result.text).toBe('The plan file is in your DM with me (*2026 Q1*).');
    const [file] = h.double.files.slice(before);
    const parsed = parsePlanYaml(file!.content!.toString('utf8'));
    expect(parsed.ok && parsed.plan.objectives.flatMap((o) => o.key_results ?? [])).toHaveLength(KEY_RESULTS);
  });

  it('publishes the Home tab', async () => {
    await settle();
    const before = h.double.callsTo('views.publish').length;
    await h.event({ event: appHomeOpenedEvent(MEMBER) });
    const published = h.double.callsTo('views.publish').slice(before);
    expect(published).toHaveLength(1);
    expect(published[0]?.ok).toBe(true);
  });

  it('sweeps every item, then flags a check-in that puts a key result off track', async () => {
    const sweep = await sweepStatuses(h.okra.services, h.clock.now());
    expect(sweep.evaluated).toBe(KEY_RESULTS + OBJECTIVES + KPIS);
    expect(await h.db.itemStatus.count({ where: { workspaceId } })).toBe(KEY_RESULTS + OBJECTIVES + KPIS);

    await settle();
    const result = await h.command(MEMBER, 'update KR-4321 1 --confidence 1');
    expect(result.text).toContain('KR-4321');
    expect(result.text).not.toContain('Something went wrong');
    const flags = h.double
      .messagesIn(MEMBER)
      .filter((m) => m.text?.includes('*KR-4321*') && m.text.includes('is now'));
    expect(flags).toHaveLength(1);
    // The sweep settles 6,250 items one by one (a few statements each): seconds, more on PostgreSQL.
  }, 120_000);

  it('lists the KPIs with their latest readings', async () => {
    await settle();
    const result = await h.command(MEMBER, 'kpi list');
    expect(result.text).not.toContain('Something went wrong');
    expect(JSON.stringify(result.replies[0]?.body)).toContain('KPI-1');
  });

  it('imports its own export again, changing nothing', async () => {
    const plan = await exportPlan(h.db, workspaceId);
    const imported = await importPlan(h.db, { workspaceId, actor: 'import', plan, now: h.clock.now() });
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(imported.summary.keyResults).toMatchObject({ created: 0 });
    expect(await h.db.keyResult.count({ where: { workspaceId } })).toBe(KEY_RESULTS);
  });
});
