import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkBlocks,
  clampSectionText,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_SECTION_TEXT,
  paginate,
} from '../../src/slack/limits.ts';
import { channelLink, escapeMrkdwn, mention, plain, truncate } from '../../src/slack/text.ts';

describe('escapeMrkdwn', () => {
  it.each([
    ['a broadcast', '<!channel> hi <!here>', '&lt;!channel&gt; hi &lt;!here&gt;'],
    ['a mention', '<@U123>', '&lt;@U123&gt;'],
    ['a disguised link', '<https://evil|Q3>', '&lt;https://evil|Q3&gt;'],
    ['an ampersand', 'R&D', 'R&amp;D'],
    ['text that looks escaped already', '&lt;', '&amp;lt;'],
  ])('defuses %s: %s reads %s', (_, text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });

  it('never lets a control sequence through (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('<', '>', '&', '!', '@', '#', 'a', '|', ' ') }),
        (text) => {
          const escaped = escapeMrkdwn(text);
          expect(escaped).not.toMatch(/[<>]/);
          for (const dangerous of ['<!', '<@', '<#', '<http']) expect(escaped).not.toContain(dangerous);
          // Every & starts one of our three entities, so Slack decodes back exactly the original text.
          expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        },
      ),
    );
  });
});

describe('truncate', () => {
  it.each([
    ['adds no ellipsis when the text fits', 'hello', 5, 'hello'],
    ['adds an ellipsis when shortening', 'hello world', 8, 'hello w…'],
    ['leaves only the ellipsis at 1', 'hello world', 1, '…'],
    ['leaves nothing at 0', 'hello world', 0, ''],
    ['does not cut inside an entity', 'R&amp;D budget', 5, 'R…'],
    ['does not cut inside an emoji', 'ab😀cd', 4, 'ab…'],
  ])('%s: %s at %d is %s', (_, text, max, cut) => {
    expect(truncate(text, max)).toBe(cut);
  });

  it('never exceeds max, never orphans surrogates, never leaves half an entity (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(60), (raw, max) => {
        const text = escapeMrkdwn(raw);
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });
});

describe('plain, mention and channelLink', () => {
  it('plain tidies whitespace and clamps', () => {
    expect(plain('  Win\n the   mid-market ')).toBe('Win the mid-market');
    expect(plain('abcdefghij', 5)).toBe('abcd…');
  });

  it('mentions only valid ids', () => {
    expect(mention('U0123ABCD')).toBe('<@U0123ABCD>');
    expect(mention('W0123ABCD')).toBe('<@W0123ABCD>');
    expect(() => mention('!channel')).toThrow(/not a Slack user id/);
    expect(() => mention('U123>|<!here')).toThrow();
    expect(channelLink('C0123GROW')).toBe('<#C0123GROW>');
    expect(() => channelLink('U0123')).toThrow(/channel id/);
  });
});

describe('limits helpers', () => {
  it('clampSectionText keeps section text within the limit', () => {
    expect(clampSectionText('x'.repeat(5000))).toHaveLength(MAX_SECTION_TEXT);
  });

  it('paginate and chunkBlocks keep order and sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (items, size) => {
          const pages = paginate(items, size);
          expect(pages.flat()).toEqual(items);
          for (const page of pages) expect(page.length).toBeLessThanOrEqual(size);
          expect(pages.every((p) => p.length > 0)).toBe(true);
        },
      ),
    );
    expect(chunkBlocks(Array.from({ length: 120 }, (_, i) => i)).map((c) => c.length)).toEqual([
      MAX_BLOCKS_PER_MESSAGE,
      MAX_BLOCKS_PER_MESSAGE,
      20,
    ]);
    expect(() => paginate([1], 0)).toThrow();
  });
});
