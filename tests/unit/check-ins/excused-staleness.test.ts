// A paused or skipped week is not silence: it never makes a key result stale.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_SETTINGS, evaluateKpi } from '../../../src/domain/status/index.ts';
import { excusedMs, keyResultStaleness } from '../../../src/domain/status/staleness.ts';

const DAY = 86_400_000;
const cycle = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
const checkIn = (iso: string) => ({ at: new Date(iso), value: 1 });

describe('staleness with excused weeks', () => {
  it('three silent weeks are stale, but not when two of them were paused', () => {
    const now = new Date('2026-02-23T12:00:00Z');
    const checkIns = [checkIn('2026-02-02T09:00:00Z')];
    const silent = keyResultStaleness(checkIns, cycle, now, DEFAULT_STATUS_SETTINGS);
    expect(silent.status).not.toBe('on_track');
    const paused = keyResultStaleness(checkIns, cycle, now, DEFAULT_STATUS_SETTINGS, undefined, [
      { start: new Date('2026-02-09T00:00:00Z'), end: new Date('2026-02-23T00:00:00Z') },
    ]);
    expect(paused.status).toBe('on_track');
    expect(paused.silentMs).toBe(silent.silentMs - 14 * DAY);
  });

  it('overlapping spans count once and only within the silence', () => {
    const from = Date.parse('2026-02-01T00:00:00Z');
    const spans = [
      { start: new Date('2026-01-20T00:00:00Z'), end: new Date('2026-02-05T00:00:00Z') },
      { start: new Date('2026-02-03T00:00:00Z'), end: new Date('2026-02-08T00:00:00Z') },
    ];
    expect(excusedMs(spans, from, from + 30 * DAY)).toBe(7 * DAY);
  });

  it('excusing never makes silence longer, nor negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 30 })), {
          maxLength: 5,
        }),
        fc.integer({ min: 1, max: 89 }),
        (raw, nowDay) => {
          const spans = raw.map(([start, length]) => ({
            start: new Date(cycle.start.getTime() + start * DAY),
            end: new Date(cycle.start.getTime() + (start + length) * DAY),
          }));
          const now = new Date(cycle.start.getTime() + nowDay * DAY);
          const plain = keyResultStaleness([], cycle, now, DEFAULT_STATUS_SETTINGS);
          const excused = keyResultStaleness([], cycle, now, DEFAULT_STATUS_SETTINGS, undefined, spans);
          expect(excused.silentMs).toBeLessThanOrEqual(plain.silentMs);
          expect(excused.silentMs).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('KPI readings with excused weeks', () => {
  it('a weekly KPI three weeks without a reading is stale, not when those weeks were paused', () => {
    const kpi = {
      id: 'KPI-1',
      title: 'Active teams',
      direction: 'higher_is_better' as const,
      target: 100,
      green: 90,
      amber: 70,
      cadence: 'weekly' as const,
      readings: [{ at: new Date('2026-02-02T09:00:00Z'), value: 95 }],
    };
    const now = new Date('2026-02-23T12:00:00Z');
    expect(evaluateKpi(kpi, now).status).not.toBe('on_track');
    const excused = [{ start: new Date('2026-02-06T00:00:00Z'), end: new Date('2026-02-23T00:00:00Z') }];
    expect(evaluateKpi({ ...kpi, excused }, now).status).toBe('on_track');
  });
});
