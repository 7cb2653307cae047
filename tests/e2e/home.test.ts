import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent } from '../../devkit/slack-stand-in/payloads.ts';
import { evaluateCycle } from '../../src/services/portfolio-status.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';
import { planRows } from '../support/plan-rows.ts';
import { seedQuarter } from '../support/seed.ts';

// Fixture (today is 2026-02-11, in the current cycle 2026 Q1):
//   O-1 "Win <big>" with KR-1 (MEMBER, 40 of 100 customers, checked in on 9 February) and KR-2 (OTHER);
//   O-2 with KR-3 (MEMBER, yes/no); KR-4 (MEMBER) is archived. KPI-1 Churn (MEMBER, red).
//   R-1 (MEMBER, open) and R-2 (MEMBER, closed). KENJI owns 150 key results in 150 objectives.
const KENJI = 'U0KENJI';
const DAVE = 'U0DAVE';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [ADMIN, MEMBER, OTHER, KENJI]);
  const { workspaceId } = quarter;
  const member = quarter.members[MEMBER]!;
  const other = quarter.members[OTHER]!;
  const kenji = quarter.members[KENJI]!;
  const rows = planRows(h, quarter);
  const o1 = await rows.objective(1, 'Win <big>');
  const o2 = await rows.objective(2, 'Ship the portal');
  const kr1 = await rows.keyResult(1, o1.id, 'Sign customers', {
    unit: 'customers',
    targetValue: 100,
    ownerId: member,
  });
  await h.db.checkIn.create({
    data: {
      keyResultId: kr1.id,
      authorId: member,
      period: '2026-W07',
      date: new Date('2026-02-09'),
      createdAt: new Date('2026-02-09T12:00:00Z'),
      value: 40,
      confidence: 7,
    },
  });
  const kr = (
    number: number,
    objectiveId: number,
    title: string,
    ownerId: number,
    extra: Parameters<typeof rows.keyResult>[3] = {},
  ) => rows.keyResult(number, objectiveId, title, { ownerId, ...extra });
  await kr(2, o1.id, 'Hire two', other);
  await kr(3, o2.id, 'Launch portal', member, { kind: 'boolean' });
  await kr(4, o2.id, 'Old target', member, { archivedAt: new Date('2026-01-10T00:00:00Z') });
  const kpi = await rows.kpi(1, 'Churn', {
    ownerId: member,
    unit: '%',
    direction: 'lower_is_better',
    target: 2,
    green: 2.5,
    amber: 4,
  });
  await h.db.kpiReading.create({
    data: { kpiId: kpi.id, period: '2026-W06', date: new Date('2026-02-02'), value: 4.4 },
  });
  await h.db.risk.create({
    data: {
      workspaceId,
      number: 1,
      title: 'Vendor <delay>',
      ownerId: member,
      likelihood: 4,
      impact: 5,
      keyResultId: kr1.id,
    },
  });
  await h.db.risk.create({
    data: {
      workspaceId,
      number: 2,
      title: 'Closed one',
      ownerId: member,
      likelihood: 1,
      impact: 1,
      status: 'closed',
    },
  });
  for (let i = 0; i < 150; i++) {
    const o = await rows.objective(
      100 + i,
      `Kenji objective ${i} with a fairly long title to take up some room`,
    );
    await kr(100 + i, o.id, `Kenji key result ${i}`, kenji, { targetValue: 10, currentValue: 2 });
  }
});
afterAll(() => h.close());

type Block = { type: string; text?: { text?: string }; elements?: Array<{ text?: string }> };

async function openHome(userId: string): Promise<{ blocks: Block[]; text: string }> {
  const before = h.double.calls.length;
  await h.event({ event: appHomeOpenedEvent(userId) });
  const publish = h.double.calls.slice(before).find((call) => call.method === 'views.publish');
  expect(publish?.ok, publish?.error).toBe(true);
  const view = h.double.homeOf(userId);
  expect(view?.type).toBe('home');
  const blocks = (view?.blocks ?? []) as Block[];
  const text = blocks
    .map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' '))
    .join('\n');
  return { blocks, text };
}

