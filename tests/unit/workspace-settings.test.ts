import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_SETTINGS, resolveStatusSettings } from '../../src/domain/status/settings.ts';
import { storedOverrides, workspaceSettings } from '../../src/services/stored-settings.ts';
import {
  crossFieldProblem,
  formatSettingValue,
  parseSettingValue,
  pmoChannelSetting,
  SETTING_GROUPS,
  SETTING_NAMES,
  settingMeaning,
  settingNamed,
  unknownSettingMessage,
  withOverride,
} from '../../src/services/workspace-settings.ts';

const env = (pmoChannel?: string) => ({ pmoChannel, defaultTimeZone: 'UTC' });

describe('the settings catalog', () => {
  it('groups every status setting exactly once', () => {
    const grouped = SETTING_GROUPS.flatMap((group) => group.names);
    expect([...grouped].sort()).toEqual([...SETTING_NAMES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('explains each setting with its one-line doc comment from settings.ts', () => {
    const source = readFileSync(join(import.meta.dirname, '../../src/domain/status/settings.ts'), 'utf8');
    const oneLiners = [...source.matchAll(/\/\*\* (.+?) \*\/\n\s+(\w+):/g)];
    expect(oneLiners.length).toBeGreaterThan(15);
    for (const [, comment, name] of oneLiners) {
      const key = settingNamed(name!);
      expect(key, name).toBeDefined();
      // Comments that continue into the next one ("...") are rewritten to stand alone.
      if (comment!.includes('...')) expect(settingMeaning(key!)).not.toContain('...');
      else expect(settingMeaning(key!)).toBe(comment);
    }
  });

  it('matches names in any case and suggests the closest for a typo, with the list', () => {
    expect(settingNamed('atriskgappoints')).toBe('atRiskGapPoints');
    expect(settingNamed('nope')).toBeUndefined();
    const message = unknownSettingMessage('atRiskGapPonts');
    expect(message).toContain('Did you mean atRiskGapPoints?');
    expect(message).toContain('escalateRisksLinkedToOffTrack');
  });
});

describe('parsing a value', () => {
  it('accepts points, confidences, shares (also as percentages), periods and switches', () => {
    expect(parseSettingValue('atRiskGapPoints', '15')).toEqual({ ok: true, value: 15 });
    expect(parseSettingValue('offTrackConfidence', '2')).toEqual({ ok: true, value: 2 });
    expect(parseSettingValue('forecastAtRiskBelow', '70%')).toEqual({ ok: true, value: 0.7 });
    expect(parseSettingValue('forecastAtRiskBelow', '0.7')).toEqual({ ok: true, value: 0.7 });
    expect(parseSettingValue('forecastMaxAttainment', '150%')).toEqual({ ok: true, value: 1.5 });
    expect(parseSettingValue('staleAtRiskPeriods', '3')).toEqual({ ok: true, value: 3 });
    expect(parseSettingValue('escalateRisksLinkedToOffTrack', 'false')).toEqual({ ok: true, value: false });
    expect(parseSettingValue('escalateRisksLinkedToOffTrack', 'Yes')).toEqual({ ok: true, value: true });
    expect(parseSettingValue('forecastOffTrackBelow', '45%')).toEqual({ ok: true, value: 0.45 });
  });

  it('refuses values out of range or of the wrong shape, saying what is expected', () => {
    const refused = (name: Parameters<typeof parseSettingValue>[0], raw: string) => {
      const result = parseSettingValue(name, raw);
      expect(result.ok, `${name} ${raw}`).toBe(false);
      return result.ok ? '' : result.error;
    };
    expect(refused('atRiskGapPoints', '150')).toContain('percentage points from 0 to 100');
    expect(refused('atRiskGapPoints', '-1')).toContain('out of range');
    expect(refused('offTrackConfidence', '11')).toContain('from 0 to 10');
    expect(refused('forecastAtRiskBelow', '1.5')).toContain('share from 0 to 1');
    expect(refused('staleAtRiskPeriods', '1.5')).toContain('whole number');
    expect(refused('staleAtRiskPeriods', '0')).toContain('from 1 to 52');
    expect(refused('checkInPeriodDays', '0')).toContain('days');
    expect(refused('riskEscalationScore', '30')).toContain('1 to 25');
    expect(refused('escalateRisksLinkedToOffTrack', 'maybe')).toContain('not yes or no');
    expect(refused('atRiskGapPoints', 'lots')).toContain('not a number');
  });
});

describe('rules between settings', () => {
  it('keeps the at-risk line before the off-track line', () => {
    const gap = resolveStatusSettings({ atRiskGapPoints: 30 });
    expect(crossFieldProblem(gap, 'atRiskGapPoints')).toMatch(
      /atRiskGapPoints \(30 points\) has to be below offTrackGapPoints \(25 points\).*Change offTrackGapPoints first/,
    );
    expect(
      crossFieldProblem(resolveStatusSettings({ offTrackConfidence: 6 }), 'offTrackConfidence'),
    ).toContain('offTrackConfidence (6/10) has to be below atRiskConfidence (6/10)');
    expect(
      crossFieldProblem(resolveStatusSettings({ staleOffTrackPeriods: 2 }), 'staleOffTrackPeriods'),
    ).toContain('Change staleAtRiskPeriods first');
    expect(
      crossFieldProblem(resolveStatusSettings({ kpiStaleAtRiskPeriods: 5 }), 'kpiStaleAtRiskPeriods'),
    ).toBeDefined();
    expect(
      crossFieldProblem(resolveStatusSettings({ forecastMinPoints: 5 }), 'forecastMinPoints'),
    ).toBeDefined();
    expect(
      crossFieldProblem(resolveStatusSettings({ atRiskGapPoints: 20 }), 'atRiskGapPoints'),
    ).toBeUndefined();
  });

  it('only checks the rules the changed setting takes part in', () => {
    const inconsistent = resolveStatusSettings({ atRiskGapPoints: 30 });
    expect(crossFieldProblem(inconsistent, 'riskEscalationScore')).toBeUndefined();
  });
});

describe('the stored JSON', () => {
  it('stores only overrides: a value equal to the default removes it', () => {
    const once = withOverride('{}', 'atRiskGapPoints', 15);
    expect(JSON.parse(once)).toEqual({ status: { atRiskGapPoints: 15 } });
    expect(workspaceSettings(once).atRiskGapPoints).toBe(15);
    expect(JSON.parse(withOverride(once, 'atRiskGapPoints', 12))).toEqual({ status: {} });
    expect(JSON.parse(withOverride(once, 'atRiskGapPoints', undefined))).toEqual({ status: {} });
    expect(JSON.parse(withOverride(once, 'objectiveOffTrackWeightShare', 1 / 3))).toEqual({
      status: { atRiskGapPoints: 15 },
    });
  });

  it('keeps other keys, drops unknown or mistyped overrides, and survives unreadable JSON', () => {
    const stored = JSON.stringify({ digest: { day: 'monday' }, status: { atRiskGapPoints: '15', bogus: 1 } });
    expect(storedOverrides(stored)).toEqual({});
    expect(JSON.parse(withOverride(stored, 'offTrackGapPoints', 30))).toEqual({
      digest: { day: 'monday' },
      status: { offTrackGapPoints: 30 },
    });
    expect(JSON.parse(withOverride('not json', 'offTrackGapPoints', 30))).toEqual({
      status: { offTrackGapPoints: 30 },
    });
  });
});

describe('the PMO channel', () => {
  it("uses the workspace's own channel before the environment's", () => {
    expect(pmoChannelSetting({ pmoChannelId: 'C0PMO' }, env('C0ENV'))).toEqual({
      source: 'workspace',
      channel: 'C0PMO',
    });
    expect(pmoChannelSetting({ pmoChannelId: null }, env('C0ENV'))).toEqual({
      source: 'environment',
      channel: 'C0ENV',
    });
    expect(pmoChannelSetting({ pmoChannelId: null }, env())).toEqual({ source: 'none' });
    // A stored value that is not a channel id blocks the fallback, exactly as the senders behave.
    expect(pmoChannelSetting({ pmoChannelId: 'okrs' }, env('C0ENV'))).toEqual({
      source: 'invalid',
      stored: 'okrs',
    });
  });
});

describe('formatting', () => {
  it('shows shares as percentages, switches as yes/no', () => {
    expect(
      formatSettingValue(
        'objectiveOffTrackWeightShare',
        DEFAULT_STATUS_SETTINGS.objectiveOffTrackWeightShare,
      ),
    ).toBe('33.3%');
    expect(formatSettingValue('forecastMaxAttainment', 2)).toBe('200%');
    expect(formatSettingValue('escalateRisksLinkedToOffTrack', true)).toBe('yes');
    expect(formatSettingValue('atRiskGapPoints', 12)).toBe('12 points');
    expect(formatSettingValue('offTrackConfidence', 3)).toBe('3/10');
  });
});
