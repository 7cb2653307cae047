// Who may do what, in one place: the router, the forms and the services all ask `can`.
// Admins change anything; members change what they own (check-ins, edits of their own key results, KPIs
// and risks); leaders read everything and receive digests. Everyone reads.

export const ROLES = ['admin', 'leader', 'member'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A role read from the database or a form. Anything unknown reads as `member`, the least privilege, so a
 * stray value can never grant more than it should.
 */
export function parseRole(value: string): Role {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : 'member';
}

export interface Who {
  memberId: number;
  role: Role;
  /** Lets views that know owners by Slack id ask too. */
  slackUserId?: string;
}

/** The owner of an item, by member id or by Slack id (views carry the latter). */
export interface Owned {
  ownerId?: number | null | undefined;
  ownerSlackId?: string | null | undefined;
}

const owns = (who: Who, item: Owned | undefined): boolean =>
  (item?.ownerId != null && item.ownerId === who.memberId) ||
  (item?.ownerSlackId != null && item.ownerSlackId === who.slackUserId);

/** `structure`: cycles, teams, objectives, settings, roles, imports. `change`: an item someone owns. */
export type Action = 'structure' | 'change' | 'read';

export function can(who: Who, action: Action, item?: Owned): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'structure':
      return who.role === 'admin';
    case 'change':
      return who.role === 'admin' || owns(who, item);
  }
}

/** Shorthands kept for readability at call sites; both are `can`. */
export const canChangeStructure = (who: Who): boolean => can(who, 'structure');
export const canChangeOwnedItem = (who: Who, ownerId: number | null | undefined): boolean =>
  can(who, 'change', { ownerId });

/**
 * Who may change an item someone owns, naming the owner so that the person refused knows whom to ask:
 * "Priya (its owner) and PMO admins", or "PMO admins (it has no owner)".
 */
export function whoMayChange(ownerName: string | null | undefined): string {
  return ownerName ? `${ownerName} (its owner) and PMO admins` : 'PMO admins (it has no owner)';
}

export const WHO_MAY = {
  structure: 'PMO admins',
  owned: 'the owner of this item and PMO admins',
} as const;
