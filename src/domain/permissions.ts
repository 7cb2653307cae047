// Who may change what. Admins change anything; members change only what they own (through check-ins and
// edits of their own key results and KPIs); leaders read everything and receive digests.
export interface Who {
  memberId: number;
  role: string;
}

export function canChangeStructure(who: Who): boolean {
  return who.role === 'admin';
}

export function canChangeOwnedItem(who: Who, ownerId: number | null | undefined): boolean {
  return who.role === 'admin' || (ownerId !== null && ownerId !== undefined && ownerId === who.memberId);
}

export const WHO_MAY = {
  structure: 'PMO admins',
  owned: 'the owner of this item and PMO admins',
} as const;
