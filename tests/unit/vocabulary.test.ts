// Rows read from the database become domain types through parsers, never casts: a damaged row is named.
import { describe, expect, it } from 'vitest';
import { parseStatusLevel } from '../../src/domain/status/index.ts';
import {
  KR_CURVES,
  KR_KINDS,
  parseKpiCadence,
  parseKpiDirection,
  parseKrCurve,
  parseKrKind,
  parseObjectiveLevel,
  parseRiskStatus,
} from '../../src/domain/vocabulary.ts';

describe('stored words', () => {
  it('read back every word the services write', () => {
    for (const kind of KR_KINDS) expect(parseKrKind(kind)).toBe(kind);
    for (const curve of KR_CURVES) expect(parseKrCurve(curve)).toBe(curve);
    expect(parseKpiDirection('lower_is_better')).toBe('lower_is_better');
    expect(parseKpiCadence('monthly')).toBe('monthly');
    expect(parseObjectiveLevel('personal')).toBe('personal');
    expect(parseRiskStatus('mitigating')).toBe('mitigating');
    expect(parseStatusLevel('off_track')).toBe('off_track');
  });

  it('name a damaged row instead of passing it on', () => {
    expect(() => parseKrKind('increasing')).toThrow(
      'a stored key result kind reads "increasing", which is none of increase, decrease',
    );
    expect(() => parseKrCurve('')).toThrow('key result curve');
    expect(() => parseKpiDirection('up')).toThrow('KPI direction');
    expect(() => parseKpiCadence('daily')).toThrow('KPI cadence');
  });

  it('fall back to the harmless reading where there is one', () => {
    expect(parseRiskStatus('archived')).toBe('open');
    expect(parseObjectiveLevel('division')).toBe('company');
    expect(parseStatusLevel('green')).toBeNull();
    expect(parseStatusLevel(undefined)).toBeNull();
  });
});
