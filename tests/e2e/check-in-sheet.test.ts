// The weekly check-in modal (`/okr checkin`): prefilled, kind-fitting inputs, inline errors, one transaction
// per submission, forged items refused, risks raised into the register, and pages for long sheets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent } from '../../devkit/slack-stand-in/payloads.ts';
import { DEFAULT_USERS } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

const KENJI = DEFAULT_USERS.kenji.id;
let h: Harness;
let workspaceId: number;
let objectiveId: number;
const ids: Record<string, number> = {};

type View = {
  blocks: Array<{
    type: string;
    block_id?: string;
    element?: Record<string, unknown>;
    label?: { text: string };
  }>;
  private_metadata?: string;
  submit?: { text: string };
};

/** The sheet the app put in place of the loading view (views.update after views.open). */
const lastSheet = () => h.double.lastCallTo('views.update')!.args.view as unknown as View;
const block = (view: View, id: string) => view.blocks.find((b) => b.block_id === id);

async function openSheet(user: string): Promise<View> {
  const before = h.double.callsTo('views.update').length;
  const opened = await h.command(user, 'checkin');
  expect(opened.modal?.callback_id).toBe('okra.checkin.sheet');
  expect(h.double.callsTo('views.update').length).toBe(before + 1);
  return lastSheet();
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-02-11T10:00:00Z' });
  const quarter = await seedQuarter(h, [ADMIN, MEMBER, OTHER, KENJI]);
  ({ workspaceId } = quarter);
  const member = { id: quarter.members[MEMBER]! };
  const other = { id: quarter.members[OTHER]! };
  const cycle = { id: quarter.cycleId };
  objectiveId = (
    await h.db.objective.create({
      data: { workspaceId, number: 1, title: 'Grow', cycleId: cycle.id, level: 'company' },
    })
  ).id;
  const kr = async (number: number, ownerId: number, extra: Record<string, unknown> = {}) => {
    const row = await h.db.keyResult.create({
      data: {
        workspaceId,
        number,
        objectiveId,
        title: `KR ${number}`,
        ownerId,
        kind: 'increase',
        targetValue: 2000,
        ...extra,
      },
    });
    ids[`KR-${number}`] = row.id;
    return row;
  };
  await kr(1, member.id, { unit: 'customers', currentValue: 1200 });
  await kr(2, member.id, { kind: 'boolean', targetValue: 1 });
  const ms = await kr(3, member.id, { kind: 'milestone', targetValue: 1 });
  for (const [i, title] of ['Design', 'Build', 'Launch'].entries())
    await h.db.milestone.create({ data: { keyResultId: ms.id, position: i + 1, title, done: i === 0 } });
  await kr(4, other.id);
  const kpi = async (number: number, ownerId: number, cadence: string) => {
    const row = await h.db.kpi.create({
      data: {
        workspaceId,
        number,
        title: `KPI ${number}`,
        ownerId,
        target: 50,
        green: 40,
        amber: 30,
        cadence,
      },
    });
    ids[`KPI-${number}`] = row.id;
  };
  await kpi(1, member.id, 'monthly');
  await kpi(2, other.id, 'weekly');
});
afterAll(() => h.close());

const checkIns = () => h.db.checkIn.count();

