// Asking for the plan's shape: adding a key result without a curve says what Okra assumes and offers
// the others (suggesting back-loaded for a launch), in the command reply, the form and an import; and
// /okr show names the curve the status is measured against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanYaml } from '../../src/plan/index.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { expectAnswers, expectSays, fields, without } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;

type Block = { block_id?: string; hint?: { text: string } };

beforeAll(async () => {
  h = await startHarness();
  ({ workspaceId } = await seedQuarter(h, [MEMBER]));
  await h.command(ADMIN, 'objective add "Win the mid-market" --level company --owner <@U0ALICE|alice>');
});
afterAll(() => h.close());

describe('adding a key result without a curve', () => {
  it('the command reply suggests back-loaded for a launch, with the command to set it', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'kr add O-1 "Launch self-serve checkout" --from 0 --to 500 --owner <@U0BOB|bob>',
        [
          'Created *KR-1*',
          'No curve was chosen, so Okra assumes steady, straight-line progress. This looks like a launch (the title mentions "Launch"): if most of it lands late, make it back-loaded with `/okr kr edit KR-1 --curve back_loaded`',
        ],
      ],
    ]);
  });

  it('offers the other curves for an ordinary metric, and says nothing when a curve was chosen', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'kr add O-1 "Grow weekly active teams" --from 100 --to 400 --owner <@U0BOB|bob>',
        'If that is not the plan: `/okr kr edit KR-2 --curve back_loaded` (most progress late), `/okr kr edit KR-2 --curve front_loaded` (most progress early).',
      ],
      [
        'kr add O-1 "Launch the partner API" --from 0 --to 10 --curve back_loaded --owner <@U0BOB|bob>',
        without('No curve was chosen'),
      ],
    ]);
  });

  it('the form offers the choice with a hint, and its confirmation suggests back-loaded for a launch', async () => {
    const opened = await h.command(ADMIN, 'kr add O-1');
    const curve = (opened.modal!.blocks as Block[]).find((b) => b.block_id === 'curve');
    expect(curve?.hint?.text).toContain(
      'Launches, go-lives and signed contracts land late: pick back-loaded.',
    );
    const submitted = await h.submit(
      ADMIN,
      opened.modal!,
      fields({
        objective: 'O-1',
        title: 'Go live in Germany',
        kind: 'increase',
        start: '0',
        target: '300',
        owner: MEMBER,
      }),
    );
    expect(submitted.status).toBe(200);
    expectSays(
      h.double.messagesIn(ADMIN).at(-1)?.text ?? '',
      ['Created *KR-4*', 'This looks like a launch (the title mentions "Go live")'],
      'the confirmation DM',
    );
  });

  it('an import hints the same for a launch-like key result without a curve', async () => {
    const parsed = parsePlanYaml(`cycle: { name: "2026 Q1", start: 2026-01-01, end: 2026-03-31 }
objectives:
  - ref: ship
    title: Ship v2
    level: company
    owner: U0ALICE
    key_results:
      - { ref: v2, title: Release v2 to all customers, owner: U0BOB, kind: increase, start: 0, target: 100 }
      - { ref: nps, title: Raise NPS, owner: U0BOB, kind: increase, start: 20, target: 40, curve: linear }
`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = await importPlan(h.db, {
      workspaceId,
      actor: 'import',
      plan: parsed.plan,
      now: h.clock.now(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const curveHints = result.hints.filter((hint) => hint.message.includes('No curve was chosen'));
    expect(curveHints.map((hint) => hint.ref)).toEqual(['v2']);
    expect(curveHints[0]?.message).toContain('the title mentions "Release"');
    expect(curveHints[0]?.message).toContain('`curve: back_loaded`');
  });
});

describe('/okr show', () => {
  it('names the curve the key result is measured against, in the facts and in the forecast', async () => {
    await h.command(MEMBER, 'update KR-1 5 --confidence 9');
    const shown = JSON.stringify(await h.command(MEMBER, 'show KR-1'));
    expect(shown).toContain('straight-line plan');
    expect(shown).toContain('weighing the numbers along the straight-line plan');
    const backLoaded = JSON.stringify(await h.command(MEMBER, 'show KR-3'));
    expect(backLoaded).toContain('back-loaded plan');
  });
});
