// Which items a check-in asks an owner about: their active key results and KPIs in the schedule's scope,
// each until it is answered for the period. A monthly KPI is asked from the first prompt of its month
// until a reading for that month arrives.
import { z } from 'zod';

export type ScheduleScope =
  | { kind: 'everyone' }
  | { kind: 'teams'; teamIds: number[] }
  | { kind: 'objectives'; objectiveIds: number[] };

const ScopeJson = z.union([
  z.object({ teams: z.array(z.number().int()).min(1) }),
  z.object({ objectives: z.array(z.number().int()).min(1) }),
  z.object({}),
]);

/** The stored form is JSON: {} for everyone, {"teams": [ids]} or {"objectives": [ids]}. */
export function parseScope(json: string): ScheduleScope {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { kind: 'everyone' };
  }
  const parsed = ScopeJson.safeParse(raw);
  if (!parsed.success) return { kind: 'everyone' };
  const data = parsed.data as { teams?: number[]; objectives?: number[] };
  if (data.teams) return { kind: 'teams', teamIds: data.teams };
  if (data.objectives) return { kind: 'objectives', objectiveIds: data.objectives };
  return { kind: 'everyone' };
}

export function scopeJson(scope: ScheduleScope): string {
  if (scope.kind === 'teams') return JSON.stringify({ teams: scope.teamIds });
  if (scope.kind === 'objectives') return JSON.stringify({ objectives: scope.objectiveIds });
  return '{}';
}

export interface PromptableItem {
  type: 'key_result' | 'kpi';
  id: number;
  ownerId: number | null;
  /** The key result's objective; null for KPIs. */
  objectiveId: number | null;
  /** The team of the key result's objective, or the KPI's team. */
  teamId: number | null;
  /** KPIs only. */
  cadence: 'weekly' | 'monthly';
  /** Periods the item already has an answer for: check-in weeks, or KPI reading periods. */
  answeredPeriods: ReadonlySet<string>;
}

export function inScope(item: PromptableItem, scope: ScheduleScope): boolean {
  switch (scope.kind) {
    case 'everyone':
      return true;
    case 'teams':
      return item.teamId !== null && scope.teamIds.includes(item.teamId);
    case 'objectives':
      return item.objectiveId !== null && scope.objectiveIds.includes(item.objectiveId);
  }
}

/** The period an answer to a prompt is filed under: the prompt's ISO week, or its month for monthly KPIs. */
export function answerPeriod(
  item: Pick<PromptableItem, 'type' | 'cadence'>,
  week: string,
  localDate: string,
): string {
  return item.type === 'kpi' && item.cadence === 'monthly' ? localDate.slice(0, 7) : week;
}

/**
 * The items due for one owner at a prompt of `week` sent on `localDate`: theirs, in scope, and not yet
 * answered for the period the answer would be filed under. Callers pass only active items of the
 * current cycle (archived items and past cycles never reach here).
 */
export function dueItems(
  items: readonly PromptableItem[],
  ownerId: number,
  scope: ScheduleScope,
  week: string,
  localDate: string,
): PromptableItem[] {
  return items.filter(
    (item) =>
      item.ownerId === ownerId &&
      inScope(item, scope) &&
      !item.answeredPeriods.has(answerPeriod(item, week, localDate)),
  );
}
