// Check-ins of imported key results: one per key result and ISO week, matched on that week. They are
// written as the key result's owner, as if the owner had checked in, so `/okr show` tells their history.
import { dateFromIso, isoFromDate } from '../../domain/dates.ts';
import { periodOfDate } from '../../domain/periods.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import type { PlanCheckIn } from '../../plan/index.ts';
import { type ImportScope, type PlanPath, type Snapshot, settleItem } from './import-scope.ts';

export interface CheckInRow {
  id: number;
  keyResultId: number;
  period: string;
  date: Date;
  value: number;
  confidence: number | null;
  comment: string;
}

export interface CheckInTarget {
  id: number;
  number: number;
  ownerId: number | null;
  path: PlanPath;
  checkIns: readonly PlanCheckIn[];
}

export async function importCheckIns(
  scope: ImportScope,
  targets: readonly CheckInTarget[],
  existing: readonly CheckInRow[],
): Promise<void> {
  const { tx } = scope;
  const byKey = new Map(existing.map((row) => [`${row.keyResultId} ${row.period}`, row]));
  const fresh: NewCheckIn[] = [];
  for (const kr of targets) {
    for (const checkIn of kr.checkIns) {
      const period = periodOfDate(checkIn.date, 'weekly');
      const entityRef = `${formatShortId('key_result', kr.number)} ${period}`;
      const desired: Snapshot = {
        date: checkIn.date,
        value: checkIn.value,
        confidence: checkIn.confidence ?? null,
        comment: checkIn.comment ?? '',
      };
      const data = {
        date: dateFromIso(checkIn.date),
        value: checkIn.value,
        confidence: checkIn.confidence ?? null,
        comment: checkIn.comment ?? '',
      };
      const row = byKey.get(`${kr.id} ${period}`);
      if (!row) {
        fresh.push({
          data: { keyResultId: kr.id, authorId: kr.ownerId, period, ...data },
          entityRef,
          desired,
        });
        continue;
      }
      const snapshot = {
        date: isoFromDate(row.date),
        value: row.value,
        confidence: row.confidence,
        comment: row.comment,
      };
      await settleItem(
        scope,
        'checkIns',
        'check_in',
        { id: row.id, entityRef, snapshot },
        desired,
        async () => {
          // The author stays whoever checked in; the import only corrects what was reported.
          await tx.checkIn.update({ where: { id: row.id }, data: { ...data, editedAt: scope.now } });
        },
      );
    }
  }
  await createCheckIns(scope, fresh);
}

interface NewCheckIn {
  data: { keyResultId: number; authorId: number | null; period: string; date: Date; value: number } & Record<
    string,
    unknown
  >;
  entityRef: string;
  desired: Snapshot;
}

/** Rows per statement: well under SQLite's 999 bound values with a check-in's eight columns. */
const BATCH = 100;

/**
 * New check-ins, with their audit entries, a hundred per statement: a plan's history is most of its rows,
 * and one statement each kept SQLite's write lock (and the app waiting on it) for minutes.
 */
async function createCheckIns(scope: ImportScope, fresh: readonly NewCheckIn[]): Promise<void> {
  for (let i = 0; i < fresh.length; i += BATCH) {
    const slice = fresh.slice(i, i + BATCH);
    const made = await scope.tx.checkIn.createManyAndReturn({
      data: slice.map((item) => item.data),
      select: { id: true, keyResultId: true, period: true },
    });
    const idOf = new Map(made.map((row) => [`${row.keyResultId} ${row.period}`, row.id]));
    await scope.tx.auditEntry.createMany({
      data: slice.map((item) => ({
        workspaceId: scope.workspaceId,
        actor: scope.actor,
        action: 'import',
        entityType: 'check_in',
        entityId: idOf.get(`${item.data.keyResultId} ${item.data.period}`)!,
        entityRef: item.entityRef,
        before: '{}',
        after: JSON.stringify(item.desired),
      })),
    });
    scope.summary.checkIns.created += slice.length;
  }
}
