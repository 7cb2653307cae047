import { describe, expect, it } from 'vitest';
import { can, parseRole } from '../../src/domain/permissions.ts';

const admin = { memberId: 1, role: 'admin' as const, slackUserId: 'U1' };
const member = { memberId: 2, role: 'member' as const, slackUserId: 'U2' };
const leader = { memberId: 3, role: 'leader' as const, slackUserId: 'U3' };

describe('can', () => {
  it('lets everyone read, only admins change the structure', () => {
    for (const who of [admin, member, leader]) expect(can(who, 'read')).toBe(true);
    expect([admin, member, leader].map((who) => can(who, 'structure'))).toEqual([true, false, false]);
  });

  it('lets the owner change their item, by member id or Slack id, and admins any item', () => {
    expect(can(member, 'change', { ownerId: 2 })).toBe(true);
    expect(can(member, 'change', { ownerSlackId: 'U2' })).toBe(true);
    expect(can(member, 'change', { ownerId: 3 })).toBe(false);
    expect(can(member, 'change', { ownerId: null, ownerSlackId: null })).toBe(false);
    expect(can(leader, 'change', { ownerId: 2 })).toBe(false);
    expect(can(admin, 'change', { ownerId: null })).toBe(true);
  });
});

describe('parseRole', () => {
  it('reads the three roles and anything else as the least privilege', () => {
    expect(['admin', 'leader', 'member', 'root', ''].map(parseRole)).toEqual([
      'admin',
      'leader',
      'member',
      'member',
      'member',
    ]);
  });
});
