import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CheckIn,
  DEFAULT_STATUS_SETTINGS,
  evaluateKeyResult,
  forecastKeyResult,
  isWorse,
  type KeyResult,
  type KeyResultKind,
  keyResultProgress,
  kpiBand,
  type Objective,
  objectiveProgress,
  portfolioProgress,
} from '../../../src/domain/status/index.ts';
import { QUARTER, WEEK } from './fixtures.ts';

const finite = (max = 1e6) => fc.double({ min: -max, max, noNaN: true, noDefaultInfinity: true });
const kinds: KeyResultKind[] = ['increase', 'decrease', 'stay_above', 'stay_below', 'boolean', 'milestone'];
const startMs = QUARTER.start.getTime();

/** A moment from two weeks before the quarter to three weeks after it, in whole minutes. */
const weeksOffset = fc.integer({ min: -2 * 7 * 24 * 60, max: 16 * 7 * 24 * 60 }).map((m) => m * 60_000);

const checkInsBefore = (limitMs: number) =>
  fc
    .array(
      fc.record({
        offset: weeksOffset,
        value: fc.oneof(finite(1000), fc.constantFrom(0, 1)),
        confidence: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      }),
      { maxLength: 12 },
    )
    .map((rows) =>
      rows.map((r): CheckIn => {
        const at = new Date(Math.min(startMs + r.offset, limitMs));
        return r.confidence === undefined
          ? { at, value: r.value }
          : { at, value: r.value, confidence: r.confidence };
      }),
    );

