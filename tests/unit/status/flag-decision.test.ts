import { describe, expect, it } from 'vitest';
import { decideFlag, flagEpisodeKey, inGracePeriod } from '../../../src/domain/status/index.ts';

describe('decideFlag', () => {
  it('flags worsening', () => {
    expect(decideFlag('on_track', 'at_risk')).toEqual({ flag: true, kind: 'worsened' });
    expect(decideFlag('on_track', 'off_track')).toEqual({ flag: true, kind: 'worsened' });
    expect(decideFlag('at_risk', 'off_track')).toEqual({ flag: true, kind: 'worsened' });
  });

  it('calls a KPI entering red a breach', () => {
    expect(decideFlag('at_risk', 'off_track', 'kpi')).toEqual({ flag: true, kind: 'breach' });
    expect(decideFlag(null, 'off_track', 'kpi')).toEqual({ flag: true, kind: 'breach' });
    expect(decideFlag('on_track', 'at_risk', 'kpi')).toEqual({ flag: true, kind: 'worsened' });
  });

  it('flags each transition once: the same status again is unchanged', () => {
    expect(decideFlag('off_track', 'off_track')).toEqual({ flag: false, kind: 'unchanged' });
    expect(decideFlag('off_track', 'off_track', 'kpi')).toEqual({ flag: false, kind: 'unchanged' });
    expect(decideFlag('at_risk', 'at_risk')).toEqual({ flag: false, kind: 'unchanged' });
  });

  it('notes improvements without flagging', () => {
    expect(decideFlag('off_track', 'at_risk')).toEqual({ flag: false, kind: 'improved' });
    expect(decideFlag('at_risk', 'on_track', 'kpi')).toEqual({ flag: false, kind: 'improved' });
  });

  it('compares a first sighting with on track', () => {
    expect(decideFlag(undefined, 'on_track')).toEqual({ flag: false, kind: 'unchanged' });
    expect(decideFlag(null, 'at_risk')).toEqual({ flag: true, kind: 'worsened' });
  });
});

describe('grace period and flag episodes', () => {
  const DAY = 86_400_000;
  const now = new Date('2026-02-11T10:00:00Z');

  it('records a worsening without a flag while the item is in its grace period', () => {
    expect(decideFlag(null, 'off_track', 'key_result', true)).toEqual({ flag: false, kind: 'grace' });
    expect(decideFlag('on_track', 'at_risk', 'kpi', true)).toEqual({ flag: false, kind: 'grace' });
    expect(decideFlag('at_risk', 'on_track', 'kpi', true)).toEqual({ flag: false, kind: 'improved' });
  });

  it('gives grace for one period after creation, and none for an unknown or future creation time', () => {
    const week = 7 * DAY;
    expect(inGracePeriod(new Date(now.getTime() - 6 * DAY), now, week)).toBe(true);
    expect(inGracePeriod(new Date(now.getTime() - 7 * DAY), now, week)).toBe(false);
    expect(inGracePeriod(null, now, week)).toBe(false);
    expect(inGracePeriod(new Date(now.getTime() + DAY), now, week)).toBe(false);
  });

  it('keys a flag by the moment the status was reached, so a relapse is a new flag', () => {
    const first = flagEpisodeKey('key_result', 4, 'off_track', new Date('2026-02-10T09:00:00Z'));
    const relapse = flagEpisodeKey('key_result', 4, 'off_track', new Date('2026-02-12T09:00:00Z'));
    expect(first).toBe('flag:key_result:4:off_track:2026-02-10T09:00:00.000Z');
    expect(relapse).not.toBe(first);
  });
});
