import { describe, expect, it } from 'vitest';
import {
  amount,
  bandBadge,
  keyResultFigures,
  person,
  progressBar,
  reasonAfterBadge,
  slackDate,
  statusBadge,
} from '../../../src/slack/views/status-format.ts';

const figures = {
  kind: 'increase',
  unit: '',
  start: 0,
  target: 100,
  value: 40,
  milestonesDone: 0,
  milestonesTotal: 0,
};

describe('status formatting', () => {
  it('badges a status with colour and words', () => {
    expect(String(statusBadge('on_track'))).toBe(':large_green_circle: on track');
    expect(String(statusBadge('at_risk'))).toBe(':large_yellow_circle: at risk');
    expect(String(statusBadge('off_track'))).toBe(':red_circle: off track');
    expect(String(bandBadge('amber'))).toBe(':large_yellow_circle: amber');
    expect(String(bandBadge(null))).toBe(':white_circle: no reading');
  });

  it('draws progress as five cells and a percent, keeping over-achievement in the number', () => {
    expect(String(progressBar(0.62))).toBe('▰▰▰▱▱ 62%');
    expect(String(progressBar(0))).toBe('▱▱▱▱▱ 0%');
    expect(String(progressBar(1.2))).toBe('▰▰▰▰▰ 120%');
    expect(String(progressBar(-0.3))).toBe('▱▱▱▱▱ 0%');
    expect(String(progressBar(null))).toBe('▱▱▱▱▱ not measured');
  });

  it('writes values with their unit, escaping unit text', () => {
    expect(String(amount(1250, 'customers'))).toBe('1,250 customers');
    expect(String(amount(15, '%'))).toBe('15%');
    expect(String(amount(12000, '$'))).toBe('$12,000');
    expect(String(amount(-5, '€'))).toBe('-€5');
    expect(String(amount(7.12345, ''))).toBe('7.12');
    expect(String(amount(2, '<b>'))).toBe('2 &lt;b&gt;');
  });

  it('shows the figures that matter for each kind', () => {
    expect(String(keyResultFigures(figures))).toBe('40 / 100');
    expect(String(keyResultFigures({ ...figures, unit: 'customers' }))).toBe('40 / 100 customers');
    expect(String(keyResultFigures({ ...figures, unit: '%', value: 12, target: 20 }))).toBe('12% / 20%');
    expect(String(keyResultFigures({ ...figures, unit: '$', value: null }))).toBe('– / $100');
    expect(
      String(keyResultFigures({ ...figures, kind: 'stay_below', unit: 'ms', value: 180, target: 200 })),
    ).toBe('now 180 ms, stay below 200 ms');
    expect(String(keyResultFigures({ ...figures, kind: 'boolean', value: 1 }))).toBe('done');
    expect(String(keyResultFigures({ ...figures, kind: 'boolean', value: null }))).toBe('not done yet');
    expect(
      String(keyResultFigures({ ...figures, kind: 'milestone', milestonesDone: 2, milestonesTotal: 4 })),
    ).toBe('2 of 4 milestones');
  });

  it('drops a repeated status from a reason and escapes it', () => {
    expect(String(reasonAfterBadge('off_track', 'off track: Sign <deals> (40% of weight)'))).toBe(
      ' — Sign &lt;deals&gt; (40% of weight)',
    );
    expect(String(reasonAfterBadge('at_risk', 'confidence 4/10'))).toBe(' — confidence 4/10');
    expect(String(reasonAfterBadge('at_risk', undefined))).toBe('');
  });

  it('mentions people and never turns other text into a mention', () => {
    expect(String(person('U0BOB'))).toBe('<@U0BOB>');
    expect(String(person(null))).toBe('no owner');
    expect(String(person('import'))).toBe('_import_');
    expect(String(person('<!channel>'))).toBe('_&lt;!channel&gt;_');
  });

  it('dates in the reader’s time zone with a UTC fallback', () => {
    const at = new Date('2026-02-03T09:30:00Z');
    expect(String(slackDate(at))).toBe(
      `<!date^${at.getTime() / 1000}^{date_short} {time}|2026-02-03 09:30 UTC>`,
    );
    expect(String(slackDate(at, false))).toBe(`<!date^${at.getTime() / 1000}^{date_short}|2026-02-03>`);
  });
});
