// Check-in pauses as the prompts, reminders, check-in status and Home read them.
import type { PauseWindow } from '../../domain/check-ins/pauses.ts';
import type { Db } from '../client.ts';

/** Every pause window of these people, by member id. */
export async function pausesOf(db: Db, memberIds: readonly number[]): Promise<Map<number, PauseWindow[]>> {
  const rows = await db.checkInPause.findMany({ where: { memberId: { in: [...memberIds] } } });
  const byMember = new Map<number, PauseWindow[]>();
  for (const row of rows) {
    const list = byMember.get(row.memberId) ?? [];
    list.push({ from: row.fromDate, until: row.untilDate });
    byMember.set(row.memberId, list);
  }
  return byMember;
}
