// The learnability study's own parts (bench/status-eval): the nearest-neighbour learner and the facts
// it reads. The study's figures come from `npm run bench:learnability` and are reported in the README.
import { describe, expect, it } from 'vitest';
import { weekStart } from '../../../bench/status-eval/model.ts';
import {
  alarmThreshold,
  type Example,
  NearestNeighbours,
} from '../../../bench/status-eval/nearest-neighbours.ts';
import { FEATURE_NAMES, observedFeatures } from '../../../bench/status-eval/observed-features.ts';
import { PRIOR_CALIBRATION } from '../../../src/domain/status/index.ts';
import type { KeyResult } from '../../../src/domain/status/types.ts';

describe('NearestNeighbours', () => {
  // Two clusters: key results near x = 0 failed (final 0.2–0.4), those near x = 10 landed (1.1–1.3).
  const training: Example[] = [
    ...[0, 0.1, 0.2].map((x, i) => ({ features: [x], final: 0.2 + 0.1 * i })),
    ...[10, 10.1, 10.2].map((x, i) => ({ features: [x], final: 1.1 + 0.1 * i })),
  ];

  it('reads a key result from its nearest neighbours: the share that failed and their median outcome', () => {
    const model = new NearestNeighbours(training, 3);
    const failed = model.read([0.05]);
    expect(failed.failShare).toBe(1);
    expect(failed.forecast).toBeCloseTo(0.3);
    const landed = model.read([9.9]);
    expect(landed.failShare).toBe(0);
    expect(landed.forecast).toBeCloseTo(1.2);
  });

  it('can leave a training example out, so it is not its own neighbour', () => {
    const model = new NearestNeighbours(training, 1);
    expect(model.read([0], 0).forecast).toBeCloseTo(0.3);
    expect(model.read([0]).forecast).toBeCloseTo(0.2);
  });

  it('chooses an alarm threshold that flags at most the allowed share of key results that landed', () => {
    const mixed: Example[] = Array.from({ length: 40 }, (_, i) => ({
      features: [i],
      final: i < 20 ? 0.3 : 1.2,
    }));
    const model = new NearestNeighbours(mixed, 5);
    const sample = mixed.map((_, i) => i);
    const threshold = alarmThreshold(model, mixed, sample, 0.1);
    const landed = sample.filter((i) => (mixed[i]?.final ?? 0) >= 1);
    const flagged = landed.filter((i) => model.read(mixed[i]?.features ?? [], i).failShare > threshold);
    expect(flagged.length / landed.length).toBeLessThanOrEqual(0.1);
    const failed = sample.filter((i) => (mixed[i]?.final ?? 0) < 0.7);
    const caught = failed.filter((i) => model.read(mixed[i]?.features ?? [], i).failShare > threshold);
    expect(caught.length / failed.length).toBeGreaterThan(0.8);
  });

  it('refuses a training set no larger than k', () => {
    expect(() => new NearestNeighbours(training.slice(0, 3), 3)).toThrow(/more than 3/);
  });
});

describe('observedFeatures', () => {
  const kr: KeyResult = {
    id: 'kr-1',
    title: 'Grow',
    kind: 'increase',
    start: 0,
    target: 100,
    current: null,
    checkIns: [
      { at: weekStart(1), value: 10, confidence: 7 },
      { at: weekStart(2), value: 20, confidence: 8 },
      { at: weekStart(7), value: 90, confidence: 10 },
    ],
  };

  it('names every feature it returns', () => {
    expect(observedFeatures(kr, weekStart(6), PRIOR_CALIBRATION)).toHaveLength(FEATURE_NAMES.length);
  });

  it('sees nothing after `now`: a later check-in changes no feature', () => {
    const early = { ...kr, checkIns: kr.checkIns?.slice(0, 2) };
    expect(observedFeatures(kr, weekStart(6), PRIOR_CALIBRATION)).toEqual(
      observedFeatures(early, weekStart(6), PRIOR_CALIBRATION),
    );
    const features = observedFeatures(kr, weekStart(6), PRIOR_CALIBRATION);
    expect(features[FEATURE_NAMES.indexOf('progress')]).toBeCloseTo(0.2);
    expect(features[FEATURE_NAMES.indexOf('latest rating')]).toBe(8);
    expect(features[FEATURE_NAMES.indexOf('days since the last')]).toBeCloseTo(28);
  });

  it('reads a decrease key result as progress towards its target', () => {
    const falling: KeyResult = {
      ...kr,
      kind: 'decrease',
      start: 100,
      target: 50,
      checkIns: [{ at: weekStart(1), value: 75 }],
    };
    const features = observedFeatures(falling, weekStart(2), PRIOR_CALIBRATION);
    expect(features[FEATURE_NAMES.indexOf('progress')]).toBeCloseTo(0.5);
    expect(features[FEATURE_NAMES.indexOf('increase')]).toBe(0);
  });
});
