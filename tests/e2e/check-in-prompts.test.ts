// Check-in prompts end to end: the clock drives the scheduler's ticks, the outbox delivers through the real
// WebClient to the Slack double. Each person is prompted at 09:00 their time, once; the prompt's buttons
// open the sheet, snooze and skip; the prompt is updated in place after a check-in or skip; reminders stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USERS } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, type Harness, MEMBER, OTHER } from '../support/harness.ts';
import { KENJI, PEOPLE, startPromptWeek, tickThrough } from '../support/prompt-week.ts';

const DAVE = DEFAULT_USERS.dave.id;
const PMO = 'C0OKRS';
let h: Harness;
let workspaceId: number;
let krOf: Record<string, number>;

/** When each person's DMs arrived: the clock time of the tick that delivered them. */
const arrivals: Array<{ user: string; at: string; text: string; ts: string }> = [];

function collectDms() {
  for (const user of PEOPLE) {
    for (const message of h.double.messagesIn(h.double.dmChannelOf(user))) {
      if (arrivals.some((a) => a.ts === message.ts && a.user === user)) continue;
      arrivals.push({ user, at: h.clock.now().toISOString(), text: message.text ?? '', ts: message.ts });
    }
  }
}

const tickUntil = (iso: string, stepMinutes = 30) => tickThrough(h, iso, stepMinutes, collectDms);

const promptsOf = (user: string) =>
  arrivals.filter((a) => a.user === user && a.text.startsWith('Time to check in'));
/** The prompt DM (flags from the hourly status sweep arrive in the same DM). */
const promptIn = (user: string) =>
  h.double.messagesIn(h.double.dmChannelOf(user)).find((m) => m.ts === promptsOf(user)[0]?.ts)!;

/** `user` presses a button of their prompt. */
const press = (user: string, actionId: string, value: string) =>
  h.action({ userId: user, action: { actionId, value }, triggerId: h.double.newTriggerId() });
/** The prompt message as it reads now, after any update in place. */
const nowReads = (user: string, prompt: { ts: string }) =>
  h.double.messagesIn(h.double.dmChannelOf(user)).find((m) => m.ts === prompt.ts);

beforeAll(async () => {
  // Dave left the workspace but still owns KR-5.
  ({ h, workspaceId, krOf } = await startPromptWeek([DEFAULT_USERS.dave]));
});
afterAll(() => h.close());

describe('the Monday 09:00 prompt', () => {
  it('reaches each person at 09:00 their time (no zone: OKRA_DEFAULT_TZ), once, within 50 blocks', async () => {
    await tickUntil('2026-03-03T00:00:00Z');
    expect(promptsOf(OTHER).map((a) => a.at)).toEqual(['2026-03-02T03:30:00.000Z']);
    expect(promptsOf(ADMIN).map((a) => a.at)).toEqual(['2026-03-02T08:00:00.000Z']);
    expect(promptsOf(KENJI).map((a) => a.at)).toEqual(['2026-03-02T09:00:00.000Z']);
    expect(promptsOf(MEMBER).map((a) => a.at)).toEqual(['2026-03-02T17:00:00.000Z']);
    const message = promptIn(MEMBER);
    const blocks = JSON.stringify(message?.blocks);
    expect(blocks).toContain('*KR-2* Pipeline &lt;b&gt; of U0BOB · last 10');
    expect(blocks).toContain('"Check in"');
    expect(blocks).toContain('Snooze until tomorrow');
    expect(blocks).toContain('Skip this week');
    expect(message?.blocks?.length).toBeLessThanOrEqual(50);
  }, 180_000);

  it('reports a departed owner to the PMO channel once, and does not prompt them', async () => {
    const reports = h.double.messagesIn(PMO).filter((m) => m.text?.includes('has left the workspace'));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.text).toContain(`<@${DAVE}> has left the workspace but still owns *KR-5*`);
  });
});

describe('answering the prompt', () => {
  it('"Check in" opens the sheet for the prompted week; after it the prompt says so in place', async () => {
    const prompt = promptIn(ADMIN);
    await press(ADMIN, 'okra.checkin.open', '2026-W10');
    const sheet = h.double.lastCallTo('views.update')!.args.view as Record<string, unknown>;
    await h.submit(ADMIN, sheet, { [`kr.${krOf[ADMIN]}.value`]: { value: '20' } });
    await h.tick();
    const updated = nowReads(ADMIN, prompt);
    expect(updated?.text).toBe(':white_check_mark: Checked in for 2026-W10. Thank you!');
    expect(await h.db.checkIn.findFirstOrThrow({ where: { keyResultId: krOf[ADMIN] } })).toMatchObject({
      period: '2026-W10',
      value: 20,
    });
  });

  it('"Skip this week" updates the prompt in place and stops reminders; reminders go to the others', async () => {
    const prompt = promptIn(OTHER);
    await press(OTHER, 'okra.checkin.skip', '2026-W10');
    await h.tick();
    const updated = nowReads(OTHER, prompt);
    expect(updated?.text).toBe('Skipped 2026-W10: no reminders this week.');
    await tickUntil('2026-03-06T00:00:00Z', 60);
    const reminders = (user: string) =>
      arrivals.filter((a) => a.user === user && a.text.startsWith('Reminder'));
    expect(reminders(ADMIN)).toHaveLength(0);
    expect(reminders(OTHER)).toHaveLength(0);
    // Tuesday 09:00 and Thursday 09:00 local.
    expect(reminders(KENJI).map((a) => a.at)).toEqual([
      '2026-03-03T09:00:00.000Z',
      '2026-03-05T09:00:00.000Z',
    ]);
    expect(reminders(MEMBER).map((a) => a.at)).toEqual([
      '2026-03-03T17:00:00.000Z',
      '2026-03-05T17:00:00.000Z',
    ]);
  }, 120_000);

  it('"Snooze until tomorrow" asks again the next day at the prompt time', async () => {
    await press(KENJI, 'okra.checkin.snooze', `${(await h.db.schedule.findFirstOrThrow()).id}:2026-W10`);
    expect(h.double.messagesIn(h.double.dmChannelOf(KENJI)).at(-1)?.text).toContain('Snoozed');
    await tickUntil('2026-03-08T00:00:00Z', 60);
    expect(
      arrivals.filter((a) => a.user === KENJI && a.text.startsWith('As asked yesterday')).map((a) => a.at),
    ).toEqual(['2026-03-07T09:00:00.000Z']);
  }, 120_000);
});

describe('/okr checkin send', () => {
  it("sends this week's prompts now to those not prompted yet, and nobody twice", async () => {
    const schedule = await h.db.schedule.create({
      data: { workspaceId, kind: 'checkin_prompt', dayOfWeek: 5, localTime: '16:00' },
    });
    expect((await h.command(MEMBER, 'checkin send')).text).toMatch(/admin/i);
    const sent = await h.command(ADMIN, 'checkin send');
    // The new schedule prompts the three still with something due (the admin checked in, Dave left).
    expect(sent.text).toBe('Sent 2 check-in prompts for this week.');
    expect((await h.command(ADMIN, 'checkin send')).text).toContain('Nobody left to prompt');
    const rows = await h.db.checkInPrompt.findMany({ where: { scheduleId: schedule.id } });
    expect(rows.map((row) => row.period)).toEqual(['2026-W10', '2026-W10']);
  });
});
