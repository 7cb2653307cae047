// Which items a check-in asks an owner about, and pause windows.
import { describe, expect, it } from 'vitest';
import {
  answerPeriod,
  dueItems,
  type PromptableItem,
  parseScope,
  scopeJson,
} from '../../../src/domain/check-ins/due-items.ts';
import { isPaused, pausedUntil } from '../../../src/domain/check-ins/pauses.ts';

const item = (extra: Partial<PromptableItem>): PromptableItem => ({
  type: 'key_result',
  id: 1,
  ownerId: 7,
  objectiveId: 10,
  teamId: 20,
  cadence: 'weekly',
  answeredPeriods: new Set(),
  ...extra,
});

describe('dueItems', () => {
  it('asks the owner about their own unanswered items only', () => {
    const items = [
      item({ id: 1 }),
      item({ id: 2, ownerId: 8 }),
      item({ id: 3, answeredPeriods: new Set(['2026-W07']) }),
    ];
    expect(dueItems(items, 7, { kind: 'everyone' }, '2026-W07', '2026-02-09').map((i) => i.id)).toEqual([1]);
  });

  it('a monthly KPI is asked from the first prompt of its month until a reading for the month arrives', () => {
    const kpi = item({ type: 'kpi', id: 5, objectiveId: null, cadence: 'monthly' });
    expect(dueItems([kpi], 7, { kind: 'everyone' }, '2026-W06', '2026-02-02')).toHaveLength(1);
    expect(dueItems([kpi], 7, { kind: 'everyone' }, '2026-W09', '2026-02-23')).toHaveLength(1);
    const answered = { ...kpi, answeredPeriods: new Set(['2026-02']) };
    expect(dueItems([answered], 7, { kind: 'everyone' }, '2026-W09', '2026-02-23')).toHaveLength(0);
    expect(dueItems([answered], 7, { kind: 'everyone' }, '2026-W10', '2026-03-02')).toHaveLength(1);
    expect(answerPeriod(kpi, '2026-W10', '2026-03-02')).toBe('2026-03');
  });

  it('scope by team or objective; KPIs have no objective', () => {
    const items = [
      item({ id: 1 }),
      item({ id: 2, teamId: 21, objectiveId: 11 }),
      item({ type: 'kpi', id: 3, objectiveId: null }),
    ];
    const ids = (scope: Parameters<typeof dueItems>[2]) =>
      dueItems(items, 7, scope, '2026-W07', '2026-02-09').map((i) => `${i.type}:${i.id}`);
    expect(ids({ kind: 'teams', teamIds: [20] })).toEqual(['key_result:1', 'kpi:3']);
    expect(ids({ kind: 'objectives', objectiveIds: [11] })).toEqual(['key_result:2']);
  });

  it('scope JSON round-trips and anything unreadable means everyone', () => {
    for (const scope of [
      { kind: 'everyone' as const },
      { kind: 'teams' as const, teamIds: [1, 2] },
      { kind: 'objectives' as const, objectiveIds: [3] },
    ])
      expect(parseScope(scopeJson(scope))).toEqual(scope);
    expect(parseScope('not json')).toEqual({ kind: 'everyone' });
    expect(parseScope('{"teams": []}')).toEqual({ kind: 'everyone' });
  });
});

describe('pauses', () => {
  const pauses = [{ from: '2026-02-09', until: '2026-02-15' }];
  it('covers its first and last day inclusive', () => {
    expect(isPaused(pauses, '2026-02-08')).toBe(false);
    expect(isPaused(pauses, '2026-02-09')).toBe(true);
    expect(isPaused(pauses, '2026-02-15')).toBe(true);
    expect(isPaused(pauses, '2026-02-16')).toBe(false);
    expect(pausedUntil([...pauses, { from: '2026-02-01', until: '2026-03-01' }], '2026-02-10')).toBe(
      '2026-03-01',
    );
    expect(pausedUntil(pauses, '2026-02-16')).toBeNull();
  });
});
