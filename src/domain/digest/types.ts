// The digest's inputs and output: plain data, read from stored statuses by the service and turned into
// Block Kit by the Slack layer. Nothing here knows about Slack or the database.
import type { StatusLevel } from '../status/index.ts';

export type DigestScope =
  | { kind: 'everything' }
  | { kind: 'team'; teamId: number; teamName: string }
  | { kind: 'objective'; objectiveId: number; ref: string };

export type StatusCounts = Record<StatusLevel, number>;

export interface DigestObjectiveInput {
  id: number;
  ref: string;
  title: string;
  teamName: string | null;
  ownerName: string | null;
  /** Stored status; null when the item has not been evaluated yet (created since the last sweep). */
  status: StatusLevel | null;
  reasons: readonly string[];
  /** 0..1 (capped), null when nothing below it is measured. */
  progress: number | null;
}

export interface DigestKeyResultInput {
  id: number;
  ref: string;
  title: string;
  objectiveId: number;
  ownerName: string | null;
  status: StatusLevel | null;
  reasons: readonly string[];
  progress: number | null;
  checkedInThisPeriod: boolean;
  latestComment: string | null;
}

export interface DigestRiskInput {
  ref: string;
  title: string;
  description: string;
  score: number;
  ownerName: string | null;
  /** Short id of what it threatens, e.g. KR-3. */
  on: string | null;
}

export interface DigestKpiInput {
  ref: string;
  title: string;
  unit: string;
  value: number | null;
  band: 'green' | 'amber' | 'red' | null;
  status: StatusLevel | null;
  reasons: readonly string[];
  ownerName: string | null;
}

/** What a posted digest remembers, so the next one can say what changed whatever happened in between. */
export interface DigestSnapshot {
  version: 1;
  period: string;
  cycleId: number;
  /** Portfolio progress and the plan's expectation, 0..1. */
  progress: number;
  expected: number;
  /** Per item short id: [severity 0 on track / 1 at risk / 2 off track, progress in per mille or -1]. */
  items: Record<string, [number, number]>;
  /** Per cycle week (1-based) seen by this subscription's digests: key-result status counts and progress. */
  history: Array<{ week: number; counts: StatusCounts | null; progress: number }>;
}

export interface DigestInput {
  at: Date;
  /** The period this digest is for, e.g. 2026-W07. */
  period: string;
  cycle: { id: number; name: string; start: Date; end: Date };
  scope: DigestScope;
  objectives: readonly DigestObjectiveInput[];
  keyResults: readonly DigestKeyResultInput[];
  risks: readonly DigestRiskInput[];
  kpis: readonly DigestKpiInput[];
  /** Portfolio progress at the end of each cycle week so far (the last one is "now"), 0..1; null when unknown. */
  progressByWeek: ReadonlyArray<number | null>;
  /** The plan's expectation at the end of every cycle week, 0..1. */
  expectedByWeek: readonly number[];
  /** The plan's expectation now. */
  expected: number;
  previous: DigestSnapshot | null;
}

export interface ChangedItem {
  ref: string;
  title: string;
  status: StatusLevel;
  /** null when the item is new since the previous digest (or there is none). */
  previous: StatusLevel | null;
  reasons: string[];
  ownerName: string | null;
  latestComment: string | null;
}

export interface Mover {
  ref: string;
  title: string;
  /** 0..1 */
  from: number;
  to: number;
}

export interface ObjectiveLine {
  ref: string;
  title: string;
  teamName: string | null;
  status: StatusLevel | null;
  progress: number | null;
}

export interface DigestModel {
  header: { cycleName: string; week: number; weeks: number; scopeLabel: string; period: string };
  health: {
    objectives: StatusCounts;
    keyResults: StatusCounts;
    /** Items without a stored status yet. */
    unrated: number;
    progress: number;
    expected: number;
    checkIns: { done: number; due: number; missing: Array<{ name: string; count: number }> };
  };
  changes: {
    /** The period of the previous digest, or null for the first one. */
    since: string | null;
    /** Went at risk or off track since then (the first digest lists everything that needs attention). */
    worsened: ChangedItem[];
    recovered: ChangedItem[];
    moversUp: Mover[];
    moversDown: Mover[];
  };
  risks: { top: DigestRiskInput[]; open: number };
  kpis: DigestKpiInput[];
  objectives: ObjectiveLine[];
  chart: {
    title: string;
    weeks: Array<{ label: string; actual: number | null; expected: number; counts: StatusCounts | null }>;
  };
  snapshot: DigestSnapshot;
}
