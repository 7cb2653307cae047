// Defect 10: a flag on a key result with no value read "no value yet done vs 65% expected".
import { describe, expect, it } from 'vitest';
import { keyResultDetail } from '../../../src/domain/status/flag-detail.ts';
import { evaluateKeyResult } from '../../../src/domain/status/index.ts';
import { keyResult, QUARTER, week, weekly } from './fixtures.ts';

describe('the numbers a key result flag shows', () => {
  it('says there is no value yet and where the plan expects it, without "done"', () => {
    const detail = keyResultDetail(evaluateKeyResult(keyResult(), QUARTER, week(8)));
    expect(detail).toMatch(/^no value yet, \d+% expected by now/);
    expect(detail).not.toContain('done');
  });

  it('sets what is done against what is expected once there is a value', () => {
    const detail = keyResultDetail(
      evaluateKeyResult(keyResult({ checkIns: weekly([2, 4, 6, 8, 10, 12]) }), QUARTER, week(6.5)),
    );
    expect(detail).toMatch(/^12% done vs \d+% expected/);
  });
});