describe('App Home', () => {
  it("shows a member's open key results by objective, their KPIs and open risks", async () => {
    const { text } = await openHome(MEMBER);
    expect(text).toContain('Your OKRs · 2026 Q1');
    expect(text).toContain('*Your key results* (2)');
    expect(text).toContain('*O-1* Win &lt;big&gt;\n• *KR-1* Sign customers · ▰▰▱▱▱ 40% · 40 / 100 customers');
    expect(text).toMatch(
      /\*KR-1\*[^\n]*\n\u2003:\w+: [a-z ]+[^\n]* · _last check-in 2026-02-09: 40 customers, confidence 7\/10_/,
    );
    expect(text).toContain('*O-2* Ship the portal\n• *KR-3* Launch portal');
    expect(text).toContain('_no check-in yet_');
    expect(text).not.toContain('KR-2');
    expect(text).not.toContain('KR-4');
    expect(text).toContain('*Your KPIs* (1)\n');
    expect(text).toContain('• *KPI-1* Churn · *4.4%* (2026-W06) · :red_circle: red · :red_circle: off track');
    expect(text).toContain('*Your open risks* (1)\n• *R-1* score 20 (4×5) Vendor &lt;delay&gt; · on *KR-1*');
    expect(text).not.toContain('R-2');
    // Members do not get the portfolio summary.
    expect(text).not.toContain('Portfolio');
  });

  it('gives admins a portfolio summary of the current cycle, from the statuses the sweep stored', async () => {
    // What the hourly sweep stores, written directly: sweeping this big plan would also send its flags.
    const workspace = await h.db.workspace.findFirstOrThrow();
    const cycle = await h.db.cycle.findFirstOrThrow({ where: { isCurrent: true } });
    const status = await evaluateCycle(h.db, workspace.id, cycle.id, h.clock.now());
    await h.db.itemStatus.createMany({
      data: [...status.objectives.values()].flatMap((node) => [
        {
          workspaceId: workspace.id,
          itemType: 'objective',
          itemId: node.id,
          status: node.status.status,
          changedAt: h.clock.now(),
        },
        ...node.keyResults.map((kr) => ({
          workspaceId: workspace.id,
          itemType: 'key_result',
          itemId: kr.id,
          status: kr.status.status,
          changedAt: h.clock.now(),
        })),
      ]),
    });
    const { text } = await openHome(ADMIN);
    expect(text).toMatch(
      /\*Portfolio · 2026 Q1\*\nObjectives: :large_green_circle: \d+ on track · :large_yellow_circle: \d+ at risk · :red_circle: \d+ off track\nKey results: /,
    );
    const counts =
      /Objectives: :large_green_circle: (\d+) on track · :large_yellow_circle: (\d+) at risk · :red_circle: (\d+) off track/.exec(
        text,
      );
    expect(counts?.slice(1).reduce((sum, n) => sum + Number(n), 0)).toBe(152);
    // Defect 10: an admin or leader who owns nothing is pointed at what they can follow.
    expect(text).toContain('*You own nothing in 2026 Q1 yet.*\nThe counts above are the whole cycle.');
    expect(text).not.toContain('Nothing of yours');
  });

  it("shows a leader the objectives they own, with their status, instead of 'Nothing of yours'", async () => {
    // Defect 10: a leader owning an objective (and no key result) was told there was nothing of theirs.
    const LEADER = 'U0LEE';
    h.double.addUser({ id: LEADER, name: 'lee', realName: 'Lee Lead', displayName: 'lee', tz: 'UTC' });
    await h.command(LEADER, 'help');
    await h.command(ADMIN, `role leader <@${LEADER}|lee>`);
    // Written like the fixture above (which bypasses the short-id counter `objective add` would use).
    const cycle = await h.db.cycle.findFirstOrThrow({ where: { isCurrent: true } });
    const lee = await h.db.member.findFirstOrThrow({ where: { slackUserId: LEADER } });
    await h.db.objective.create({
      data: {
        workspaceId: cycle.workspaceId,
        number: 300,
        title: 'Lead <the> market',
        cycleId: cycle.id,
        level: 'company',
        ownerId: lee.id,
      },
    });
    const { text } = await openHome(LEADER);
    expect(text).toContain('*Portfolio · 2026 Q1*');
    expect(text).toMatch(
      /\*Your objectives\* \(1\)\n• \*O-300\* Lead &lt;the&gt; market · 0 key results · _not evaluated yet_/,
    );
    expect(text).not.toContain('Nothing of yours');
    expect(text).not.toContain('You own nothing');
  });

  it('shows a helpful empty state to someone who owns nothing', async () => {
    const { blocks, text } = await openHome(DAVE);
    expect(text).toContain('*Nothing of yours to track yet in 2026 Q1.*');
    expect(text).toContain('`/okr tree`');
    expect(blocks.length).toBeLessThan(6);
  });

  it('stays within 100 blocks for someone who owns a lot, counting what it leaves out', async () => {
    const { blocks, text } = await openHome(KENJI);
    expect(blocks.length).toBeLessThanOrEqual(100);
    const more = /…and (\d+) more — use `\/okr tree @me` to see all of yours\./.exec(text);
    expect(more).not.toBeNull();
    const shown = new Set(text.match(/\*KR-\d+\*/g));
    expect(shown.size + Number(more?.[1])).toBe(150);
  });

  it('publishes nothing for the Messages tab', async () => {
    const before = h.double.calls.length;
    await h.event({ event: appHomeOpenedEvent(OTHER, { tab: 'messages' }) });
    expect(h.double.calls.slice(before).some((call) => call.method === 'views.publish')).toBe(false);
  });
});
