// The prompt run and reminders on a real database, with the clock driving ticks across DST changes:
// everyone prompted at their local time, once per period, paused people left alone, catch-up after
// downtime within the documented bound, and reminders that stop after a check-in or a skip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../../src/db/client.ts';
import { ensureMember, ensureWorkspace, type MemberRow } from '../../src/db/queries/workspaces.ts';
import { CATCH_UP_MS } from '../../src/domain/check-ins/schedule-time.ts';
import { actorOf } from '../../src/services/actor.ts';
import { pauseCheckIns, skipWeek } from '../../src/services/check-in-pauses.ts';
import { type PromptNotice, runPrompts } from '../../src/services/check-in-prompts.ts';
import { runReminders } from '../../src/services/check-in-reminders.ts';
import { submitSheet } from '../../src/services/check-in-sheet.ts';
import { seedCycle, seedKeyResults } from '../support/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Db;
const sent: Array<PromptNotice & { at: Date }> = [];
let tickAt = new Date(0);
const enqueue = async (_tx: Tx, _workspaceId: number, notices: readonly PromptNotice[]) => {
  for (const notice of notices)
    if (!sent.some((s) => s.key === notice.key)) sent.push({ ...notice, at: tickAt });
};
/** Ticks an hour apart keep the test quick; a prompt goes out at the first tick at or after its time. */
const TICK_MINUTES = 60;
const SETTINGS = { defaultTimeZone: 'Europe/London' };
const ZONES: Record<string, string> = {
  U0LA: 'America/Los_Angeles',
  U0BERLIN: 'Europe/Berlin',
  U0KOLKATA: 'Asia/Kolkata',
  // No zone in Slack: the default zone applies.
  U0NOZONE: '',
};

async function workspaceWithOwners(team: string, people: string[]): Promise<number> {
  const workspaceId = (await ensureWorkspace(db, team)).id;
  const { objectiveId } = await seedCycle(db, workspaceId, {
    name: '2026',
    start: '2026-01-01',
    end: '2026-12-31',
  });
  const owners = [];
  for (const person of people)
    owners.push(await ensureMember(db, workspaceId, person, [], { tz: ZONES[person] ?? 'UTC' }));
  await seedKeyResults(
    db,
    workspaceId,
    objectiveId,
    owners.map((owner) => ({ title: `KR of ${owner.slackUserId}`, ownerId: owner.id, targetValue: 10 })),
  );
  return workspaceId;
}

async function tick(workspaceId: number, from: string, to: string, stepMinutes: number) {
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMinutes * 60_000) {
    tickAt = new Date(t);
    await runPrompts(db, workspaceId, tickAt, SETTINGS, enqueue, null);
  }
}

