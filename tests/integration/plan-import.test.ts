// Importing plans into a database: counts, idempotency, updates with audit entries, and all-or-nothing.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { ensureMember } from '../../src/db/queries/workspaces.ts';
import { EXAMPLE_PLAN_YAML, type Plan, parsePlanYaml } from '../../src/plan/index.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { buildLargePlan, PLAN_WITH_FIVE_ERRORS } from '../support/plan-fixtures.ts';
import { withTestWorkspace } from '../support/test-workspace.ts';

const NOW = new Date('2026-02-11T10:00:00Z');

async function rowCounts(db: Db) {
  return {
    cycles: await db.cycle.count(),
    teams: await db.team.count(),
    teamMembers: await db.teamMember.count(),
    members: await db.member.count(),
    objectives: await db.objective.count(),
    keyResults: await db.keyResult.count(),
    milestones: await db.milestone.count(),
    kpis: await db.kpi.count(),
    kpiReadings: await db.kpiReading.count(),
    risks: await db.risk.count(),
    checkIns: await db.checkIn.count(),
    audit: await db.auditEntry.count(),
  };
}

async function updatedAts(db: Db) {
  const pick = (rows: Array<{ id: number; updatedAt: Date }>) =>
    rows.map((r) => `${r.id}:${r.updatedAt.toISOString()}`);
  return [
    ...pick(await db.objective.findMany({ orderBy: { id: 'asc' } })),
    ...pick(await db.keyResult.findMany({ orderBy: { id: 'asc' } })),
    ...pick(await db.kpi.findMany({ orderBy: { id: 'asc' } })),
    ...pick(await db.risk.findMany({ orderBy: { id: 'asc' } })),
    ...pick(await db.kpiReading.findMany({ orderBy: { id: 'asc' } })),
  ];
}

