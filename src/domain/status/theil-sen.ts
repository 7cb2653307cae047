/**
 * Theil–Sen line fitting: the slope is the median of all pairwise slopes, so one typo or one odd
 * week moves it far less than it would move least squares. With weekly check-ins that matters:
 * a window of six points is small and people do mistype.
 */

export interface Point {
  x: number;
  y: number;
}

export interface TheilSenFit {
  slope: number;
  intercept: number;
  /** Lower and upper quartile of the pairwise slopes: a plain, robust spread for a range. */
  slopeLow: number;
  slopeHigh: number;
  /** Pairs with distinct x that went into the fit. */
  pairs: number;
}

/** Quantile of an ascending list with linear interpolation; NaN for an empty list. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const a = sorted[below] ?? Number.NaN;
  const b = sorted[above] ?? Number.NaN;
  return a + (b - a) * (position - below);
}

export function median(values: readonly number[]): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** The robust intercept for a given slope: the median of y − slope·x. */
export function interceptFor(points: readonly Point[], slope: number): number {
  return median(points.map((p) => p.y - slope * p.x));
}

/**
 * Quantile of weighted values: the smallest value whose cumulative weight reaches q of the total,
 * averaged with the next one on an exact tie so the unweighted case matches the usual median.
 */
export function weightedQuantile(items: readonly { value: number; weight: number }[], q: number): number {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  if (sorted.length === 0 || !(total > 0)) return Number.NaN;
  const goal = total * Math.min(1, Math.max(0, q));
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i];
    if (!item) continue;
    cumulative += item.weight;
    if (Math.abs(cumulative - goal) <= 1e-12 * total && i + 1 < sorted.length) {
      return (item.value + (sorted[i + 1]?.value ?? item.value)) / 2;
    }
    if (cumulative >= goal) return item.value;
  }
  return sorted.at(-1)?.value ?? Number.NaN;
}

/**
 * Fit a line, or null when fewer than two distinct x values make a slope meaningless.
 * Each pairwise slope is weighted by the distance between its two x values (the Jaeckel–Sievers
 * variant of Theil–Sen): two check-ins a day apart say little about a slope, and with a
 * back-loaded plan the early weeks sit very close together on the plan's time axis.
 */
export function theilSen(points: readonly Point[]): TheilSenFit | null {
  const slopes: { value: number; weight: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i];
      const b = points[j];
      if (!a || !b || a.x === b.x) continue;
      const slope = (b.y - a.y) / (b.x - a.x);
      if (Number.isFinite(slope)) slopes.push({ value: slope, weight: Math.abs(b.x - a.x) });
    }
  }
  if (slopes.length === 0) return null;
  const slope = weightedQuantile(slopes, 0.5);
  return {
    slope,
    intercept: interceptFor(points, slope),
    slopeLow: weightedQuantile(slopes, 0.25),
    slopeHigh: weightedQuantile(slopes, 0.75),
    pairs: slopes.length,
  };
}
