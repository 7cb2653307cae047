import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';

const KENJI = 'U0KENJI';
const BOT = 'U0OKRABOT';
const DAVE = 'U0DAVE';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function team(name: string) {
  return h.db.team.findFirstOrThrow({
    where: { name },
    include: { members: { include: { member: true }, orderBy: { memberId: 'asc' } } },
  });
}

const slackIds = (t: Awaited<ReturnType<typeof team>>) => t.members.map((m) => m.member.slackUserId).sort();

describe('/okr team add', () => {
  it('creates a team with its channel, members and leader from command text', async () => {
    const result = await h.command(
      ADMIN,
      `team add Growth <#C0OKRS|okrs> --members <@${MEMBER}|bob> <@${OTHER}|priya> --leader <@${KENJI}|kenji>`,
    );
    expect(result.text).toContain('Created team *Growth*');
    expect(result.text).toContain('<#C0OKRS>');
    expect(result.text).toContain('3 members, led by <@U0KENJI>');
    const growth = await team('Growth');
    expect(growth.channelId).toBe('C0OKRS');
    expect(slackIds(growth)).toEqual([KENJI, MEMBER, OTHER].sort());
    expect(growth.members.find((m) => m.member.slackUserId === KENJI)?.role).toBe('leader');
    expect(growth.members.find((m) => m.member.slackUserId === MEMBER)?.role).toBe('member');
    const audit = await h.db.auditEntry.findFirstOrThrow({
      where: { entityType: 'team', entityId: growth.id },
    });
    expect(audit.action).toBe('create');
    expect(audit.actor).toBe(ADMIN);
    expect(JSON.parse(audit.after)).toMatchObject({ name: 'Growth', channel: 'C0OKRS', leaders: [KENJI] });
  });

  it('refuses a duplicate name whatever the capitals, an empty name and one over 80 characters', async () => {
    const before = await h.db.team.count();
    const duplicate = await h.command(ADMIN, 'team add GROWTH');
    expect(duplicate.text).toContain('Nothing was changed');
    expect(duplicate.text).toContain('A team called "Growth" already exists');
    const empty = await h.command(ADMIN, 'team add ""');
    expect(empty.text).toContain('Give the team a name');
    const long = await h.command(ADMIN, `team add ${'x'.repeat(81)}`);
    expect(long.text).toContain('80 characters or fewer');
    expect(await h.db.team.count()).toBe(before);
  });

  it('refuses a #channel it cannot read, and anything in --members that is not a person', async () => {
    const before = await h.db.team.count();
    const channel = await h.command(ADMIN, 'team add Sales #sales');
    expect(channel.text).toContain('"#sales" is not a channel');
    const notPerson = await h.command(ADMIN, `team add Sales --members <@${MEMBER}|bob> <#C0OKRS|okrs>`);
    expect(notPerson.text).toContain('is not a person');
    const bot = await h.command(ADMIN, `team add Sales --members <@${BOT}|okra>`);
    expect(bot.text).toContain('@okra is a bot, not a person');
    const gone = await h.command(ADMIN, `team add Sales --leader <@${DAVE}|dave>`);
    expect(gone.text).toContain("@dave's account is deactivated");
    const stray = await h.command(ADMIN, `team add Sales <@${MEMBER}|bob>`);
    expect(stray.text).toContain('Put people after --members');
    expect(await h.db.team.count()).toBe(before);
  });

  it('finds people typed as plain @handles and names with spaces', async () => {
    const result = await h.command(ADMIN, 'team add Customer Success --members @priya');
    expect(result.text).toContain('Created team *Customer Success*');
    expect(slackIds(await team('Customer Success'))).toEqual([OTHER]);
  });

  it('opens a form without arguments, shows errors inline, and creates the team when valid', async () => {
    const opened = await h.command(ADMIN, 'team add');
    expect(opened.modal?.callback_id).toBe('okra.team.add');
    const duplicate = await h.submit(ADMIN, opened.modal!, { name: { value: 'growth' } });
    expect(duplicate.body).toEqual({
      response_action: 'errors',
      errors: {
        name: 'A team called "Growth" already exists. Team names are unique, whatever the capitals.',
      },
    });
    const bot = await h.submit(ADMIN, opened.modal!, {
      name: { value: 'Platform' },
      members: { value: [MEMBER, BOT] },
    });
    expect(bot.body).toEqual({
      response_action: 'errors',
      errors: { members: '@okra is a bot, not a person.' },
    });
    expect(await h.db.team.count({ where: { name: 'Platform' } })).toBe(0);

    const valid = await h.submit(ADMIN, opened.modal!, {
      name: { value: 'Platform' },
      channel: { value: 'C0GENERAL' },
      members: { value: [MEMBER] },
      leader: { value: OTHER },
    });
    expect(valid.status).toBe(200);
    const platform = await team('Platform');
    expect(platform.channelId).toBe('C0GENERAL');
    expect(slackIds(platform)).toEqual([MEMBER, OTHER].sort());
    expect(platform.members.find((m) => m.member.slackUserId === OTHER)?.role).toBe('leader');
    expect(
      await h.db.auditEntry.count({ where: { entityType: 'team', entityId: platform.id, action: 'create' } }),
    ).toBe(1);
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('Created team *Platform*');
  });

  it('refuses a member, by command and by form, changing nothing', async () => {
    const before = await h.db.team.count();
    const result = await h.command(MEMBER, 'team add Rogue');
    expect(result.text).toContain('Only PMO admins can use `/okr team add`');
    const opened = await h.command(ADMIN, 'team add');
    const submitted = await h.submit(MEMBER, opened.modal!, { name: { value: 'Rogue' } });
    expect(submitted.body).toMatchObject({ response_action: 'errors' });
    expect(await h.db.team.count()).toBe(before);
  });
});

