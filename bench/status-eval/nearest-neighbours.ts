/**
 * A plain k-nearest-neighbour learner for the learnability study: features are standardised with the
 * training set's mean and spread, distance is Euclidean, and a key result is read from the k training
 * key results nearest to it: the share of them that ended below 70% (the chance it fails), and the
 * median of their outcomes (its forecast, since the median is what minimises absolute error).
 */

export interface Example {
  features: readonly number[];
  /** True final attainment (1 = target met). */
  final: number;
}

export interface Reading {
  /** Share of the nearest key results that ended below 70% of target. */
  failShare: number;
  /** Median final attainment of the nearest key results. */
  forecast: number;
}

export const FAILING_BELOW = 0.7;

export class NearestNeighbours {
  private readonly width: number;
  private readonly scaled: Float64Array;
  private readonly finals: Float64Array;
  private readonly mean: Float64Array;
  private readonly spread: Float64Array;

  constructor(
    training: readonly Example[],
    private readonly k: number,
  ) {
    if (training.length <= k) throw new Error(`need more than ${k} training examples`);
    this.width = training[0]?.features.length ?? 0;
    this.mean = new Float64Array(this.width);
    this.spread = new Float64Array(this.width);
    const n = training.length;
    for (let j = 0; j < this.width; j++) {
      let mean = 0;
      for (const { features } of training) mean += (features[j] ?? 0) / n;
      let variance = 0;
      for (const { features } of training) variance += ((features[j] ?? 0) - mean) ** 2 / n;
      this.mean[j] = mean;
      // A feature that never varies is left unscaled rather than divided by zero.
      this.spread[j] = Math.sqrt(variance) || 1;
    }
    this.scaled = new Float64Array(training.length * this.width);
    this.finals = new Float64Array(training.length);
    training.forEach((example, i) => {
      this.scaled.set(this.scale(example.features), i * this.width);
      this.finals[i] = example.final;
    });
  }

  /** The reading for `features`; `skip` leaves one training example out (to read a training example fairly). */
  read(features: readonly number[], skip = -1): Reading {
    const query = this.scale(features);
    const nearest = new Float64Array(this.k).fill(Number.POSITIVE_INFINITY);
    const outcomes = new Float64Array(this.k);
    const count = this.finals.length;
    for (let i = 0; i < count; i++) {
      if (i === skip) continue;
      let distance = 0;
      const offset = i * this.width;
      for (let j = 0; j < this.width; j++) {
        const d = (this.scaled[offset + j] ?? 0) - (query[j] ?? 0);
        distance += d * d;
      }
      if (distance >= (nearest[this.k - 1] ?? 0)) continue;
      // Insert in order; the farthest of the k drops off the end.
      let at = this.k - 1;
      while (at > 0 && (nearest[at - 1] ?? 0) > distance) {
        nearest[at] = nearest[at - 1] ?? 0;
        outcomes[at] = outcomes[at - 1] ?? 0;
        at--;
      }
      nearest[at] = distance;
      outcomes[at] = this.finals[i] ?? 0;
    }
    const sorted = [...outcomes].sort((a, b) => a - b);
    const middle = Math.floor(this.k / 2);
    const forecast =
      this.k % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
    return { failShare: sorted.filter((x) => x < FAILING_BELOW).length / this.k, forecast };
  }

  private scale(features: readonly number[]): Float64Array {
    const out = new Float64Array(this.width);
    for (let j = 0; j < this.width; j++)
      out[j] = ((features[j] ?? 0) - (this.mean[j] ?? 0)) / (this.spread[j] ?? 1);
    return out;
  }
}

/**
 * The fail-share above which a key result is flagged, chosen on training examples alone (each read
 * with itself left out) so that at most `maxFalseAlarms` of those that met their target are flagged.
 * `sample` are indices into the training set the model was built from.
 */
export function alarmThreshold(
  model: NearestNeighbours,
  training: readonly Example[],
  sample: readonly number[],
  maxFalseAlarms: number,
): number {
  const finished = sample
    .filter((i) => (training[i]?.final ?? 0) >= 1)
    .map((i) => model.read(training[i]?.features ?? [], i).failShare)
    .sort((a, b) => b - a);
  if (finished.length === 0) return 0.5;
  // Flag strictly above the share at the allowed rank, so ties never push false alarms over the limit.
  return finished[Math.floor(maxFalseAlarms * finished.length)] ?? 0.5;
}
