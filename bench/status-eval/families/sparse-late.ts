// Held out. Owners who check in when they remember: long gaps, first check-in weeks into the
// quarter, catch-up entries dated the day they were typed, confidence given only now and then.
// Outcomes are a plain mix; the point is what the engine makes of thin, irregular evidence.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const sparseLate: Family = {
  name: 'sparse-late',
  about: 'missing and late check-ins, late first check-in, rare confidence; mixed outcomes',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 24; i++) {
      const final = r.uniform(0.2, 1.3);
      const shape = r.uniform(0.7, 1.6);
      const path = (w: number) => final * (w / WEEKS) ** shape;
      const skip = r.uniform(0.25, 0.5);
      const firstWeek = r.int(1, 4);
      const start = r.int(0, 40);
      const target = start + r.int(5, 60);
      const checkIns = [];
      for (let w = firstWeek; w <= WEEKS; w++) {
        if (r.chance(skip)) continue;
        // Late entries: typed up to four days after the week they describe, with that day's value.
        const at = new Date(weekStart(w).getTime() + r.uniform(-2, 4) * DAY);
        const week = (at.getTime() - weekStart(0).getTime()) / (7 * DAY);
        const confidence = Math.min(10, Math.max(0, Math.round(10 * final - 1 + r.normal(0, 1.5))));
        checkIns.push({
          at,
          value: round2(start + (path(Math.min(WEEKS, week)) + r.normal(0, 0.03)) * (target - start)),
          ...(r.chance(0.4) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: path(WEEKS),
        owner: `s${i % 6}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Adoption ${i + 1}`,
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
