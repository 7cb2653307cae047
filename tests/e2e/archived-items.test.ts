// Defect 5: what an archived objective means for the key results under it, said where people act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswers, without } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31 --current');
  await h.command(ADMIN, 'cycle add "2026 Q2" 2026-04-01 2026-06-30');
  await h.command(ADMIN, 'objective add "Old bet"');
  await h.command(ADMIN, 'kr add O-1 "Sign partners" --from 0 --to 10 --owner <@U0BOB|bob>');
  await h.command(ADMIN, 'objective archive O-1');
  await h.command(ADMIN, 'objective add "Next quarter" --cycle "2026 Q2"');
  await h.command(ADMIN, 'kr add O-2 "Later" --from 0 --to 10 --owner <@U0BOB|bob>');
});
afterAll(() => h.close());

describe('a key result under an archived objective', () => {
  it('refuses a check-in naming the archived objective and how to restore it', async () => {
    await expectAnswers(h, MEMBER, [
      ['update KR-1 5', ['KR-1 is under O-1, which is archived', '/okr objective restore O-1']],
    ]);
    expect(await h.db.checkIn.count()).toBe(0);
  });

  it('answers kr restore with the objective to restore, not "not archived"', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'kr restore KR-1',
        ['restore the objective first with `/okr objective restore O-1`', without('not archived')],
      ],
    ]);
  });

  it('takes no new risk on it or on the archived objective', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'risk add "Delay" --likelihood 2 --impact 2 --on KR-1',
        'KR-1 is under O-1, which is archived, so it takes no new risks.',
      ],
      ['risk add "Delay" --likelihood 2 --impact 2 --on O-1', 'O-1 is archived, so it takes no new risks.'],
    ]);
    expect(await h.db.risk.count()).toBe(0);
  });
});

describe('a key result of a cycle that has not started', () => {
  it('refuses check-ins until its cycle starts', async () => {
    await expectAnswers(h, MEMBER, [['update KR-2 3', 'which starts on 2026-04-01']]);
    expect(await h.db.checkIn.count()).toBe(0);
  });
});
