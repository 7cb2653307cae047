// Who is making a change, as services see it.
import type { MemberRow } from '../db/queries/workspaces.ts';

export interface Actor {
  workspaceId: number;
  memberId: number;
  slackUserId: string;
  role: string;
}

export function actorOf(member: MemberRow): Actor {
  return {
    workspaceId: member.workspaceId,
    memberId: member.id,
    slackUserId: member.slackUserId,
    role: member.role,
  };
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';
