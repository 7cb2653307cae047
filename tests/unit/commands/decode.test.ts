import { describe, expect, it } from 'vitest';
import { decodeCommandText, decodeEntities, decodeToPlainText } from '../../../src/slack/commands/decode.ts';
import { splitFlags, tokenize } from '../../../src/slack/commands/tokenize.ts';

const parse = (raw: string) => {
  const tokens = tokenize(decodeCommandText(raw));
  if (!tokens.ok) throw new Error(tokens.error);
  return splitFlags(tokens.tokens, tokens.refs);
};

describe('decoding Slack command text', () => {
  it('turns the three entities Slack encodes back into what was typed, once', () => {
    expect(decodeEntities('R&amp;D &lt;3 P&amp;L &gt; &amp;amp;')).toBe('R&D <3 P&L > &amp;');
    expect(decodeToPlainText('"R&amp;D &lt;3 P&amp;L"')).toBe('"R&D <3 P&L"');
  });

  it('reads links, people, channels and broadcasts as what the person saw, keeping the reference', () => {
    expect(
      decodeCommandText(
        'see <http://x.com|x.com> <@U1|dana> <#C1|growth> <!here> <https://a.b/c?d=1&amp;e=2>',
      ),
    ).toEqual([
      { text: 'see ' },
      { text: 'x.com', ref: { kind: 'link', url: 'http://x.com' } },
      { text: ' ' },
      { text: '@dana', ref: { kind: 'user', id: 'U1' } },
      { text: ' ' },
      { text: '#growth', ref: { kind: 'channel', id: 'C1' } },
      { text: ' ' },
      { text: '@here', ref: { kind: 'special', name: 'here' } },
      { text: ' ' },
      { text: 'https://a.b/c?d=1&e=2', ref: { kind: 'link', url: 'https://a.b/c?d=1&e=2' } },
    ]);
  });

  it('shows a reference without a label by its id', () => {
    expect(decodeToPlainText('<@U123> <#C9|>')).toBe('@U123 #C9');
  });

  it('keeps a formatted link whole inside a quoted phrase, so "|" between milestones splits only outside it', () => {
    const args = parse('KR --milestones "Docs at <http://x.com|x.com> | Launch"');
    expect(args.flags.milestones).toBe('Docs at x.com | Launch');
    expect(String(args.flags.milestones).split('|')).toHaveLength(2);
  });

  it('keeps the id of a word that is one person or channel, for the resolvers', () => {
    const args = parse('Growth <#C1|growth> --owner <@U1|dana> "with <@U2|lee>"');
    expect(args.positional).toEqual(['Growth', '#growth', 'with @lee']);
    expect(args.flags.owner).toBe('@dana');
    expect(args.refs.get('@dana')).toEqual({ kind: 'user', id: 'U1' });
    expect(args.refs.get('#growth')).toEqual({ kind: 'channel', id: 'C1' });
    expect(args.refs.has('with @lee')).toBe(false);
  });

  it('refuses to guess when two different people share a label', () => {
    const args = parse('<@U1|sam> <@U2|sam>');
    expect(args.refs.get('@sam')).toBeNull();
  });

  it('leaves typed text that only looks like markup alone once decoded', () => {
    expect(parse('"Ship &lt;!channel&gt; now"').positional).toEqual(['Ship <!channel> now']);
  });
});
