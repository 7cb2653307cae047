// Flags over a real quarter: a relapse in the same week, new items and their grace period, a plan
// loaded mid-quarter, and milestones ticked off as check-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStatuses } from '../../src/jobs/status-sweep.ts';
import { parsePlanYaml } from '../../src/plan/index.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;

const PMO = 'C0OKRS';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pmoLines = () => h.double.messagesIn(PMO);
const linesAbout = (ref: string) => pmoLines().filter((m) => m.text?.includes(`*${ref}*`));
const dmsAbout = (ref: string) => h.double.messagesIn(MEMBER).filter((m) => m.text?.includes(ref));

beforeAll(async () => {
  // Wednesday of ISO week 2026-W07, six weeks into the quarter.
  h = await startHarness({ now: '2026-02-11T09:00:00Z' });
  ({ workspaceId } = await seedQuarter(h, [MEMBER]));
  await h.command(ADMIN, 'objective add "Win the mid-market" --level company --owner <@U0ALICE|alice>');
});
afterAll(() => h.close());

describe('a key result that recovers and relapses within one ISO week', () => {
  it('is flagged again the second time it goes off track', async () => {
    await h.command(ADMIN, 'kr add O-1 "Sign partners" --from 0 --to 100 --owner <@U0BOB|bob>');
    // Past its grace period: a week later, still in the quarter.
    h.clock.advance(8 * DAY);
    const week = '2026-W08';
    await h.command(MEMBER, 'update KR-1 5 --confidence 1');
    await h.okra.idle();
    h.clock.advance(HOUR);
    expect((await h.command(MEMBER, 'update KR-1 70 --confidence 9')).text).toContain('on track');
    h.clock.advance(HOUR);
    await h.command(MEMBER, 'update KR-1 5 --confidence 1');
    await h.okra.idle();
    expect(dmsAbout('KR-1')).toHaveLength(2);
    // Two flags of the same week, each under its own outbox key (one per recipient).
    const notices = await h.db.outbox.findMany({ where: { key: { startsWith: 'flag:key_result:' } } });
    expect(notices.every((n) => n.key.includes(`:${week}:`))).toBe(true);
    expect(new Set(notices.map((n) => n.key.replace(/:(owner|pmo)$/, ''))).size).toBe(2);
  });
});

describe('a key result added mid-quarter', () => {
  it('is not flagged at once; after a week without a check-in it is flagged once', async () => {
    const before = pmoLines().length;
    const added = await h.command(
      ADMIN,
      'kr add O-1 "Open the Berlin office" --from 0 --to 10 --owner <@U0BOB|bob>',
    );
    expect(added.text).toContain('KR-2');
    await sweepStatuses(h.okra.services, h.clock.now());
    await h.okra.idle();
    expect(pmoLines().length).toBe(before);
    const show = await h.command(MEMBER, 'show KR-2');
    expect(JSON.stringify(show)).not.toContain('off track');

    h.clock.advance(8 * DAY);
    await sweepStatuses(h.okra.services, h.clock.now());
    await h.okra.idle();
    await sweepStatuses(h.okra.services, h.clock.now());
    await h.okra.idle();
    expect(linesAbout('KR-2')).toHaveLength(1);
    expect(linesAbout('KR-2')[0]?.text).toContain('is at risk');
    expect(dmsAbout('KR-2')).toHaveLength(1);
    // Defect 10: it has no value, so nothing is "done": the flag says so, and where the plan expects it.
    expect(linesAbout('KR-2')[0]?.text).toMatch(/is at risk: no value yet, \d+% expected by now/);
    expect(dmsAbout('KR-2')[0]?.text).not.toContain('no value yet done');
  });
});

