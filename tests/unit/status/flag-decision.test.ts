import { describe, expect, it } from 'vitest';
import { decideFlag } from '../../../src/domain/status/index.ts';

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
