// What flags and escalations tell people, as plain data: the outbox stores it as the notice payload and the
// renderers in src/slack/notices turn it into messages at delivery time.
import type { StatusLevel } from '../domain/status/index.ts';

export type FlaggedType = 'key_result' | 'objective' | 'kpi';

export interface FlagNotice {
  type: FlaggedType;
  ref: string;
  title: string;
  status: StatusLevel;
  previous: StatusLevel | null;
  reasons: readonly string[];
  /** The numbers behind the status, plain text, e.g. "42% done vs 60% expected · confidence 3/10". */
  detail: string;
  ownerSlackId: string | null;
}

export interface EscalationNotice {
  ref: string;
  title: string;
  score: number;
  likelihood: number;
  impact: number;
  ownerSlackId: string | null;
  linked: { ref: string; title: string; status: StatusLevel | null } | null;
  /** Why it escalated: its score, its linked item being off track, or both. */
  because: { score: boolean; offTrack: boolean };
}

/** New items first seen together (a plan loaded): counted for the PMO in one message, not one line each. */
export interface NewItemsNotice {
  items: ReadonlyArray<{ ref: string; status: StatusLevel }>;
  /** When the grace period of the newest item ends (YYYY-MM-DD). */
  graceEnds: string;
}

/** Renderer kinds (src/slack/notices) for these payloads. */
export const NOTICE_KIND = {
  flagOwner: 'flag-owner',
  flagPmo: 'flag-pmo',
  escalation: 'escalation',
  newItems: 'new-items',
} as const;
