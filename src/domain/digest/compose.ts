// The digest, from what is stored: health at a glance, what changed since the previous digest and why,
// the top risks, KPIs outside their thresholds and one line per objective. Pure: same input, same digest.
import { isWorse, STATUS_LEVELS, type StatusLevel, severity, statusLabel } from '../status/index.ts';
import { cycleWeekCount, cycleWeekOf } from './cycle-weeks.ts';
import type {
  ChangedItem,
  DigestInput,
  DigestKeyResultInput,
  DigestModel,
  DigestObjectiveInput,
  DigestSnapshot,
  Mover,
  StatusCounts,
} from './types.ts';

/** A move smaller than this (5 points) is noise, not news. */
export const MOVER_THRESHOLD = 0.05;
export const MOVERS_SHOWN = 3;
export const TOP_RISKS = 5;
const REASONS_KEPT = 2;

export function composeDigest(input: DigestInput): DigestModel {
  const weeks = cycleWeekCount(input.cycle);
  const week = cycleWeekOf(input.cycle, input.at);
  const objectives = countStatuses(input.objectives);
  const keyResults = countStatuses(input.keyResults);
  const unrated =
    input.objectives.filter((o) => o.status === null).length +
    input.keyResults.filter((k) => k.status === null).length;
  const progress = input.progressByWeek.at(-1) ?? 0;
  const previousItems = input.previous?.cycleId === input.cycle.id ? input.previous.items : null;
  // Every week so far: its progress (from earlier digests or worked out from check-ins) and, for weeks a
  // digest was taken, its status counts. The next digest reads the earlier weeks from here.
  const remembered = new Map(
    (input.previous?.cycleId === input.cycle.id ? input.previous.history : []).map((h) => [h.week, h]),
  );
  const history: DigestSnapshot['history'] = [];
  for (let w = 1; w <= week; w++) {
    const known = remembered.get(w);
    const weekProgress = w === week ? progress : (input.progressByWeek[w - 1] ?? known?.progress ?? null);
    const counts = w === week ? keyResults : (known?.counts ?? null);
    if (weekProgress !== null) history.push({ week: w, counts, progress: weekProgress });
  }

  const snapshot: DigestSnapshot = {
    version: 1,
    period: input.period,
    cycleId: input.cycle.id,
    progress,
    expected: input.expected,
    items: snapshotItems(input),
    history,
  };

  return {
    header: {
      cycleName: input.cycle.name,
      week,
      weeks,
      scopeLabel: scopeLabel(input.scope),
      period: input.period,
    },
    health: {
      objectives,
      keyResults,
      unrated,
      progress,
      expected: input.expected,
      checkIns: checkInCompletion(input.keyResults),
    },
    changes: {
      since: previousItems ? (input.previous?.period ?? null) : null,
      worsened: worsened(input, previousItems),
      recovered: recovered(input, previousItems),
      ...movers(input.keyResults, previousItems),
    },
    risks: {
      top: [...input.risks]
        .sort((a, b) => b.score - a.score || refNumber(a.ref) - refNumber(b.ref))
        .slice(0, TOP_RISKS),
      open: input.risks.length,
    },
    kpis: input.kpis
      .filter(
        (kpi) =>
          kpi.band === 'amber' || kpi.band === 'red' || (kpi.status !== null && kpi.status !== 'on_track'),
      )
      .sort((a, b) => bandRank(b.band) - bandRank(a.band) || refNumber(a.ref) - refNumber(b.ref)),
    objectives: input.objectives.map((o) => ({
      ref: o.ref,
      title: o.title,
      teamName: o.teamName,
      status: o.status,
      progress: o.progress,
    })),
    chart: {
      title: `${input.cycle.name} · ${scopeLabel(input.scope)}`,
      weeks: Array.from({ length: weeks }, (_, i) => ({
        label: `W${i + 1}`,
        actual: input.progressByWeek[i] ?? null,
        expected: i + 1 === week ? input.expected : (input.expectedByWeek[i] ?? 1),
        counts: history.find((h) => h.week === i + 1)?.counts ?? null,
      })),
    },
    snapshot,
  };
}

export function scopeLabel(scope: DigestInput['scope']): string {
  switch (scope.kind) {
    case 'everything':
      return 'everything';
    case 'team':
      return `team ${scope.teamName}`;
    case 'objective':
      return `objective ${scope.ref} and what is aligned to it`;
  }
}

export function emptyCounts(): StatusCounts {
  return { on_track: 0, at_risk: 0, off_track: 0 };
}

function countStatuses(items: ReadonlyArray<{ status: StatusLevel | null }>): StatusCounts {
  const counts = emptyCounts();
  for (const item of items) if (item.status) counts[item.status] += 1;
  return counts;
}

