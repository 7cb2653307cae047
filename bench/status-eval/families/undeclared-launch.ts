// Launches, contracts and migrations: almost nothing moves until a late step, and nobody changed the
// plan's curve from its straight-line default. Owners who see the launch coming say so with high,
// steady confidence; when a launch slips, they notice some weeks before the numbers can show it.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

const TITLES = [
  'Launch self-serve checkout',
  'Sign the enterprise contract',
  'Ship v2 onboarding',
  'Go live in Germany',
];

export const undeclaredLaunch: Family = {
  name: 'undeclared-launch',
  about: 'late steps or steep curves, curve left at linear, confident owners; a share of launches slip',
  generate(seed) {
    const r = rng(seed);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 24; i++) {
      const slips = r.chance(0.3);
      const launchWeek = r.uniform(8, 12.5);
      const beforeLaunch = r.uniform(0, 0.2);
      const final = slips ? r.uniform(0.05, 0.6) : r.uniform(0.95, 1.3);
      // A slipping launch looks like a healthy one early on; the trouble shows from slipWeek.
      const slipWeek = r.uniform(4, 9);
      const stepped = r.chance(0.5);
      const power = r.uniform(2.2, 4);
      const healthy = (w: number) =>
        stepped
          ? w < launchWeek
            ? beforeLaunch * (w / launchWeek)
            : beforeLaunch + (final - beforeLaunch) * Math.min(1, (w - launchWeek) / 1.5 + 0.4)
          : final * (w / WEEKS) ** power;
      const path = (w: number) =>
        slips ? Math.min(healthy(w), (final * w) / WEEKS + beforeLaunch * 0.5) : healthy(w);
      const start = r.int(0, 50);
      const target = start + r.int(20, 400);
      const checkIns = [];
      let confidence = r.int(7, 9);
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(0.1)) continue;
        if (slips && w >= slipWeek) confidence -= r.chance(0.6) ? 1 : 0;
        else if (!slips && r.chance(0.25)) confidence += r.chance(0.5) ? 1 : -1;
        confidence = Math.min(10, Math.max(1, confidence));
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.1, 3) * DAY),
          value: round2(start + Math.max(0, path(w) + r.normal(0, 0.02)) * (target - start)),
          ...(r.chance(0.8) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: Math.max(0, path(WEEKS)),
        owner: `pm${i % 5}`,
        keyResult: {
          id: `kr-${i + 1}`,
          title: r.pick(TITLES),
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