describe('/okr checkin', () => {
  it('opens at once and fills in the sheet: values prefilled, inputs fitting each kind', async () => {
    const view = await openSheet(MEMBER);
    const value = block(view, `kr.${ids['KR-1']}.value`)!;
    expect(value.element).toMatchObject({ type: 'plain_text_input', initial_value: '1,200' });
    expect(block(view, `kr.${ids['KR-2']}.value`)!.element).toMatchObject({ type: 'static_select' });
    const milestones = block(view, `kr.${ids['KR-3']}.ms.0`)!.element as {
      type: string;
      options: unknown[];
      initial_options: unknown[];
    };
    expect(milestones.type).toBe('checkboxes');
    expect(milestones.options).toHaveLength(3);
    expect(milestones.initial_options).toHaveLength(1);
    expect(block(view, `kpi.${ids['KPI-1']}.value`)!.label!.text).toContain('reading for 2026-02');
    // Someone else's items are not in the sheet.
    expect(block(view, `kr.${ids['KR-4']}.value`)).toBeUndefined();
    expect(block(view, `kpi.${ids['KPI-2']}.value`)).toBeUndefined();
    expect(view.submit?.text).toBe('Check in');
  });

  it('answers bad numbers, out-of-range confidence and over-long text inline, and stores nothing', async () => {
    const view = await openSheet(MEMBER);
    const response = await h.submit(MEMBER, view as never, {
      [`kr.${ids['KR-1']}.value`]: { value: 'lots' },
      [`kr.${ids['KR-1']}.confidence`]: { value: '12' },
      [`kr.${ids['KR-2']}.value`]: { value: 'yes' },
      [`kr.${ids['KR-2']}.comment`]: { value: 'x'.repeat(3001) },
      [`kpi.${ids['KPI-1']}.value`]: { value: '45' },
    });
    const errors = (response.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(
      [`kr.${ids['KR-1']}.confidence`, `kr.${ids['KR-1']}.value`, `kr.${ids['KR-2']}.comment`].sort(),
    );
    expect(errors[`kr.${ids['KR-2']}.comment`]).toContain('3000');
    expect(await checkIns()).toBe(0);
    expect(await h.db.kpiReading.count()).toBe(0);
  });

  it('stores the whole sheet in one go, through the same rules as /okr update', async () => {
    const view = await openSheet(MEMBER);
    const response = await h.submit(MEMBER, view as never, {
      [`kr.${ids['KR-1']}.value`]: { value: '1,400' },
      [`kr.${ids['KR-1']}.confidence`]: { value: '7' },
      [`kr.${ids['KR-1']}.comment`]: { value: 'Two <!here> deals' },
      [`kr.${ids['KR-2']}.value`]: { value: 'yes' },
      [`kr.${ids['KR-3']}.ms.0`]: { value: ['1', '2'] },
      [`kpi.${ids['KPI-1']}.value`]: { value: '45' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeFalsy();
    const rows = await h.db.checkIn.findMany({ orderBy: { keyResultId: 'asc' } });
    expect(rows.map((row) => [row.keyResultId, row.period, row.value])).toEqual([
      [ids['KR-1'], '2026-W07', 1400],
      [ids['KR-2'], '2026-W07', 1],
      [ids['KR-3'], '2026-W07', 2 / 3],
    ]);
    expect(rows[0]).toMatchObject({ confidence: 7, comment: 'Two <!here> deals' });
    expect((await h.db.keyResult.findUniqueOrThrow({ where: { id: ids['KR-1'] } })).currentValue).toBe(1400);
    const done = await h.db.milestone.findMany({
      where: { keyResultId: ids['KR-3'] },
      orderBy: { position: 'asc' },
    });
    expect(done.map((m) => m.done)).toEqual([true, true, false]);
    expect(await h.db.kpiReading.findFirstOrThrow()).toMatchObject({ period: '2026-02', value: 45 });
    expect(await h.db.auditEntry.count({ where: { action: 'check_in' } })).toBe(4);
    const reply = h.double.messagesIn(MEMBER).at(-1)!;
    expect(reply.text).toContain('Checked in for 2026-W07: 4 items');
    expect(JSON.stringify(reply.blocks)).toContain('KR 3: 67% of milestones done');
    // A monthly KPI with its month's reading is not asked again.
    const again = await openSheet(MEMBER);
    expect(block(again, `kpi.${ids['KPI-1']}.value`)).toBeUndefined();
    expect(block(again, `kr.${ids['KR-1']}.value`)!.element).toMatchObject({ initial_value: '1,400' });
  });

  it('a second submission in the same period replaces the first, which stays in the audit log', async () => {
    const view = await openSheet(MEMBER);
    await h.submit(MEMBER, view as never, {
      [`kr.${ids['KR-1']}.value`]: { value: '1,500' },
      [`kr.${ids['KR-2']}.value`]: { value: 'yes' },
      [`kr.${ids['KR-3']}.ms.0`]: { value: ['1', '2'] },
    });
    const rows = await h.db.checkIn.findMany({ where: { keyResultId: ids['KR-1'] } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 1500, period: '2026-W07' });
    const audits = await h.db.auditEntry.findMany({
      where: { action: 'check_in', entityRef: 'KR-1' },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((a) => JSON.parse(a.after).value)).toEqual([1400, 1500]);
  });

  it('refuses a forged submission naming an item the person does not own, and stores nothing', async () => {
    const before = {
      checkIns: await checkIns(),
      readings: await h.db.kpiReading.count(),
      audits: await h.db.auditEntry.count(),
    };
    const view = await openSheet(MEMBER);
    const forged: View = {
      ...view,
      blocks: [
        ...view.blocks,
        {
          type: 'input',
          block_id: `kr.${ids['KR-4']}.value`,
          label: { text: 'x' },
          element: { type: 'plain_text_input', action_id: 'value' },
        },
      ],
    };
    const response = await h.submit(MEMBER, forged as never, {
      [`kr.${ids['KR-1']}.value`]: { value: '1,900' },
      [`kr.${ids['KR-4']}.value`]: { value: '5' },
    });
    expect(JSON.stringify(response.body)).toContain('not yours to check in on');
    expect(await checkIns()).toBe(before.checkIns);
    expect(await h.db.kpiReading.count()).toBe(before.readings);
    expect(await h.db.auditEntry.count()).toBe(before.audits);
    expect((await h.db.keyResult.findUniqueOrThrow({ where: { id: ids['KR-1'] } })).currentValue).toBe(1500);
  });

  it('a risk raised in the sheet is in the register and escalated when its score warrants it', async () => {
    const view = await openSheet(MEMBER);
    await h.submit(MEMBER, view as never, {
      [`kr.${ids['KR-1']}.value`]: { value: '1,500' },
      blockers: { value: 'Vendor <!channel> delay' },
      'risk.raise': { value: ['raise'] },
      'risk.likelihood': { value: '5' },
      'risk.impact': { value: '4' },
      'risk.on': { value: 'KR-1' },
    });
    const risk = await h.db.risk.findFirstOrThrow({ where: { workspaceId } });
    expect(risk).toMatchObject({
      title: 'Vendor <!channel> delay',
      likelihood: 5,
      impact: 4,
      keyResultId: ids['KR-1'],
    });
    expect(risk.escalatedAt).not.toBeNull();
    expect(h.double.messagesIn('C0OKRS').at(-1)?.text).toContain('Vendor &lt;!channel&gt; delay');
    const risks = await h.command(MEMBER, 'risks');
    expect(JSON.stringify(risks.replies)).toContain('R-1');
  });
});

describe('a long sheet', () => {
  beforeAll(async () => {
    const kenji = await h.db.member.findFirstOrThrow({ where: { slackUserId: KENJI } });
    for (let n = 0; n < 40; n++) {
      const row = await h.db.keyResult.create({
        data: {
          workspaceId,
          number: 100 + n,
          objectiveId,
          title: `Long KR ${n} ${'words '.repeat(20)}`,
          ownerId: kenji.id,
          kind: n === 0 ? 'milestone' : 'increase',
          targetValue: 100,
          currentValue: n === 0 ? null : n,
        },
      });
      if (n === 0)
        for (let m = 1; m <= 15; m++)
          await h.db.milestone.create({ data: { keyResultId: row.id, position: m, title: `Step ${m}` } });
      ids[`long-${n}`] = row.id;
    }
    for (let n = 0; n < 10; n++)
      await h.db.kpi.create({
        data: {
          workspaceId,
          number: 100 + n,
          title: `Long KPI ${n}`,
          ownerId: kenji.id,
          target: 5,
          green: 4,
          amber: 3,
        },
      });
  });

  it('40 key results (one with 15 milestones) and 10 KPIs: pages within Slack limits, stored on the last', async () => {
    let view = await openSheet(KENJI);
    const milestoneBoxes = view.blocks.filter((b) => b.block_id?.startsWith(`kr.${ids['long-0']}.ms.`));
    expect(milestoneBoxes).toHaveLength(2);
    const pages: View[] = [view];
    const krValues = (page: View) => {
      const values: Record<string, Record<string, string | string[]>> = {};
      for (const b of page.blocks) {
        if (b.block_id?.endsWith('.value') && b.block_id.startsWith('kr.'))
          values[b.block_id] = { value: '50' };
        if (b.block_id?.includes('.ms.'))
          values[b.block_id] = { value: b.block_id.endsWith('.ms.1') ? ['12'] : ['1'] };
      }
      return values;
    };
    for (let guard = 0; view.submit?.text === 'Next' && guard < 5; guard++) {
      const values = krValues(view);
      const next = await h.submit(KENJI, view as never, values);
      const body = next.body as { response_action: string; view: View };
      expect(body.response_action).toBe('update');
      view = body.view;
      pages.push(view);
    }
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.blocks.length).toBeLessThanOrEqual(100);
    expect(await h.db.checkIn.count({ where: { author: { slackUserId: KENJI } } })).toBe(0);
    const kpiBlock = view.blocks.find((b) => b.block_id?.startsWith('kpi.'))!;
    const final = await h.submit(KENJI, view as never, {
      ...krValues(view),
      [kpiBlock.block_id!]: { value: '4' },
    });
    expect(final.body).toBeFalsy();
    // Every key result answered across the pages (the milestone one by its two sets of boxes), one KPI.
    expect(await h.db.checkIn.count({ where: { author: { slackUserId: KENJI } } })).toBe(40);
    expect(await h.db.kpiReading.count({ where: { author: { slackUserId: KENJI } } })).toBe(1);
    expect(await h.db.checkInDraft.count()).toBe(0);
    const steps = await h.db.milestone.findMany({ where: { keyResultId: ids['long-0'], done: true } });
    expect(steps.map((m) => m.position).sort((a, b) => a - b)).toEqual([1, 12]);
  });
});

describe('/okr checkin status', () => {
  it('per team, who has checked in this week and who is waiting or paused, with counts; admins only', async () => {
    const team = await h.db.team.create({ data: { workspaceId, name: 'Growth <team>' } });
    for (const user of [MEMBER, OTHER]) {
      const member = await h.db.member.findFirstOrThrow({ where: { slackUserId: user } });
      await h.db.teamMember.create({ data: { teamId: team.id, memberId: member.id } });
    }
    expect((await h.command(MEMBER, 'checkin status')).text).toMatch(/admin/i);
    const status = await h.command(ADMIN, 'checkin status');
    // Alice (the admin) is in Berlin: her week is 2026-W07.
    expect(status.text).toBe('Check-ins for 2026-W07: 2 checked in, 0 paused or skipped, 1 waiting.');
    const blocks = JSON.stringify(status.replies[0]?.body.blocks);
    expect(blocks).toContain('*Growth &lt;team&gt;* — 1 of 2 checked in · 0 paused or skipped · 1 waiting');
    expect(blocks).toContain(`Waiting: <@${OTHER}>`);
    await h.command(OTHER, 'pause me until 2026-02-20');
    expect((await h.command(ADMIN, 'checkin status')).text).toContain('1 paused or skipped, 0 waiting');
  });
});

describe('App Home and the check-in buttons', () => {
  it('the Home tab has a "Check in" button and says per item whether it is done or due this week', async () => {
    await h.event({ event: appHomeOpenedEvent(MEMBER) });
    const home = JSON.stringify(h.double.homeOf(MEMBER));
    expect(home).toContain('Check in for 2026-W07');
    expect(home).toMatch(/\*KR-1\*[^•]*done this week/);
    const kenjiHome = async () => {
      await h.event({ event: appHomeOpenedEvent(KENJI) });
      return JSON.stringify(h.double.homeOf(KENJI));
    };
    // Kenji's KPIs (but one) have no reading this week.
    expect(await kenjiHome()).toMatch(/\*KPI-101\*[^•]*due this week/);
  });

  it('"Check in" opens the sheet for the period on the button', async () => {
    const before = h.double.callsTo('views.update').length;
    await h.action({
      userId: MEMBER,
      action: { actionId: 'okra.checkin.open', value: '2026-W07' },
      triggerId: h.double.newTriggerId(),
    });
    expect(h.double.callsTo('views.update').length).toBe(before + 1);
    expect(lastSheet().private_metadata).toContain('"p":"2026-W07"');
  });

  it('"Skip this week" excuses the week: no longer waiting in the status, marked on Home', async () => {
    await h.action({
      userId: KENJI,
      action: { actionId: 'okra.checkin.skip', value: '2026-W07' },
      triggerId: h.double.newTriggerId(),
    });
    expect(h.double.messagesIn(KENJI).at(-1)?.text).toContain('Skipped 2026-W07');
    const pause = await h.db.checkInPause.findFirstOrThrow({ where: { member: { slackUserId: KENJI } } });
    expect(pause).toMatchObject({ kind: 'skip', untilDate: '2026-02-15' });
    expect(JSON.stringify(h.double.homeOf(KENJI))).toContain('paused this week');
  });
});
