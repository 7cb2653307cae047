// A person's time zone for check-ins: theirs from Slack, else the workspace's, else OKRA_DEFAULT_TZ.
import type { Db } from '../db/client.ts';
import { zoneFor } from '../domain/time-zones.ts';

export async function memberZone(db: Db, memberId: number, defaultTimeZone: string): Promise<string> {
  const member = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    select: { tz: true, workspace: { select: { timeZone: true } } },
  });
  return zoneFor(member.tz, member.workspace.timeZone, defaultTimeZone).zone;
}
