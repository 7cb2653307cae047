import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blocksText,
  expectAnswers,
  expectFormErrors,
  expectSays,
  fields,
  without,
} from '../support/e2e-steps.ts';
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
    await expectAnswers(h, ADMIN, [
      [
        `team add Growth <#C0OKRS|okrs> --members <@${MEMBER}|bob> <@${OTHER}|priya> --leader <@${KENJI}|kenji>`,
        ['Created team *Growth*', '<#C0OKRS>', '3 members, led by <@U0KENJI>'],
      ],
    ]);
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
    await expectAnswers(h, ADMIN, [
      ['team add GROWTH', ['Nothing was changed', 'A team called "Growth" already exists']],
      ['team add ""', 'Give the team a name'],
      [`team add ${'x'.repeat(81)}`, '80 characters or fewer'],
    ]);
    expect(await h.db.team.count()).toBe(before);
  });

  it('refuses a #channel it cannot read, and anything in --members that is not a person', async () => {
    const before = await h.db.team.count();
    await expectAnswers(h, ADMIN, [
      ['team add Sales #sales', '"#sales" is not a channel'],
      [`team add Sales --members <@${MEMBER}|bob> <#C0OKRS|okrs>`, 'is not a person'],
      [`team add Sales --members <@${BOT}|okra>`, '@okra is a bot, not a person'],
      [`team add Sales --leader <@${DAVE}|dave>`, "@dave's account is deactivated"],
      [`team add Sales <@${MEMBER}|bob>`, 'Put people after --members'],
    ]);
    expect(await h.db.team.count()).toBe(before);
  });

  it('finds people typed as plain @handles and names with spaces', async () => {
    await expectAnswers(h, ADMIN, [
      ['team add Customer Success --members @priya', 'Created team *Customer Success*'],
    ]);
    expect(slackIds(await team('Customer Success'))).toEqual([OTHER]);
  });

  it('opens a form without arguments, shows errors inline, and creates the team when valid', async () => {
    const opened = await h.command(ADMIN, 'team add');
    expect(opened.modal?.callback_id).toBe('okra.team.add');
    await expectFormErrors(h, ADMIN, opened.modal!, fields({ name: 'growth' }), {
      name: 'A team called "Growth" already exists. Team names are unique, whatever the capitals.',
    });
    await expectFormErrors(h, ADMIN, opened.modal!, fields({ name: 'Platform', members: [MEMBER, BOT] }), {
      members: '@okra is a bot, not a person.',
    });
    expect(await h.db.team.count({ where: { name: 'Platform' } })).toBe(0);

    const valid = await h.submit(
      ADMIN,
      opened.modal!,
      fields({ name: 'Platform', channel: 'C0GENERAL', members: [MEMBER], leader: OTHER }),
    );
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
    await expectAnswers(h, MEMBER, [['team add Rogue', 'Only PMO admins can use `/okr team add`']]);
    const opened = await h.command(ADMIN, 'team add');
    const submitted = await h.submit(MEMBER, opened.modal!, { name: { value: 'Rogue' } });
    expect(submitted.body).toMatchObject({ response_action: 'errors' });
    expect(await h.db.team.count()).toBe(before);
  });
});

