// Defect 3: user text reaches every outgoing surface — command replies, flag DMs, PMO lines, escalations,
// /okr show, the tree, lists and the Home tab — as inert mrkdwn, in the blocks and in the notification
// fallback alike, and a newline in a title never makes a line of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent } from '../../devkit/slack-stand-in/payloads.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

/** What a person types; the newline and the fake bullet try to forge a line of the tree. */
const HOSTILE = 'Ship <!channel> <!here> <@U123> <https://evil.example|Q3 report> & co\n• *KR-99* fake line';

/** How Slack sends typed text in a slash command: the three control characters as entities. */
const typed = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Names are capped at 80 characters: the same attack, shorter. */
const SHORT = 'Q <!channel> <@U123> & co\n• *KR-99* fake line';

const RAW_MARKUP = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example'];

/** Every mrkdwn text in a message, view or block list, and the notification fallback. */
function mrkdwnTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) mrkdwnTexts(child, out);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') out.push(record.text);
    for (const [key, value] of Object.entries(record))
      if (key !== 'text' || typeof value !== 'string') mrkdwnTexts(value, out);
  }
  return out;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, `cycle add "${typed(SHORT)}" 2026-01-01 2026-03-31 --current`);
  await h.command(ADMIN, `team add "${typed(SHORT)}"`);
  await h.command(ADMIN, `objective add "${typed(HOSTILE)}" --owner <@U0BOB|bob>`);
  await h.command(ADMIN, `kr add O-1 "${typed(HOSTILE)}" --from 0 --to 100 --owner <@U0BOB|bob>`);
  await h.command(
    ADMIN,
    `kpi add "${typed(HOSTILE)}" --target 1 --green 1 --amber 2 --direction lower --owner <@U0BOB|bob>`,
  );
  await h.command(
    ADMIN,
    `risk add "${typed(HOSTILE)}" --likelihood 5 --impact 5 --owner <@U0BOB|bob> --on KR-1`,
  );
  // New items are not flagged one by one in their first week: check in after it, so the flag DM goes out.
  h.clock.advance(8 * 24 * 3600 * 1000);
  await h.command(MEMBER, `update KR-1 1 --confidence 1 --comment "${typed(HOSTILE)}"`);
  await h.command(MEMBER, 'update KPI-1 9');
  for (const command of [
    'show O-1',
    'show KR-1',
    'show KPI-1',
    'show R-1',
    'tree',
    'risks',
    'kpi list',
    'cycle list',
    'team list',
  ])
    await h.command(MEMBER, command);
  await h.event({ event: appHomeOpenedEvent(MEMBER) });
});
afterAll(() => h.close());

describe('hostile user text on every outgoing surface', () => {
  it('stored the text as typed, so the sweep below really carried it', async () => {
    const objective = await h.db.objective.findFirstOrThrow({ where: { number: 1 } });
    expect(objective.title).toBe(HOSTILE);
  });

  it('never lets a mention, broadcast or disguised link through, in blocks or fallbacks', () => {
    const replies = h.double.responseUrlPosts.map((post) => post.body);
    const posted = h.double.messages.map((m) => ({ text: m.text, blocks: m.blocks }));
    const home = h.double.homeOf(MEMBER);
    expect(home).toBeDefined();
    const surfaces = [...replies, ...posted, home];
    // Flag DM, PMO line and escalation all went out, and every command answered.
    expect(posted.length).toBeGreaterThanOrEqual(3);
    expect(replies.length).toBeGreaterThanOrEqual(17);
    for (const surface of surfaces) {
      const fallback = (surface as { text?: unknown }).text;
      const texts = [...mrkdwnTexts(surface), ...(typeof fallback === 'string' ? [fallback] : [])];
      for (const text of texts) {
        for (const markup of RAW_MARKUP) expect(text).not.toContain(markup);
        // Every & is an entity Okra wrote, never a bare one from user text.
        expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
        // The forged line never starts a line.
        expect(text).not.toMatch(/(^|\n)\s*• \*KR-99\*/);
      }
    }
    const all = JSON.stringify(surfaces);
    expect(all).toContain('Ship &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;');
  });

  it('derives the flag notification from the escaped headline, not the raw title', () => {
    const dm = h.double.messagesIn(MEMBER).find((m) => m.text?.includes('*KR-1*'));
    expect(dm?.text).toContain('"Ship &lt;!channel&gt;');
    expect(dm?.text).toContain('is now *off track*');
  });
});
