import { describe, expect, it } from 'vitest';
import {
  composeDigest,
  cycleWeekCount,
  cycleWeekEnds,
  cycleWeekOf,
  type DigestInput,
  type DigestKeyResultInput,
  type DigestObjectiveInput,
  type DigestSnapshot,
  parseSnapshot,
} from '../../../src/domain/digest/index.ts';

const cycle = {
  id: 1,
  name: '2026 Q1',
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2026-04-01T00:00:00Z'),
};

const objective = (n: number, over: Partial<DigestObjectiveInput> = {}): DigestObjectiveInput => ({
  id: n,
  ref: `O-${n}`,
  title: `Objective ${n}`,
  teamName: 'Growth',
  ownerName: 'Sam',
  status: 'on_track',
  reasons: [],
  progress: 0.5,
  ...over,
});

const keyResult = (n: number, over: Partial<DigestKeyResultInput> = {}): DigestKeyResultInput => ({
  id: n,
  ref: `KR-${n}`,
  title: `Key result ${n}`,
  objectiveId: 1,
  ownerName: 'Dana',
  status: 'on_track',
  reasons: [],
  progress: 0.4,
  checkedInThisPeriod: true,
  latestComment: null,
  ...over,
});

/** The stored snapshot of last week's digest (2026-W06, this cycle, 35% against 40% expected). */
const snapshot = (over: Partial<DigestSnapshot> = {}): DigestSnapshot => ({
  version: 1,
  period: '2026-W06',
  cycleId: 1,
  progress: 0.35,
  expected: 0.4,
  items: {},
  history: [],
  ...over,
});

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    at: new Date('2026-02-13T15:00:00Z'),
    period: '2026-W07',
    cycle,
    scope: { kind: 'everything' },
    objectives: [objective(1)],
    keyResults: [keyResult(1), keyResult(2)],
    risks: [],
    kpis: [],
    progressByWeek: [0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4],
    expectedByWeek: Array.from({ length: 13 }, (_, i) => (i + 1) / 13),
    expected: 0.48,
    previous: null,
    ...over,
  };
}

describe('cycle weeks', () => {
  it('counts a partial last week and clamps to the cycle', () => {
    expect(cycleWeekCount(cycle)).toBe(13);
    expect(cycleWeekOf(cycle, new Date('2026-01-01T00:00:00Z'))).toBe(1);
    expect(cycleWeekOf(cycle, new Date('2026-02-13T15:00:00Z'))).toBe(7);
    expect(cycleWeekOf(cycle, new Date('2025-12-01T00:00:00Z'))).toBe(1);
    expect(cycleWeekOf(cycle, new Date('2026-06-01T00:00:00Z'))).toBe(13);
    const ends = cycleWeekEnds(cycle);
    expect(ends).toHaveLength(13);
    expect(ends[0]).toEqual(new Date('2026-01-08T00:00:00Z'));
    expect(ends.at(-1)).toEqual(cycle.end);
  });
});

describe('the digest header and health', () => {
  it('names the cycle, the week and the scope', () => {
    const digest = composeDigest(input({ scope: { kind: 'team', teamId: 3, teamName: 'Growth' } }));
    expect(digest.header).toEqual({
      cycleName: '2026 Q1',
      week: 7,
      weeks: 13,
      scopeLabel: 'team Growth',
      period: '2026-W07',
    });
  });

  it('counts statuses, keeps the unrated apart and compares progress with the plan', () => {
    const digest = composeDigest(
      input({
        objectives: [objective(1), objective(2, { status: 'off_track' }), objective(3, { status: null })],
        keyResults: [keyResult(1, { status: 'at_risk' }), keyResult(2), keyResult(3, { status: null })],
      }),
    );
    expect(digest.health.objectives).toEqual({ on_track: 1, at_risk: 0, off_track: 1 });
    expect(digest.health.keyResults).toEqual({ on_track: 1, at_risk: 1, off_track: 0 });
    expect(digest.health.unrated).toBe(2);
    expect(digest.health.progress).toBe(0.4);
    expect(digest.health.expected).toBe(0.48);
  });

  it('lists who has not checked in by name, most missing first', () => {
    const digest = composeDigest(
      input({
        keyResults: [
          keyResult(1, { checkedInThisPeriod: false, ownerName: 'Lee' }),
          keyResult(2, { checkedInThisPeriod: false, ownerName: 'Dana' }),
          keyResult(3, { checkedInThisPeriod: false, ownerName: 'Dana' }),
          keyResult(4, { checkedInThisPeriod: false, ownerName: null }),
          keyResult(5),
        ],
      }),
    );
    expect(digest.health.checkIns).toEqual({
      done: 1,
      due: 5,
      missing: [
        { name: 'Dana', count: 2 },
        { name: 'Lee', count: 1 },
        { name: 'no owner', count: 1 },
      ],
    });
  });
});