describe('a plan loaded mid-quarter', () => {
  it('sends the PMO one summary instead of a line per item, and no DMs in the grace period', async () => {
    const plan = parsePlanYaml(`cycle: { name: "2026 Q1", start: 2026-01-01, end: 2026-03-31 }
objectives:
  - ref: expand
    title: Expand to the Nordics
    level: company
    owner: U0ALICE
    key_results:
      - { ref: nordic-deals, title: Close 20 Nordic deals, owner: U0BOB, kind: increase, start: 0, target: 20 }
      - { ref: nordic-nps, title: Reach NPS 40 in the Nordics, owner: U0BOB, kind: increase, start: 20, target: 40 }
      - ref: nordic-hires
        title: Hire 5 people in Stockholm
        owner: U0BOB
        kind: increase
        start: 0
        target: 5
        check_ins:
          - { date: 2026-02-02, value: 0, confidence: 2 }
`);
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    const result = await importPlan(h.db, {
      workspaceId,
      actor: 'import',
      plan: plan.plan,
      now: h.clock.now(),
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const before = pmoLines().length;
    const dmsBefore = h.double.messagesIn(MEMBER).length;
    await sweepStatuses(h.okra.services, h.clock.now());
    await h.okra.idle();
    await sweepStatuses(h.okra.services, new Date(h.clock.now().getTime() + HOUR));
    const added = pmoLines().slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]?.text).toMatch(/^:inbox_tray: 4 new items are in Okra: /);
    expect(added[0]?.text).toContain('New items are not flagged one by one until');
    expect(h.double.messagesIn(MEMBER).length).toBe(dmsBefore);
  });
});

describe('ticking off a milestone', () => {
  it('counts as a check-in, so the key result does not go stale', async () => {
    await h.command(
      ADMIN,
      'kr add O-1 "Ship the partner portal" --kind milestone --milestones "Design | Build | Launch" --owner <@U0BOB|bob>',
    );
    const kr = await h.db.keyResult.findFirstOrThrow({ where: { title: 'Ship the partner portal' } });
    const ref = `KR-${kr.number}`;
    const done = await h.command(MEMBER, `kr milestone ${ref} done 1`);
    expect(done.text).toContain(
      `Milestone 1 of *${ref}* (Design) is now done. 1 of 3 milestones done. Counted as this week's check-in.`,
    );
    const checkIns = await h.db.checkIn.findMany({ where: { keyResultId: kr.id } });
    expect(checkIns.map((c) => Math.round(c.value * 100))).toEqual([33]);
    // Two weeks on, without another word, it is stale only from that check-in.
    h.clock.advance(9 * DAY);
    const show = await h.command(MEMBER, `show ${ref}`);
    expect(JSON.stringify(show)).not.toContain('no check-in yet');
  });
});

describe('what a flag says', () => {
  it("names the plan's curve and the owner's record when they decided the status", async () => {
    // Three finished quarters in which Bob rated 9/10 and ended at 60%.
    for (const [name, start, end] of [
      ['2025 Q2', '2025-04-01', '2025-06-30'],
      ['2025 Q3', '2025-07-01', '2025-09-30'],
      ['2025 Q4', '2025-10-01', '2025-12-31'],
    ] as const) {
      const plan = parsePlanYaml(`cycle: { name: "${name}", start: ${start}, end: ${end} }
objectives:
  - title: Past ${name}
    level: company
    owner: U0ALICE
    key_results:
      - title: Past result ${name}
        owner: U0BOB
        kind: increase
        start: 0
        target: 100
        curve: linear
        check_ins:
          - { date: ${start.slice(0, 8)}20, value: 30, confidence: 9 }
          - { date: ${end}, value: 60, confidence: 9 }
`);
      if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
      const imported = await importPlan(h.db, {
        workspaceId,
        actor: 'import',
        plan: plan.plan,
        now: h.clock.now(),
      });
      expect(imported.ok, JSON.stringify(imported)).toBe(true);
    }
    await h.command(
      ADMIN,
      'kr add O-1 "Grow the Nordic pipeline" --from 0 --to 100 --curve linear --owner <@U0BOB|bob>',
    );
    const kr = await h.db.keyResult.findFirstOrThrow({ where: { title: 'Grow the Nordic pipeline' } });
    const ref = `KR-${kr.number}`;
    h.clock.advance(8 * DAY);
    // Behind a straight line, rated 9/10: from Bob, whose 9s have ended at 60%, that is not on track.
    await h.command(MEMBER, `update ${ref} 25 --confidence 9`);
    await h.okra.idle();
    const line = linesAbout(ref)[0]?.text ?? '';
    expect(line).toContain('expected on a straight-line plan · confidence 9/10');
    expect(line).toMatch(/the owner's past ratings ran \d+ points high \(3 finished key results\)/);
    const dm = dmsAbout(ref).at(-1)?.text ?? '';
    expect(JSON.stringify(dmsAbout(ref))).toContain('weighing the numbers along the straight-line plan');
    expect(dm).toContain(ref);
  });
});
