// How large a plan file Okra reads. Reading YAML costs about 100 times the file's size in memory (a 10 MB
// plan, the largest benchmark: 2,000 objectives, 10,000 key results and 120,000 check-ins, peaks near
// 1 GB), so an unbounded file could take the whole machine down. The limits sit well above that plan.
import type { PlanProblem } from './problems.ts';

export const PLAN_LIMITS = {
  bytes: 20_000_000,
  objectives: 10_000,
  keyResults: 50_000,
  checkIns: 600_000,
  kpis: 5_000,
  readings: 600_000,
  risks: 20_000,
  teams: 2_000,
} as const;

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Checked before parsing: a file over the limit is not read at all. */
export function sizeProblem(bytes: number): PlanProblem | undefined {
  if (bytes <= PLAN_LIMITS.bytes) return undefined;
  return {
    path: '',
    message: `The plan is ${megabytes(bytes)}; Okra reads plans of up to ${megabytes(PLAN_LIMITS.bytes)}. Split it by cycle, or leave out old check-ins. Nothing was imported.`,
  };
}

type Raw = { objectives?: unknown; kpis?: unknown; risks?: unknown; teams?: unknown };

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const listsIn = (items: unknown, key: string) =>
  Array.isArray(items) ? items.map((item) => (item as Record<string, unknown> | null)?.[key]) : [];
const total = (lists: unknown[]) => lists.reduce<number>((sum, list) => sum + lengthOf(list), 0);

/** Checked before validating, on the raw data: how many items of each kind, against the limits. */
export function countProblems(data: unknown): PlanProblem[] {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Raw;
  const keyResults = listsIn(raw.objectives, 'key_results');
  const counts: Array<[keyof typeof PLAN_LIMITS, string, number]> = [
    ['objectives', 'objectives', lengthOf(raw.objectives)],
    ['keyResults', 'key results', total(keyResults)],
    ['checkIns', 'check-ins', total(keyResults.flatMap((list) => listsIn(list, 'check_ins')))],
    ['kpis', 'KPIs', lengthOf(raw.kpis)],
    ['readings', 'KPI readings', total(listsIn(raw.kpis, 'readings'))],
    ['risks', 'risks', lengthOf(raw.risks)],
    ['teams', 'teams', lengthOf(raw.teams)],
  ];
  return counts
    .filter(([limit, , count]) => count > PLAN_LIMITS[limit])
    .map(([limit, name, count]) => ({
      path: '',
      message: `The plan has ${count.toLocaleString('en-US')} ${name}; Okra imports up to ${PLAN_LIMITS[limit].toLocaleString('en-US')} in one plan. Nothing was imported.`,
    }));
}