describe('what changed', () => {
  it('on the first digest lists everything that needs attention, worst first, objectives first', () => {
    const digest = composeDigest(
      input({
        objectives: [objective(1, { status: 'at_risk', reasons: ['KR-2 is off track'] })],
        keyResults: [
          keyResult(1, { status: 'at_risk' }),
          keyResult(2, {
            status: 'off_track',
            reasons: ['30 points behind', 'confidence 2/10', 'third'],
            latestComment: 'Vendor late',
          }),
        ],
      }),
    );
    expect(digest.changes.since).toBeNull();
    expect(digest.changes.worsened.map((c) => c.ref)).toEqual(['KR-2', 'O-1', 'KR-1']);
    expect(digest.changes.worsened[0]).toEqual({
      ref: 'KR-2',
      title: 'Key result 2',
      status: 'off_track',
      previous: null,
      reasons: ['30 points behind', 'confidence 2/10'],
      ownerName: 'Dana',
      latestComment: 'Vendor late',
    });
    expect(digest.changes.recovered).toEqual([]);
    expect(digest.changes.moversUp).toEqual([]);
  });

  it('names only what worsened, what recovered and the biggest movers since the previous digest', () => {
    const first = composeDigest(
      input({
        period: '2026-W06',
        at: new Date('2026-02-06T15:00:00Z'),
        keyResults: [
          keyResult(1, { status: 'at_risk', progress: 0.2 }),
          keyResult(2, { status: 'on_track', progress: 0.5 }),
          keyResult(3, { status: 'at_risk', progress: 0.3 }),
          keyResult(4, { progress: 0.6 }),
        ],
      }),
    );
    const second = composeDigest(
      input({
        previous: parseSnapshot(JSON.stringify(first.snapshot)),
        keyResults: [
          keyResult(1, { status: 'on_track', progress: 0.45 }),
          keyResult(2, { status: 'off_track', progress: 0.3 }),
          keyResult(3, { status: 'at_risk', progress: 0.32 }),
          keyResult(4, { progress: 0.62 }),
          keyResult(5, { status: 'at_risk', progress: 0.1 }),
        ],
      }),
    );
    expect(second.changes.since).toBe('2026-W06');
    expect(second.changes.worsened.map((c) => [c.ref, c.previous, c.status])).toEqual([
      ['KR-2', 'on_track', 'off_track'],
      ['KR-5', null, 'at_risk'],
    ]);
    expect(second.changes.recovered.map((c) => [c.ref, c.previous, c.status])).toEqual([
      ['KR-1', 'at_risk', 'on_track'],
    ]);
    expect(second.changes.moversUp).toEqual([{ ref: 'KR-1', title: 'Key result 1', from: 0.2, to: 0.45 }]);
    expect(second.changes.moversDown).toEqual([{ ref: 'KR-2', title: 'Key result 2', from: 0.5, to: 0.3 }]);
  });

  it('reads changes against the stored snapshot even after the plan changed in between', () => {
    const previous = snapshot({ progress: 0.3, items: { 'KR-1': [2, 100], 'KR-99': [2, 0] } });
    const digest = composeDigest(input({ previous, keyResults: [keyResult(1, { status: 'at_risk' })] }));
    expect(digest.changes.recovered.map((c) => [c.ref, c.previous])).toEqual([['KR-1', 'off_track']]);
    expect(digest.changes.worsened).toEqual([]);
  });

  it('treats a snapshot from another cycle as no previous digest', () => {
    const previous = snapshot({ period: '2025-W50', cycleId: 9, progress: 0, expected: 0 });
    const digest = composeDigest(input({ previous, keyResults: [keyResult(1, { status: 'at_risk' })] }));
    expect(digest.changes.since).toBeNull();
    expect(digest.changes.worsened.map((c) => c.ref)).toEqual(['KR-1']);
  });
});

