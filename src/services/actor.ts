// Who is making a change, as services see it.
import type { MemberRow } from '../db/queries/workspaces.ts';
import { can, type Role } from '../domain/permissions.ts';

export interface Actor {
  workspaceId: number;
  memberId: number;
  slackUserId: string;
  role: Role;
}

export function actorOf(member: MemberRow): Actor {
  return {
    workspaceId: member.workspaceId,
    memberId: member.id,
    slackUserId: member.slackUserId,
    role: member.role,
  };
}

export const isAdmin = (actor: Actor) => can(actor, 'structure');
