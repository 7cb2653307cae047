import { describe, expect, it } from 'vitest';
import {
  rankOpenRisks,
  resolveStatusSettings,
  riskScore,
  shouldEscalate,
} from '../../../src/domain/status/index.ts';

describe('risk scoring', () => {
  it.each([
    [3, 5, 15],
    [9, 0, 5],
    [2.6, Number.NaN, 3],
  ])(
    'multiplies likelihood by impact, clamping ratings to 1–5: %d × %d scores %d',
    (likelihood, impact, score) => {
      expect(riskScore({ likelihood, impact })).toBe(score);
    },
  );

  it('escalates at 15 or when linked to an off-track item', () => {
    expect(shouldEscalate({ score: 15 })).toBe(true);
    expect(shouldEscalate({ score: 14 })).toBe(false);
    expect(shouldEscalate({ score: 4, linkedItemStatus: 'off_track' })).toBe(true);
    expect(shouldEscalate({ score: 4, linkedItemStatus: 'at_risk' })).toBe(false);
    const strict = resolveStatusSettings({ riskEscalationScore: 20, escalateRisksLinkedToOffTrack: false });
    expect(shouldEscalate({ score: 16, linkedItemStatus: 'off_track' }, strict)).toBe(false);
  });

  it('ranks open risks by score, then impact, dropping closed ones', () => {
    const ranked = rankOpenRisks([
      { id: 'a', title: 'a', likelihood: 2, impact: 2 },
      { id: 'b', title: 'b', likelihood: 4, impact: 2 },
      { id: 'c', title: 'c', likelihood: 2, impact: 4 },
      { id: 'd', title: 'd', likelihood: 5, impact: 5, state: 'closed' },
      { id: 'e', title: 'e', likelihood: 5, impact: 4, state: 'open' },
    ]);
    expect(ranked.map((r) => `${r.id}:${r.score}`)).toEqual(['e:20', 'c:8', 'b:8', 'a:4']);
  });
});
