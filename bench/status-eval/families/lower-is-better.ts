// Held out. Churn, latency, cost: values that should fall. Improvements decay towards a floor
// (fast at first, then slowly), some floors sit short of the target, and a few metrics creep back.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const lowerIsBetter: Family = {
  name: 'lower-is-better',
  about: 'decrease key results with decaying improvement, some flooring short of target or creeping back',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 24; i++) {
      const start = r.uniform(2, 900);
      const target = start * r.uniform(0.4, 0.85);
      // Where the metric would settle, as attainment; the rate says how quickly it gets there.
      const floor = r.chance(0.4) ? r.uniform(0.2, 0.65) : r.uniform(1, 1.3);
      const rate = r.uniform(0.08, 0.3);
      const creep = r.chance(0.2) ? r.uniform(0.01, 0.04) : 0;
      const creepFrom = r.uniform(5, 9);
      const attain = (w: number) =>
        Math.max(
          0,
          (floor * (1 - Math.exp(-rate * w))) / (1 - Math.exp(-rate * WEEKS)) -
            creep * Math.max(0, w - creepFrom),
        );
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(0.12)) continue;
        const measured = start + (attain(w) + r.normal(0, 0.03)) * (target - start);
        const onCourse = attain(w) / Math.max(0.05, w / WEEKS);
        const confidence = Math.min(
          10,
          Math.max(0, Math.round(3 + 5 * Math.min(1.2, onCourse) + r.normal(0, 1.2))),
        );
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0, 3) * DAY),
          value: round2(measured),
          ...(r.chance(0.7) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: attain(WEEKS),
        owner: `ops${i % 6}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Cut cost ${i + 1}`,
          kind: 'decrease',
          start: round2(start),
          target: round2(target),
          current: null,
          checkIns,
        },
      });
    }
    return { keyResults, history: [] };
  },
};
