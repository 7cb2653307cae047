import { MS_PER_DAY } from './time.ts';

/** 0.423 → "42%". Whole percents: check-ins are not precise enough to justify decimals. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return fraction > 0 ? 'over 1000%' : '0%';
  const rounded = Math.round(fraction * 100);
  return `${Object.is(rounded, -0) ? 0 : rounded}%`;
}

/** A range such as "70–85%", collapsing to "~80%" when both ends round to the same figure. */
export function formatPercentRange(low: number, high: number): string {
  const a = Math.round(low * 100);
  const b = Math.round(high * 100);
  return a === b ? `~${a}%` : `${a}–${b}%`;
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "2 weeks", "5 days", "less than a day": the granularity people use when talking about check-ins. */
export function formatDuration(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  if (days >= 14 || days === 7) return plural(Math.floor(days / 7), 'week');
  if (days >= 1) return plural(days, 'day');
  return 'less than a day';
}

export const SUMMARY_SEPARATOR = ' · ';

export function joinSummary(reasons: readonly string[]): string {
  return reasons.join(SUMMARY_SEPARATOR);
}