const localTime = (at: Date, zone: string) =>
  at.toLocaleString('en-GB', {
    timeZone: zone || SETTINGS.defaultTimeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.drop());

describe('prompts across DST', () => {
  const people = Object.keys(ZONES);
  let workspaceId: number;

  beforeAll(async () => {
    workspaceId = await workspaceWithOwners('T0DST', people);
    // Besides the default Monday 09:00: Sunday 02:30, a time the EU and US spring-forward nights skip.
    await db.schedule.create({
      data: { workspaceId, kind: 'checkin_prompt', dayOfWeek: 7, localTime: '02:30' },
    });
  });

  it.each([
    ['spring (US 8 March, EU 29 March)', '2026-02-28T12:00:00Z', '2026-04-07T00:00:00Z', 6],
    ['autumn (EU 25 October, US 1 November)', '2026-10-17T12:00:00Z', '2026-11-10T00:00:00Z', 4],
  ])(
    '%s: each person once a week per schedule, at their own local time',
    async (_name, from, to, weeks) => {
      sent.length = 0;
      await tick(workspaceId, from, to, TICK_MINUTES);
      const prompts = await db.checkInPrompt.findMany({
        where: { workspaceId, dueAt: { gte: new Date(from), lt: new Date(to) } },
        include: { member: true, schedule: true },
      });
      for (const person of people) {
        for (const day of [1, 7]) {
          const mine = prompts.filter((p) => p.member.slackUserId === person && p.schedule.dayOfWeek === day);
          // Nobody prompted twice in a period, nobody skipped a week.
          expect(new Set(mine.map((p) => p.period)).size, `${person} day ${day}`).toBe(mine.length);
          expect(mine.length, `${person} day ${day}`).toBe(weeks);
          for (const prompt of mine) {
            const local = localTime(prompt.dueAt, ZONES[person]!);
            if (day === 1) expect(local, person).toBe('Mon 09:00');
            // 02:30 on a spring-forward night does not exist: sent at 03:00, the next valid minute.
            else expect(['Sun 02:30', 'Sun 03:00'], `${person} ${prompt.period}`).toContain(local);
            const notice = sent.find(
              (s) => s.key === `prompt:${prompt.scheduleId}:${prompt.period}:${person}`,
            );
            expect(notice, `${person} ${prompt.period}`).toBeDefined();
            // Sent at the first tick at or after the due time.
            expect(notice!.at.getTime() - prompt.dueAt.getTime()).toBeGreaterThanOrEqual(0);
            expect(notice!.at.getTime() - prompt.dueAt.getTime()).toBeLessThan(TICK_MINUTES * 60_000);
          }
        }
      }
      const skipped = prompts.filter(
        (p) => p.schedule.dayOfWeek === 7 && localTime(p.dueAt, ZONES[p.member.slackUserId]!) === 'Sun 03:00',
      );
      expect(skipped.map((p) => p.member.slackUserId).sort()).toEqual(
        // London (the default zone here) springs forward at 01:00, so its 02:30 exists.
        from.startsWith('2026-02') ? ['U0BERLIN', 'U0LA'] : [],
      );
      expect(sent).toHaveLength(prompts.length);
    },
    180_000,
  );
});

describe('pauses, downtime, reminders', () => {
  let workspaceId: number;

  beforeAll(async () => {
    workspaceId = await workspaceWithOwners('T0REMIND', ['U0ANA', 'U0BEN', 'U0CAT', 'U0DAN']);
  });

  it('a paused person is not prompted; a process down for two hours catches up; past the bound it does not', async () => {
    const ben = await db.member.findFirstOrThrow({ where: { workspaceId, slackUserId: 'U0BEN' } });
    await pauseCheckIns(
      db,
      actorOf(ben as MemberRow),
      { memberId: ben.id, until: '2026-02-15' },
      { now: new Date('2026-02-08T12:00:00Z'), defaultTimeZone: 'UTC' },
    );
    sent.length = 0;
    // Down from 08:00 to 11:00 UTC on Monday 9 February: the 09:00 prompts go out at 11:00.
    tickAt = new Date('2026-02-09T08:00:00Z');
    await runPrompts(db, workspaceId, tickAt, SETTINGS, enqueue, null);
    expect(sent).toHaveLength(0);
    tickAt = new Date('2026-02-09T11:00:00Z');
    await runPrompts(db, workspaceId, tickAt, SETTINGS, enqueue, null);
    expect(sent.map((s) => (s.to as { user: string }).user).sort()).toEqual(['U0ANA', 'U0CAT', 'U0DAN']);
    // The same tick again, or a second instance: nothing more.
    await runPrompts(db, workspaceId, tickAt, SETTINGS, enqueue, null);
    expect(sent).toHaveLength(3);
    // The week after, down until past the catch-up bound: that week's prompt is not sent at all.
    tickAt = new Date(Date.parse('2026-02-16T09:00:00Z') + CATCH_UP_MS);
    await runPrompts(db, workspaceId, tickAt, SETTINGS, enqueue, null);
    expect(sent).toHaveLength(3);
  });

  it('reminders: next working day, then two later; none after a check-in or a skip', async () => {
    sent.length = 0;
    const ana = actorOf(
      (await db.member.findFirstOrThrow({ where: { workspaceId, slackUserId: 'U0ANA' } })) as MemberRow,
    );
    const cat = actorOf(
      (await db.member.findFirstOrThrow({ where: { workspaceId, slackUserId: 'U0CAT' } })) as MemberRow,
    );
    const remindAt = async (iso: string) => {
      tickAt = new Date(iso);
      await runReminders(db, workspaceId, tickAt, enqueue);
    };
    await remindAt('2026-02-10T08:59:00Z');
    expect(sent).toHaveLength(0);
    // Ana checks in on Tuesday morning; Cat skips the week.
    const anaKr = await db.keyResult.findFirstOrThrow({ where: { workspaceId, ownerId: ana.memberId } });
    const done = await submitSheet(
      db,
      ana,
      { keyResults: [{ id: anaKr.id, value: '3' }], kpis: [] },
      { now: new Date('2026-02-10T08:00:00Z'), defaultTimeZone: 'UTC' },
      '2026-W07',
    );
    expect(done.ok).toBe(true);
    await skipWeek(db, cat, '2026-W07', { now: new Date('2026-02-10T08:00:00Z'), defaultTimeZone: 'UTC' });
    await remindAt('2026-02-10T09:00:00Z');
    await remindAt('2026-02-10T09:01:00Z');
    expect(sent.map((s) => s.key)).toEqual([
      'prompt:1:2026-W07:U0DAN:reminder:1'.replace(
        '1:',
        `${(await db.schedule.findFirstOrThrow({ where: { workspaceId } })).id}:`,
      ),
    ]);
    await remindAt('2026-02-12T09:00:00Z');
    expect(sent.map((s) => s.key.split(':').at(-1))).toEqual(['1', '2']);
    // No third reminder, and none in the next period from this prompt.
    await remindAt('2026-02-13T09:00:00Z');
    await remindAt('2026-02-16T09:00:00Z');
    expect(sent).toHaveLength(2);
    const states = await db.checkInPrompt.findMany({
      where: { workspaceId, period: '2026-W07' },
      include: { member: true },
    });
    expect(Object.fromEntries(states.map((p) => [p.member.slackUserId, p.state]))).toEqual({
      U0ANA: 'done',
      U0CAT: 'skipped',
      U0DAN: 'prompted',
    });
  });
});
