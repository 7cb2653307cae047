// The hourly sweep at scale: unchanged statuses are not rewritten one by one, drifted reasons are written in
// bulk, and a status that changed still takes the per-item path that records and flags it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateReasons } from '../../src/db/queries/item-statuses.ts';
import { sweepStatuses } from '../../src/jobs/status-sweep.ts';
import { EXAMPLE_PLAN_YAML, parsePlanYaml } from '../../src/plan/index.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import {
  evaluateCycle,
  evaluateCycleInBatches,
  type ObjectiveNode,
} from '../../src/services/portfolio-status.ts';
import { ADMIN, type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
let workspaceId: number;
beforeAll(async () => {
  h = await startHarness({ now: '2026-02-13T12:00:00Z' });
  await h.command(ADMIN, 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const parsed = parsePlanYaml(EXAMPLE_PLAN_YAML);
  if (!parsed.ok) throw new Error('the example plan must be valid');
  await importPlan(h.db, { workspaceId, actor: 'import', plan: parsed.plan });
  await sweepStatuses(h.okra.services, h.clock.now());
});
afterAll(() => h.close());

const rows = () =>
  h.db.itemStatus.findMany({ where: { workspaceId }, orderBy: [{ itemType: 'asc' }, { itemId: 'asc' }] });

describe('the hourly sweep', () => {
  it('leaves rows whose status and reasons did not change untouched', async () => {
    const before = await rows();
    expect(before.length).toBeGreaterThan(10);
    const report = await sweepStatuses(h.okra.services, h.clock.now());
    expect(report.evaluated).toBe(before.length);
    expect(await rows()).toEqual(before);
  });

  it('writes reasons that drifted in bulk, keeping the status and when it changed', async () => {
    const before = await rows();
    const target = before.find((row) => row.itemType === 'key_result')!;
    await h.db.itemStatus.update({
      where: {
        workspaceId_itemType_itemId: { workspaceId, itemType: target.itemType, itemId: target.itemId },
      },
      data: { reasons: '["an old reason"]' },
    });
    await sweepStatuses(h.okra.services, h.clock.now());
    expect(await rows()).toEqual(before);
  });

  it('takes the per-item path for a status that changed: recorded with its moment', async () => {
    const target = (await rows()).find((row) => row.itemType === 'key_result' && row.status !== 'on_track')!;
    await h.db.itemStatus.update({
      where: {
        workspaceId_itemType_itemId: { workspaceId, itemType: target.itemType, itemId: target.itemId },
      },
      data: { status: 'on_track', changedAt: new Date('2026-01-01T00:00:00Z') },
    });
    h.clock.set('2026-02-13T13:00:00Z');
    await sweepStatuses(h.okra.services, h.clock.now());
    const after = await h.db.itemStatus.findUniqueOrThrow({
      where: {
        workspaceId_itemType_itemId: { workspaceId, itemType: target.itemType, itemId: target.itemId },
      },
    });
    expect(after.status).toBe(target.status);
    expect(after.changedAt).toEqual(new Date('2026-02-13T13:00:00Z'));
  });

  it('updates many rows in chunks without touching other workspaces', async () => {
    const other = await h.db.workspace.create({ data: { slackTeamId: 'TOTHER' } });
    await h.db.itemStatus.create({
      data: {
        workspaceId: other.id,
        itemType: 'key_result',
        itemId: 1,
        status: 'at_risk',
        reasons: '[]',
        changedAt: new Date(),
      },
    });
    const mine = await rows();
    await updateReasons(
      h.db,
      workspaceId,
      Array.from({ length: 900 }, (_, i) => ({
        itemType: 'key_result',
        itemId: i + 1,
        reasons: `["r${i}"]`,
      })),
    );
    const updated = await rows();
    for (const row of updated.filter((r) => r.itemType === 'key_result'))
      expect(row.reasons).toBe(`["r${row.itemId - 1}"]`);
    expect(updated.map((r) => r.status)).toEqual(mine.map((r) => r.status));
    const untouched = await h.db.itemStatus.findFirstOrThrow({ where: { workspaceId: other.id } });
    expect(untouched.reasons).toBe('[]');
  });

  it('evaluates a batch of alignment trees at a time, with the statuses of the whole cycle at once', async () => {
    const cycle = await h.db.cycle.findFirstOrThrow({ where: { workspaceId, isCurrent: true } });
    const objectives = await h.db.objective.findMany({
      where: { workspaceId, cycleId: cycle.id, archivedAt: null },
      orderBy: { number: 'asc' },
    });
    expect(objectives.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = objectives as [
      (typeof objectives)[0],
      (typeof objectives)[0],
      (typeof objectives)[0],
      (typeof objectives)[0],
    ];
    // b under a (one tree of two); c and d aligned to each other, a loop no evaluation follows.
    await h.db.objective.update({ where: { id: b.id }, data: { parentId: a.id } });
    await h.db.objective.update({ where: { id: c.id }, data: { parentId: d.id } });
    await h.db.objective.update({ where: { id: d.id }, data: { parentId: c.id } });
    try {
      const now = h.clock.now();
      const whole = await evaluateCycle(h.db, workspaceId, cycle.id, now);
      const shape = (node: ObjectiveNode) => ({
        id: node.id,
        status: node.status,
        keyResults: node.keyResults,
        children: node.children.map((child) => child.id),
      });
      const expected = [...whole.objectives.values()].map(shape);
      expect(expected.map((node) => node.id)).not.toContain(c.id);
      for (const batch of [1, 2, 200]) {
        const visited: ObjectiveNode[] = [];
        const batches: number[] = [];
        await evaluateCycleInBatches(
          h.db,
          workspaceId,
          cycle.id,
          now,
          (nodes) => {
            batches.push(nodes.length);
            visited.push(...nodes);
          },
          batch,
        );
        expect(visited.map(shape)).toEqual(expected);
        // A tree is never split: with batches of one objective, a and b still come together.
        if (batch === 1) expect(batches).toContain(2);
      }
    } finally {
      for (const objective of [b, c, d])
        await h.db.objective.update({ where: { id: objective.id }, data: { parentId: objective.parentId } });
    }
  });
});
