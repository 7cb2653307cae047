import { describe, expect, it } from 'vitest';
import type { HomeKeyResult, HomeModel } from '../../../src/services/home.ts';
import { homeView } from '../../../src/slack/views/home.ts';

const now = new Date('2026-02-11T10:00:00Z');
const empty: HomeModel = {
  cycleName: '2026 Q1',
  objectives: [],
  keyResultGroups: [],
  kpis: [],
  risks: [],
  portfolio: null,
};

const kr = (n: number): HomeKeyResult => ({
  ref: `KR-${n}`,
  title: `Key result ${n} ${'k'.repeat(60)}`,
  ownerSlackId: null,
  progress: 0.5,
  status: 'on_track',
  reason: undefined,
  figures: {
    kind: 'increase',
    unit: '',
    start: 0,
    target: 10,
    value: 5,
    milestonesDone: 0,
    milestonesTotal: 0,
  },
  lastCheckIn: null,
});

const texts = (view: ReturnType<typeof homeView>) =>
  view.blocks.map((b) => {
    const block = b as { text?: { text: string }; elements?: Array<{ text: string }> };
    return block.text?.text ?? block.elements?.map((e) => e.text).join(' ') ?? '';
  });

describe('homeView', () => {
  it('shows an empty state that points somewhere useful', () => {
    const view = homeView(empty, now);
    expect(view.type).toBe('home');
    expect(texts(view)).toEqual([
      'Your OKRs · 2026 Q1',
      `Updated <!date^${now.getTime() / 1000}^{date_short} {time}|2026-02-11 10:00 UTC>. \`/okr tree\` shows the whole plan, \`/okr show KR-3\` any item in full.`,
      '*Nothing of yours to track yet in 2026 Q1.*\nWhen a PMO admin makes you the owner of an objective, a key result, a KPI or a risk, it shows up here with its status.\nMeanwhile `/okr tree` shows the whole plan and `/okr help` what you can do.',
    ]);
  });

  it('adds the portfolio counts for admins and leaders', () => {
    const view = homeView(
      {
        ...empty,
        portfolio: {
          objectives: { on_track: 3, at_risk: 2, off_track: 1 },
          keyResults: { on_track: 9, at_risk: 4, off_track: 2 },
        },
      },
      now,
    );
    expect(texts(view)[2]).toBe(
      '*Portfolio · 2026 Q1*\nObjectives: :large_green_circle: 3 on track · :large_yellow_circle: 2 at risk · :red_circle: 1 off track\nKey results: :large_green_circle: 9 on track · :large_yellow_circle: 4 at risk · :red_circle: 2 off track',
    );
  });

  it('cuts at 100 blocks and counts the key results it could not show', () => {
    const groups = Array.from({ length: 200 }, (_, i) => ({
      objective: { ref: `O-${i + 1}`, title: `Objective ${i + 1}` },
      keyResults: [kr(i * 2 + 1), kr(i * 2 + 2)],
    }));
    const view = homeView({ ...empty, keyResultGroups: groups }, now);
    expect(view.blocks).toHaveLength(100);
    expect(JSON.stringify(view).length).toBeLessThan(250_000);
    const shown =
      texts(view)
        .join('\n')
        .match(/\*KR-\d+\*/g) ?? [];
    const last = texts(view).at(-1);
    expect(last).toBe(`…and ${400 - shown.length} more — use \`/okr tree @me\` to see all of yours.`);
  });

  it('stays under the view size limit when every section is long', () => {
    const groups = Array.from({ length: 90 }, (_, i) => ({
      objective: { ref: `O-${i + 1}`, title: 'o'.repeat(150) },
      keyResults: Array.from({ length: 20 }, (_, k) => kr(i * 20 + k)),
    }));
    const view = homeView({ ...empty, keyResultGroups: groups }, now);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(250_000);
    expect(texts(view).at(-1)).toMatch(/^…and \d+ more — use `\/okr tree @me`/);
  });
});
