import { describe, expect, it } from 'vitest';
import { evaluateKpi, type Kpi, kpiBand, periodsBetween } from '../../../src/domain/status/index.ts';
import { week } from './fixtures.ts';

const uptime: Kpi = {
  id: 'uptime',
  title: 'API uptime',
  direction: 'higher_is_better',
  target: 99.95,
  green: 99.9,
  amber: 99.5,
  readings: [],
  cadence: 'weekly',
  unit: '%',
};

const latency: Kpi = {
  id: 'p95',
  title: 'p95 latency',
  direction: 'lower_is_better',
  target: 200,
  green: 250,
  amber: 400,
  readings: [],
  cadence: 'weekly',
  unit: 'ms',
};

describe('KPI bands', () => {
  it('higher is better', () => {
    expect(kpiBand(uptime, 99.95)).toBe('green');
    expect(kpiBand(uptime, 99.9)).toBe('green');
    expect(kpiBand(uptime, 99.7)).toBe('amber');
    expect(kpiBand(uptime, 99.5)).toBe('amber');
    expect(kpiBand(uptime, 99.4)).toBe('red');
  });

  it('lower is better, mirrored', () => {
    expect(kpiBand(latency, 180)).toBe('green');
    expect(kpiBand(latency, 250)).toBe('green');
    expect(kpiBand(latency, 300)).toBe('amber');
    expect(kpiBand(latency, 401)).toBe('red');
  });

  it('puts thresholds typed in the wrong order back in order', () => {
    expect(kpiBand({ ...uptime, green: 99.5, amber: 99.9 }, 99.7)).toBe('amber');
    expect(kpiBand({ ...latency, green: 400, amber: 250 }, 300)).toBe('amber');
  });
});

describe('KPI status', () => {
  it('maps bands to statuses with reasons', () => {
    const red = evaluateKpi(
      {
        ...latency,
        readings: [
          { at: week(1), value: 180 },
          { at: week(2), value: 420 },
        ],
      },
      week(2),
    );
    expect(red.status).toBe('off_track');
    expect(red.band).toBe('red');
    expect(red.summary).toBe('at 420 ms, red (green ≤ 250 ms, amber ≤ 400 ms)');
    const green = evaluateKpi({ ...uptime, readings: [{ at: week(1), value: 99.97 }] }, week(1));
    expect(green.status).toBe('on_track');
    expect(green.summary).toBe('at 99.97%, green (green ≥ 99.9%, amber ≥ 99.5%)');
  });

  it('uses the latest reading up to now, whatever the input order', () => {
    const kpi = {
      ...uptime,
      readings: [
        { at: week(3), value: 99.0 },
        { at: week(2), value: 99.95 },
      ],
    };
    expect(evaluateKpi(kpi, week(2.5)).status).toBe('on_track');
    expect(evaluateKpi(kpi, week(3)).status).toBe('off_track');
  });

  it('gets worse when readings stop, by cadence', () => {
    const kpi = { ...uptime, readings: [{ at: week(1), value: 99.95 }] };
    expect(evaluateKpi(kpi, week(2.9)).status).toBe('on_track');
    expect(evaluateKpi(kpi, week(3)).status).toBe('at_risk');
    expect(evaluateKpi(kpi, week(3)).reasons).toContain('no reading for 2 weeks');
    expect(evaluateKpi(kpi, week(5)).status).toBe('off_track');

    const monthly: Kpi = {
      ...uptime,
      cadence: 'monthly',
      readings: [{ at: new Date('2025-01-31T00:00:00Z'), value: 99.95 }],
    };
    expect(evaluateKpi(monthly, new Date('2025-03-15T00:00:00Z')).status).toBe('on_track');
    expect(evaluateKpi(monthly, new Date('2025-04-01T00:00:00Z')).status).toBe('at_risk');
    expect(evaluateKpi(monthly, new Date('2025-06-01T00:00:00Z')).status).toBe('off_track');
  });

  it('is at risk with no readings', () => {
    expect(evaluateKpi(uptime, week(1))).toMatchObject({
      status: 'at_risk',
      reasons: ['no reading yet'],
      band: null,
    });
  });

  it('counts calendar months for monthly cadence', () => {
    expect(
      periodsBetween(new Date('2025-01-31T00:00:00Z'), new Date('2025-02-27T00:00:00Z'), 'monthly'),
    ).toBe(0);
    // One month after 31 January is the last day of February.
    expect(
      periodsBetween(new Date('2025-01-31T00:00:00Z'), new Date('2025-02-28T00:00:00Z'), 'monthly'),
    ).toBe(1);
    expect(
      periodsBetween(new Date('2025-01-15T00:00:00Z'), new Date('2025-03-15T00:00:00Z'), 'monthly'),
    ).toBe(2);
    expect(periodsBetween(week(2), week(1), 'weekly')).toBe(0);
  });
});
