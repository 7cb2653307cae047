import { describe, expect, it } from 'vitest';
import { PRIOR_BIAS, ratingReliability } from '../../../src/domain/status/calibration.ts';
import {
  describeCalibration,
  expectedFromConfidence,
  learnCalibration,
  PRIOR_CALIBRATION,
} from '../../../src/domain/status/index.ts';
import { overconfident } from './fixtures.ts';

// Three cycles running, two key results each, rated 9/10 and ending at 60%.
const dana = overconfident('dana');

describe('calibration from finished cycles', () => {
  it('reads an owner whose 9/10s ended at 60% three cycles running as such', () => {
    const c = learnCalibration(dana, 'dana');
    expect(c.source).toBe('owner');
    expect(c.observations).toBe(6);
    // Shrunk towards the prior, but a 9 from Dana now points well below target.
    expect(expectedFromConfidence(9, c)).toBeLessThan(0.7);
    expect(expectedFromConfidence(9, c)).toBeGreaterThan(0.6);
    expect(describeCalibration(c)).toMatch(
      /^the owner's past ratings ran \d+ points high \(6 finished key results\)$/,
    );
  });

  it('gives a new owner the prior when the workspace has no history', () => {
    const c = learnCalibration([], 'newcomer');
    expect(c).toEqual(PRIOR_CALIBRATION);
    expect(expectedFromConfidence(8, c)).toBeCloseTo(0.8 + PRIOR_BIAS, 10);
    expect(describeCalibration(c)).toBe(
      'confidence read with the default calibration (no finished cycles yet)',
    );
  });

  it("gives a new owner the workspace's calibration when others have history", () => {
    const c = learnCalibration(dana, 'newcomer');
    expect(c.source).toBe('workspace');
    expect(c.bias).toBeLessThan(PRIOR_BIAS);
    expect(c.bias).toBeGreaterThan(learnCalibration(dana, 'dana').bias);
  });

  it('moves further from the prior with every finished key result', () => {
    const biases = [1, 3, 9].map((n) => learnCalibration(dana.slice(0, n), 'dana').bias);
    expect(biases[0]).toBeGreaterThan(biases[1] ?? 0);
    expect(biases[1]).toBeGreaterThan(biases[2] ?? 0);
  });

  it('trusts ratings that landed close to outcomes more than ratings outcomes scattered around', () => {
    const steady = Array.from({ length: 8 }, () => ({ owner: 'a', confidence: 8, final: 0.9 }));
    const scattered = Array.from({ length: 8 }, (_, i) => ({
      owner: 'b',
      confidence: 9,
      final: i % 2 ? 0.2 : 1.2,
    }));
    expect(ratingReliability(learnCalibration(steady, 'a'))).toBe(1);
    expect(ratingReliability(learnCalibration(scattered, 'b'))).toBeLessThan(0.5);
    expect(describeCalibration(learnCalibration(scattered, 'b'))).toContain(
      'outcomes scattered widely around them',
    );
  });

  it('ignores unusable outcomes and caps extreme finals', () => {
    const c = learnCalibration(
      [
        { owner: 'x', confidence: Number.NaN, final: 1 },
        { owner: 'x', confidence: 5, final: 40 },
      ],
      'x',
    );
    expect(c.observations).toBe(1);
    expect(expectedFromConfidence(10, c)).toBeLessThanOrEqual(1.5);
  });
});
