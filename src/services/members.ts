// People referenced as owners or team members: a member row is created the first time someone is named.
import type { Db } from '../db/client.ts';
import { ensureMember, type MemberRow, memberRow } from '../db/queries/workspaces.ts';

export async function memberBySlackId(db: Db, workspaceId: number, slackUserId: string): Promise<MemberRow> {
  return ensureMember(db, workspaceId, slackUserId, []);
}

/** A member whose name matches a typed `@handle`, among people Okra already knows. */
export async function memberByName(
  db: Db,
  workspaceId: number,
  handle: string,
): Promise<MemberRow | undefined> {
  const wanted = handle.toLowerCase();
  const members = await db.member.findMany({ where: { workspaceId } });
  const found = members.find((m) => m.name.toLowerCase() === wanted);
  return found ? memberRow(found) : undefined;
}
