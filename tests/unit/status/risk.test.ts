import { describe, expect, it } from 'vitest';
import {
  rankOpenRisks,
  resolveStatusSettings,
  riskScore,
  shouldEscalate,
} from '../../../src/domain/status/index.ts';

describe('risk scoring', () => {
  it('multiplies likelihood by impact, clamping ratings to 1–5', () => {
    expect(riskScore({ likelihood: 3, impact: 5 })).toBe(15);
    expect(riskScore({ likelihood: 9, impact: 0 })).toBe(5);
    expect(riskScore({ likelihood: 2.6, impact: Number.NaN })).toBe(3);
  });

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
