// A loose floor on the status evaluation (bench/status-eval): not a target to tune against, only a
// tripwire for a change that breaks the engine outright. The figures themselves come from
// `npm run bench:status` and are reported in the README.
import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, evaluateFamily, figures } from '../../../bench/status-eval/evaluate.ts';
import { HELD_OUT, seedsFor, TUNED } from '../../../bench/status-eval/families/index.ts';
import { JUDGES } from '../../../bench/status-eval/rules.ts';

describe('status evaluation floor (10 seeds per family, week 6)', () => {
  const pooled = [...TUNED, ...HELD_OUT]
    .map((family) => evaluateFamily(family, seedsFor(family, 10), [6], JUDGES)[0] ?? [])
    .reduce((sum, row) => sum.map((t, i) => addTally(t, row[i] ?? emptyTally())), JUDGES.map(emptyTally));
  const [okra, pace] = pooled.map(figures);

  it('catches most failing key results with few false alarms, and forecasts better than the pace rule', () => {
    expect(okra?.recall).toBeGreaterThan(0.7);
    expect(okra?.falseAlarms).toBeLessThan(0.25);
    expect(okra?.mae).toBeLessThan(pace?.mae ?? 0);
  });
});
