// Defects 6, 7 and 11: names that differ only in case, unknown --options, typos and word order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswers, without } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q4" 2026-10-01 2026-12-31 --current');
});
afterAll(() => h.close());

describe('options a command does not have', () => {
  it('refuses --ownr, names --owner, and creates nothing', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective add "X" --level company --owner <@U0BOB|bob> --ownr <@U0PRIYA|priya>',
        ['has no option --ownr: did you mean --owner?', 'Nothing was changed'],
      ],
    ]);
    expect(await h.db.objective.count()).toBe(0);
  });
});

describe('typos and word order', () => {
  it.each([
    ['obj add "X"', '/okr objective add'],
    ['kpis', '/okr kpi list'],
    ['add objective "X"', '/okr objective add'],
  ])('answers %j with %j', async (typed, meant) => {
    await expectAnswers(h, MEMBER, [[typed, `Did you mean \`${meant}\`?`]]);
  });

  it('gives the usage of one command for help with its name', async () => {
    await expectAnswers(h, MEMBER, [['help tree', ['`/okr tree`', 'For example:', without('/okr kr add')]]]);
  });

  it('shows the order of a cycle add given its dates first', async () => {
    await expectAnswers(h, ADMIN, [
      ['cycle add 2027-01-01 2027-03-31 "Q1 2027"', 'The name comes first, then the start and end dates'],
    ]);
    expect(await h.db.cycle.count()).toBe(1);
  });
});

describe('objective titles', () => {
  it('notes a second objective with the same title in the cycle', async () => {
    await h.command(ADMIN, 'objective add "Grow revenue"');
    await expectAnswers(h, ADMIN, [
      [
        'objective add "grow revenue"',
        ['Created', /O-\d+ in this cycle has the same title; rename one if they differ\./],
      ],
    ]);
  });
});

describe('cycle names', () => {
  it('refuses a cycle whose name differs only in case, and finds cycles by any case', async () => {
    await expectAnswers(h, ADMIN, [
      ['cycle add "2026 q4" 2027-01-01 2027-03-31', 'A cycle called "2026 Q4" already exists.'],
    ]);
    expect(await h.db.cycle.count()).toBe(1);
    await expectAnswers(h, ADMIN, [['cycle current "2026 q4"', '*2026 Q4* is now the current cycle.']]);
  });
});
