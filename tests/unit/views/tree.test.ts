import { describe, expect, it } from 'vitest';
import type { AlignmentTree, TreeKeyResult, TreeObjective } from '../../../src/services/alignment-tree.ts';
import { EMPTY, md } from '../../../src/slack/mrkdwn.ts';
import { objectiveSections, packLines, treePages } from '../../../src/slack/views/tree.ts';

const kr = (n: number, title = `Key result ${n}`): TreeKeyResult => ({
  ref: `KR-${n}`,
  title,
  ownerSlackId: 'U0BOB',
  progress: 0.4,
  status: 'at_risk',
  reason: 'behind plan',
  figures: {
    kind: 'increase',
    unit: 'deals',
    start: 0,
    target: 10,
    value: 4,
    milestonesDone: 0,
    milestonesTotal: 0,
  },
});

const objective = (n: number, extra: Partial<TreeObjective> = {}): TreeObjective => ({
  ref: `O-${n}`,
  title: `Objective ${n}`,
  level: 'company',
  teamName: null,
  ownerSlackId: 'U0ALICE',
  depth: 0,
  progress: 0.5,
  status: 'on_track',
  reason: '50% done vs 45% expected',
  context: false,
  marks: [],
  keyResults: [kr(n * 10 + 1)],
  ...extra,
});

const textOf = (blocks: unknown[] | undefined) =>
  (blocks ?? [])
    .map((b) => {
      const block = b as { text?: { text: string }; elements?: Array<{ text: string }> };
      return block.text?.text ?? block.elements?.map((e) => e.text).join(' ') ?? '';
    })
    .join('\n');

/** The sections as the text Slack receives. */
const texts = (o: TreeObjective) => objectiveSections(o).map(String);

describe('objectiveSections', () => {
  it('writes an objective, its status with the first reason, its marks and its key results', () => {
    expect(
      texts(
        objective(3, {
          depth: 1,
          title: 'Grow <fast> & far',
          level: 'team',
          teamName: 'Growth',
          marks: ['not aligned to a company objective'],
        }),
      ),
    ).toEqual([
      [
        '\u2003↳ *O-3* Grow &lt;fast&gt; &amp; far · <@U0ALICE> · _Growth_',
        '\u2003\u2003▰▰▰▱▱ 50% · :large_green_circle: on track — 50% done vs 45% expected',
        '\u2003\u2003:warning: _not aligned to a company objective_',
        '\u2003\u2003• *KR-31* Key result 31 · ▰▰▱▱▱ 40% · 4 / 10 deals · :large_yellow_circle: at risk',
      ].join('\n'),
    ]);
  });

  it('shows a context objective on one line, without key results', () => {
    expect(texts(objective(1, { context: true, status: 'at_risk' }))).toEqual([
      '*O-1* Objective 1 · :large_yellow_circle: at risk _(shown for context)_',
    ]);
  });

  it('keeps one objective with very many key results within its budget, pointing to /okr show', () => {
    const many = objective(5, {
      keyResults: Array.from({ length: 80 }, (_, i) => kr(i + 1, 'x'.repeat(100))),
    });
    const sections = texts(many);
    expect(sections.every((s) => s.length <= 3000)).toBe(true);
    expect(sections.join('\n').length).toBeLessThanOrEqual(5100);
    expect(sections.at(-1)).toMatch(/…and \d+ more key results: `\/okr show O-5`$/);
  });
});

describe('packLines', () => {
  it('joins lines into sections of at most 3000 characters', () => {
    const sections = packLines(Array.from({ length: 10 }, () => md`${'y'.repeat(900)}`));
    expect(sections.map((s) => s.length)).toEqual([2702, 2702, 2702, 900]);
  });
});

describe('treePages', () => {
  const tree = (count: number): AlignmentTree => ({
    cycleName: '2026 <Q1>',
    objectives: Array.from({ length: count }, (_, i) =>
      objective(i + 1, {
        title: `Objective ${i + 1} ${'z'.repeat(120)}`,
        keyResults: [1, 2, 3].map((k) => kr(i * 3 + k, 'w'.repeat(90))),
      }),
    ),
  });

  it('answers a small tree in one message with totals', () => {
    const pages = treePages(tree(2), { scope: EMPTY });
    expect(pages).toHaveLength(1);
    // The notification fallback is mrkdwn too, escaped like the blocks.
    expect(pages[0]?.text.text).toBe('Alignment tree for 2026 &lt;Q1&gt;: 2 objectives, 6 key results');
    expect(textOf(pages[0]?.blocks)).toContain(
      '*Alignment tree · 2026 &lt;Q1&gt;*\n2 objectives · 6 key results · :large_green_circle: 2 on track · :large_yellow_circle: 0 at risk · :red_circle: 0 off track',
    );
  });

  it('keeps every page of 200 objectives within 50 blocks and 11,000 characters, and counts the rest', () => {
    const pages = treePages(tree(200), { scope: EMPTY });
    expect(pages).toHaveLength(5);
    for (const page of pages) {
      expect(page.blocks?.length).toBeLessThanOrEqual(50);
      expect(textOf(page.blocks).length).toBeLessThanOrEqual(11_000);
    }
    const shown = new Set(pages.flatMap((p) => textOf(p.blocks).match(/\*O-\d+\*/g) ?? []));
    const more = /…and (\d+) more objectives/.exec(textOf(pages[4]?.blocks));
    expect(shown.size + Number(more?.[1])).toBe(200);
    expect(textOf(pages[0]?.blocks)).not.toContain('more objectives');
  });

  it('says nothing is left out when everything fits in five pages', () => {
    const pages = treePages(tree(30), { scope: md` · team *Growth*` });
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(5);
    expect(pages.map((p) => textOf(p.blocks)).join('\n')).not.toContain('more objectives');
    expect(textOf(pages[0]?.blocks)).toContain('team *Growth* (page 1 of');
  });
});
