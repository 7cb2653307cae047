// Two people changing the same item at the same moment, on a real database (both engines): neither change
// is lost, every audit entry's "before" is the value it really replaced, and a race for a unique row (the
// first check-in of the week) is not an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { ensureMember, ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { EXAMPLE_PLAN_YAML, parsePlanYaml } from '../../src/plan/index.ts';
import { type Actor, actorOf } from '../../src/services/actor.ts';
import { recordCheckIn } from '../../src/services/check-ins.ts';
import { editKeyResult } from '../../src/services/key-results.ts';
import { updateKpi } from '../../src/services/kpis.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { changeTeam, createTeam } from '../../src/services/teams.ts';
import { Q1_2026, seedCycle } from '../support/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Db;
let workspaceId: number;
let admin: Actor;
let owner: Actor;
let objectiveId: number;

const NOW = new Date('2026-02-11T10:00:00Z');
const clock = { now: NOW, defaultTimeZone: 'UTC' };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  workspaceId = (await ensureWorkspace(db, 'T0RACE')).id;
  admin = actorOf(await ensureMember(db, workspaceId, 'U0ADMIN', ['U0ADMIN']));
  owner = actorOf(await ensureMember(db, workspaceId, 'U0OWNER', []));
  ({ objectiveId } = await seedCycle(db, workspaceId, Q1_2026));
});
afterAll(() => database.drop());

async function keyResults(count: number, from: number): Promise<number[]> {
  await db.keyResult.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      workspaceId,
      number: from + i,
      objectiveId,
      title: `Old title ${from + i}`,
      ownerId: owner.memberId,
      kind: 'increase',
      targetValue: 100,
    })),
  });
  return Array.from({ length: count }, (_, i) => from + i);
}

function auditOf(entityType: string, entityId: number, action: string) {
  return db.auditEntry.findMany({ where: { entityType, entityId, action }, orderBy: { id: 'asc' } });
}

describe('two edits of one key result at once', () => {
  it('keeps both: the admin’s new target and the owner’s new title, on every one of 20 key results', async () => {
    const numbers = await keyResults(20, 1);
    const outcomes = await Promise.all(
      numbers.flatMap((n) => [
        editKeyResult(db, admin, { id: `KR-${n}`, target: '20' }, NOW),
        editKeyResult(db, owner, { id: `KR-${n}`, title: `New title ${n}` }, NOW),
      ]),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const rows = await db.keyResult.findMany({ where: { workspaceId, number: { lte: 20 } } });
    for (const row of rows) {
      expect(row.title).toBe(`New title ${row.number}`);
      expect(row.targetValue).toBe(20);
      const entries = await auditOf('key_result', row.id, 'update');
      // Each entry records only its own field, with the value it really replaced.
      expect(entries.map((e) => [JSON.parse(e.before), JSON.parse(e.after)])).toEqual(
        expect.arrayContaining([
          [{ target: 100 }, { target: 20 }],
          [{ title: `Old title ${row.number}` }, { title: `New title ${row.number}` }],
        ]),
      );
      expect(entries).toHaveLength(2);
    }
  });
});

describe('check-ins at the same moment', () => {
  it('records 31 concurrent check-ins of one key result as one unbroken before → after chain', async () => {
    const [number] = await keyResults(1, 100);
    const outcomes = await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        recordCheckIn(db, owner, { item: `KR-${number}`, value: String(i + 1) }, clock),
      ),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const kr = await db.keyResult.findFirstOrThrow({ where: { workspaceId, number } });
    const entries = (await auditOf('key_result', kr.id, 'check_in')).map((e) => ({
      before: JSON.parse(e.before) as { value?: number },
      after: JSON.parse(e.after) as { value: number },
    }));
    expect(entries).toHaveLength(31);
    expect(entries[0]?.before).toEqual({});
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]?.before.value).toBe(entries[i - 1]?.after.value);
    const stored = await db.checkIn.findMany({ where: { keyResultId: kr.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.value).toBe(entries.at(-1)?.after.value);
    expect(kr.currentValue).toBe(entries.at(-1)?.after.value);
  });

  it('records the first check-in of the week on 20 key results at once without a unique-key error', async () => {
    const numbers = await keyResults(20, 200);
    const outcomes = await Promise.all(
      numbers.flatMap((n) => [
        recordCheckIn(db, owner, { item: `KR-${n}`, value: '5' }, clock),
        recordCheckIn(db, admin, { item: `KR-${n}`, value: '6' }, clock),
      ]),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await db.checkIn.count({ where: { keyResult: { number: { gte: 200, lt: 220 } } } })).toBe(20);
  });
});

describe('two edits of one KPI at once', () => {
  it('keeps the admin’s target and the owner’s title', async () => {
    const kpi = await db.kpi.create({
      data: {
        workspaceId,
        number: 1,
        title: 'Uptime',
        ownerId: owner.memberId,
        target: 99,
        green: 98,
        amber: 97,
      },
    });
    const outcomes = await Promise.all([
      updateKpi(db, admin, 'KPI-1', { target: 99.9 }),
      updateKpi(db, owner, 'KPI-1', { title: 'Availability' }),
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const row = await db.kpi.findUniqueOrThrow({ where: { id: kpi.id } });
    expect(row).toMatchObject({ title: 'Availability', target: 99.9 });
  });
});

describe('two imports of one plan at once', () => {
  it('writes the plan once: the second import waits for the first and finds its rows', async () => {
    const workspace = await ensureWorkspace(db, 'T0IMPORTRACE');
    const parsed = parsePlanYaml(EXAMPLE_PLAN_YAML);
    if (!parsed.ok) throw new Error('the example plan must be valid');
    const request = { workspaceId: workspace.id, actor: 'import', plan: parsed.plan, now: NOW };
    // A person's first request creating their member row while the imports run.
    const someone = parsed.plan.objectives[0]!.owner!;
    const [first, second] = await Promise.all([
      importPlan(db, request),
      importPlan(db, request),
      ensureMember(db, workspace.id, someone, []),
    ]);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    const created = [first, second].map((r) => r.summary.objectives.created).sort();
    expect(created).toEqual([0, parsed.plan.objectives.length]);
    expect(await db.objective.count({ where: { workspaceId: workspace.id } })).toBe(
      parsed.plan.objectives.length,
    );
  });
});

describe('two changes of one team at once', () => {
  it('keeps the new channel and the new member', async () => {
    const created = await createTeam(db, admin, { name: 'Growth', members: ['U0OWNER'] });
    if (!created.ok) throw new Error('the team must be created');
    const team = created.value.id;
    const outcomes = await Promise.all([
      changeTeam(db, admin, { team, channel: 'C0GROWTH' }),
      changeTeam(db, admin, { team, add: ['U0ADMIN'] }),
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const row = await db.team.findUniqueOrThrow({ where: { id: team }, include: { members: true } });
    expect(row.channelId).toBe('C0GROWTH');
    expect(row.members).toHaveLength(2);
  });
});
