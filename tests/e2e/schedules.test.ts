// `/okr schedule …` (admins) and `/okr pause` / `/okr resume`: the default schedule, changes, scopes, forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswers, expectFormErrors, fields, without } from '../support/e2e-steps.ts';
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
    await expectAnswers(h, MEMBER, [
      ['schedule', "*S-1* Every week on Monday at 09:00, each person's local time · everyone"],
    ]);
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
    await expectAnswers(h, ADMIN, [
      [
        'schedule add biweekly sun 02:30 --teams Growth',
        ['Added *S-2* Every two weeks on Sunday at 02:30', 'teams Growth'],
      ],
      ['schedule add weekly funday 25:00 --teams Nobody', ['weekday', 'time']],
      ['schedule add weekly mon 09:00 --teams Nobody', 'There is no team called "Nobody"'],
    ]);
    expect(await h.db.schedule.count()).toBe(2);
  });

  it('members cannot change schedules', async () => {
    await expectAnswers(h, MEMBER, [['schedule pause S-1', /admin/i]]);
    expect((await h.db.schedule.findFirstOrThrow({ where: { id: 1 } })).active).toBe(true);
  });

  it('edit changes only what is given; pause, resume and remove', async () => {
    await expectAnswers(h, ADMIN, [
      ['schedule edit S-2 --time 10:15 --teams everyone', ['Every two weeks on Sunday at 10:15', 'everyone']],
      ['schedule pause S-2', '_paused_'],
    ]);
    expect((await h.db.schedule.findUniqueOrThrow({ where: { id: 2 } })).active).toBe(false);
    await expectAnswers(h, ADMIN, [
      ['schedule resume S-2', without('_paused_')],
      ['schedule remove S-2', 'Removed S-2'],
      ['schedule remove S-9', 'There is no schedule S-9'],
    ]);
    const audit = await h.db.auditEntry.findMany({ where: { entityType: 'schedule' } });
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update', 'archive', 'restore', 'delete']);
  });

  it('without arguments, add opens a form; its errors are inline', async () => {
    const opened = await h.command(ADMIN, 'schedule add');
    expect(opened.modal?.callback_id).toBe('okra.schedule.form');
    const wednesdays = { cadence: 'weekly', day: '3' };
    await expectFormErrors(h, ADMIN, opened.modal!, fields({ ...wednesdays, time: 'noon' }), {
      time: expect.stringContaining('HH:MM'),
    });
    const good = await h.submit(
      ADMIN,
      opened.modal!,
      fields({ ...wednesdays, time: '16:30', firstReminder: '0' }),
    );
    expect(good.body).toBeFalsy();
    const created = await h.db.schedule.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(created).toMatchObject({ dayOfWeek: 3, localTime: '16:30', firstReminderDays: 0 });
  });
});

describe('/okr pause and /okr resume', () => {
  it('anyone pauses themselves; only admins pause others', async () => {
    await expectAnswers(h, MEMBER, [
      ['pause me until 2026-03-01', 'You are paused until 2026-03-01'],
      [`pause <@${OTHER}> until 2026-03-01`, 'Only PMO admins can pause someone else'],
    ]);
    await expectAnswers(h, ADMIN, [
      [`pause <@${OTHER}> until 2026-02-20`, `<@${OTHER}> is paused until 2026-02-20`],
    ]);
    await expectAnswers(h, MEMBER, [['pause me until 2026-01-01', 'has passed already']]);
    const pauses = await h.db.checkInPause.findMany({ orderBy: { id: 'asc' } });
    expect(pauses.map((p) => [p.fromDate, p.untilDate])).toEqual([
      ['2026-02-11', '2026-03-01'],
      ['2026-02-11', '2026-02-20'],
    ]);
  });

  it('resume ends the pause from today', async () => {
    h.clock.set('2026-02-13T10:00:00Z');
    await expectAnswers(h, MEMBER, [['resume', 'You will be prompted again']]);
    const pause = await h.db.checkInPause.findFirstOrThrow({ where: { member: { slackUserId: MEMBER } } });
    expect(pause.untilDate).toBe('2026-02-12');
    await expectAnswers(h, MEMBER, [['resume me', 'You were not paused']]);
  });
});