/** Key results that had a check-in this period, and the owners still missing one (by name, most first). */
function checkInCompletion(keyResults: readonly DigestKeyResultInput[]): DigestModel['health']['checkIns'] {
  const missing = new Map<string, number>();
  let done = 0;
  for (const kr of keyResults) {
    if (kr.checkedInThisPeriod) done += 1;
    else {
      const name = kr.ownerName?.trim() || 'no owner';
      missing.set(name, (missing.get(name) ?? 0) + 1);
    }
  }
  return {
    done,
    due: keyResults.length,
    missing: [...missing]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

const PROGRESS_UNKNOWN = -1;

function snapshotItems(input: DigestInput): DigestSnapshot['items'] {
  const items: DigestSnapshot['items'] = {};
  for (const item of [...input.objectives, ...input.keyResults]) {
    if (!item.status) continue;
    items[item.ref] = [
      severity(item.status),
      item.progress === null ? PROGRESS_UNKNOWN : Math.round(item.progress * 1000),
    ];
  }
  return items;
}

type Item = (DigestObjectiveInput | DigestKeyResultInput) & { status: StatusLevel };

function ratedItems(input: DigestInput): Item[] {
  return [...input.objectives, ...input.keyResults].filter((item): item is Item => item.status !== null);
}

const levelAt = (severityIndex: number | undefined): StatusLevel | null =>
  severityIndex === undefined ? null : (STATUS_LEVELS[severityIndex] ?? null);

/**
 * Whether an item is news in this digest: it went at risk or off track since the previous digest (with no
 * previous digest, everything at risk or off track is), or it recovered. Only these items show their reasons,
 * so the service reads reasons for these alone.
 */
export function changeSince(
  item: { ref: string; status: StatusLevel | null },
  previous: DigestSnapshot['items'] | null,
): 'worsened' | 'recovered' | null {
  if (item.status === null) return null;
  const before = levelAt(previous?.[item.ref]?.[0]);
  if (item.status !== 'on_track' && (previous === null || before === null || isWorse(item.status, before)))
    return 'worsened';
  if (previous !== null && before !== null && isWorse(before, item.status)) return 'recovered';
  return null;
}

/**
 * What went at risk or off track since the previous digest. With no previous digest, everything at risk
 * or off track "needs attention". Worst first, objectives before their key results.
 */
function worsened(input: DigestInput, previous: DigestSnapshot['items'] | null): ChangedItem[] {
  return ratedItems(input)
    .filter((item) => changeSince(item, previous) === 'worsened')
    .map((item) => ({ item, before: levelAt(previous?.[item.ref]?.[0]) }))
    .sort(
      (a, b) =>
        severity(b.item.status) - severity(a.item.status) ||
        kindRank(a.item.ref) - kindRank(b.item.ref) ||
        refNumber(a.item.ref) - refNumber(b.item.ref),
    )
    .map(({ item, before }) => changed(item, before));
}

function recovered(input: DigestInput, previous: DigestSnapshot['items'] | null): ChangedItem[] {
  if (!previous) return [];
  return ratedItems(input)
    .filter((item) => changeSince(item, previous) === 'recovered')
    .map((item) => ({ item, before: levelAt(previous[item.ref]?.[0]) }))
    .sort(
      (a, b) => kindRank(a.item.ref) - kindRank(b.item.ref) || refNumber(a.item.ref) - refNumber(b.item.ref),
    )
    .map(({ item, before }) => changed(item, before));
}

function changed(item: Item, before: StatusLevel | null): ChangedItem {
  return {
    ref: item.ref,
    title: item.title,
    status: item.status,
    previous: before,
    reasons: item.reasons.slice(0, REASONS_KEPT),
    ownerName: item.ownerName,
    latestComment: 'latestComment' in item ? item.latestComment : null,
  };
}

/** Key results whose progress moved most, up and down, since the previous digest. */
function movers(
  keyResults: readonly DigestKeyResultInput[],
  previous: DigestSnapshot['items'] | null,
): { moversUp: Mover[]; moversDown: Mover[] } {
  if (!previous) return { moversUp: [], moversDown: [] };
  const moves: Mover[] = [];
  for (const kr of keyResults) {
    const before = previous[kr.ref]?.[1];
    if (before === undefined || before === PROGRESS_UNKNOWN || kr.progress === null) continue;
    const from = before / 1000;
    if (Math.abs(kr.progress - from) >= MOVER_THRESHOLD)
      moves.push({ ref: kr.ref, title: kr.title, from, to: kr.progress });
  }
  const delta = (m: Mover) => m.to - m.from;
  return {
    moversUp: moves
      .filter((m) => delta(m) > 0)
      .sort((a, b) => delta(b) - delta(a) || refNumber(a.ref) - refNumber(b.ref))
      .slice(0, MOVERS_SHOWN),
    moversDown: moves
      .filter((m) => delta(m) < 0)
      .sort((a, b) => delta(a) - delta(b) || refNumber(a.ref) - refNumber(b.ref))
      .slice(0, MOVERS_SHOWN),
  };
}

function refNumber(ref: string): number {
  return Number(/(\d+)$/.exec(ref)?.[1] ?? 0);
}

function kindRank(ref: string): number {
  return ref.startsWith('O-') ? 0 : 1;
}

function bandRank(band: 'green' | 'amber' | 'red' | null): number {
  return band === 'red' ? 2 : band === 'amber' ? 1 : 0;
}

/** "at risk (was on track)" — used by the text fallback and the blocks alike. */
export function transitionLabel(item: Pick<ChangedItem, 'status' | 'previous'>): string {
  return item.previous
    ? `${statusLabel(item.status)} (was ${statusLabel(item.previous)})`
    : statusLabel(item.status);
}
