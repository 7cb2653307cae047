import { describe, expect, it } from 'vitest';
import {
  better,
  DEFAULT_STATUS_SETTINGS,
  describeStatusRules,
  isWorse,
  resolveStatusSettings,
  worse,
  worstOf,
} from '../../../src/domain/status/index.ts';

describe('status ordering', () => {
  it.each([
    ['at_risk', 'on_track', true],
    ['off_track', 'at_risk', true],
    ['at_risk', 'at_risk', false],
    ['on_track', 'off_track', false],
  ] as const)('orders on_track < at_risk < off_track: %s is worse than %s, %s', (a, b, worseThan) => {
    expect(isWorse(a, b)).toBe(worseThan);
  });

  it('picks the worse, the better and the worst of statuses', () => {
    expect(worse('on_track', 'off_track')).toBe('off_track');
    expect(worse('at_risk', 'on_track')).toBe('at_risk');
    expect(better('at_risk', 'off_track')).toBe('at_risk');
    expect(worstOf([])).toBe('on_track');
    expect(worstOf(['at_risk', 'on_track'])).toBe('at_risk');
  });
});

describe('settings and rules text', () => {
  it('fills defaults and ignores explicit undefined overrides', () => {
    const s = resolveStatusSettings({ atRiskGapPoints: 15, offTrackGapPoints: undefined });
    expect(s.atRiskGapPoints).toBe(15);
    expect(s.offTrackGapPoints).toBe(DEFAULT_STATUS_SETTINGS.offTrackGapPoints);
  });

  it('explains the rules with the numbers in force', () => {
    const text = describeStatusRules();
    expect(text).toContain('Below 80% is at risk, below 50% is off track.');
    expect(text).toContain('more than 12 points behind reads "at risk"');
    expect(text).toContain('4 weeks without one is off track on its own.');
    expect(text).toContain('A shorter silence (2 weeks or more) is shown and weighed');
    const custom = describeStatusRules(
      resolveStatusSettings({ forecastAtRiskBelow: 0.7, checkInPeriodDays: 14 }),
    );
    expect(custom).toContain('Below 70% is at risk');
    expect(custom).toContain('every 14-day period');
  });
});