describe('risks, KPIs and objectives', () => {
  it('keeps the five highest-scored risks and counts all open ones', () => {
    const risks = [3, 20, 12, 25, 6, 9, 16].map((score, i) => ({
      ref: `R-${i + 1}`,
      title: `Risk ${i + 1}`,
      description: '',
      score,
      ownerName: null,
      on: null,
    }));
    const digest = composeDigest(input({ risks }));
    expect(digest.risks.top.map((r) => r.score)).toEqual([25, 20, 16, 12, 9]);
    expect(digest.risks.open).toBe(7);
  });

  it('lists KPIs outside their thresholds, red first', () => {
    const kpi = (
      n: number,
      band: 'green' | 'amber' | 'red' | null,
      status: 'on_track' | 'at_risk' | 'off_track' | null,
    ) => ({
      ref: `KPI-${n}`,
      title: `KPI ${n}`,
      unit: '%',
      value: n,
      band,
      status,
      reasons: [],
      ownerName: null,
    });
    const digest = composeDigest(
      input({
        kpis: [
          kpi(1, 'green', 'on_track'),
          kpi(2, 'amber', 'at_risk'),
          kpi(3, 'red', 'off_track'),
          kpi(4, 'green', 'at_risk'),
        ],
      }),
    );
    expect(digest.kpis.map((k) => k.ref)).toEqual(['KPI-3', 'KPI-2', 'KPI-4']);
  });

  it('keeps one line per objective, none dropped', () => {
    const objectives = Array.from({ length: 200 }, (_, i) => objective(i + 1));
    expect(composeDigest(input({ objectives })).objectives).toHaveLength(200);
  });
});

describe('the snapshot and the chart', () => {
  it('remembers each rated item and the weekly counts, and survives a JSON round trip', () => {
    const digest = composeDigest(
      input({ keyResults: [keyResult(1, { progress: 0.4567 }), keyResult(2, { status: null })] }),
    );
    expect(digest.snapshot.items).toEqual({ 'O-1': [0, 500], 'KR-1': [0, 457] });
    expect(digest.snapshot.history).toHaveLength(7);
    expect(digest.snapshot.history[0]).toEqual({ week: 1, counts: null, progress: 0.05 });
    expect(digest.snapshot.history[6]).toEqual({
      week: 7,
      counts: { on_track: 1, at_risk: 0, off_track: 0 },
      progress: 0.4,
    });
    expect(parseSnapshot(JSON.stringify(digest.snapshot))).toEqual(digest.snapshot);
  });

  it('refuses a snapshot that is not one', () => {
    expect(parseSnapshot('{"version":2}')).toBeNull();
    expect(parseSnapshot('not json')).toBeNull();
    expect(parseSnapshot(null)).toBeNull();
  });

  it('draws actual progress for the weeks so far and counts from the digests of earlier weeks', () => {
    const previous = snapshot({
      history: [{ week: 6, counts: { on_track: 1, at_risk: 1, off_track: 0 }, progress: 0.35 }],
    });
    const digest = composeDigest(input({ previous }));
    expect(digest.chart.weeks).toHaveLength(13);
    expect(digest.chart.weeks[6]).toEqual({
      label: 'W7',
      actual: 0.4,
      // The current week shows the plan's expectation now, as the header does.
      expected: 0.48,
      counts: { on_track: 2, at_risk: 0, off_track: 0 },
    });
    expect(digest.chart.weeks[5]?.counts).toEqual({ on_track: 1, at_risk: 1, off_track: 0 });
    expect(digest.chart.weeks[7]?.actual).toBeNull();
    expect(digest.snapshot.history.map((h) => h.week)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(digest.snapshot.history[5]?.counts).toEqual({ on_track: 1, at_risk: 1, off_track: 0 });
  });
});
