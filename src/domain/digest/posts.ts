// How a digest is spread over Slack posts: the top-level message carries what a leader reads in 30 seconds,
// capped so it always fits one message; everything else goes, in full, to numbered thread replies. Nothing
// is dropped: the top message carries the counts of what moved to the thread.
import type { ChangedItem, DigestKpiInput, DigestModel, ObjectiveLine } from './types.ts';

export const TOP_WORSENED = 5;
export const TOP_RECOVERED = 5;
export const TOP_KPIS = 5;
export const TOP_MISSING = 8;
/** Up to this many objectives are listed in the top message itself; more go to the thread. */
export const TOP_OBJECTIVES = 10;
/** Lines per thread reply: each line renders to at most 300 characters, so a reply stays far below Slack's limits. */
export const THREAD_PAGE_LINES = 30;
/**
 * A status list longer than this (a big portfolio's first digest can have thousands of items at risk) stops
 * with "…and N more, /okr tree shows them all": ten replies is already more than anyone reads.
 */
export const THREAD_LIST_MAX = 300;

function capped(lines: ThreadLine[]): ThreadLine[] {
  if (lines.length <= THREAD_LIST_MAX) return lines;
  return [
    ...lines.slice(0, THREAD_LIST_MAX - 1),
    { kind: 'more', count: lines.length - (THREAD_LIST_MAX - 1) },
  ];
}

export type ThreadLine =
  | { kind: 'objective'; line: ObjectiveLine }
  | { kind: 'changed'; item: ChangedItem }
  | { kind: 'recovered'; item: ChangedItem }
  | { kind: 'kpi'; kpi: DigestKpiInput }
  | { kind: 'missing'; name: string; count: number }
  /** The end of a list too long to be useful in a thread: how many more, and where to see them all. */
  | { kind: 'more'; count: number };

export interface ThreadPage {
  title: string;
  /** 1-based part number and total, for "(part 2 of 5)". */
  part: number;
  parts: number;
  lines: ThreadLine[];
}

export interface DigestTop {
  header: DigestModel['header'];
  health: Omit<DigestModel['health'], 'checkIns'> & {
    checkIns: {
      done: number;
      due: number;
      missing: Array<{ name: string; count: number }>;
      missingPeople: number;
    };
  };
  changes: DigestModel['changes'] & { worsenedTotal: number; recoveredTotal: number };
  risks: DigestModel['risks'];
  kpis: { shown: DigestKpiInput[]; total: number };
  /** The objectives themselves when few; otherwise only their number (they are in the thread). */
  objectives: { shown: ObjectiveLine[]; total: number };
  /** How many thread replies follow (the chart not included). */
  threadReplies: number;
  withChart: boolean;
}

export interface DigestPosts {
  top: DigestTop;
  thread: ThreadPage[];
}

export function splitDigest(
  model: DigestModel,
  options: { withChart: boolean } = { withChart: true },
): DigestPosts {
  const { changes, health } = model;
  const sections: Array<{ title: string; lines: ThreadLine[] }> = [];
  const objectivesInThread = model.objectives.length > TOP_OBJECTIVES;
  if (objectivesInThread)
    sections.push({
      title: `Objectives (${model.objectives.length})`,
      lines: model.objectives.map((line) => ({ kind: 'objective', line })),
    });
  if (changes.worsened.length > TOP_WORSENED)
    sections.push({
      title: `Also ${changes.since ? 'went at risk or off track' : 'at risk or off track'} (${changes.worsened.length - TOP_WORSENED})`,
      lines: capped(changes.worsened.slice(TOP_WORSENED).map((item) => ({ kind: 'changed', item }))),
    });
  if (changes.recovered.length > TOP_RECOVERED)
    sections.push({
      title: `Also recovered (${changes.recovered.length - TOP_RECOVERED})`,
      lines: capped(changes.recovered.slice(TOP_RECOVERED).map((item) => ({ kind: 'recovered', item }))),
    });
  if (model.kpis.length > TOP_KPIS)
    sections.push({
      title: `Also outside their thresholds (${model.kpis.length - TOP_KPIS})`,
      lines: capped(model.kpis.slice(TOP_KPIS).map((kpi) => ({ kind: 'kpi', kpi }))),
    });
  if (health.checkIns.missing.length > TOP_MISSING)
    sections.push({
      title: `Check-ins still missing this period (${health.checkIns.missing.length} people)`,
      lines: health.checkIns.missing.map((m) => ({ kind: 'missing', name: m.name, count: m.count })),
    });

  const thread: ThreadPage[] = [];
  for (const section of sections) {
    const parts = Math.max(1, Math.ceil(section.lines.length / THREAD_PAGE_LINES));
    for (let part = 1; part <= parts; part++) {
      thread.push({
        title: section.title,
        part,
        parts,
        lines: section.lines.slice((part - 1) * THREAD_PAGE_LINES, part * THREAD_PAGE_LINES),
      });
    }
  }

  return {
    top: {
      header: model.header,
      health: {
        ...health,
        checkIns: {
          done: health.checkIns.done,
          due: health.checkIns.due,
          missing: health.checkIns.missing.slice(0, TOP_MISSING),
          missingPeople: health.checkIns.missing.length,
        },
      },
      changes: {
        ...changes,
        worsened: changes.worsened.slice(0, TOP_WORSENED),
        recovered: changes.recovered.slice(0, TOP_RECOVERED),
        worsenedTotal: changes.worsened.length,
        recoveredTotal: changes.recovered.length,
      },
      risks: model.risks,
      kpis: { shown: model.kpis.slice(0, TOP_KPIS), total: model.kpis.length },
      objectives: { shown: objectivesInThread ? [] : model.objectives, total: model.objectives.length },
      threadReplies: thread.length,
      withChart: options.withChart,
    },
    thread,
  };
}
