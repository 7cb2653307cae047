import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberRow } from '../../src/db/queries/workspaces.ts';
import { actorOf } from '../../src/services/actor.ts';
import { setRole } from '../../src/services/roles.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';

const KENJI = 'U0KENJI';
const BOT = 'U0OKRABOT';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const roleOf = async (slackUserId: string) =>
  (await h.db.member.findFirstOrThrow({ where: { slackUserId } })).role;
const roleAudits = (slackUserId: string) =>
  h.db.auditEntry.findMany({ where: { action: 'role', entityRef: slackUserId }, orderBy: { id: 'asc' } });

describe('/okr role', () => {
  it('makes someone a leader from command text, and audits the change', async () => {
    const result = await h.command(ADMIN, `role leader <@${MEMBER}|bob>`);
    expect(result.text).toContain('<@U0BOB> is now a leader (was a team member).');
    expect(await roleOf(MEMBER)).toBe('leader');
    const [audit] = await roleAudits(MEMBER);
    const bob = await h.db.member.findFirstOrThrow({ where: { slackUserId: MEMBER } });
    expect(audit).toMatchObject({ actor: ADMIN, entityType: 'member', entityId: bob.id });
    expect(JSON.parse(audit!.before)).toEqual({ role: 'member' });
    expect(JSON.parse(audit!.after)).toEqual({ role: 'leader' });
  });

  it('takes the person and the role in either order, and says when nothing changes', async () => {
    const result = await h.command(ADMIN, `role <@${MEMBER}|bob> member`);
    expect(result.text).toContain('is now a team member (was a leader)');
    const again = await h.command(ADMIN, `role member <@${MEMBER}|bob>`);
    expect(again.text).toContain('<@U0BOB> is already a team member; nothing changed.');
    expect(await roleAudits(MEMBER)).toHaveLength(2);
  });

  it('refuses to demote the last admin, changing nothing', async () => {
    const result = await h.command(ADMIN, `role member <@${ADMIN}|alice>`);
    expect(result.text).toContain('Nothing was changed');
    expect(result.text).toContain('someone has to be able to manage Okra');
    expect(await roleOf(ADMIN)).toBe('admin');
    expect(await roleAudits(ADMIN)).toHaveLength(0);
  });

  it('refuses unknown roles, non-people and bots with clear messages', async () => {
    const boss = await h.command(ADMIN, `role boss <@${MEMBER}|bob>`);
    expect(boss.text).toContain('"boss" is not a role. Choose admin, leader or member.');
    const channel = await h.command(ADMIN, 'role admin <#C0OKRS|okrs>');
    expect(channel.text).toContain('is not a person');
    const bot = await h.command(ADMIN, `role admin <@${BOT}|okra>`);
    expect(bot.text).toContain('@okra is a bot, not a person.');
    const two = await h.command(ADMIN, `role admin <@${MEMBER}|bob> <@${OTHER}|priya> <@${KENJI}|kenji>`);
    expect(two.text).toContain('one person at a time');
    expect(await h.db.auditEntry.count({ where: { action: 'role' } })).toBe(2);
  });

  it('opens a form without a person, shows errors inline, and sets the role when valid', async () => {
    const opened = await h.command(ADMIN, 'role');
    expect(opened.modal?.callback_id).toBe('okra.role.set');
    const preset = await h.command(ADMIN, 'role leader');
    expect(JSON.stringify(preset.modal)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"leader"},"value":"leader"}',
    );

    const lastAdmin = await h.submit(ADMIN, opened.modal!, {
      user: { value: ADMIN },
      role: { value: 'leader' },
    });
    expect(lastAdmin.body).toMatchObject({
      response_action: 'errors',
      errors: { role: expect.stringContaining('someone has to be able to manage Okra') },
    });
    const bot = await h.submit(ADMIN, opened.modal!, { user: { value: BOT }, role: { value: 'leader' } });
    expect(bot.body).toEqual({
      response_action: 'errors',
      errors: { user: '@okra is a bot, not a person.' },
    });

    const valid = await h.submit(ADMIN, opened.modal!, { user: { value: OTHER }, role: { value: 'admin' } });
    expect(valid.status).toBe(200);
    expect(await roleOf(OTHER)).toBe('admin');
    expect(await roleAudits(OTHER)).toHaveLength(1);
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain(
      '<@U0PRIYA> is now a PMO admin (was a team member).',
    );
  });

  it('lets an admin step down once another admin exists', async () => {
    const result = await h.command(ADMIN, `role leader <@${ADMIN}|alice>`);
    expect(result.text).toContain('is now a leader (was a PMO admin)');
    expect(await roleOf(ADMIN)).toBe('leader');
    // The remaining admin cannot step down in turn.
    const last = await h.command(OTHER, `role member <@${OTHER}|priya>`);
    expect(last.text).toContain('someone has to be able to manage Okra');
  });

  it('lists admins and leaders for anyone, and refuses non-admins changing roles', async () => {
    const list = await h.command(MEMBER, 'role list');
    expect(list.text).toContain('*PMO admins (1)*: <@U0PRIYA>');
    expect(list.text).toContain('*Leaders (1)*: <@U0ALICE>');
    const refused = await h.command(MEMBER, `role admin <@${MEMBER}|bob>`);
    expect(refused.text).toContain('Only PMO admins can use `/okr role`');
    expect(await roleOf(MEMBER)).toBe('member');
  });

  it('keeps an admin when two admins demote each other at the same time', async () => {
    await h.command(OTHER, `role admin <@${KENJI}|kenji>`);
    const priya = actorOf(memberRow(await h.db.member.findFirstOrThrow({ where: { slackUserId: OTHER } })));
    const kenji = actorOf(memberRow(await h.db.member.findFirstOrThrow({ where: { slackUserId: KENJI } })));
    const outcomes = await Promise.all([
      setRole(h.db, priya, { user: KENJI, role: 'member' }),
      setRole(h.db, kenji, { user: OTHER, role: 'member' }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await h.db.member.count({ where: { role: 'admin' } })).toBe(1);
  });
});
