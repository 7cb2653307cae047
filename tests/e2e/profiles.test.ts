// People's names and time zones come from Slack the first time Okra meets them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('a person Okra meets for the first time', () => {
  it('is recorded with their Slack name and time zone', async () => {
    await h.command('U0PRIYA', 'help');
    const member = await h.db.member.findFirstOrThrow({ where: { slackUserId: 'U0PRIYA' } });
    expect(member).toMatchObject({ name: 'priya', tz: 'Asia/Kolkata', role: 'member' });
    expect(h.double.callsTo('users.info').filter((call) => call.args.user === 'U0PRIYA')).toHaveLength(1);
  });

  it('is asked about once: later requests use what was recorded', async () => {
    await h.command('U0PRIYA', 'cycle list');
    expect(h.double.callsTo('users.info').filter((call) => call.args.user === 'U0PRIYA')).toHaveLength(1);
  });

  it('is still answered when Slack is slow to describe them, and recorded on a later request', async () => {
    h.double.failNext('users.info', { delayMs: 4000 });
    const result = await h.command('U0KENJI', 'help');
    expect(result.http.status).toBe(200);
    expect(result.text).toContain('/okr help');
    const first = await h.db.member.findFirstOrThrow({ where: { slackUserId: 'U0KENJI' } });
    expect(first.name).toBe('');
    await h.command('U0KENJI', 'help');
    const later = await h.db.member.findFirstOrThrow({ where: { slackUserId: 'U0KENJI' } });
    expect(later).toMatchObject({ name: 'Kenji Sato', tz: 'Asia/Tokyo' });
  }, 15_000);
});
