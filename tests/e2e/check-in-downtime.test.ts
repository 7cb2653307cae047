// A process down for two hours across people's prompt times: after the restart, the scheduler's own tick
// (the jobs main.ts registers, at the clock's time) sends what fell due meanwhile, within the catch-up bound
// (CATCH_UP_MS), through the new process's outbox; nobody already prompted is prompted again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCH_UP_MS } from '../../src/domain/check-ins/schedule-time.ts';
import { ADMIN, type Harness, MEMBER, OTHER } from '../support/harness.ts';
import { KENJI, PEOPLE, startPromptWeek, tickThrough } from '../support/prompt-week.ts';

let h: Harness;

/** The clock time of the tick that delivered each prompt DM, per person. */
const prompted = new Map<string, string[]>();
const seen = new Set<string>();

function collect(): void {
  for (const user of PEOPLE)
    for (const message of h.double.messagesIn(h.double.dmChannelOf(user))) {
      if (seen.has(message.ts) || !message.text?.startsWith('Time to check in')) continue;
      seen.add(message.ts);
      prompted.set(user, [...(prompted.get(user) ?? []), h.clock.now().toISOString()]);
    }
}

const tickUntil = (iso: string) => tickThrough(h, iso, 30, collect);

beforeAll(async () => {
  // Berlin's 09:00 is 08:00 UTC, Los Angeles' 17:00, Kolkata's 03:30; Kenji has no zone (09:00 UTC).
  ({ h } = await startPromptWeek());
});
afterAll(() => h.close());

describe('downtime across prompt times', () => {
  it('after two hours down, the first tick of the restarted process sends what fell due, once each', async () => {
    await tickUntil('2026-03-02T07:30:00Z');
    expect(Object.fromEntries(prompted)).toEqual({ [OTHER]: ['2026-03-02T03:30:00.000Z'] });

    // Down from 07:30 to 09:30 UTC: Berlin's 09:00 (08:00 UTC) and the default zone's 09:00 fall due while
    // no process runs.
    await h.restart(() => h.clock.advance(2 * 60 * 60_000));
    expect(h.clock.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(2 * 60 * 60_000).toBeLessThan(CATCH_UP_MS);
    await h.tick();
    collect();
    expect(prompted.get(ADMIN)).toEqual(['2026-03-02T09:30:00.000Z']);
    expect(prompted.get(KENJI)).toEqual(['2026-03-02T09:30:00.000Z']);

    // The rest of the day runs normally: Los Angeles at its own 09:00, nobody twice.
    await tickUntil('2026-03-03T00:00:00Z');
    expect(Object.fromEntries(prompted)).toEqual({
      [OTHER]: ['2026-03-02T03:30:00.000Z'],
      [ADMIN]: ['2026-03-02T09:30:00.000Z'],
      [KENJI]: ['2026-03-02T09:30:00.000Z'],
      [MEMBER]: ['2026-03-02T17:00:00.000Z'],
    });
    const prompts = h.double
      .callsTo('chat.postMessage')
      .filter((call) => String(call.args.text ?? '').startsWith('Time to check in'));
    expect(prompts.filter((call) => call.ok)).toHaveLength(4);
    const rows = await h.db.checkInPrompt.findMany({ select: { dueAt: true, createdAt: true } });
    expect(rows).toHaveLength(4);
    // Each belongs to the occurrence it was due for, however late it went out.
    expect(rows.map((row) => row.dueAt.toISOString()).sort()).toEqual([
      '2026-03-02T03:30:00.000Z',
      '2026-03-02T08:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T17:00:00.000Z',
    ]);
  }, 180_000);
});
