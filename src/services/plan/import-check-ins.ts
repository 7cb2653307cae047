// Check-ins of imported key results: one per key result and ISO week, matched on that week. They are
// written as the key result's owner, as if the owner had checked in, so `/okr show` tells their history.
import { dateFromIso, isoFromDate } from '../../domain/dates.ts';
import { periodOfDate } from '../../domain/periods.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import type { PlanCheckIn } from '../../plan/index.ts';
import { type ImportScope, type PlanPath, recordCreated, type Snapshot, settleItem } from './import-scope.ts';

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
        const made = await tx.checkIn.create({
          data: { keyResultId: kr.id, authorId: kr.ownerId, period, ...data },
        });
        await recordCreated(scope, 'checkIns', 'check_in', { id: made.id, entityRef }, desired);
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
}
