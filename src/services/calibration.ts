// How each owner's confidence has matched outcomes, learnt from the workspace's finished cycles.
// Nothing extra is stored: a finished cycle's key results and their check-ins (which plan export and
// import carry, ratings included) are the record, so history a workspace imports counts at once.
import type { Db } from '../db/client.ts';
import {
  type ConfidenceCalibration,
  type FinishedOutcome,
  finishedOutcomeOf,
  learnCalibration,
} from '../domain/status/index.ts';
import { cycleInput, keyResultInput } from './status-inputs.ts';
import { loadStatusKeyResults } from './status-rows.ts';

/** The calibration to read a key result's ratings with, by its owner's member id. */
export type CalibrationLookup = (ownerId: number | null) => ConfidenceCalibration;

export async function finishedOutcomes(db: Db, workspaceId: number, now: Date): Promise<FinishedOutcome[]> {
  // A cycle includes its end day, so it has finished once that whole day is over.
  const cycles = await db.cycle.findMany({
    where: { workspaceId, endDate: { lt: new Date(now.getTime() - 86_400_000) } },
    select: { id: true, startDate: true, endDate: true },
  });
  const cycleOf = new Map(cycles.map((cycle) => [cycle.id, cycle]));
  const rows = await loadStatusKeyResults(db, {
    kind: 'cycles',
    workspaceId,
    cycleIds: cycles.map((cycle) => cycle.id),
  });
  return rows.flatMap((row) => {
    const outcome = finishedOutcomeOf(
      keyResultInput(row),
      cycleInput(cycleOf.get(row.cycleId)!),
      row.ownerId === null ? null : String(row.ownerId),
      now,
    );
    return outcome ? [outcome] : [];
  });
}

export async function loadCalibration(db: Db, workspaceId: number, now: Date): Promise<CalibrationLookup> {
  const outcomes = await finishedOutcomes(db, workspaceId, now);
  const cache = new Map<number | null, ConfidenceCalibration>();
  return (ownerId) => {
    let calibration = cache.get(ownerId);
    if (!calibration) {
      calibration = learnCalibration(outcomes, ownerId === null ? null : String(ownerId));
      cache.set(ownerId, calibration);
    }
    return calibration;
  };
}
