// Owners who are always sure: 8s and 9s whatever the numbers say. Their key results crawl, stall or
// finish fine in about equal measure. Their past cycles (kept by the workspace) show the same habit.

import { rng } from '../../../devkit/random.ts';
import {
  DAY,
  type Family,
  type PastOutcome,
  round2,
  type SimulatedKeyResult,
  WEEKS,
  weekStart,
} from '../model.ts';

export const optimists: Family = {
  name: 'optimists',
  about: 'habitually optimistic owners (8–9/10) on slow, stalled and fine key results; 2–4 past cycles each',
  generate(seed) {
    const r = rng(seed);
    const owners = ['opt-a', 'opt-b', 'opt-c', 'opt-d'];
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 24; i++) {
      const kind = r.pick(['slow', 'stalled', 'fine'] as const);
      let path: (w: number) => number;
      if (kind === 'slow') {
        const final = r.uniform(0.15, 0.6);
        path = (w) => final * (w / WEEKS);
      } else if (kind === 'stalled') {
        const pace = r.uniform(0.85, 1.1);
        const stall = r.uniform(2, 6);
        path = (w) => pace * (Math.min(w, stall) / WEEKS);
      } else {
        const final = r.uniform(1, 1.25);
        path = (w) => final * (w / WEEKS);
      }
      const start = r.int(100, 1000);
      const lower = r.chance(0.3);
      const target = lower ? start * r.uniform(0.4, 0.8) : start * r.uniform(1.2, 2);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(kind === 'fine' ? 0.08 : 0.15)) continue;
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.1, 2) * DAY),
          value: round2(start + (path(w) + r.normal(0, 0.03)) * (target - start)),
          confidence: r.chance(0.7) ? 9 : r.pick([8, 10]),
        });
      }
      keyResults.push({
        trueFinal: Math.max(0, path(WEEKS)),
        owner: r.pick(owners),
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Improve metric ${i + 1}`,
          kind: lower ? 'decrease' : 'increase',
          start,
          target: round2(target),
          current: null,
          checkIns,
        },
      });
    }
    const history: PastOutcome[] = [];
    for (const owner of owners) {
      const cycles = r.int(2, 4);
      for (let c = 0; c < cycles * 3; c++) {
        history.push({
          owner,
          confidences: Array.from({ length: r.int(6, 12) }, () => r.pick([8, 9, 9, 10])),
          final: r.uniform(0.2, 1.2),
        });
      }
    }
    return { keyResults, history };
  },
};