describe('/okr team members', () => {
  it('adds and removes people by command, auditing each change', async () => {
    await expectAnswers(h, ADMIN, [
      [
        `team members growth add <@${ADMIN}|alice> <@${MEMBER}|bob>`,
        ['Updated team *Growth*', 'Already in the team: <@U0BOB>'],
      ],
    ]);
    const growth = await team('Growth');
    expect(slackIds(growth)).toEqual([ADMIN, KENJI, MEMBER, OTHER].sort());
    const audit = await h.db.auditEntry.findFirstOrThrow({
      where: { entityType: 'team', entityId: growth.id, action: 'update' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.after).members).toContain(ADMIN);
    expect(JSON.parse(audit.before).members).not.toContain(ADMIN);

    await expectAnswers(h, ADMIN, [[`team members Growth remove <@${KENJI}|kenji>`, '3 members']]);
    const after = await team('Growth');
    expect(slackIds(after)).toEqual([ADMIN, MEMBER, OTHER].sort());
    // The leader left with the removal: nobody leads Growth now.
    expect(after.members.every((m) => m.role === 'member')).toBe(true);
    expect(
      await h.db.auditEntry.count({ where: { entityType: 'team', entityId: growth.id, action: 'update' } }),
    ).toBe(2);
  });

  it('suggests the closest team name for a typo and refuses non-people', async () => {
    await expectAnswers(h, ADMIN, [
      [
        `team members Grwoth add <@${MEMBER}|bob>`,
        'There is no team called "Grwoth". Did you mean "Growth"?',
      ],
      ['team members Growth add <#C0OKRS|okrs>', 'is not a person'],
      [`team members Growth <@${MEMBER}|bob>`, 'add or remove'],
    ]);
  });

  it("opens the team's form prefilled, shows errors inline, and replaces members when valid", async () => {
    const growth = await team('Growth');
    const opened = await h.command(ADMIN, 'team members Growth');
    expect(opened.modal?.callback_id).toBe('okra.team.edit');
    expect(opened.modal?.private_metadata).toBe(String(growth.id));
    expect(JSON.stringify(opened.modal)).toContain('"initial_users":["U0ALICE","U0BOB","U0PRIYA"]');
    expect(JSON.stringify(opened.modal)).toContain('"initial_conversation":"C0OKRS"');

    await expectFormErrors(h, ADMIN, opened.modal!, fields({ name: 'platform', members: [MEMBER] }), {
      name: 'Another team is already called "Platform".',
    });

    const valid = await h.submit(
      ADMIN,
      opened.modal!,
      fields({ name: 'Growth', channel: 'C0OKRS', members: [MEMBER, OTHER], leader: MEMBER }),
    );
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
    const addKenji = fields({ team: String(platform.id), add: [KENJI] });
    await expectFormErrors(
      h,
      ADMIN,
      opened.modal!,
      { ...addKenji, ...fields({ remove: [KENJI] }) },
      {
        remove: 'The same person is both added and removed; pick one.',
      },
    );
    const valid = await h.submit(ADMIN, opened.modal!, addKenji);
    expect(valid.status).toBe(200);
    expect(slackIds(await team('Platform'))).toEqual([KENJI, MEMBER, OTHER].sort());
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('Updated team *Platform*');
  });
});

describe('/okr team channel and list', () => {
  it("sets a team's channel, refusing what is not a channel", async () => {
    await expectAnswers(h, ADMIN, [
      ['team channel Growth #nowhere', '"#nowhere" is not a channel'],
      ['team channel Grow <#C0GENERAL|general>', 'Did you mean "Growth"?'],
      ['team channel Growth <#C0GENERAL|general>', '<#C0GENERAL>'],
    ]);
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
    const valid = await h.submit(
      ADMIN,
      picker.modal!,
      fields({ team: String(platform.id), channel: 'C0OKRS' }),
    );
    expect(valid.status).toBe(200);
    expect((await team('Platform')).channelId).toBe('C0OKRS');
  });

  it('lists teams for anyone, with channel, size and leader, and refuses members changing them', async () => {
    const list = await h.command(MEMBER, 'team list');
    expectSays(
      blocksText(list),
      [
        '*Growth* · <#C0GENERAL> · 2 members, led by <@U0BOB>',
        '*Customer Success* · no channel yet · 1 member',
        '*Platform* · <#C0OKRS> · 3 members',
      ],
      'the team list',
    );
    await expectAnswers(h, MEMBER, [['team members Growth add <@U0KENJI|kenji>', 'Only PMO admins']]);
  });

  it('shows team names as text, never as markup', async () => {
    // Slack sends typed markup escaped; the app decodes it once and escapes it again on the way out.
    await h.command(ADMIN, 'team add "&lt;!channel&gt; &amp; co"');
    const list = await h.command(MEMBER, 'team list');
    expectSays(blocksText(list), ['&lt;!channel&gt; &amp; co', without('<!channel>')], 'the team list');
    await expectAnswers(h, ADMIN, [
      [
        'team members "&lt;!here&gt;" add <@U0BOB|bob>',
        ['There is no team called "&lt;!here&gt;"', without('<!here>')],
      ],
    ]);
  });
});
