// Key results that were never going to happen: barely any movement, sometimes a little backsliding.
// Owners vary: some admit it early, some keep a polite 6 or 7, a few stay upbeat.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const hopeless: Family = {
  name: 'hopeless',
  about: 'near-zero progress to a final of 0–35%; owners from candid to upbeat',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 16; i++) {
      const final = r.uniform(0, 0.35);
      const wobble = r.uniform(0, 0.06);
      const path = (w: number) => Math.max(0, final * (w / WEEKS) + wobble * Math.sin(w * 1.3));
      const start = r.int(0, 200);
      const target = start + r.int(50, 500);
      const temper = r.pick([-2, 0, 2, 3]);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(0.2)) continue;
        const confidence = Math.min(10, Math.max(0, Math.round(5 - w * 0.25 + temper + r.normal(0, 1))));
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0, 3) * DAY),
          value: round2(start + path(w) * (target - start)),
          ...(r.chance(0.7) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: path(WEEKS),
        owner: `h${i % 3}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Stretch goal ${i + 1}`,
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
