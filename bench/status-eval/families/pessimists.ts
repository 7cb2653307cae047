// Held out. Owners who hedge: 4s, 5s and 6s on key results that mostly land. Some plans are
// back-loaded and say so; a few of the key results really do fall short.

import { rng } from '../../../devkit/random.ts';
import type { ProgressCurve } from '../../../src/domain/status/index.ts';
import {
  DAY,
  type Family,
  type PastOutcome,
  round2,
  type SimulatedKeyResult,
  WEEKS,
  weekStart,
} from '../model.ts';

export const pessimists: Family = {
  name: 'pessimists',
  about: 'habitually cautious owners (4–6/10) whose key results mostly land; past cycles show it',
  generate(seed) {
    const r = rng(seed);
    const owners = ['cautious-1', 'cautious-2', 'cautious-3'];
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 20; i++) {
      const misses = r.chance(0.2);
      const final = misses ? r.uniform(0.25, 0.65) : r.uniform(0.95, 1.3);
      const curve: ProgressCurve = r.chance(0.25) ? 'back_loaded' : 'linear';
      const exponent = curve === 'back_loaded' ? r.uniform(1.8, 2.2) : r.uniform(0.9, 1.1);
      const path = (w: number) => final * (w / WEEKS) ** exponent;
      const start = r.uniform(1, 20);
      const target = start * r.uniform(1.5, 3);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(0.1)) continue;
        const hedge = misses ? r.pick([3, 4, 4, 5]) : r.pick([4, 5, 5, 6, 6]);
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.3, 2.8) * DAY),
          value: round2(start + (path(w) + r.normal(0, 0.03)) * (target - start)),
          ...(r.chance(0.9) ? { confidence: hedge } : {}),
        });
      }
      keyResults.push({
        trueFinal: Math.max(0, path(WEEKS)),
        owner: r.pick(owners),
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Raise rate ${i + 1}`,
          kind: 'increase',
          start: round2(start),
          target: round2(target),
          current: null,
          curve,
          checkIns,
        },
      });
    }
    const history: PastOutcome[] = owners.flatMap((owner) =>
      Array.from({ length: r.int(3, 9) }, () => ({
        owner,
        confidences: Array.from({ length: 8 }, () => r.pick([4, 5, 5, 6])),
        final: r.uniform(0.85, 1.25),
      })),
    );
    return { keyResults, history };
  },
};
