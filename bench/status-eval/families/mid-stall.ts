// Held out. On pace for the first month or more, then a blocker: progress stops or nearly so. Owners
// take a couple of weeks to lower their confidence. Half the key results never stall.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const midStall: Family = {
  name: 'mid-stall',
  about: 'on pace, then stalled from week 3–7 (half of them); owners lower confidence with a lag',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 20; i++) {
      const stalls = r.chance(0.5);
      const pace = r.uniform(0.95, 1.2);
      const stallWeek = stalls ? r.uniform(3, 7) : WEEKS + 1;
      const crawl = r.uniform(0, 0.012);
      const lag = r.int(1, 3);
      const path = (w: number) =>
        (pace * Math.min(w, stallWeek)) / WEEKS + crawl * Math.max(0, w - stallWeek);
      const start = r.int(10, 90);
      const target = start + r.int(10, 100);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(stalls && w > stallWeek ? 0.25 : 0.08)) continue;
        const knowsOfStall = w >= stallWeek + lag;
        const base = knowsOfStall ? 8 - 1.2 * (w - stallWeek - lag + 1) : 8;
        const confidence = Math.min(10, Math.max(0, Math.round(base + r.normal(0, 0.8))));
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.1, 2) * DAY),
          value: round2(start + (path(w) + r.normal(0, 0.025)) * (target - start)),
          ...(r.chance(0.8) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: path(WEEKS),
        owner: `m${i % 4}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Migrate accounts ${i + 1}`,
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
