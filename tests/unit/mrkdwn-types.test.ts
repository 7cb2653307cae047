// Outgoing text is `Mrkdwn`, which only the escaping template builds. The `@ts-expect-error` lines are the
// test: `tsc -p tsconfig.json` (which covers tests/) fails if a raw string is ever accepted again, because
// the directive itself then errors as unused. The runtime checks show what reaches the Web API.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/slack/commands/types.ts';
import { Mrkdwn, md } from '../../src/slack/mrkdwn.ts';
import type { NoticeRenderer } from '../../src/slack/notices/types.ts';
import { fitMessage } from '../../src/slack/views/fit.ts';
import {
  type SlackMessage,
  sectionBlock,
  sectionsMessage,
  textMessage,
  toWire,
} from '../../src/slack/views/message.ts';
import { PLAIN_MAX, plainText } from '../../src/slack/views/plain-text.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The .ts files under `dir` (relative to the project) whose text matches `pattern`, as project paths. */
function sourcesMatching(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => pattern.test(readFileSync(join(ROOT, file), 'utf8')));
}

const HOSTILE = 'Ship <!channel> & <https://evil.example|Q3 report>\nfake line';

describe('outgoing message types', () => {
  it('refuse a raw string wherever a message or its fallback is built', () => {
    // Compiled, never run: the point is what tsc accepts.
    const typeOnly = () => {
      // @ts-expect-error a message's fallback is Mrkdwn, not a string
      const literal: SlackMessage = { text: 'Fixed wording' };
      // @ts-expect-error a raw string is not Mrkdwn
      const value: Mrkdwn = HOSTILE;
      // @ts-expect-error the constructor is private: only md builds values
      const built = new Mrkdwn(HOSTILE);
      // @ts-expect-error builders take Mrkdwn
      const short = textMessage(HOSTILE);
      // @ts-expect-error builders take Mrkdwn sections
      const sections = sectionsMessage([HOSTILE]);
      // @ts-expect-error blocks are built from Mrkdwn
      const block = sectionBlock(HOSTILE);
      // @ts-expect-error a notice renderer returns a Mrkdwn fallback
      const renderer: NoticeRenderer = () => ({ text: HOSTILE });
      const reply = async (message: SlackMessage) => void message;
      const ctxReply: CommandContext['reply'] = reply;
      // @ts-expect-error command replies take the same type
      void ctxReply({ text: HOSTILE });
      // The wire form is the only place a string appears, and it comes from a message.
      // @ts-expect-error toWire takes a message built from Mrkdwn
      void toWire({ text: HOSTILE });
      return [literal, value, built, short, sections, block, renderer];
    };
    expect(typeof typeOnly).toBe('function');
  });

  it('escape user text in the fallback and the blocks alike, on one line', () => {
    const message = fitMessage(sectionsMessage([md`*KR-1* ${HOSTILE}`]));
    const section = message.blocks?.[0] as { text: { text: string } };
    for (const text of [message.text, section.text.text]) {
      expect(text).toBe(
        '*KR-1* Ship &lt;!channel&gt; &amp; &lt;https://evil.example|Q3 report&gt; fake line',
      );
    }
  });

  it('send the fallback as a string (the Web API would serialise an object as "{}")', () => {
    const wire = toWire(textMessage(md`Fixed wording with ${md.user('U0ANNA')}`));
    expect(wire).toEqual({ text: 'Fixed wording with <@U0ANNA>' });
    expect(typeof fitMessage(textMessage(md`x`)).text).toBe('string');
  });

  it('has no back door: only mrkdwn.ts calls the factory that skips escaping', () => {
    const callers = sourcesMatching('src', /\bMrkdwn\._of\b|\b_of\(/).filter(
      (file) => file !== 'src/slack/mrkdwn.ts' && !file.startsWith('src/generated/'),
    );
    expect(callers).toEqual([]);
  });

  it('builds every mrkdwn text object in message.ts, from Mrkdwn: no other file writes one by hand', () => {
    const writers = sourcesMatching('src/slack', /type:\s*'mrkdwn'/);
    expect(writers.filter((file) => file !== 'src/slack/views/message.ts')).toEqual([]);
  });

  it('builds every plain_text object in plain-text.ts, each with its length limit', () => {
    const writers = sourcesMatching('src/slack', /type:\s*'plain_text'/);
    expect(writers.filter((file) => file !== 'src/slack/views/plain-text.ts')).toEqual([]);
    expect(plainText('Weekly check-in for the whole team', PLAIN_MAX.modalTitle)).toEqual({
      type: 'plain_text',
      text: 'Weekly check-in for the…',
    });
    expect(plainText('Two\nlines  <b>', PLAIN_MAX.button).text).toBe('Two lines <b>');
  });
});
