// Key results of an imported plan with their milestones, matched by ref; then their check-ins.

import type { Tx } from '../../db/client.ts';
import { sortedBy } from '../../db/queries/bounded.ts';
import { nextNumber } from '../../db/queries/counters.ts';
import { periodOfDate } from '../../domain/periods.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import type { Plan, PlanKeyResult } from '../../plan/index.ts';
import { keyResultMeasure } from '../item-measures.ts';
import { type CheckInRow, type CheckInTarget, importCheckIns } from './import-check-ins.ts';
import type { WrittenItem } from './import-objectives.ts';
import { type ImportScope, problemAt, recordCreated, type Snapshot, settleItem } from './import-scope.ts';
import type { CycleRef } from './import-teams.ts';
import { RefIndex } from './ref-match.ts';

interface MilestoneState {
  title: string;
  weight: number;
  done: boolean;
}

/** `plan` must carry a ref on every key result (withGeneratedRefs). */
export async function importKeyResults(
  scope: ImportScope,
  plan: Plan,
  cycle: CycleRef,
  objectives: ReadonlyMap<string, WrittenItem>,
): Promise<Map<string, WrittenItem>> {
  const { tx, workspaceId } = scope;
  const rows = await tx.keyResult.findMany({
    where: { workspaceId },
    include: {
      owner: { select: { slackUserId: true } },
      objective: { select: { number: true, cycleId: true, cycle: { select: { name: true } } } },
      // Unordered so that Prisma can split the load (see db/queries/bounded.ts); ordered here.
      milestones: true,
    },
  });
  for (const row of rows) row.milestones = sortedBy(row.milestones, (m) => m.position);
  const index = new RefIndex(rows, 'key_result');
  const checkIns: CheckInRow[] = await tx.checkIn.findMany({ where: { keyResult: { workspaceId } } });
  const written = new Map<string, WrittenItem>();
  const targets: CheckInTarget[] = [];

  for (const [i, objective] of plan.objectives.entries()) {
    const parent = objectives.get(objective.ref!)!;
    for (const [j, kr] of objective.key_results.entries()) {
      const ref = kr.ref!;
      const path = ['objectives', i, 'key_results', j] as const;
      const row = index.find(ref);
      if (row && row.objective.cycleId !== cycle.id) {
        const taken = `the ref "${ref}" already names ${formatShortId('key_result', row.number)} in cycle "${row.objective.cycle.name}", not "${cycle.name}"`;
        scope.problems.push(
          problemAt(
            [...path, 'ref'],
            scope.generatedRefs.has(ref)
              ? `${taken}; this key result has no ref, so Okra named it after its objective: give it a ref of its own`
              : `${taken}; refs are unique across cycles, so give this key result another ref`,
          ),
        );
        continue;
      }
      const ownerId = await scope.ownerId(kr.owner);
      const shape = storedShape(kr);
      const milestones = plannedMilestones(kr);
      const own = row ? checkIns.filter((c) => c.keyResultId === row.id) : [];
      const current = kr.check_ins.length > 0 ? latestValue(own, kr) : undefined;
      const stored = {
        kind: kr.kind,
        unit: kr.unit ?? '',
        startValue: shape.start,
        targetValue: shape.target,
        weight: kr.weight ?? 1,
        curve: kr.curve ?? 'linear',
      };
      const desired: Snapshot = {
        ref,
        objective: formatShortId('objective', parent.number),
        title: kr.title,
        owner: kr.owner ?? null,
        ...keyResultMeasure(stored),
        milestones,
        archived: false,
        // Only a file with check-ins says where the key result stands; otherwise leave it as it is.
        ...(current === undefined ? {} : { current }),
      };
      const data = {
        ref,
        objectiveId: parent.id,
        title: kr.title,
        ownerId,
        ...stored,
        ...(current === undefined ? {} : { currentValue: current }),
      };
      if (!row) {
        const number = await nextNumber(tx, workspaceId, 'key_result');
        const made = await tx.keyResult.create({
          data: { workspaceId, number, ...data, createdAt: scope.now },
        });
        await writeMilestones(tx, made.id, milestones, [], scope.now);
        const entityRef = formatShortId('key_result', number);
        await recordCreated(scope, 'keyResults', 'key_result', { id: made.id, entityRef }, desired);
        written.set(ref, { id: made.id, number });
        targets.push({ id: made.id, number, ownerId, path, checkIns: kr.check_ins });
        continue;
      }
      const before = row.milestones.map((m) => ({ title: m.title, weight: m.weight, done: m.done }));
      const existing = {
        id: row.id,
        entityRef: formatShortId('key_result', row.number),
        snapshot: {
          ref: row.ref,
          objective: formatShortId('objective', row.objective.number),
          title: row.title,
          owner: row.owner?.slackUserId ?? null,
          ...keyResultMeasure(row),
          milestones: before,
          archived: row.archivedAt !== null,
          ...(current === undefined ? {} : { current: row.currentValue }),
        },
      };
      await settleItem(scope, 'keyResults', 'key_result', existing, desired, async () => {
        await tx.keyResult.update({ where: { id: row.id }, data: { ...data, archivedAt: null } });
        if (JSON.stringify(before) !== JSON.stringify(milestones))
          await writeMilestones(tx, row.id, milestones, row.milestones, scope.now);
      });
      written.set(ref, { id: row.id, number: row.number });
      targets.push({ id: row.id, number: row.number, ownerId, path, checkIns: kr.check_ins });
    }
  }
  if (scope.problems.length === 0) await importCheckIns(scope, targets, checkIns);
  return written;
}

