// The prompt DM as rendered: within Slack's limits whatever the number of items, user text escaped.
import { describe, expect, it } from 'vitest';
import { promptPayload } from '../../../src/services/check-in-prompts.ts';
import { promptMessage } from '../../../src/slack/notices/checkin-prompt.ts';

const item = (n: number) => ({
  ref: `KR-${n}`,
  title: `<!channel> result ${n} ${'long words '.repeat(30)}`,
  kind: 'increase',
  unit: 'deals',
  last: n,
  status: 'at_risk',
  reason: `behind <@U123> pace ${'and more '.repeat(40)}`,
});

describe('promptMessage', () => {
  it('300 items: the first 15 listed, the rest counted, far within 50 blocks and 3,000 characters a section', () => {
    const items = Array.from({ length: 300 }, (_, n) => item(n + 1));
    const message = promptMessage({ ...promptPayload(1, '2026-W10', items), state: 'prompted' });
    expect(message.blocks!.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks!)
      if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*KR-15*');
    expect(text).not.toContain('*KR-16*');
    expect(text).toContain('…and 285 more, all in the check-in form.');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U123>');
    expect(message.text.text).toBe('Time to check in for 2026-W10: 300 items due. It takes about a minute.');
  });

  it('after a check-in or a skip: the headline only, no buttons', () => {
    for (const state of ['done', 'skipped'] as const) {
      const message = promptMessage({ ...promptPayload(1, '2026-W10', [], state), total: 0, state });
      expect(message.blocks).toHaveLength(1);
    }
  });
});
