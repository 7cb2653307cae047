// Held out. Metrics that wander in runs (autocorrelated noise: a bad fortnight, then a good one)
// around a path that ends at or above target; a fifth of them genuinely fall short.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const noisyFine: Family = {
  name: 'noisy-fine',
  about: 'autocorrelated noise in runs around mostly successful paths',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 24; i++) {
      const final = r.chance(0.2) ? r.uniform(0.3, 0.68) : r.uniform(1, 1.3);
      const phi = r.uniform(0.6, 0.9);
      const sd = r.uniform(0.04, 0.1);
      const start = r.int(1000, 50_000);
      const target = Math.round(start * r.uniform(1.1, 1.6));
      const checkIns = [];
      let noise = 0;
      for (let w = 1; w <= WEEKS; w++) {
        noise = phi * noise + r.normal(0, sd);
        if (r.chance(0.1)) continue;
        const trueAt = (final * w) / WEEKS;
        const reading = trueAt + noise;
        const confidence = Math.min(
          10,
          Math.max(0, Math.round(10 * (0.6 * final + 0.4 * (reading / (w / WEEKS))) - 1.5 + r.normal(0, 1))),
        );
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.1, 2.9) * DAY),
          value: round2(start + reading * (target - start)),
          ...(r.chance(0.75) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: final,
        owner: `n${i % 5}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Weekly active users ${i + 1}`,
          kind: 'increase',
          start,
          target,
          current: null,
          checkIns,
        },
      });
    }
    return { keyResults, history: [] };
  },
};
