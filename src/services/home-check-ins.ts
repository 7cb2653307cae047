// What the App Home shows about this week's check-in: the person's week, and which of their items are
// done for it (a key result checked in this week, a KPI read for its week or month) and which are due.
import type { Db } from '../db/client.ts';
import { pausesOf } from '../db/queries/pauses.ts';
import { isPaused } from '../domain/check-ins/pauses.ts';
import { localDate, periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { memberZone } from './check-in-zone.ts';

export interface HomeCheckIns {
  period: string;
  /** Short ids of the person's items answered for this period. */
  done: Set<string>;
  /** Paused or skipped this week: nothing is due. */
  paused: boolean;
}

export async function homeCheckIns(
  db: Db,
  memberId: number,
  now: Date,
  defaultTimeZone: string,
): Promise<HomeCheckIns> {
  const zone = await memberZone(db, memberId, defaultTimeZone);
  const period = periodOf(now, 'weekly', zone);
  const today = localDate(now, zone);
  const [checkIns, readings, pauses] = await Promise.all([
    db.checkIn.findMany({
      where: { period, keyResult: { ownerId: memberId } },
      select: { keyResult: { select: { number: true } } },
    }),
    db.kpiReading.findMany({
      where: { period: { in: [period, today.slice(0, 7)] }, kpi: { ownerId: memberId } },
      select: { kpi: { select: { number: true } } },
    }),
    pausesOf(db, [memberId]),
  ]);
  return {
    period,
    done: new Set([
      ...checkIns.map((row) => formatShortId('key_result', row.keyResult.number)),
      ...readings.map((row) => formatShortId('kpi', row.kpi.number)),
    ]),
    paused: isPaused(pauses.get(memberId) ?? [], today),
  };
}
