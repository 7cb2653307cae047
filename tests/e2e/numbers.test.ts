// Defect 4: one parser and one formatter for an amount with its unit, from the command to every reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswers, without } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31 --current');
  await h.command(ADMIN, 'objective add "Grow"');
  await h.command(ADMIN, 'kr add O-1 "Grow ARR" --from $0 --to $100 --owner <@U0BOB|bob>');
});
afterAll(() => h.close());

const keyResults = () => h.db.keyResult.count();

describe('amounts typed in commands', () => {
  it('refuses values beyond ±10^15 where they are typed, instead of showing NaN', async () => {
    const before = await keyResults();
    await expectAnswers(h, ADMIN, [['kr add O-1 "Huge" --from 0 --to 1e300', ['10^15', without('NaN')]]]);
    expect(await keyResults()).toBe(before);
    await expectAnswers(h, MEMBER, [['update KR-1 1e308', ['10^15', without('NaN')]]]);
    expect(await h.db.checkIn.count()).toBe(0);
    expect(await h.db.auditEntry.count({ where: { action: 'check_in' } })).toBe(0);
  });

  for (const { rule, typed, says } of [
    {
      rule: 'asks whether 1.250 means one and a quarter or twelve hundred and fifty',
      typed: 'update KR-1 1.250',
      says: '"1.250" is ambiguous: 1.25 with a decimal point, or 1250 grouped with a dot?',
    },
    {
      rule: 'asks back when a percent is typed on a dollar key result, rather than reading $15',
      typed: 'update KR-1 15%',
      says: '"15%" is in %, but this is measured in $. Did you mean $15?',
    },
  ])
    it(rule, async () => {
      await expectAnswers(h, MEMBER, [[typed, says]]);
      expect(await h.db.checkIn.count()).toBe(0);
    });

  it('writes a negative amount with the sign before the currency', async () => {
    await expectAnswers(h, MEMBER, [['update KR-1 -5', ['→ -$5', without('$-5')]]]);
  });

  it('writes word units after a space in KPI reasons', async () => {
    await h.command(
      ADMIN,
      'kpi add "Time to first reply" --target 2 --green 3 --amber 4 --direction lower --unit hours --owner <@U0BOB|bob>',
    );
    await expectAnswers(h, MEMBER, [['update KPI-1 5', ['at 5 hours', '≤ 3 hours', without(/\dhours/)]]]);
  });
});
