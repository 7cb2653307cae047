// Export → import into an empty database → export gives the same plan and the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { isoFromDate } from '../../src/domain/dates.ts';
import {
  type Plan,
  parsePlanCsv,
  parsePlanYaml,
  planToCsv,
  stringifyPlanYaml,
  withGeneratedRefs,
} from '../../src/plan/index.ts';
import { ExportError, exportPlan } from '../../src/services/plan-export.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { buildLargePlan } from '../support/plan-fixtures.ts';
import { createTestDatabase, TEST_PROVIDER, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-02-11T10:00:00Z');

/** Every row the plan touches, without ids or timestamps; links read as the short ids and names people see. */
async function rowsOf(db: Db, workspaceId: number) {
  const where = { workspaceId };
  const slack = (member: { slackUserId: string } | null) => member?.slackUserId ?? null;
  const cycles = await db.cycle.findMany({ where, orderBy: { name: 'asc' } });
  const teams = await db.team.findMany({
    where,
    orderBy: { name: 'asc' },
    include: { members: { include: { member: true } } },
  });
  const objectives = await db.objective.findMany({
    where,
    orderBy: { number: 'asc' },
    include: { cycle: true, team: true, owner: true, parent: true },
  });
  const keyResults = await db.keyResult.findMany({
    where,
    orderBy: { number: 'asc' },
    include: {
      objective: true,
      owner: true,
      milestones: { orderBy: { position: 'asc' } },
      checkIns: { orderBy: { period: 'asc' }, include: { author: true } },
    },
  });
  const kpis = await db.kpi.findMany({
    where,
    orderBy: { number: 'asc' },
    include: { owner: true, team: true, readings: { orderBy: { period: 'asc' }, include: { author: true } } },
  });
  const risks = await db.risk.findMany({
    where,
    orderBy: { number: 'asc' },
    include: { owner: true, objective: true, keyResult: true, kpi: true },
  });
  return {
    cycles: cycles.map((c) => [c.name, isoFromDate(c.startDate), isoFromDate(c.endDate), c.isCurrent]),
    teams: teams.map((t) => ({
      name: t.name,
      channel: t.channelId,
      members: t.members.map((m) => `${m.member.slackUserId}:${m.role}`).sort(),
    })),
    objectives: objectives.map((o) => ({
      number: o.number,
      ref: o.ref,
      title: o.title,
      description: o.description,
      level: o.level,
      cycle: o.cycle.name,
      team: o.team?.name ?? null,
      owner: slack(o.owner),
      parent: o.parent?.number ?? null,
    })),
    keyResults: keyResults.map((k) => ({
      number: k.number,
      ref: k.ref,
      objective: k.objective.number,
      title: k.title,
      owner: slack(k.owner),
      kind: k.kind,
      unit: k.unit,
      start: k.startValue,
      target: k.targetValue,
      current: k.currentValue,
      weight: k.weight,
      curve: k.curve,
      milestones: k.milestones.map((m) => [m.position, m.title, m.weight, m.done]),
      checkIns: k.checkIns.map((c) => [
        c.period,
        isoFromDate(c.date),
        c.value,
        c.confidence,
        c.comment,
        slack(c.author),
      ]),
    })),
    kpis: kpis.map((k) => ({
      number: k.number,
      ref: k.ref,
      title: k.title,
      owner: slack(k.owner),
      team: k.team?.name ?? null,
      unit: k.unit,
      direction: k.direction,
      target: k.target,
      green: k.green,
      amber: k.amber,
      cadence: k.cadence,
      readings: k.readings.map((r) => [r.period, isoFromDate(r.date), r.value, slack(r.author)]),
    })),
    risks: risks.map((r) => ({
      number: r.number,
      ref: r.ref,
      title: r.title,
      description: r.description,
      owner: slack(r.owner),
      likelihood: r.likelihood,
      impact: r.impact,
      on: r.objective?.number ?? r.keyResult?.number ?? r.kpi?.number ?? null,
      mitigation: r.mitigation,
      status: r.status,
    })),
  };
}

/** The fixture as an export writes it: generated refs, defaults left out, one reading per KPI period. */
function asExported(plan: Plan): Plan {
  const withRefs = withGeneratedRefs(plan);
  return {
    ...withRefs,
    objectives: withRefs.objectives.map((o) => ({
      ...o,
      key_results: o.key_results.map((kr) => {
        const out = { ...kr };
        if (out.weight === 1) delete out.weight;
        if (out.curve === 'linear') delete out.curve;
        if (out.milestones)
          out.milestones = out.milestones.map((m) => {
            const milestone = { ...m };
            if (milestone.weight === 1) delete milestone.weight;
            return milestone;
          });
        return out;
      }),
    })),
    risks: withRefs.risks.map((r) => ({ ...r, status: r.status ?? 'open' })),
  };
}

describe(`export and import on ${TEST_PROVIDER}`, () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let third: TestDatabase;
  let firstWorkspace: number;
  let secondWorkspace: number;
  let thirdWorkspace: number;
  const plan = buildLargePlan(11);

  beforeAll(async () => {
    [first, second, third] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
      createTestDatabase(),
    ]);
    firstWorkspace = (await ensureWorkspace(first.db, 'T0FIRST')).id;
    secondWorkspace = (await ensureWorkspace(second.db, 'T0SECOND')).id;
    thirdWorkspace = (await ensureWorkspace(third.db, 'T0THIRD')).id;
    const imported = await importPlan(first.db, {
      workspaceId: firstWorkspace,
      actor: 'import',
      plan,
      now: NOW,
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  });
  afterAll(async () => {
    await Promise.all([first.drop(), second.drop(), third.drop()]);
  });

  it('exports the imported plan as it was written (refs generated, defaults left out)', async () => {
    const exported = await exportPlan(first.db, firstWorkspace);
    const expected = asExported(plan);
    // Monthly KPIs keep the latest reading of each month.
    for (const kpi of expected.kpis) {
      if (kpi.cadence !== 'monthly' || kpi.readings.length === 0) continue;
      const byMonth = new Map(kpi.readings.map((r) => [r.date.slice(0, 7), r]));
      kpi.readings = [...byMonth.values()];
    }
    expect(exported).toEqual(expected);
  });

  it('gives identical data after export → import into an empty database → export', async () => {
    const exported = await exportPlan(first.db, firstWorkspace);
    const result = await importPlan(second.db, {
      workspaceId: secondWorkspace,
      actor: 'import',
      plan: exported,
      now: NOW,
    });
    expect(result.ok).toBe(true);
    expect(await exportPlan(second.db, secondWorkspace)).toEqual(exported);
    expect(await rowsOf(second.db, secondWorkspace)).toEqual(await rowsOf(first.db, firstWorkspace));
  });

  it('gives identical data through the YAML text and through the CSV files', async () => {
    const exported = await exportPlan(first.db, firstWorkspace);
    const yaml = parsePlanYaml(stringifyPlanYaml(exported));
    expect(yaml.ok && yaml.plan).toEqual(exported);
    const csv = parsePlanCsv(planToCsv(exported));
    if (!csv.ok) throw new Error(JSON.stringify(csv.problems));
    const imported = await importPlan(third.db, {
      workspaceId: thirdWorkspace,
      actor: 'import',
      plan: csv.plan,
      now: NOW,
    });
    expect(imported.ok).toBe(true);
    const again = await exportPlan(third.db, thirdWorkspace);
    // CSV carries no risks; everything else survives.
    expect(again).toEqual({ ...exported, risks: [] });
  });

  it('re-importing its own export changes nothing', async () => {
    const audit = await first.db.auditEntry.count();
    const result = await importPlan(first.db, {
      workspaceId: firstWorkspace,
      actor: 'import',
      plan: await exportPlan(first.db, firstWorkspace),
      now: NOW,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.values(result.summary).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(await first.db.auditEntry.count()).toBe(audit);
  });

  it('names items made in Slack by their short id, and matches them back on import', async () => {
    const objective = await first.db.objective.findFirstOrThrow({ where: { number: 1 } });
    const made = await first.db.keyResult.create({
      data: {
        workspaceId: firstWorkspace,
        number: 41,
        objectiveId: objective.id,
        title: 'Made in Slack',
        kind: 'increase',
        startValue: 1,
        targetValue: 5,
        ownerId: objective.ownerId,
      },
    });
    const exported = await exportPlan(first.db, firstWorkspace);
    expect(exported.objectives[0]!.key_results.at(-1)).toMatchObject({
      ref: 'KR-41',
      title: 'Made in Slack',
    });
    const before = await first.db.keyResult.count();
    const result = await importPlan(first.db, {
      workspaceId: firstWorkspace,
      actor: 'import',
      plan: exported,
      now: NOW,
    });
    expect(result.ok && result.summary.keyResults).toEqual({ created: 0, updated: 1, unchanged: 40 });
    expect(await first.db.keyResult.count()).toBe(before);
    expect((await first.db.keyResult.findUniqueOrThrow({ where: { id: made.id } })).ref).toBe('KR-41');
  });

  it('explains when there is nothing to export', async () => {
    const empty = (await ensureWorkspace(first.db, 'T0EMPTY')).id;
    await expect(exportPlan(first.db, empty)).rejects.toThrow(ExportError);
    await expect(exportPlan(first.db, empty)).rejects.toThrow(/no cycle/);
    await expect(exportPlan(first.db, firstWorkspace, { cycle: '2030 Q4' })).rejects.toThrow(
      'There is no cycle called "2030 Q4". The cycles are: "2026 Q1".',
    );
  });
});
