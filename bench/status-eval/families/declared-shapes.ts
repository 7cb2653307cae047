// Plans that declare their shape: back-loaded and front-loaded curves, followed more or less, some
// falling short. Confidence is honest but coarse (owners round to 5, 7 or 9).

import { rng } from '../../../devkit/random.ts';
import { curveAt, type ProgressCurve } from '../../../src/domain/status/index.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const declaredShapes: Family = {
  name: 'declared-shapes',
  about: 'declared back- and front-loaded curves, followed with a random final; coarse honest confidence',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 24; i++) {
      const curve: ProgressCurve = r.pick(['back_loaded', 'front_loaded', 'back_loaded']);
      const final = r.chance(0.35) ? r.uniform(0.2, 0.65) : r.uniform(0.9, 1.2);
      // Shortfalls show up as a lower level all along, not as a late collapse.
      const jitter = r.uniform(0.9, 1.1);
      const path = (w: number) => final * curveAt(curve, w / WEEKS) ** jitter;
      const start = r.int(0, 100);
      const target = start + r.int(10, 300);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(0.1)) continue;
        const coarse = final < 0.7 ? 5 : final < 1 ? 7 : 9;
        const confidence = Math.min(10, Math.max(0, coarse + r.pick([-1, 0, 0, 1])));
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.2, 3) * DAY),
          value: round2(start + Math.max(0, path(w) + r.normal(0, 0.02)) * (target - start)),
          ...(r.chance(0.75) && w > 2 ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: final,
        owner: `d${i % 4}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Shaped result ${i + 1}`,
          kind: 'increase',
          start,
          target,
          current: null,
          curve,
          checkIns,
        },
      });
    }
    return { keyResults, history: [] };
  },
};
