// Who does what in the demo week. Everyone not listed here answers their prompt on the same morning,
// with numbers on their key result's usual pace (scenario/answers.ts).
import { PEOPLE as P } from '../company/people.ts';

export type When =
  /** Answers this many minutes after the Monday prompt (drawn from the seed within the range). */
  | { after: 'prompt'; minutes: [number, number] }
  /** Answers only after the first (Tuesday) or second (Thursday) reminder. */
  | { after: 'reminder'; which: 1 | 2; minutes: [number, number] }
  | { after: 'never' };

export interface Twist {
  /** The first submission has this text for the value of this key result; Slack shows the error inline. */
  typo?: { keyResult: string; text: string };
  /** This key result drops: the value reached `share` of what was expected, with this confidence and comment. */
  slump?: { keyResult: string; share: number; confidence: number; comment: string };
  /** A risk raised in the check-in form (the "blockers" section). */
  risk?: { title: string; likelihood: number; impact: number; on: string };
}

export interface Role {
  when: When;
  twist?: Twist;
  /** One line for the transcript: why this person behaves so. */
  story?: string;
}

export const ON_TIME: When = { after: 'prompt', minutes: [5, 150] };

export const CAST: Record<string, Role> = {
  [P.ethan.id]: {
    when: { after: 'prompt', minutes: [40, 90] },
    twist: {
      slump: {
        keyResult: 'gr-demos',
        share: 0.45,
        confidence: 2,
        comment: 'Two SDRs resigned last week; demos halved while we backfill.',
      },
    },
    story: 'his demos key result slumps: it goes off track',
  },
  [P.olivia.id]: {
    when: { after: 'prompt', minutes: [20, 60] },
    twist: { typo: { keyResult: 'gr-webinars', text: 'two-ish' } },
    story: 'types a word where a number belongs, and fixes it when Okra says so',
  },
  [P.ananya.id]: {
    when: { after: 'prompt', minutes: [30, 120] },
    twist: {
      risk: {
        title: 'Nordline, our largest customer, is trialling a competitor',
        likelihood: 4,
        impact: 5,
        on: 'co-nrr',
      },
    },
    story: 'raises a risk in her check-in: its score gets it escalated',
  },
  [P.noah.id]: {
    when: { after: 'reminder', which: 1, minutes: [30, 180] },
    story: 'answers after the Tuesday reminder',
  },
  [P.kavya.id]: {
    when: { after: 'reminder', which: 2, minutes: [60, 240] },
    story: 'answers after the Thursday reminder',
  },
  [P.tobias.id]: { when: { after: 'never' }, story: 'is at a conference all week and never checks in' },
};
