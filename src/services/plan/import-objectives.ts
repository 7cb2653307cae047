// Objectives of an imported plan, matched by ref. New ones are created first and parents linked after, so a
// child may come before its parent in the file.
import { nextNumber } from '../../db/queries/counters.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import type { Plan, PlanObjective } from '../../plan/index.ts';
import { type ImportScope, problemAt, recordCreated, type Snapshot, settleItem } from './import-scope.ts';
import type { CycleRef } from './import-teams.ts';
import { RefIndex } from './ref-match.ts';

export interface WrittenItem {
  id: number;
  number: number;
}

/** `plan` must carry a ref on every objective (withGeneratedRefs). Returns the rows by ref. */
export async function importObjectives(
  scope: ImportScope,
  plan: Plan,
  cycle: CycleRef,
  teamIds: ReadonlyMap<string, number>,
): Promise<Map<string, WrittenItem>> {
  const { tx, workspaceId } = scope;
  const rows = await tx.objective.findMany({
    where: { workspaceId },
    include: {
      team: { select: { name: true } },
      owner: { select: { slackUserId: true } },
      parent: { select: { number: true } },
      cycle: { select: { name: true } },
    },
  });
  const index = new RefIndex(rows, 'objective');
  const written = new Map<string, WrittenItem>();
  const created = new Set<string>();

  for (const [i, objective] of plan.objectives.entries()) {
    const ref = objective.ref!;
    const row = index.find(ref);
    if (row && row.cycleId !== cycle.id) {
      scope.problems.push(
        problemAt(['objectives', i, 'ref'], otherCycle(ref, row, cycle, scope.generatedRefs.has(ref))),
      );
      continue;
    }
    if (row) {
      written.set(ref, { id: row.id, number: row.number });
      continue;
    }
    const number = await nextNumber(tx, workspaceId, 'objective');
    const made = await tx.objective.create({
      data: {
        workspaceId,
        number,
        ref,
        cycleId: cycle.id,
        createdAt: scope.now,
        ...(await fields(scope, objective, teamIds)),
      },
    });
    written.set(ref, { id: made.id, number });
    created.add(ref);
  }
  if (scope.problems.length > 0) return written;

  for (const objective of plan.objectives) {
    const ref = objective.ref!;
    const self = written.get(ref)!;
    const parent = objective.parent === undefined ? undefined : written.get(objective.parent);
    const desired: Snapshot = {
      ref,
      title: objective.title,
      description: objective.description ?? '',
      level: objective.level,
      team: objective.team ?? null,
      owner: objective.owner ?? null,
      parent: parent ? formatShortId('objective', parent.number) : null,
      archived: false,
    };
    const entityRef = formatShortId('objective', self.number);
    if (created.has(ref)) {
      if (parent) await tx.objective.update({ where: { id: self.id }, data: { parentId: parent.id } });
      await recordCreated(scope, 'objectives', 'objective', { id: self.id, entityRef }, desired);
      continue;
    }
    const row = rows.find((r) => r.id === self.id)!;
    const existing = {
      id: row.id,
      entityRef,
      snapshot: {
        ref: row.ref,
        title: row.title,
        description: row.description,
        level: row.level,
        team: row.team?.name ?? null,
        owner: row.owner?.slackUserId ?? null,
        parent: row.parent ? formatShortId('objective', row.parent.number) : null,
        archived: row.archivedAt !== null,
      },
    };
    await settleItem(scope, 'objectives', 'objective', existing, desired, async () => {
      await tx.objective.update({
        where: { id: row.id },
        data: {
          ref,
          ...(await fields(scope, objective, teamIds)),
          parentId: parent?.id ?? null,
          archivedAt: null,
        },
      });
    });
  }
  return written;
}

async function fields(scope: ImportScope, objective: PlanObjective, teamIds: ReadonlyMap<string, number>) {
  return {
    title: objective.title,
    description: objective.description ?? '',
    level: objective.level,
    teamId: objective.team === undefined ? null : (teamIds.get(objective.team) ?? null),
    ownerId: await scope.ownerId(objective.owner),
  };
}

function otherCycle(
  ref: string,
  row: { number: number; cycle: { name: string } },
  cycle: CycleRef,
  generated: boolean,
): string {
  const taken = `the ref "${ref}" already names ${formatShortId('objective', row.number)} in cycle "${row.cycle.name}", not "${cycle.name}"`;
  return generated
    ? `${taken}; this objective has no ref, so Okra named it after its title: give it a ref of its own`
    : `${taken}; refs are unique across cycles, so give this objective another ref`;
}
