// Plain straight-ish lines that finish anywhere from a bad miss to a clear beat, measured with small
// independent noise every week by owners whose confidence is roughly right. The easy case.

import { rng } from '../../../devkit/random.ts';
import { DAY, type Family, round2, type SimulatedKeyResult, WEEKS, weekStart } from '../model.ts';

export const steadyPace: Family = {
  name: 'steady-pace',
  about: 'straight-ish lines, small weekly noise, well-calibrated owners',
  generate(seed) {
    const r = rng(seed);
    const owners = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay'];
    const finals = () => r.uniform(0.3, 1.3);
    const keyResults: SimulatedKeyResult[] = [];
    for (let i = 0; i < 30; i++) {
      const final = finals();
      const bend = r.uniform(0.85, 1.2);
      const at = (w: number) => final * (w / WEEKS) ** bend;
      const start = r.int(10, 500);
      const target = start + start * r.uniform(0.3, 1);
      const owner = r.pick(owners);
      const checkIns = [];
      for (let w = 1; w <= WEEKS; w++) {
        if (r.chance(0.08)) continue;
        const attainment = at(w) + r.normal(0, 0.025);
        // Owners read the numbers and what they know about the road ahead, both imperfectly.
        const belief = 0.5 * final + 0.5 * (at(w) / Math.max(0.05, w / WEEKS));
        const confidence = Math.min(10, Math.max(0, Math.round(10 * belief - 1 + r.normal(0, 0.8))));
        checkIns.push({
          at: new Date(weekStart(w).getTime() - r.uniform(0.2, 2.5) * DAY),
          value: round2(start + attainment * (target - start)),
          ...(r.chance(0.85) ? { confidence } : {}),
        });
      }
      keyResults.push({
        trueFinal: Math.max(0, final),
        owner,
        keyResult: {
          id: `kr-${i + 1}`,
          title: `Grow metric ${i + 1}`,
          kind: 'increase',
          start,
          target: round2(target),
          current: null,
          checkIns,
        },
      });
    }
    const history = owners.flatMap((owner) =>
      Array.from({ length: r.int(0, 6) }, () => {
        const final = finals();
        return {
          owner,
          confidences: Array.from({ length: 3 }, () =>
            Math.min(10, Math.max(0, Math.round(10 * final - 1 + r.normal(0, 1)))),
          ),
          final,
        };
      }),
    );
    return { keyResults, history };
  },
};
