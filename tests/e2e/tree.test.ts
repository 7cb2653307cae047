import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseUrlPost } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';
import { planRows } from '../support/plan-rows.ts';
import { seedQuarter } from '../support/seed.ts';

// Fixture (today is 2026-02-11, in the current cycle 2026 Q1):
//   O-1 company "Win <the> mid-market & more" (ADMIN) with KR-1 (MEMBER, 40 of 100 customers) and KR-2 (OTHER, yes/no)
//     O-2 team Growth, aligned under O-1 (MEMBER) with KR-3 (MEMBER, 12% of 20%)
//   O-3 team Sales, aligned to nothing and without key results
//   O-4 company without key results
//   O-5 in 2025 Q4 (not current); O-6 archived in 2026 Q1
// The "Big" cycle holds 200 objectives with 3 key results each, for the pagination test.
let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [MEMBER, OTHER, ADMIN]);
  ({ workspaceId } = quarter);
  const rows = planRows(h, quarter);
  const member = { id: quarter.members[MEMBER]! };
  const other = { id: quarter.members[OTHER]! };
  const admin = { id: quarter.members[ADMIN]! };
  const growth = await h.db.team.create({ data: { workspaceId, name: 'Growth' } });
  const sales = await h.db.team.create({ data: { workspaceId, name: 'Sales' } });
  const q4 = await h.db.cycle.create({
    data: {
      workspaceId,
      name: '2025 Q4',
      startDate: new Date('2025-10-01'),
      endDate: new Date('2025-12-31'),
    },
  });
  const o1 = await rows.objective(1, 'Win <the> mid-market & more', { ownerId: admin.id });
  const o2 = await rows.objective(2, 'Grow self-serve', {
    level: 'team',
    teamId: growth.id,
    ownerId: member.id,
    parentId: o1.id,
  });
  await rows.objective(3, 'Sell to banks', { level: 'team', teamId: sales.id });
  await rows.objective(4, 'Be a great place to work');
  const o5 = await rows.objective(5, 'Close 2025 strong', { cycleId: q4.id });
  await rows.objective(6, 'Old idea', { archivedAt: new Date('2026-01-20T00:00:00Z') });
  await rows.keyResult(1, o1.id, 'Sign mid-market customers', {
    ownerId: member.id,
    unit: 'customers',
    startValue: 0,
    targetValue: 100,
    currentValue: 40,
  });
  await rows.keyResult(2, o1.id, 'Launch the partner portal', { ownerId: other.id, kind: 'boolean' });
  await rows.keyResult(3, o2.id, 'Raise trial conversion', {
    ownerId: member.id,
    unit: '%',
    startValue: 8,
    targetValue: 20,
    currentValue: 12,
  });
  await rows.keyResult(4, o5.id, 'Renew the top ten', { startValue: 0, targetValue: 10, currentValue: 10 });
  await bigCycle(admin.id);
});
afterAll(() => h.close());

/** 20 company objectives, each with 9 aligned team objectives: 200 objectives, 600 key results. */
async function bigCycle(ownerId: number): Promise<void> {
  const big = await h.db.cycle.create({
    data: { workspaceId, name: 'Big', startDate: new Date('2026-01-01'), endDate: new Date('2026-03-31') },
  });
  let number = 100;
  const long = 'with a title long enough & <escaped> to fill the page quickly, as real plans tend to do';
  for (let c = 0; c < 20; c++) {
    const parent = await h.db.objective.create({
      data: {
        workspaceId,
        number: number++,
        title: `Company bet ${c} ${long}`,
        cycleId: big.id,
        level: 'company',
        ownerId,
      },
    });
    await h.db.objective.createMany({
      data: Array.from({ length: 9 }, (_, t) => ({
        workspaceId,
        number: number++,
        title: `Team bet ${c}.${t} ${long}`,
        cycleId: big.id,
        level: 'team',
        ownerId,
        parentId: parent.id,
      })),
    });
  }
  const objectives = await h.db.objective.findMany({
    where: { cycleId: big.id },
    orderBy: { number: 'asc' },
  });
  let krNumber = 1000;
  await h.db.keyResult.createMany({
    data: objectives.flatMap((o) =>
      [1, 2, 3].map((k) => ({
        workspaceId,
        number: krNumber++,
        objectiveId: o.id,
        title: `Key result ${k} of ${o.number}: move the number that matters & <more>`,
        kind: 'increase',
        unit: 'deals',
        startValue: 0,
        targetValue: 50,
        currentValue: 10 * k,
        ownerId,
      })),
    ),
  });
}