const keyResultAt = (nowMs: number) =>
  fc
    .record({
      kind: fc.constantFrom(...kinds),
      start: finite(1000),
      target: finite(1000),
      current: fc.option(finite(1000), { nil: null }),
      curve: fc.constantFrom('linear' as const, 'back_loaded' as const, 'front_loaded' as const),
      weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
      milestones: fc.array(
        fc.record({
          title: fc.constant('m'),
          weight: fc.double({ min: 0, max: 5, noNaN: true }),
          done: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      checkIns: checkInsBefore(nowMs),
    })
    .map((r): KeyResult => ({ id: 'kr', title: 'kr', ...r }));

const scenario = weeksOffset.chain((offset) => {
  const nowMs = startMs + offset;
  return keyResultAt(nowMs).map((kr) => ({ now: new Date(nowMs), kr }));
});

describe('progress properties', () => {
  it('an increase key result never loses progress when its value rises', () => {
    fc.assert(
      fc.property(
        finite(),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        finite(),
        finite(1e3),
        (start, span, a, b) => {
          const target = start + span;
          const low = Math.min(a, a + Math.abs(b));
          const high = Math.max(a, a + Math.abs(b));
          const p = (v: number) =>
            keyResultProgress({ id: 'x', title: 'x', kind: 'increase', start, target, current: v }).raw;
          expect(p(high)).toBeGreaterThanOrEqual(p(low));
        },
      ),
    );
  });

  it('a decrease key result mirrors an increase one', () => {
    fc.assert(
      fc.property(finite(), finite(), finite(), (s, t, v) => {
        const dec = keyResultProgress({
          id: 'd',
          title: 'd',
          kind: 'decrease',
          start: s,
          target: t,
          current: v,
        }).raw;
        const inc = keyResultProgress({
          id: 'i',
          title: 'i',
          kind: 'increase',
          start: -s,
          target: -t,
          current: -v,
        }).raw;
        expect(dec).toBeCloseTo(inc, 12);
      }),
    );
  });

  it('a lower-is-better KPI mirrors a higher-is-better one', () => {
    fc.assert(
      fc.property(finite(), finite(), finite(), (green, amber, v) => {
        const lower = kpiBand({ direction: 'lower_is_better', green, amber }, v);
        const higher = kpiBand({ direction: 'higher_is_better', green: -green, amber: -amber }, -v);
        expect(lower).toBe(higher);
      }),
    );
  });
});

describe('status properties', () => {
  it('never improves when the only change is one more missed period', () => {
    const period = DEFAULT_STATUS_SETTINGS.checkInPeriodDays * 24 * 3_600_000;
    fc.assert(
      fc.property(scenario, ({ now, kr }) => {
        const before = evaluateKeyResult(kr, QUARTER, now);
        const after = evaluateKeyResult(kr, QUARTER, new Date(now.getTime() + period));
        expect(isWorse(before.status, after.status), `${before.summary} → ${after.summary}`).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  /** The scenario with at least one check-in, its history in time order (last = latest). */
  const withHistory = scenario.chain(({ now, kr }) =>
    fc
      .record({
        value: finite(1000),
        confidence: fc.integer({ min: 1, max: 10 }),
        back: fc.integer({ min: 0, max: 5 * 24 * 60 }),
      })
      .map((extra) => {
        const history = [
          ...(kr.checkIns ?? []),
          { at: new Date(now.getTime() - extra.back * 60_000), ...extra },
        ]
          .map(({ at, value, confidence }) =>
            confidence === undefined ? { at, value } : { at, value, confidence },
          )
          .sort((x, y) => x.at.getTime() - y.at.getTime());
        return { now, kr: { ...kr, current: null, checkIns: history } as KeyResult };
      }),
  );
  const replaceLast = (kr: KeyResult, change: (c: CheckIn) => CheckIn): KeyResult => {
    const history = [...(kr.checkIns ?? [])];
    const last = history.pop();
    return last ? { ...kr, checkIns: [...history, change(last)] } : kr;
  };

  /** For any history and any `change`, the key result's status after `change` is no better than before it. */
  const neverImproves = <T>(
    change: fc.Arbitrary<T>,
    beforeAndAfter: (kr: KeyResult, change: T) => [KeyResult, KeyResult],
  ) =>
    fc.assert(
      fc.property(withHistory, change, ({ now, kr }, by) => {
        const [earlier, later] = beforeAndAfter(kr, by);
        const before = evaluateKeyResult(earlier, QUARTER, now);
        const after = evaluateKeyResult(later, QUARTER, now);
        expect(isWorse(before.status, after.status), `${before.summary} → ${after.summary}`).toBe(false);
      }),
      { numRuns: 1000 },
    );

  it('never improves when the latest value moves away from the target', () => {
    neverImproves(fc.double({ min: 0, max: 500, noNaN: true }), (kr, drop) => {
      const increase = { ...kr, kind: 'increase' as const, target: Math.max(kr.target, kr.start + 1) };
      return [increase, replaceLast(increase, (c) => ({ ...c, value: c.value - drop }))];
    });
  });

  it('never improves when the latest rating is lower', () => {
    neverImproves(fc.integer({ min: 1, max: 10 }), (kr, cut) => {
      const rated = replaceLast(kr, (c) => ({ ...c, confidence: Math.max(cut, c.confidence ?? 10) }));
      return [rated, replaceLast(rated, (c) => ({ ...c, confidence: (c.confidence ?? cut) - cut }))];
    });
  });

  it('judges a lower-is-better key result exactly as its mirror image that increases', () => {
    fc.assert(
      fc.property(scenario, ({ now, kr }) => {
        const increase: KeyResult = { ...kr, kind: 'increase' };
        const mirrored: KeyResult = {
          ...kr,
          kind: 'decrease',
          start: -kr.start,
          target: -kr.target,
          current: kr.current === null ? null : -kr.current,
          checkIns: (kr.checkIns ?? []).map((c) => ({ ...c, value: -c.value })),
        };
        const up = evaluateKeyResult(increase, QUARTER, now);
        const down = evaluateKeyResult(mirrored, QUARTER, now);
        expect(down.status).toBe(up.status);
        expect(down.signals.map((x) => [x.code, x.status, x.advisory])).toEqual(
          up.signals.map((x) => [x.code, x.status, x.advisory]),
        );
        expect(down.forecast.attainment).toBeCloseTo(up.forecast.attainment, 9);
        expect(down.forecast.low).toBeCloseTo(up.forecast.low, 9);
        expect(down.forecast.high).toBeCloseTo(up.forecast.high, 9);
      }),
      { numRuns: 500 },
    );
  });

  it('never gives a status without a reason', () => {
    fc.assert(
      fc.property(scenario, ({ now, kr }) => {
        const s = evaluateKeyResult(kr, QUARTER, now);
        expect(s.reasons.length).toBeGreaterThan(0);
        for (const reason of s.reasons) expect(reason.trim()).not.toBe('');
        if (s.status !== 'on_track')
          expect(s.signals.some((x) => !x.advisory && x.status === s.status)).toBe(true);
      }),
    );
  });

  it('always explains itself', () => {
    fc.assert(
      fc.property(scenario, ({ now, kr }) => {
        const s = evaluateKeyResult(kr, QUARTER, now);
        expect(s.summary).toBe(s.reasons.join(' · '));
        if (s.status !== 'on_track') expect(s.signals[0]?.status).toBe(s.status);
      }),
    );
  });
});

describe('rollup properties', () => {
  const objectiveTree: fc.Memo<Objective> = fc.memo((depth) =>
    fc.record({
      id: fc.constant('o'),
      title: fc.constant('o'),
      weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
      keyResults: fc.array(keyResultAt(startMs + 6 * WEEK), { maxLength: 4 }),
      children: depth > 1 ? fc.array(objectiveTree(depth - 1), { maxLength: 3 }) : fc.constant([]),
    }),
  );

  it('objective and portfolio progress stay within 0–100%', () => {
    fc.assert(
      fc.property(fc.array(objectiveTree(3), { maxLength: 4 }), (objectives) => {
        for (const o of objectives) {
          const p = objectiveProgress(o);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        const total = portfolioProgress(objectives);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('forecast properties', () => {
  it('the weighed forecast a status shows stays within bounds, with low ≤ point ≤ high and what it assumed', () => {
    fc.assert(
      fc.property(scenario, ({ now, kr }) => {
        const f = evaluateKeyResult(kr, QUARTER, now).forecast;
        for (const x of [f.attainment, f.low, f.high]) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(DEFAULT_STATUS_SETTINGS.forecastMaxAttainment + 1e-12);
        }
        expect(f.low).toBeLessThanOrEqual(f.attainment + 1e-12);
        expect(f.attainment).toBeLessThanOrEqual(f.high + 1e-12);
        if (f.method === 'weighed') expect(f.text).toMatch(/, (weighing|assuming) /);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays within what the kind allows, with low ≤ point ≤ high', () => {
    fc.assert(
      fc.property(scenario, ({ now, kr }) => {
        const f = forecastKeyResult(kr, QUARTER, now);
        const max =
          kr.kind === 'increase' || kr.kind === 'decrease'
            ? DEFAULT_STATUS_SETTINGS.forecastMaxAttainment
            : 1;
        for (const x of [f.attainment, f.low, f.high]) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(max + 1e-12);
        }
        expect(f.low).toBeLessThanOrEqual(f.attainment + 1e-12);
        expect(f.attainment).toBeLessThanOrEqual(f.high + 1e-12);
        if (kr.kind === 'boolean') expect([0, 1]).toContain(f.attainment);
      }),
      { numRuns: 500 },
    );
  });
});
