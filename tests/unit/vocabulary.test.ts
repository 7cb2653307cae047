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

/** Each parser with the words the services store through it. */
const STORED: Array<[string, (word: string) => string | null, readonly string[]]> = [
  ['key result kind', parseKrKind, KR_KINDS],
  ['key result curve', parseKrCurve, KR_CURVES],
  ['KPI direction', parseKpiDirection, ['lower_is_better']],
  ['KPI cadence', parseKpiCadence, ['monthly']],
  ['objective level', parseObjectiveLevel, ['personal']],
  ['risk status', parseRiskStatus, ['mitigating']],
  ['status level', parseStatusLevel, ['off_track']],
];

describe('stored words', () => {
  it.each(STORED)('read back every %s the services write', (_, parse, words) => {
    for (const word of words) expect(parse(word)).toBe(word);
  });

  it.each([
    [
      'key result kind',
      parseKrKind,
      'increasing',
      'a stored key result kind reads "increasing", which is none of increase, decrease',
    ],
    ['key result curve', parseKrCurve, '', 'key result curve'],
    ['KPI direction', parseKpiDirection, 'up', 'KPI direction'],
    ['KPI cadence', parseKpiCadence, 'daily', 'KPI cadence'],
  ])('name a damaged row instead of passing it on: a %s reading %j', (_, parse, word, named) => {
    expect(() => parse(word)).toThrow(named);
  });

  it.each([
    ['risk status', parseRiskStatus, 'archived', 'open'],
    ['objective level', parseObjectiveLevel, 'division', 'company'],
    ['status level', parseStatusLevel, 'green', null],
    ['status level', parseStatusLevel, undefined, null],
  ])(
    'fall back to the harmless reading where there is one: a %s reading %j is %j',
    (_, parse, word, reading) => {
      expect(parse(word as string)).toBe(reading);
    },
  );
});
