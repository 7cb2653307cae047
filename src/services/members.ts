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

/**
 * How a refusal names an item's owner: the name Slack gave them, or their Slack id while Okra has not read
 * their profile yet; null when the item has no owner.
 */
export async function ownerName(
  db: Db,
  owner: { id: number | null | undefined } | { workspaceId: number; slackUserId: string | null | undefined },
): Promise<string | null> {
  const where =
    'id' in owner
      ? owner.id == null
        ? undefined
        : { id: owner.id }
      : owner.slackUserId == null
        ? undefined
        : { workspaceId: owner.workspaceId, slackUserId: owner.slackUserId };
  if (!where) return null;
  const row = await db.member.findFirst({ where, select: { name: true, slackUserId: true } });
  if (!row) return null;
  return row.name || row.slackUserId;
}
