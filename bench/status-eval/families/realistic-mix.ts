// Held out. A portfolio as a PMO sees one: each key result draws a shape (steady, slow, late launch,
// stall, regress, plateau), a direction, an owner temper (optimist, calibrated, pessimist), a
// reporting habit, and whether its plan's curve was declared. Owners bring 0–3 past cycles.

import { type Rng, rng } from '../../../devkit/random.ts';
import { curveAt, type ProgressCurve } from '../../../src/domain/status/index.ts';
import {
  DAY,
  type Family,
  type PastOutcome,
  round2,
  type SimulatedKeyResult,
  WEEKS,
  weekStart,
} from '../model.ts';

type Shape = 'steady' | 'slow' | 'launch' | 'stall' | 'regress' | 'plateau';

function shapeOf(shape: Shape, r: Rng): { path: (w: number) => number; natural: ProgressCurve } {
  switch (shape) {
    case 'steady': {
      const f = r.uniform(0.6, 1.3);
      return { path: (w) => (f * w) / WEEKS, natural: 'linear' };
    }
    case 'slow': {
      const f = r.uniform(0.1, 0.6);
      const bend = r.uniform(0.9, 1.1);
      return { path: (w) => f * (w / WEEKS) ** bend, natural: 'linear' };
    }
    case 'launch': {
      const f = r.chance(0.75) ? r.uniform(0.9, 1.3) : r.uniform(0.1, 0.5);
      const p = r.uniform(2, 3.5);
      return { path: (w) => f * (w / WEEKS) ** p, natural: 'back_loaded' };
    }
    case 'stall': {
      const pace = r.uniform(0.9, 1.15);
      const at = r.uniform(2, 6);
      return { path: (w) => (pace * Math.min(w, at)) / WEEKS, natural: 'linear' };
    }
    case 'regress': {
      const pace = r.uniform(0.9, 1.15);
      const peak = r.uniform(3, 5);
      const d = r.uniform(0.02, 0.05);
      return {
        path: (w) => Math.max(0, (pace * Math.min(w, peak)) / WEEKS - d * Math.max(0, w - peak)),
        natural: 'linear',
      };
    }
    case 'plateau': {
      const level = r.uniform(0.5, 1.15);
      const reach = r.uniform(2, 5);
      return { path: (w) => level * Math.min(1, w / reach), natural: 'front_loaded' };
    }
  }
}

export const realisticMix: Family = {
  name: 'realistic-mix',
  about: 'every shape, direction, temper and habit drawn per key result; 0–3 past cycles per owner',
  generate(seed) {
    const r = rng(seed);
    const tempers = new Map<string, number>();
    const owners = Array.from({ length: 8 }, (_, i) => `o${i}`);
    for (const o of owners) tempers.set(o, r.pick([-0.25, 0, 0, 0.2, 0.3]));
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 40; i++) {
      const shape = r.pick<Shape>(['steady', 'steady', 'slow', 'launch', 'stall', 'regress', 'plateau']);
      const { path, natural } = shapeOf(shape, r);
      const declared: ProgressCurve = r.chance(0.5) ? natural : 'linear';
      const owner = r.pick(owners);
      const temper = tempers.get(owner) ?? 0;
      const final = Math.max(0, path(WEEKS));
      const lower = r.chance(0.35);
      const start = r.uniform(5, 500);
      const target = lower ? start * r.uniform(0.3, 0.8) : start * r.uniform(1.2, 2.5);
      const skip = r.uniform(0.05, 0.3);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(skip)) continue;
        const know = 0.3 + 0.5 * (w / WEEKS);
        const naive = Math.min(1.5, path(w) / Math.max(0.05, curveAt(declared, w / WEEKS)));
        const belief = know * final + (1 - know) * naive + temper;
        const confidence = Math.min(10, Math.max(0, Math.round(10 * belief - 1 + r.normal(0, 1))));
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0, 3) * DAY),
          value: round2(start + (path(w) + r.normal(0, 0.03)) * (target - start)),
          ...(r.chance(0.7) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: final,
        owner,
        keyResult: {
          id: `kr-${i + 1}`,
          title: shape === 'launch' ? `Launch feature ${i + 1}` : `Metric ${i + 1}`,
          kind: lower ? 'decrease' : 'increase',
          start: round2(start),
          target: round2(target),
          current: null,
          curve: declared,
          checkIns,
        },
      });
    }
    const history: PastOutcome[] = [];
    for (const owner of owners) {
      const temper = tempers.get(owner) ?? 0;
      for (let c = r.int(0, 3) * 3; c > 0; c--) {
        const final = r.uniform(0.2, 1.25);
        history.push({
          owner,
          confidences: Array.from({ length: 6 }, () =>
            Math.min(10, Math.max(0, Math.round(10 * (final + temper) - 1 + r.normal(0, 1)))),
          ),
          final,
        });
      }
    }
    return { keyResults, history };
  },
};
