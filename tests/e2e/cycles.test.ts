import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, expectAnswers, expectFormErrors, expectSays, fields } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('/okr cycle', () => {
  it('adds a cycle from command text and makes the first one current', async () => {
    await expectAnswers(h, ADMIN, [
      ['cycle add "2026 Q1" 2026-01-01 2026-03-31', ['Created cycle *2026 Q1*', 'now the current cycle']],
    ]);
    const cycle = await h.db.cycle.findFirstOrThrow({ where: { name: '2026 Q1' } });
    expect(cycle.isCurrent).toBe(true);
    expect(
      await h.db.auditEntry.count({ where: { entityType: 'cycle', entityId: cycle.id, action: 'create' } }),
    ).toBe(1);
  });

  it('refuses a cycle that ends before it starts, changing nothing', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'cycle add "Backwards" 2026-06-30 2026-04-01',
        ['Nothing was changed', 'The end date is before the start date.'],
      ],
    ]);
    expect(await h.db.cycle.count({ where: { name: 'Backwards' } })).toBe(0);
  });

  it('opens a form without arguments, shows errors inline, and creates the cycle when valid', async () => {
    const opened = await h.command(ADMIN, 'cycle add');
    expect(opened.modal).toBeDefined();
    await expectFormErrors(
      h,
      ADMIN,
      opened.modal!,
      fields({ name: '2026 Q2', start: '2026-06-30', end: '2026-04-01' }),
      { end: 'The end date is before the start date.' },
    );
    expect(await h.db.cycle.count({ where: { name: '2026 Q2' } })).toBe(0);

    const valid = await h.submit(
      ADMIN,
      opened.modal!,
      fields({ name: '2026 Q2', start: '2026-04-01', end: '2026-06-30', current: ['yes'] }),
    );
    expect(valid.status).toBe(200);
    const cycle = await h.db.cycle.findFirstOrThrow({ where: { name: '2026 Q2' } });
    expect(cycle.isCurrent).toBe(true);
    expect(await h.db.cycle.count({ where: { isCurrent: true } })).toBe(1);
    const dm = h.double.messagesIn(ADMIN).at(-1);
    expect(dm?.text).toContain('Created cycle *2026 Q2*');
  });

  it('lists cycles for anyone and lets an admin switch the current one', async () => {
    await expectAnswers(h, ADMIN, [['cycle current "2026 Q1"', '*2026 Q1* is now the current cycle']]);
    const list = await h.command(MEMBER, 'cycle list');
    expectSays(
      blocksText(list),
      [/2026 Q1\* 2026-01-01 to 2026-03-31 _\(current\)_/, '2026 Q2'],
      'the cycle list',
    );
  });

  it('refuses a member, explaining who may do it, and changes nothing', async () => {
    const before = await h.db.cycle.count();
    await expectAnswers(h, MEMBER, [
      ['cycle add "2027 Q1" 2027-01-01 2027-03-31', 'Only PMO admins can use `/okr cycle add`'],
    ]);
    expect(await h.db.cycle.count()).toBe(before);
  });
});
