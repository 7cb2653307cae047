// Input of any size gets an answer Slack accepts: long words in commands are bounded with a clear message
// or cut to fit, and a body too large to be Slack's is refused before it is read into memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import {
  ADMIN,
  type Harness,
  limitRejections,
  MEMBER,
  SIGNING_SECRET,
  startHarness,
} from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31 --current');
  await h.command(ADMIN, 'objective add "Grow" --level company');
});
afterAll(() => h.close());

const word = (length: number) => 'x'.repeat(length);
const COMMANDS = [
  (w: string) => w,
  (w: string) => `kr show ${w}`,
  (w: string) => `update ${w} 5`,
  (w: string) => `update KR-1 ${w}`,
  (w: string) => `objective add "${w}" --level company`,
  (w: string) => `kr add O-1 "${w}"`,
  (w: string) => `risk add "${w}" --likelihood 3 --impact 3`,
  (w: string) => `kpi add "${w}" --target 5 --green 4 --amber 3`,
  (w: string) => `team add ${w}`,
  (w: string) => `tree --cycle ${w}`,
  (w: string) => `export --cycle ${w}`,
  (w: string) => `settings set ${w} 3`,
];

describe('a command with a very long word', () => {
  it.each([2_990, 3_500])(
    'answers every command with a %i-character word in a reply Slack accepts',
    async (length) => {
      for (const command of COMMANDS) {
        const result = await h.command(ADMIN, command(word(length)));
        expect(result.http.status).toBe(200);
        expect(result.replies.length).toBeGreaterThan(0);
        expect(limitRejections(h.double)).toEqual([]);
      }
    },
  );

  it('answers a 200,000-character command at once with how long a command may be', async () => {
    const result = await h.command(MEMBER, `kr show ${word(200_000)}`);
    expect(result.http.status).toBe(200);
    expect(result.text).toContain('Okra reads commands of up to 4,000 characters');
  });

  it('refuses a body larger than any Slack request before reading it all', async () => {
    const response = await sendCommand(h.appUrl, SIGNING_SECRET, { userId: MEMBER, text: word(1_100_000) });
    expect(response.status).toBe(413);
    expect((await h.command(MEMBER, 'help')).replies).toHaveLength(1);
  });
});
