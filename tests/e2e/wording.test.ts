// Defect 10 (in part): replies that said the wrong thing, or the right thing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, expectAnswers, expectSays, without } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31 --current');
  await h.command(ADMIN, 'team add Growth');
});
afterAll(() => h.close());

describe('replies', () => {
  it('makes an objective with a team but no level a team objective', async () => {
    await expectAnswers(h, ADMIN, [['objective add "X" --team Growth', '(team level, team Growth']]);
  });

  it('says "Nothing was changed" once', async () => {
    await h.command(ADMIN, 'kr add O-1 "Sign" --from 0 --to 10 --owner <@U0BOB|bob>');
    const reply = await h.command(MEMBER, 'kr archive KR-1');
    expect(reply.text.match(/Nothing was changed/g) ?? []).toHaveLength(1);
  });

  it('labels the typed team of kpi list as the team, not --team', async () => {
    await expectAnswers(h, MEMBER, [['kpi list Nope', ['*team*:', without('*--team*')]]]);
  });

  it('says every KPI is archived rather than that there are none yet', async () => {
    await h.command(
      ADMIN,
      'kpi add "Churn" --target 2 --green 2 --amber 3 --direction lower --owner <@U0BOB|bob>',
    );
    await h.command(ADMIN, 'kpi archive KPI-1');
    await expectAnswers(h, MEMBER, [['kpi list', ['Every KPI is archived (1)', without('no KPIs yet')]]]);
  });

  it('shows "no owner" rather than "owner no owner"', async () => {
    const reply = await h.command(MEMBER, 'show O-1');
    expectSays(blocksText(reply), ['no owner', without('owner no owner')], '/okr show O-1');
  });

  it('labels a refused risk edit as the risk, not its title, and names the owner', async () => {
    // Priya has talked to Okra, so it knows her name from her Slack profile.
    await h.command(OTHER, 'help');
    await h.command(ADMIN, 'risk add "Vendor delay" --likelihood 2 --impact 3 --owner <@U0PRIYA|priya>');
    await expectAnswers(h, MEMBER, [
      [
        'risk edit R-1 --likelihood 3',
        [
          '*risk*: Only priya (its owner) and PMO admins can change R-1.',
          without('*title*'),
          without('the owner of this item'),
        ],
      ],
    ]);
    const form = await h.command(MEMBER, 'risk edit R-1');
    expect(form.text).toBe('Only <@U0PRIYA> (its owner) and PMO admins can change R-1. Nothing was changed.');
    expect(form.modal).toBeUndefined();
  });

  it('names the owner, or that there is none, when a member may not edit a key result', async () => {
    await h.command(ADMIN, 'kr add O-1 "Owned by Priya" --from 0 --to 5 --owner <@U0PRIYA|priya>');
    await h.command(ADMIN, 'kr add O-1 "Nobody\'s" --from 0 --to 5');
    await expectAnswers(h, MEMBER, [
      ['kr edit KR-2 --to 20', 'Only priya (its owner) and PMO admins can edit KR-2.'],
      ['kr edit KR-2', 'Only <@U0PRIYA> (its owner) and PMO admins can change KR-2.'],
      ['kr edit KR-3 --to 20', 'Only PMO admins (it has no owner) can edit KR-3.'],
    ]);
  });

  it('finds a milestone by its title and lists the milestones instead of money examples', async () => {
    await h.command(ADMIN, 'kr add O-1 "Launch" --kind milestone --milestones "Build | Ship it"');
    await expectAnswers(h, ADMIN, [
      ['kr milestone KR-4 done ship IT', 'Milestone 2 of *KR-4* (Ship it) is now done.'],
      [
        'kr milestone KR-4 done Deploy',
        ['*milestone*: KR-4 has no milestone "Deploy": 1. Build, 2. Ship it.', without(/\$12,000|1\.2bn/)],
      ],
      ['kr milestone KR-4 done', 'Say which milestone of KR-4, by number or title: 1. Build, 2. Ship it.'],
      ['kr milestone KR-4 undo 3', 'KR-4 has no milestone 3: 1. Build, 2. Ship it.'],
    ]);
  });

  it('says so when removing a team member ends their leadership', async () => {
    await h.command(ADMIN, 'team add Ops --members <@U0PRIYA|priya> <@U0BOB|bob> --leader <@U0PRIYA|priya>');
    await expectAnswers(h, ADMIN, [
      [
        'team members Ops remove <@U0PRIYA|priya>',
        [
          'Updated team *Ops*',
          'Left the team, so no longer its leader: <@U0PRIYA>.',
          'Ops has no leader now: `/okr team members Ops` opens its form',
        ],
      ],
    ]);
    const team = await h.db.team.findFirstOrThrow({ where: { name: 'Ops' }, include: { members: true } });
    expect(team.members.map((m) => m.role)).toEqual(['member']);
    // Removing someone who does not lead says nothing about leaders.
    await h.command(ADMIN, 'team members Ops add <@U0PRIYA|priya>');
    await expectAnswers(h, ADMIN, [['team members Ops remove <@U0PRIYA|priya>', without('leader')]]);
  });

  it('lists only what changed in the history /okr show prints', async () => {
    await h.command(ADMIN, 'kr add O-1 "Audited" --from 0 --to 10');
    await h.command(ADMIN, 'update KR-5 3');
    await h.command(ADMIN, 'update KR-5 4');
    const shown = await h.command(ADMIN, 'show KR-5');
    expectSays(blocksText(shown), ['checked in value 3 → 4', without(/period (\S+) → \1/)], '/okr show KR-5');
  });
});