describe('/okr team members', () => {
  it('adds and removes people by command, auditing each change', async () => {
    const added = await h.command(ADMIN, `team members growth add <@${ADMIN}|alice> <@${MEMBER}|bob>`);
    expect(added.text).toContain('Updated team *Growth*');
    expect(added.text).toContain('Already in the team: <@U0BOB>');
    const growth = await team('Growth');
    expect(slackIds(growth)).toEqual([ADMIN, KENJI, MEMBER, OTHER].sort());
    const audit = await h.db.auditEntry.findFirstOrThrow({
      where: { entityType: 'team', entityId: growth.id, action: 'update' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.after).members).toContain(ADMIN);
    expect(JSON.parse(audit.before).members).not.toContain(ADMIN);

    const removed = await h.command(ADMIN, `team members Growth remove <@${KENJI}|kenji>`);
    expect(removed.text).toContain('3 members');
    const after = await team('Growth');
    expect(slackIds(after)).toEqual([ADMIN, MEMBER, OTHER].sort());
    // The leader left with the removal: nobody leads Growth now.
    expect(after.members.every((m) => m.role === 'member')).toBe(true);
    expect(
      await h.db.auditEntry.count({ where: { entityType: 'team', entityId: growth.id, action: 'update' } }),
    ).toBe(2);
  });

  it('suggests the closest team name for a typo and refuses non-people', async () => {
    const typo = await h.command(ADMIN, `team members Grwoth add <@${MEMBER}|bob>`);
    expect(typo.text).toContain('There is no team called "Grwoth". Did you mean "Growth"?');
    const channel = await h.command(ADMIN, 'team members Growth add <#C0OKRS|okrs>');
    expect(channel.text).toContain('is not a person');
    const noAction = await h.command(ADMIN, `team members Growth <@${MEMBER}|bob>`);
    expect(noAction.text).toContain('add or remove');
  });

  it("opens the team's form prefilled, shows errors inline, and replaces members when valid", async () => {
    const growth = await team('Growth');
    const opened = await h.command(ADMIN, 'team members Growth');
    expect(opened.modal?.callback_id).toBe('okra.team.edit');
    expect(opened.modal?.private_metadata).toBe(String(growth.id));
    expect(JSON.stringify(opened.modal)).toContain('"initial_users":["U0ALICE","U0BOB","U0PRIYA"]');
    expect(JSON.stringify(opened.modal)).toContain('"initial_conversation":"C0OKRS"');

    const clash = await h.submit(ADMIN, opened.modal!, {
      name: { value: 'platform' },
      members: { value: [MEMBER] },
    });
    expect(clash.body).toEqual({
      response_action: 'errors',
      errors: { name: 'Another team is already called "Platform".' },
    });

    const valid = await h.submit(ADMIN, opened.modal!, {
      name: { value: 'Growth' },
      channel: { value: 'C0OKRS' },
      members: { value: [MEMBER, OTHER] },
      leader: { value: MEMBER },
    });
    expect(valid.status).toBe(200);
    const after = await team('Growth');
    expect(slackIds(after)).toEqual([MEMBER, OTHER].sort());
    expect(after.members.find((m) => m.member.slackUserId === MEMBER)?.role).toBe('leader');
    const audit = await h.db.auditEntry.findFirstOrThrow({
      where: { entityId: growth.id, entityType: 'team' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.before)).toEqual({ members: [ADMIN, MEMBER, OTHER].sort(), leaders: [] });
    expect(JSON.parse(audit.after)).toEqual({ members: [MEMBER, OTHER].sort(), leaders: [MEMBER] });
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('Updated team *Growth*');
  });

  it('opens a team picker without arguments that only adds and removes', async () => {
    const platform = await team('Platform');
    const opened = await h.command(ADMIN, 'team members');
    expect(opened.modal?.callback_id).toBe('okra.team.edit');
    expect(opened.modal?.private_metadata).toBeUndefined();
    const both = await h.submit(ADMIN, opened.modal!, {
      team: { value: String(platform.id) },
      add: { value: [KENJI] },
      remove: { value: [KENJI] },
    });
    expect(both.body).toEqual({
      response_action: 'errors',
      errors: { remove: 'The same person is both added and removed; pick one.' },
    });
    const valid = await h.submit(ADMIN, opened.modal!, {
      team: { value: String(platform.id) },
      add: { value: [KENJI] },
    });
    expect(valid.status).toBe(200);
    expect(slackIds(await team('Platform'))).toEqual([KENJI, MEMBER, OTHER].sort());
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('Updated team *Platform*');
  });
});

describe('/okr team channel and list', () => {
  it("sets a team's channel, refusing what is not a channel", async () => {
    const bad = await h.command(ADMIN, 'team channel Growth #nowhere');
    expect(bad.text).toContain('"#nowhere" is not a channel');
    const unknown = await h.command(ADMIN, 'team channel Grow <#C0GENERAL|general>');
    expect(unknown.text).toContain('Did you mean "Growth"?');
    const set = await h.command(ADMIN, 'team channel Growth <#C0GENERAL|general>');
    expect(set.text).toContain('<#C0GENERAL>');
    const growth = await team('Growth');
    expect(growth.channelId).toBe('C0GENERAL');
    const audit = await h.db.auditEntry.findFirstOrThrow({
      where: { entityId: growth.id, entityType: 'team' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.before)).toEqual({ channel: 'C0OKRS' });
    expect(JSON.parse(audit.after)).toEqual({ channel: 'C0GENERAL' });
  });

  it('opens the form for a named team, and the picker with no arguments, setting the channel', async () => {
    const named = await h.command(ADMIN, 'team channel Growth');
    expect(named.modal?.private_metadata).toBe(String((await team('Growth')).id));
    const picker = await h.command(ADMIN, 'team channel');
    const platform = await team('Platform');
    const valid = await h.submit(ADMIN, picker.modal!, {
      team: { value: String(platform.id) },
      channel: { value: 'C0OKRS' },
    });
    expect(valid.status).toBe(200);
    expect((await team('Platform')).channelId).toBe('C0OKRS');
  });

  it('lists teams for anyone, with channel, size and leader, and refuses members changing them', async () => {
    const list = await h.command(MEMBER, 'team list');
    const body = JSON.stringify(list.replies[0]?.body.blocks);
    expect(body).toContain('*Growth* · <#C0GENERAL> · 2 members, led by <@U0BOB>');
    expect(body).toContain('*Customer Success* · no channel yet · 1 member');
    expect(body).toContain('*Platform* · <#C0OKRS> · 3 members');
    const refused = await h.command(MEMBER, 'team members Growth add <@U0KENJI|kenji>');
    expect(refused.text).toContain('Only PMO admins');
  });

  it('shows team names as text, never as markup', async () => {
    // Slack sends typed markup escaped; the app decodes it once and escapes it again on the way out.
    await h.command(ADMIN, 'team add "&lt;!channel&gt; &amp; co"');
    const list = await h.command(MEMBER, 'team list');
    const body = JSON.stringify(list.replies[0]?.body.blocks);
    expect(body).toContain('&lt;!channel&gt; &amp; co');
    expect(body).not.toContain('<!channel>');
    const typed = await h.command(ADMIN, 'team members "&lt;!here&gt;" add <@U0BOB|bob>');
    expect(typed.text).toContain('There is no team called "&lt;!here&gt;"');
    expect(typed.text).not.toContain('<!here>');
  });
});