const blockTexts = (post: ResponseUrlPost | undefined): string => {
  const blocks = (post?.body.blocks ?? []) as Array<{
    text?: { text?: string };
    elements?: Array<{ text?: string }>;
  }>;
  return blocks.map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' ')).join('\n');
};

const allText = (replies: ResponseUrlPost[]) => replies.map(blockTexts).join('\n');

describe('/okr tree', () => {
  it('shows the current cycle as an alignment tree with progress, status, reasons and key results', async () => {
    const result = await h.command(MEMBER, 'tree');
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]?.accepted).toBe(true);
    const text = blockTexts(result.replies[0]);
    expect(text).toContain('*Alignment tree · 2026 Q1*');
    expect(text).toContain('4 objectives · 3 key results');
    // User text is escaped; the owner is a mention.
    expect(text).toContain(`*O-1* Win &lt;the&gt; mid-market &amp; more · <@${ADMIN}>`);
    expect(text).not.toContain('<the>');
    // Aligned objectives are indented under their parent, with the team named.
    expect(text).toMatch(/\u2003↳ \*O-2\* Grow self-serve · <@U0BOB> · _Growth_/);
    expect(text.indexOf('*O-2*')).toBeGreaterThan(text.indexOf('*O-1*'));
    expect(text).toContain('*KR-1* Sign mid-market customers · ▰▰▱▱▱ 40% · 40 / 100 customers');
    expect(text).toContain('*KR-2* Launch the partner portal');
    expect(text).toContain('not done yet');
    expect(text).toContain('*KR-3* Raise trial conversion · ▰▰▱▱▱ 33% · 12% / 20%');
    // The objective's first reason follows its badge, without repeating the status.
    expect(text).toContain(':red_circle: off track — Sign mid-market customers, Launch the partner portal');
    expect(text).toMatch(
      /:(large_green_circle|large_yellow_circle|red_circle): (on track|at risk|off track)/,
    );
    // Each objective's status comes with its first reason.
    expect(text).toMatch(
      /\*O-4\*[^\n]*\n[^\n]*not measured · :large_yellow_circle: at risk — no key results yet/,
    );
    // Quality marks.
    expect(text).toMatch(
      /\*O-3\* Sell to banks[\s\S]*:warning: _no key results yet_\n[^\n]*:warning: _not aligned to a company objective_/,
    );
    expect(text).not.toMatch(/\*O-2\*[^*]*not aligned/);
    // Other cycles and archived objectives stay out.
    expect(text).not.toContain('O-5');
    expect(text).not.toContain('O-6');
    expect(result.text).toContain('Alignment tree for 2026 Q1');
  });

  it('puts company objectives first and unaligned team objectives after them', async () => {
    const text = blockTexts((await h.command(MEMBER, 'tree')).replies[0]);
    expect(text.indexOf('*O-4*')).toBeLessThan(text.indexOf('*O-3*'));
  });

  it('narrows to a team, keeping its ancestors for context', async () => {
    const result = await h.command(MEMBER, 'tree growth');
    const text = blockTexts(result.replies[0]);
    expect(text).toContain('team *Growth*');
    expect(text).toContain('*O-2* Grow self-serve');
    expect(text).toContain('*KR-3*');
    expect(text).toMatch(/\*O-1\* Win &lt;the&gt; mid-market &amp; more · [^\n]*_\(shown for context\)_/);
    expect(text).not.toContain('*KR-1*');
    expect(text).not.toContain('*O-3*');
    expect(text).not.toContain('*O-4*');
    expect(text).toContain('1 objective · 1 key result');
  });

  it('narrows to a person: objectives they own and their own key results elsewhere', async () => {
    const result = await h.command(OTHER, `tree <@${MEMBER}|bob>`);
    const text = blockTexts(result.replies[0]);
    expect(text).toContain(`owned by <@${MEMBER}>`);
    expect(text).toContain('*KR-1*');
    expect(text).not.toContain('*KR-2*');
    expect(text).toContain('*O-2*');
    expect(text).toContain('*KR-3*');
    expect(text).not.toContain('*O-3*');
  });

  it('takes @me for yourself', async () => {
    const text = blockTexts((await h.command(OTHER, 'tree @me')).replies[0]);
    expect(text).toContain(`owned by <@${OTHER}>`);
    expect(text).toContain('*KR-2*');
    expect(text).not.toContain('*KR-1*');
  });

  it('shows another cycle by name', async () => {
    const text = blockTexts((await h.command(MEMBER, 'tree "2025 Q4"')).replies[0]);
    expect(text).toContain('*Alignment tree · 2025 Q4*');
    expect(text).toContain('*O-5* Close 2025 strong');
    expect(text).toContain('*KR-4*');
    expect(text).not.toContain('*O-1*');
  });

  it('explains what it accepts when the argument is nothing it knows', async () => {
    const result = await h.command(MEMBER, 'tree Marketing');
    expect(result.text).toContain('There is no cycle, team or person called "Marketing".');
    expect(result.text).toMatch(/a cycle name \((?=[^)]*Big)(?=[^)]*2026 Q1)(?=[^)]*2025 Q4)[^)]*\)/);
    expect(result.text).toContain('a team name (Growth, Sales)');
    expect(result.text).toContain('a person (@dana, or @me)');
  });

  it('says so when a person owns nothing in the cycle', async () => {
    const result = await h.command(MEMBER, 'tree <@U0KENJI|kenji>');
    expect(result.text).toBe(
      'No objectives in *2026 Q1* · owned by <@U0KENJI> yet. `/okr tree` shows them all.',
    );
  });
});

