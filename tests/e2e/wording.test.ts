// Defect 10 (in part): replies that said the wrong thing, or the right thing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31 --current');
  await h.command(ADMIN, 'team add Growth');
});
afterAll(() => h.close());

describe('replies', () => {
  it('makes an objective with a team but no level a team objective', async () => {
    const reply = await h.command(ADMIN, 'objective add "X" --team Growth');
    expect(reply.text).toContain('(team level, team Growth');
  });

  it('says "Nothing was changed" once', async () => {
    await h.command(ADMIN, 'kr add O-1 "Sign" --from 0 --to 10 --owner <@U0BOB|bob>');
    const reply = await h.command(MEMBER, 'kr archive KR-1');
    expect(reply.text.match(/Nothing was changed/g) ?? []).toHaveLength(1);
  });

  it('labels the typed team of kpi list as the team, not --team', async () => {
    const reply = await h.command(MEMBER, 'kpi list Nope');
    expect(reply.text).toContain('*team*:');
    expect(reply.text).not.toContain('*--team*');
  });

  it('says every KPI is archived rather than that there are none yet', async () => {
    await h.command(
      ADMIN,
      'kpi add "Churn" --target 2 --green 2 --amber 3 --direction lower --owner <@U0BOB|bob>',
    );
    await h.command(ADMIN, 'kpi archive KPI-1');
    const reply = await h.command(MEMBER, 'kpi list');
    expect(reply.text).toContain('Every KPI is archived (1)');
    expect(reply.text).not.toContain('no KPIs yet');
  });

  it('shows "no owner" rather than "owner no owner"', async () => {
    const reply = await h.command(MEMBER, 'show O-1');
    expect(JSON.stringify(reply.replies[0]?.body.blocks)).toContain('no owner');
    expect(JSON.stringify(reply.replies[0]?.body.blocks)).not.toContain('owner no owner');
  });
});
