// Whose week a check-in belongs to: the owner's own zone from Slack; for someone Slack gives no zone, the
// workspace's (/okr settings timezone), then OKRA_DEFAULT_TZ; a user_change moving someone is used at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Harness, startHarness } from '../support/harness.ts';
import { Q1_2026, seedCycle, seedKeyResults } from '../support/seed.ts';

const NOMAD = 'U0NOMAD';
let h: Harness;
let workspaceId: number;

// Sunday 20:00 UTC: already Monday (week 8) in Tokyo and Auckland, still Sunday (week 7) in New York.
const NOW = '2026-02-15T20:00:00Z';

beforeAll(async () => {
  h = await startHarness({ now: NOW, env: { OKRA_DEFAULT_TZ: 'Asia/Tokyo' } });
  h.double.addUser({ id: NOMAD, name: 'nomad', realName: 'Nico Nomad', tz: null });
  await h.command(NOMAD, 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const owner = await h.db.member.findFirstOrThrow({ where: { slackUserId: NOMAD } });
  const { objectiveId } = await seedCycle(h.db, workspaceId, Q1_2026);
  await seedKeyResults(h.db, workspaceId, objectiveId, [
    { title: 'Partners', ownerId: owner.id, targetValue: 100 },
  ]);
});
afterAll(() => h.close());

describe('time zones', () => {
  it('knows that Slack gave a person no zone: unknown, not UTC', async () => {
    const member = await h.db.member.findFirstOrThrow({ where: { slackUserId: NOMAD } });
    expect(member).toMatchObject({ name: 'Nico Nomad', tz: null });
    expect(member.profileReadAt).not.toBeNull();
  });

  it('files the check-in of a person without a zone in the OKRA_DEFAULT_TZ week', async () => {
    const reply = await h.command(NOMAD, 'update KR-1 10');
    expect(reply.text).toContain('2026-W08');
  });

  it('uses the workspace zone, set with /okr settings timezone, before OKRA_DEFAULT_TZ', async () => {
    const refused = await h.command(ADMIN, 'settings timezone Mars/Olympus');
    expect(refused.text).toContain('"Mars/Olympus" is not a time zone');
    const set = await h.command(ADMIN, 'settings timezone America/New_York');
    expect(set.text).toContain('America/New_York');
    expect((await h.db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).timeZone).toBe(
      'America/New_York',
    );
    const shown = await h.command(ADMIN, 'settings');
    expect(JSON.stringify(shown.replies[0]?.body.blocks)).toContain(
      'America/New_York, set for this workspace',
    );
    const reply = await h.command(NOMAD, 'update KR-1 12');
    expect(reply.text).toContain('2026-W07');
  });

  it('uses the zone a user_change event brings from then on', async () => {
    await h.event({
      event: {
        type: 'user_change',
        user: {
          id: NOMAD,
          name: 'nomad',
          real_name: 'Nico Nomad',
          tz: 'Pacific/Auckland',
          profile: { display_name: 'nico' },
        },
        cache_ts: 1_771_000_000,
        event_ts: '1771185600.000100',
      },
    });
    const member = await h.db.member.findFirstOrThrow({ where: { slackUserId: NOMAD } });
    expect(member).toMatchObject({ tz: 'Pacific/Auckland', name: 'nico' });
    const reply = await h.command(NOMAD, 'update KR-1 14');
    expect(reply.text).toContain('2026-W08');
  });

  it('reads the profile of someone who was only @mentioned as an owner at the next tick', async () => {
    h.double.addUser({ id: 'U0MENTION', name: 'mina', realName: 'Mina M', tz: 'Europe/Paris' });
    const mentioned = await h.db.member.create({ data: { workspaceId, slackUserId: 'U0MENTION' } });
    await h.db.keyResult.update({
      where: { workspaceId_number: { workspaceId, number: 1 } },
      data: { ownerId: mentioned.id },
    });
    expect(mentioned.tz).toBeNull();
    await h.tick();
    expect(await h.db.member.findUniqueOrThrow({ where: { id: mentioned.id } })).toMatchObject({
      name: 'Mina M',
      tz: 'Europe/Paris',
    });
  });

  it('refreshes stale profiles once a day by paging users.list', async () => {
    h.clock.advance(2 * 86_400_000);
    const before = h.double.callsTo('users.list').length;
    await h.tick();
    expect(h.double.callsTo('users.list').length).toBeGreaterThan(before);
    const admin = await h.db.member.findFirstOrThrow({ where: { slackUserId: ADMIN } });
    expect(admin.profileReadAt?.getTime()).toBe(h.clock.now().getTime());
    // Not again within the day.
    const after = h.double.callsTo('users.list').length;
    h.clock.advance(3_600_000);
    await h.tick();
    expect(h.double.callsTo('users.list').length).toBe(after);
  });
});
