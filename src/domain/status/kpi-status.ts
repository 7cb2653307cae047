import { DateTime } from 'luxon';
import { formatAmount } from '../numbers/amount.ts';
import { formatDuration } from './format.ts';
import { verdict } from './key-result-status.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';
import { MS_PER_DAY, usableHistory } from './time.ts';
import type { Kpi, KpiCadence, KpiReading, StatusLevel, StatusSignal, StatusVerdict } from './types.ts';

export type KpiBand = 'green' | 'amber' | 'red';

export interface KpiStatus extends StatusVerdict {
  kpiId: string;
  title: string;
  latest: KpiReading | null;
  /** Band of the latest reading; null without readings. */
  band: KpiBand | null;
  /** Whole reporting periods (by cadence) since the latest reading; 0 without readings. */
  missedPeriods: number;
}

const BAND_STATUS: Record<KpiBand, StatusLevel> = { green: 'on_track', amber: 'at_risk', red: 'off_track' };

/**
 * Band of a value. Thresholds typed in the wrong order (say green 80, amber 90 for a higher-is-better
 * KPI) are put back in order, so the stricter one is always the green line.
 */
export function kpiBand(kpi: Pick<Kpi, 'direction' | 'green' | 'amber'>, value: number): KpiBand {
  if (kpi.direction === 'higher_is_better') {
    const green = Math.max(kpi.green, kpi.amber);
    const amber = Math.min(kpi.green, kpi.amber);
    return value >= green ? 'green' : value >= amber ? 'amber' : 'red';
  }
  const green = Math.min(kpi.green, kpi.amber);
  const amber = Math.max(kpi.green, kpi.amber);
  return value <= green ? 'green' : value <= amber ? 'amber' : 'red';
}

/**
 * Whole reporting periods between two moments. Monthly cadence counts calendar months (in UTC), so a
 * month is a month whether it has 28 or 31 days; a month after 31 January is 28 February.
 */
export function periodsBetween(from: Date, to: Date, cadence: KpiCadence): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (cadence === 'weekly') return Math.floor((to.getTime() - from.getTime()) / (7 * MS_PER_DAY));
  const months = DateTime.fromJSDate(to, { zone: 'utc' }).diff(
    DateTime.fromJSDate(from, { zone: 'utc' }),
    'months',
  ).months;
  return Math.max(0, Math.floor(months + 1e-9));
}

/**
 * A KPI's status: the band of its latest reading (green on track, amber at risk, red off track),
 * made worse when readings stop arriving at the KPI's cadence. A KPI with no readings is at risk,
 * because an unmeasured KPI is a blind spot rather than good news.
 */
export function evaluateKpi(
  kpi: Kpi,
  now: Date,
  settings: StatusSettings = DEFAULT_STATUS_SETTINGS,
): KpiStatus {
  const readings = usableHistory(kpi.readings, now);
  const latest = readings.at(-1) ?? null;
  const base = { kpiId: kpi.id, title: kpi.title, latest };

  if (!latest) {
    const signal: StatusSignal = {
      code: 'kpi_no_readings',
      status: 'at_risk',
      text: 'no reading yet',
      data: {},
    };
    return { ...base, band: null, missedPeriods: 0, ...verdict([signal]) };
  }

  const band = kpiBand(kpi, latest.value);
  const unit = kpi.unit ?? '';
  const comparator = kpi.direction === 'higher_is_better' ? '≥' : '≤';
  const [green, amber] =
    kpi.direction === 'higher_is_better'
      ? [Math.max(kpi.green, kpi.amber), Math.min(kpi.green, kpi.amber)]
      : [Math.min(kpi.green, kpi.amber), Math.max(kpi.green, kpi.amber)];
  const signals: StatusSignal[] = [
    {
      code: 'kpi_band',
      status: BAND_STATUS[band],
      text: `at ${formatAmount(latest.value, unit)}, ${band} (green ${comparator} ${formatAmount(green, unit)}, amber ${comparator} ${formatAmount(amber, unit)})`,
      data: { value: latest.value, band, green, amber, target: kpi.target, direction: kpi.direction },
    },
  ];

  const missedPeriods = periodsBetween(latest.at, now, kpi.cadence);
  let staleStatus: StatusLevel = 'on_track';
  if (missedPeriods >= settings.kpiStaleOffTrackPeriods) staleStatus = 'off_track';
  else if (missedPeriods >= settings.kpiStaleAtRiskPeriods) staleStatus = 'at_risk';
  if (staleStatus !== 'on_track') {
    const silence =
      kpi.cadence === 'monthly'
        ? `${missedPeriods} months`
        : formatDuration(now.getTime() - latest.at.getTime());
    signals.push({
      code: 'kpi_stale',
      status: staleStatus,
      text: `no reading for ${silence}`,
      data: { missedPeriods, cadence: kpi.cadence, lastReadingAt: latest.at.toISOString() },
    });
  }

  return { ...base, band, missedPeriods, ...verdict(signals) };
}