/** What the database stores for each kind, the same rule as `/okr kr add`. */
function storedShape(kr: PlanKeyResult): { start: number; target: number } {
  switch (kr.kind) {
    case 'increase':
    case 'decrease':
      return { start: kr.start ?? 0, target: kr.target ?? 1 };
    case 'stay_above':
    case 'stay_below':
      // Without a start, a threshold key result starts where it must stay.
      return { start: kr.start ?? kr.target ?? 0, target: kr.target ?? 0 };
    default:
      return { start: 0, target: 1 };
  }
}

function plannedMilestones(kr: PlanKeyResult): MilestoneState[] {
  if (kr.kind !== 'milestone') return [];
  return (kr.milestones ?? []).map((m) => ({ title: m.title, weight: m.weight ?? 1, done: m.done ?? false }));
}

/** The value of the latest check-in once the file's check-ins replace the database's for their weeks. */
function latestValue(existing: readonly CheckInRow[], kr: PlanKeyResult): number | undefined {
  const byPeriod = new Map<string, { date: string; value: number }>();
  for (const row of existing) byPeriod.set(row.period, { date: row.date.toISOString(), value: row.value });
  for (const c of kr.check_ins)
    byPeriod.set(periodOfDate(c.date), { date: `${c.date}T00:00:00.000Z`, value: c.value });
  let latest: { date: string; value: number } | undefined;
  for (const entry of byPeriod.values()) if (!latest || entry.date >= latest.date) latest = entry;
  return latest?.value;
}

/** Replaces the milestone list; a done milestone that keeps its title keeps the day it was done. */
async function writeMilestones(
  tx: Tx,
  keyResultId: number,
  items: readonly MilestoneState[],
  previous: ReadonlyArray<{ title: string; done: boolean; doneAt: Date | null }>,
  now: Date,
): Promise<void> {
  await tx.milestone.deleteMany({ where: { keyResultId } });
  for (const [index, item] of items.entries()) {
    const was = previous.find((m) => m.title === item.title && m.done);
    await tx.milestone.create({
      data: {
        keyResultId,
        position: index + 1,
        title: item.title,
        weight: item.weight,
        done: item.done,
        doneAt: item.done ? (was?.doneAt ?? now) : null,
      },
    });
  }
}
