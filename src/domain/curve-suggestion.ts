/**
 * Which planned curve to suggest for a key result whose owner has not chosen one. Launches, go-lives,
 * signed contracts and migrations land late: their progress sits near zero until the day it happens, so
 * a straight-line plan makes them look behind all quarter. Words are matched whole, in the title and in
 * the milestones, and the reason names the word found so a PMO can see why.
 */
import type { ProgressCurve } from './status/types.ts';

export interface CurveSuggestion {
  curve: ProgressCurve;
  /** e.g. 'the title mentions "launch"'. */
  because: string;
}

const LAUNCH_WORDS =
  /\b(launch(?:es|ed|ing)?|ship(?:s|ped)?|release[sd]?|go[- ]live|goes live|go live|rollout|roll out|migrat(?:e|es|ed|ion)|cut ?over|general availability|GA|sign(?:s|ed)? (?:[\w-]+ ){0,3}(?:contracts?|deals?|partnerships?|agreements?)|close (?:[\w-]+ ){0,2}(?:deals?|round))\b/i;

export function suggestCurve(kr: {
  title: string;
  milestones?: ReadonlyArray<{ title: string }>;
}): CurveSuggestion | null {
  const inTitle = LAUNCH_WORDS.exec(kr.title);
  if (inTitle) return { curve: 'back_loaded', because: `the title mentions "${inTitle[0]}"` };
  for (const milestone of kr.milestones ?? []) {
    const found = LAUNCH_WORDS.exec(milestone.title);
    if (found) return { curve: 'back_loaded', because: `a milestone mentions "${found[0]}"` };
  }
  return null;
}

/** The note that offers the choice when no curve was given; the suggestion first when there is one. */
export function curveChoiceNote(
  kr: { title: string; milestones?: ReadonlyArray<{ title: string }> },
  howToSet: (curve: ProgressCurve) => string,
): string {
  const suggestion = suggestCurve(kr);
  const options = `${howToSet('back_loaded')} (most progress late), ${howToSet('front_loaded')} (most progress early)`;
  if (suggestion) {
    return (
      `No curve was chosen, so Okra assumes steady, straight-line progress. This looks like a launch (${suggestion.because}): ` +
      `if most of it lands late, make it back-loaded with ${howToSet('back_loaded')}, or it will look behind all quarter.`
    );
  }
  return `No curve was chosen, so Okra assumes steady, straight-line progress. If that is not the plan: ${options}.`;
}
