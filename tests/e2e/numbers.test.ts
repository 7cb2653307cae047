// Defect 4: one parser and one formatter for an amount with its unit, from the command to every reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const huge = await h.command(ADMIN, 'kr add O-1 "Huge" --from 0 --to 1e300');
    expect(huge.text).toContain('10^15');
    expect(huge.text).not.toContain('NaN');
    expect(await keyResults()).toBe(before);
    const update = await h.command(MEMBER, 'update KR-1 1e308');
    expect(update.text).toContain('10^15');
    expect(update.text).not.toContain('NaN');
    expect(await h.db.checkIn.count()).toBe(0);
    expect(await h.db.auditEntry.count({ where: { action: 'check_in' } })).toBe(0);
  });

  it('asks whether 1.250 means one and a quarter or twelve hundred and fifty', async () => {
    const reply = await h.command(MEMBER, 'update KR-1 1.250');
    expect(reply.text).toContain(
      '"1.250" is ambiguous: 1.25 with a decimal point, or 1250 grouped with a dot?',
    );
    expect(await h.db.checkIn.count()).toBe(0);
  });

  it('asks back when a percent is typed on a dollar key result, rather than reading $15', async () => {
    const reply = await h.command(MEMBER, 'update KR-1 15%');
    expect(reply.text).toContain('"15%" is in %, but this is measured in $. Did you mean $15?');
    expect(await h.db.checkIn.count()).toBe(0);
  });

  it('writes a negative amount with the sign before the currency', async () => {
    const reply = await h.command(MEMBER, 'update KR-1 -5');
    expect(reply.text).toContain('→ -$5');
    expect(reply.text).not.toContain('$-5');
  });

  it('writes word units after a space in KPI reasons', async () => {
    await h.command(
      ADMIN,
      'kpi add "Time to first reply" --target 2 --green 3 --amber 4 --direction lower --unit hours --owner <@U0BOB|bob>',
    );
    const reply = await h.command(MEMBER, 'update KPI-1 5');
    expect(reply.text).toContain('at 5 hours');
    expect(reply.text).toContain('≤ 3 hours');
    expect(reply.text).not.toMatch(/\dhours/);
  });
});
