import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/domain/numbers/index.ts';
import { KpiFields } from '../../../src/services/kpis.ts';
import { RiskFields, riskScore } from '../../../src/services/risks.ts';
import { md } from '../../../src/slack/mrkdwn.ts';
import { listMessage } from '../../../src/slack/views/list-message.ts';

const kpi = { title: 'Churn', owner: 'U0BOB', target: '2%', green: '2.5%', amber: '4%' };

describe('KPI fields', () => {
  it('reads directions the way people type them, defaulting to higher is better', () => {
    const lower = { ...kpi, green: '2.5', amber: '4' };
    const higher = { ...kpi, green: '4', amber: '2.5' };
    expect(KpiFields.parse({ ...lower, direction: 'lower' }).direction).toBe('lower_is_better');
    expect(KpiFields.parse({ ...lower, direction: 'lower_is_better' }).direction).toBe('lower_is_better');
    expect(KpiFields.parse({ ...higher, direction: 'Higher' }).direction).toBe('higher_is_better');
    expect(KpiFields.parse(higher).direction).toBe('higher_is_better');
  });

  it('requires green to be the better side of amber for the direction, equal allowed', () => {
    expect(KpiFields.safeParse({ ...kpi, direction: 'lower' }).success).toBe(true);
    expect(KpiFields.safeParse({ ...kpi, direction: 'lower', green: '4', amber: '4' }).success).toBe(true);
    const wrong = KpiFields.safeParse({ ...kpi, direction: 'higher' });
    expect(wrong.error?.issues[0]?.path).toEqual(['green']);
    expect(wrong.error?.issues[0]?.message).toContain('must be at least the amber one (4)');
  });

  it('reads numbers in people forms and names the field when one is missing or wrong', () => {
    expect(
      KpiFields.safeParse({ ...kpi, target: '1,250', green: '3.5k', amber: '$1,000' }).data,
    ).toMatchObject({
      target: 1250,
      green: 3500,
      amber: 1000,
    });
    const missing = KpiFields.safeParse({ ...kpi, target: undefined, direction: 'lower' });
    expect(missing.error?.issues[0]?.message).toBe('Give the target, e.g. 95, 2.5% or 1,200.');
    const ambiguous = KpiFields.safeParse({ ...kpi, target: '1,25', direction: 'lower' });
    expect(ambiguous.error?.issues[0]?.message).toContain('The target: "1,25" is ambiguous');
  });

  it('shows values with their unit', () => {
    expect(formatAmount(2.5, '%')).toBe('2.5%');
    expect(formatAmount(12000, '$')).toBe('$12,000');
    expect(formatAmount(-50, '€')).toBe('-€50');
    expect(formatAmount(340, 'customers')).toBe('340 customers');
    expect(formatAmount(1 / 3, '')).toBe('0.33');
  });
});

describe('risk ratings', () => {
  it('scores likelihood × impact', () => {
    expect(riskScore(4, 5)).toBe(20);
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(5, 5)).toBe(25);
  });

  it('accepts only whole numbers from 1 to 5', () => {
    const base = { title: 'Vendor delay', owner: 'U0BOB' };
    expect(RiskFields.safeParse({ ...base, likelihood: '4', impact: 5 }).data).toMatchObject({
      likelihood: 4,
      impact: 5,
    });
    for (const bad of ['0', '6', '2.5', 'high', '', undefined, 7]) {
      const parsed = RiskFields.safeParse({ ...base, likelihood: bad, impact: 3 });
      expect(parsed.error?.issues[0]?.message).toBe(
        'Likelihood is a whole number from 1 to 5 (1 rare, 5 almost certain).',
      );
    }
  });
});

describe('listMessage', () => {
  it('keeps short lists in one section with no "more" note', () => {
    const message = listMessage(md`*Open risks* (2)`, [md`• a`, md`• b`], md`Narrow it.`);
    expect(message.blocks).toHaveLength(2);
    expect(JSON.stringify(message.blocks)).not.toContain('more');
  });

  it('stays within 50 blocks, 3000 characters a section and the total text budget, counting what it cut', () => {
    const lines = Array.from({ length: 500 }, (_, i) => md`• *R-${i}* ${'y'.repeat(400)}`);
    const message = listMessage(md`*Open risks* (500)`, lines, md`Narrow it.`);
    const blocks = message.blocks as Array<{
      type: string;
      text?: { text: string };
      elements?: Array<{ text: string }>;
    }>;
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sectionTexts = blocks.flatMap((b) => (b.text ? [b.text.text] : []));
    for (const text of sectionTexts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(sectionTexts.join('').length).toBeLessThanOrEqual(12_000);
    const shown = sectionTexts.join('\n').split('• ').length - 1;
    expect(blocks.at(-1)?.elements?.[0]?.text).toBe(`…and ${500 - shown} more. Narrow it.`);
    expect(message.text.text).toContain(`${shown} shown, and ${500 - shown} more`);
  });

  it('shortens a single overlong line instead of dropping it', () => {
    const message = listMessage(md`*Risks*`, [md`• ${'z'.repeat(5000)}`], md``);
    const section = (message.blocks![1] as { text: { text: string } }).text.text;
    expect(section.length).toBeLessThanOrEqual(1000);
    expect(section.endsWith('…')).toBe(true);
  });
});