describe('/okr tree with 200 objectives', () => {
  it('spreads the tree over 5 pages within Block Kit limits and counts what is left out', async () => {
    const result = await h.command(OTHER, 'tree Big');
    expect(result.replies).toHaveLength(5);
    for (const reply of result.replies) {
      expect(reply.accepted, reply.error).toBe(true);
      const blocks = reply.body.blocks as unknown[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(blockTexts(reply).length).toBeLessThanOrEqual(11_000);
      expect(String(reply.body.text)).not.toBe('');
    }
    const first = blockTexts(result.replies[0]);
    expect(first).toContain('200 objectives · 600 key results');
    expect(first).toContain('(page 1 of 5)');
    expect(blockTexts(result.replies[1])).toContain('continued (page 2 of 5)');
    const text = allText(result.replies);
    const shown = new Set(text.match(/\*O-\d+\*/g));
    const more = /…and (\d+) more objectives: narrow with `\/okr tree <team>` or `\/okr export`\./.exec(
      blockTexts(result.replies[4]),
    );
    expect(more).not.toBeNull();
    expect(shown.size + Number(more?.[1])).toBe(200);
    expect(shown.size).toBeGreaterThan(50);
    // Objectives are never split across pages: each shown objective comes with its 3 key results.
    expect(text.match(/\*KR-\d+\*/g)).toHaveLength(shown.size * 3);
  });

  it('fits a team of the big cycle in fewer pages without the "more" line', async () => {
    const big = await h.db.cycle.findFirstOrThrow({ where: { name: 'Big' } });
    await h.db.cycle.updateMany({ where: { workspaceId }, data: { isCurrent: false } });
    await h.db.cycle.update({ where: { id: big.id }, data: { isCurrent: true } });
    const team = await h.db.team.create({ data: { workspaceId, name: 'Narrow' } });
    await h.db.objective.updateMany({
      where: { number: { in: [101, 102, 103] } },
      data: { teamId: team.id },
    });
    const result = await h.command(OTHER, 'tree Narrow');
    expect(result.replies).toHaveLength(1);
    const text = blockTexts(result.replies[0]);
    expect(text).toContain('3 objectives · 9 key results');
    expect(text).toContain('_(shown for context)_');
    expect(text).not.toContain('more objectives');
  });
});
