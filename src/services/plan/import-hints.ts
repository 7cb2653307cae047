// Advice on an imported plan that does not stop the import: the same SMART hints `/okr kr add` gives, once
// per key result, and a single note when the whole cycle has already ended.

import { curveChoiceNote } from '../../domain/curve-suggestion.ts';
import { isoFromDate } from '../../domain/dates.ts';
import { qualityHints } from '../../domain/kr-quality.ts';
import { formatPath, type Plan } from '../../plan/index.ts';

export interface ImportHint {
  path: string;
  /** The key result's ref, when the hint is about one. */
  ref?: string;
  message: string;
}

export function importHints(plan: Plan, now: Date): ImportHint[] {
  const hints: ImportHint[] = [];
  if (isoFromDate(now) > plan.cycle.end) {
    hints.push({
      path: 'cycle.end',
      message: `The cycle ended on ${plan.cycle.end}: there is no time left to move its key results.`,
    });
  }
  plan.objectives.forEach((objective, i) => {
    objective.key_results.forEach((kr, j) => {
      const path = formatPath(['objectives', i, 'key_results', j]);
      // Without the cycle: that it ended is said once for the whole plan, above.
      for (const hint of qualityHints(kr, undefined, now))
        hints.push({ path, ...(kr.ref ? { ref: kr.ref } : {}), message: hint.message });
      if (
        kr.curve === undefined &&
        (kr.kind === 'increase' || kr.kind === 'decrease' || kr.kind === 'milestone')
      ) {
        hints.push({
          path,
          ...(kr.ref ? { ref: kr.ref } : {}),
          message: curveChoiceNote(kr, (curve) => `\`curve: ${curve}\``),
        });
      }
    });
  });
  return hints;
}
