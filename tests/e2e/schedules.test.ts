// `/okr schedule …` (admins) and `/okr pause` / `/okr resume`: the default schedule, changes, scopes, forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';

let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness({ now: '2026-02-11T10:00:00Z' });
  await h.command(ADMIN, 'help');
  await h.command(MEMBER, 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  await h.db.team.create({ data: { workspaceId, name: 'Growth' } });
});
afterAll(() => h.close());

describe('/okr schedule', () => {
  it('a new workspace starts with a weekly Monday 09:00 local schedule for everyone', async () => {
    const listed = await h.command(MEMBER, 'schedule');
    expect(listed.text).toContain("*S-1* Every week on Monday at 09:00, each person's local time · everyone");
    const [row] = await h.db.schedule.findMany({ where: { workspaceId } });
    expect(row).toMatchObject({
      kind: 'checkin_prompt',
      cadence: 'weekly',
      dayOfWeek: 1,
      localTime: '09:00',
      active: true,
    });
  });

  it('admins add one by text with a team scope; bad input is named', async () => {
    const added = await h.command(ADMIN, 'schedule add biweekly sun 02:30 --teams Growth');
    expect(added.text).toContain('Added *S-2* Every two weeks on Sunday at 02:30');
    expect(added.text).toContain('teams Growth');
    const bad = await h.command(ADMIN, 'schedule add weekly funday 25:00 --teams Nobody');
    expect(bad.text).toContain('weekday');
    expect(bad.text).toContain('time');
    const noTeam = await h.command(ADMIN, 'schedule add weekly mon 09:00 --teams Nobody');
    expect(noTeam.text).toContain('There is no team called "Nobody"');
    expect(await h.db.schedule.count()).toBe(2);
  });

  it('members cannot change schedules', async () => {
    const refused = await h.command(MEMBER, 'schedule pause S-1');
    expect(refused.text).toMatch(/admin/i);
    expect((await h.db.schedule.findFirstOrThrow({ where: { id: 1 } })).active).toBe(true);
  });

  it('edit changes only what is given; pause, resume and remove', async () => {
    const edited = await h.command(ADMIN, 'schedule edit S-2 --time 10:15 --teams everyone');
    expect(edited.text).toContain('Every two weeks on Sunday at 10:15');
    expect(edited.text).toContain('everyone');
    expect((await h.command(ADMIN, 'schedule pause S-2')).text).toContain('_paused_');
    expect((await h.db.schedule.findUniqueOrThrow({ where: { id: 2 } })).active).toBe(false);
    expect((await h.command(ADMIN, 'schedule resume S-2')).text).not.toContain('_paused_');
    expect((await h.command(ADMIN, 'schedule remove S-2')).text).toContain('Removed S-2');
    expect((await h.command(ADMIN, 'schedule remove S-9')).text).toContain('There is no schedule S-9');
    const audit = await h.db.auditEntry.findMany({ where: { entityType: 'schedule' } });
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update', 'archive', 'restore', 'delete']);
  });

  it('without arguments, add opens a form; its errors are inline', async () => {
    const opened = await h.command(ADMIN, 'schedule add');
    expect(opened.modal?.callback_id).toBe('okra.schedule.form');
    const bad = await h.submit(ADMIN, opened.modal!, {
      cadence: { value: 'weekly' },
      day: { value: '3' },
      time: { value: 'noon' },
    });
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { time: expect.stringContaining('HH:MM') },
    });
    const good = await h.submit(ADMIN, opened.modal!, {
      cadence: { value: 'weekly' },
      day: { value: '3' },
      time: { value: '16:30' },
      firstReminder: { value: '0' },
    });
    expect(good.body).toBeFalsy();
    const created = await h.db.schedule.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(created).toMatchObject({ dayOfWeek: 3, localTime: '16:30', firstReminderDays: 0 });
  });
});

describe('/okr pause and /okr resume', () => {
  it('anyone pauses themselves; only admins pause others', async () => {
    const mine = await h.command(MEMBER, 'pause me until 2026-03-01');
    expect(mine.text).toContain('You are paused until 2026-03-01');
    const refused = await h.command(MEMBER, `pause <@${OTHER}> until 2026-03-01`);
    expect(refused.text).toContain('Only PMO admins can pause someone else');
    const theirs = await h.command(ADMIN, `pause <@${OTHER}> until 2026-02-20`);
    expect(theirs.text).toContain(`<@${OTHER}> is paused until 2026-02-20`);
    const past = await h.command(MEMBER, 'pause me until 2026-01-01');
    expect(past.text).toContain('has passed already');
    const pauses = await h.db.checkInPause.findMany({ orderBy: { id: 'asc' } });
    expect(pauses.map((p) => [p.fromDate, p.untilDate])).toEqual([
      ['2026-02-11', '2026-03-01'],
      ['2026-02-11', '2026-02-20'],
    ]);
  });

  it('resume ends the pause from today', async () => {
    h.clock.set('2026-02-13T10:00:00Z');
    const resumed = await h.command(MEMBER, 'resume');
    expect(resumed.text).toContain('You will be prompted again');
    const pause = await h.db.checkInPause.findFirstOrThrow({ where: { member: { slackUserId: MEMBER } } });
    expect(pause.untilDate).toBe('2026-02-12');
    expect((await h.command(MEMBER, 'resume me')).text).toContain('You were not paused');
  });
});