function parsed(yaml: string): Plan {
  const result = parsePlanYaml(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

describe('importing a large plan', () => {
  let db: Db;
  let workspaceId: number;
  const plan = buildLargePlan(7);
  withTestWorkspace('T0LARGE', (fresh) => ({ db, workspaceId } = fresh));

  it('writes every team, objective, key result, KPI, risk, check-in and reading', async () => {
    const result = await importPlan(db, { workspaceId, actor: 'import', plan, now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const keyResults = plan.objectives.flatMap((o) => o.key_results);
    const checkIns = keyResults.reduce((sum, kr) => sum + kr.check_ins.length, 0);
    const counts = await rowCounts(db);
    expect(counts).toMatchObject({
      cycles: 1,
      teams: 3,
      objectives: 12,
      keyResults: 40,
      kpis: 8,
      risks: 3,
      checkIns,
      milestones: keyResults.reduce((sum, kr) => sum + (kr.milestones?.length ?? 0), 0),
    });
    expect(checkIns).toBeGreaterThanOrEqual(100);
    expect(result.summary.objectives).toEqual({ created: 12, updated: 0, unchanged: 0 });
    expect(result.summary.keyResults.created).toBe(40);
    expect(result.summary.checkIns.created).toBe(checkIns);
    // Monthly KPIs measured weekly keep one reading per month, and the import says so.
    expect(result.hints.some((h) => /keeps one reading per month/.test(h.message))).toBe(true);
    expect(counts.kpiReadings).toBe(result.summary.kpiReadings.created);
    // One audit entry per item written.
    const created = Object.values(result.summary).reduce((sum, c) => sum + c.created, 0);
    expect(await db.auditEntry.count({ where: { action: 'import', actor: 'import' } })).toBe(created);
    const cycle = await db.cycle.findFirstOrThrow();
    expect(cycle).toMatchObject({ name: '2026 Q1', isCurrent: true });
  });

  it('gives new items short ids, keeps refs, and generates refs for items without one', async () => {
    const objectives = await db.objective.findMany({ orderBy: { number: 'asc' } });
    expect(objectives.map((o) => o.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(objectives[0]!.ref).toBe('company-1');
    expect(objectives.every((o) => o.ref !== null)).toBe(true);
    const refless = plan.objectives.find((o) => o.ref === undefined)!;
    expect(objectives.find((o) => o.title === refless.title)!.ref).toBe('customer-success-grow-accounts');
    expect(await db.keyResult.count({ where: { ref: null } })).toBe(0);
    const counter = await db.counter.findUniqueOrThrow({
      where: { workspaceId_name: { workspaceId, name: 'key_result' } },
    });
    expect(counter.value).toBe(40);
  });

  it('stores check-ins as the owner checking in, and the latest value as the current one', async () => {
    const kr = plan.objectives[0]!.key_results[0]!;
    const row = await db.keyResult.findFirstOrThrow({
      where: { ref: kr.ref! },
      include: { owner: true, checkIns: { orderBy: { date: 'asc' } } },
    });
    expect(row.checkIns).toHaveLength(6);
    expect(row.checkIns[0]).toMatchObject({
      period: '2026-W02',
      value: kr.check_ins[0]!.value,
      confidence: kr.check_ins[0]!.confidence,
      authorId: row.ownerId,
    });
    expect(row.checkIns[0]!.date.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(row.checkIns[2]!.comment).toContain('Blocked on legal review');
    expect(row.owner!.slackUserId).toBe(kr.owner);
    expect(row.currentValue).toBe(kr.check_ins.at(-1)!.value);
  });

  it('puts team members and the leader on the team', async () => {
    const growth = await db.team.findFirstOrThrow({
      where: { name: 'Growth' },
      include: { members: { include: { member: true } } },
    });
    expect(growth.members.map((m) => m.member.slackUserId).sort()).toEqual(
      [...plan.teams[0]!.members].sort(),
    );
    expect(growth.members.filter((m) => m.role === 'leader').map((m) => m.member.slackUserId)).toEqual([
      plan.teams[0]!.leader,
    ]);
    expect(growth.channelId).toBe(plan.teams[0]!.channel);
  });

  it('changes nothing when the same plan is imported again', async () => {
    const counts = await rowCounts(db);
    const stamps = await updatedAts(db);
    const result = await importPlan(db, { workspaceId, actor: 'import', plan, now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const counted of Object.values(result.summary)) {
      expect(counted.created).toBe(0);
      expect(counted.updated).toBe(0);
    }
    expect(result.summary.keyResults.unchanged).toBe(40);
    expect(await rowCounts(db)).toEqual(counts);
    expect(await updatedAts(db)).toEqual(stamps);
  });

  it('updates changed fields with an import audit entry naming them', async () => {
    const changed = structuredClone(plan);
    const kr = changed.objectives[0]!.key_results[1]!;
    kr.title = 'A sharper title';
    changed.kpis[1]!.target = 99_999;
    const result = await importPlan(db, { workspaceId, actor: 'import', plan: changed, now: NOW });
    expect(result.ok && result.summary.keyResults).toEqual({ created: 0, updated: 1, unchanged: 39 });
    expect(result.ok && result.summary.kpis).toEqual({ created: 0, updated: 1, unchanged: 7 });
    const row = await db.keyResult.findFirstOrThrow({ where: { title: 'A sharper title' } });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { entityType: 'key_result', entityId: row.id, action: 'import' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(entry.before)).toEqual({ title: plan.objectives[0]!.key_results[1]!.title });
    expect(JSON.parse(entry.after)).toEqual({ title: 'A sharper title' });
    expect(entry.entityRef).toBe(`KR-${row.number}`);
  });

  it('with dry run counts the changes and writes nothing', async () => {
    const counts = await rowCounts(db);
    const changed = structuredClone(plan);
    changed.objectives[1]!.title = 'Dry run title';
    const result = await importPlan(db, { workspaceId, actor: 'import', plan: changed, dryRun: true });
    expect(result.ok && result.dryRun).toBe(true);
    expect(result.ok && result.summary.objectives.updated).toBe(1);
    expect(await rowCounts(db)).toEqual(counts);
    expect(await db.objective.count({ where: { title: 'Dry run title' } })).toBe(0);
  });
});

describe('plans that cannot be imported', () => {
  let db: Db;
  let workspaceId: number;
  withTestWorkspace('T0BROKEN', (fresh) => ({ db, workspaceId } = fresh));

  it('lists all five problems of PLAN_WITH_FIVE_ERRORS and writes nothing', async () => {
    const result = parsePlanYaml(PLAN_WITH_FIVE_ERRORS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(5);
    expect(result.problems.map((p) => p.path).sort()).toEqual(
      [
        'kpis[0].amber',
        'objectives[0].key_results[0].target',
        'objectives[0].key_results[1].owner',
        'objectives[1].parent',
        'objectives[1].team',
      ].sort(),
    );
    const counts = await rowCounts(db);
    expect(counts.objectives + counts.keyResults + counts.kpis + counts.cycles + counts.audit).toBe(0);
  });

  it('refuses two check-ins of a key result in the same week, writing nothing', async () => {
    const plan = parsed(EXAMPLE_PLAN_YAML);
    plan.objectives[0]!.key_results[0]!.check_ins.push({ date: '2026-01-16', value: 9.5 });
    const result = await importPlan(db, { workspaceId, actor: 'import', plan, now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: 'objectives[0].key_results[0].check_ins[2].date',
        message: expect.stringContaining('same week (2026-W03) as check_ins[1] (2026-01-14)'),
      }),
    ]);
    expect(Object.values(await rowCounts(db)).every((n) => n === 0)).toBe(true);
  });

  it('rolls back a plan whose problem only shows while writing: a ref taken in another cycle', async () => {
    const first = parsed(EXAMPLE_PLAN_YAML);
    expect((await importPlan(db, { workspaceId, actor: 'import', plan: first, now: NOW })).ok).toBe(true);
    const before = await rowCounts(db);
    const next = parsed(EXAMPLE_PLAN_YAML);
    next.cycle = { name: '2026 Q2', start: '2026-04-01', end: '2026-06-30' };
    next.objectives.forEach((o) => {
      for (const kr of o.key_results) kr.check_ins = [];
    });
    next.objectives[1]!.title = 'Pipeline, second quarter';
    const result = await importPlan(db, { workspaceId, actor: 'import', plan: next, now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({
      path: 'objectives[0].ref',
      message: expect.stringContaining('already names O-1 in cycle "2026 Q1"'),
    });
    expect(result.problems).toHaveLength(4);
    expect(await rowCounts(db)).toEqual(before);
    expect(await db.cycle.count({ where: { name: '2026 Q2' } })).toBe(0);
  });

  it('refuses a Slack user who is not an admin', async () => {
    const member = await ensureMember(db, workspaceId, 'U0PLAIN', []);
    const before = await rowCounts(db);
    const result = await importPlan(db, {
      workspaceId,
      actor: member.slackUserId,
      plan: parsed(EXAMPLE_PLAN_YAML),
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ message: 'Only PMO admins can import a plan. Nothing was changed.' }),
      ],
    });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('hints at key results that are hard to measure and at a cycle that has ended', async () => {
    const plan = parsed(EXAMPLE_PLAN_YAML);
    const result = await importPlan(db, {
      workspaceId,
      actor: 'import',
      plan,
      dryRun: true,
      now: new Date('2026-05-01T00:00:00Z'),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hints[0]).toEqual({
      path: 'cycle.end',
      message: 'The cycle ended on 2026-03-31: there is no time left to move its key results.',
    });
    // "Renewal playbook adopted by the whole team" is a yes/no key result without a number.
    expect(result.hints).toContainEqual(
      expect.objectContaining({
        path: 'objectives[3].key_results[1]',
        message: expect.stringContaining('no measurable target'),
      }),
    );
  });
});
