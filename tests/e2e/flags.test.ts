// Flags: a check-in that worsens a status sends the owner ONE DM and the PMO channel ONE line per item,
// once per transition; buttons on the DM open the check-in and risk forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;
let memberId: number;

const PMO = 'C0OKRS';
const linesAbout = (ref: string) => h.double.messagesIn(PMO).filter((m) => m.text?.includes(`*${ref}*`));

async function keyResult(number: number, title: string, objectiveNumber: number) {
  const cycle = await h.db.cycle.findFirstOrThrow({ where: { workspaceId } });
  const objective = await h.db.objective.create({
    data: {
      workspaceId,
      number: objectiveNumber,
      title: `Objective ${objectiveNumber}`,
      cycleId: cycle.id,
      level: 'company',
    },
  });
  return h.db.keyResult.create({
    data: {
      workspaceId,
      number,
      objectiveId: objective.id,
      title,
      ownerId: memberId,
      kind: 'increase',
      startValue: 0,
      targetValue: 100,
    },
  });
}

beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [MEMBER]);
  ({ workspaceId } = quarter);
  memberId = quarter.members[MEMBER]!;
  await keyResult(1, 'Sign <!channel> partners', 1);
  await keyResult(2, 'Grow usage', 2);
  await keyResult(3, 'Cut churn', 3);
});
afterAll(() => h.close());

describe('flags after a check-in', () => {
  it('sends exactly one DM to the owner and one PMO line when a key result goes off track', async () => {
    const result = await h.command(MEMBER, 'update KR-1 10 --confidence 2');
    expect(result.text).toContain('off track');
    // Flags follow the reply.
    await h.okra.idle();
    const dms = h.double.messagesIn(MEMBER);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain('is now *off track*');
    expect(dms[0]?.text).toContain('*KR-1*');
    const dmBlocks = JSON.stringify(dms[0]?.blocks);
    expect(dmBlocks).toContain('Check in');
    expect(dmBlocks).toContain('Add a risk');
    // User text is escaped: no broadcast sneaks through a title.
    expect(dmBlocks).toContain('&lt;!channel&gt;');
    const lines = linesAbout('KR-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toMatch(
      /^:red_circle: \*KR-1\* "Sign &lt;!channel&gt; partners" is off track: 10% done vs \d+% expected on a straight-line plan · confidence 2\/10 — owner <@U0BOB>$/,
    );
    // The objective worsened with it: recorded, but the channel gets the one line that names the cause.
    expect(h.double.messagesIn(PMO)).toHaveLength(1);
    expect(linesAbout('O-1')).toHaveLength(0);
    const recorded = await h.db.itemStatus.findMany({ where: { workspaceId }, orderBy: { itemType: 'asc' } });
    expect(recorded.map((r) => [r.itemType, r.status])).toEqual([
      ['key_result', 'off_track'],
      ['objective', 'off_track'],
    ]);
  });

  it('sends nothing when the next check-in leaves the status unchanged', async () => {
    const before = h.double.messages.length;
    await h.command(MEMBER, 'update KR-1 10 --confidence 2');
    await h.command(MEMBER, 'update KR-1 11 --confidence 2');
    expect(h.double.messages.length).toBe(before);
    expect(h.double.messagesIn(MEMBER)).toHaveLength(1);
    expect(linesAbout('KR-1')).toHaveLength(1);
  });

  it('records an improvement without flagging it', async () => {
    const before = h.double.messages.length;
    await h.command(MEMBER, 'update KR-1 60 --confidence 9');
    expect(h.double.messages.length).toBe(before);
    const status = await h.db.itemStatus.findFirstOrThrow({ where: { itemType: 'key_result' } });
    expect(status.status).toBe('on_track');
  });

  it('still ends in one message when Slack answers 429 with Retry-After', async () => {
    h.double.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.command(MEMBER, 'update KR-2 5 --confidence 1');
    await h.okra.idle();
    expect(h.double.messagesIn(MEMBER).filter((m) => m.text?.includes('KR-2'))).toHaveLength(1);
    expect(linesAbout('KR-2')).toHaveLength(1);
    expect(h.double.callsTo('chat.postMessage').some((call) => call.status === 429)).toBe(true);
    // Each notice is settled as sent, with where Slack put it.
    await h.okra.idle();
    const notices = await h.db.outbox.findMany({ where: { key: { startsWith: 'flag:key_result:' } } });
    expect(notices.map((n) => n.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(notices.every((n) => n.channel && n.ts)).toBe(true);
  }, 15_000);
});

describe('the buttons on a flag DM', () => {
  /** The member presses `actionId` on their flag DM about KR-2; resolves to the form that opened. */
  const pressOnFlagDm = async (actionId: string) => {
    const flagDm = h.double.messagesIn(MEMBER).find((m) => m.text?.includes('KR-2'))!;
    const opened = h.double.callsTo('views.open').length;
    await h.action({
      userId: MEMBER,
      action: { actionId, value: 'KR-2' },
      channelId: h.double.dmChannelOf(MEMBER),
      message: flagDm as unknown as Record<string, unknown>,
      triggerId: h.double.newTriggerId(),
    });
    return h.double.callsTo('views.open').slice(opened)[0]?.args.view as Record<string, unknown>;
  };

  it('"Check in" opens the quick form, which checks in through the same service', async () => {
    const view = await pressOnFlagDm('okra.flag.check_in');
    expect(view.callback_id).toBe('okra.checkin.quick');
    expect(view.private_metadata).toBe('KR-2');

    const invalid = await h.submit(MEMBER, view, { value: { value: 'lots' } });
    expect(invalid.body).toMatchObject({ response_action: 'errors', errors: { value: expect.any(String) } });

    const valid = await h.submit(MEMBER, view, { value: { value: '7' }, confidence: { value: '1/10' } });
    expect(valid.status).toBe(200);
    const kr = await h.db.keyResult.findFirstOrThrow({ where: { number: 2 } });
    expect(kr.currentValue).toBe(7);
    expect(h.double.messagesIn(MEMBER).at(-1)?.text).toContain('KR-2');
  });

  it('"Add a risk" opens the risk form with the item filled in', async () => {
    const view = (await pressOnFlagDm('okra.flag.add_risk')) as {
      callback_id: string;
      blocks: Array<{ block_id: string; element: Record<string, unknown> }>;
    };
    expect(view.callback_id).toBe('okra.risk.add');
    expect(view.blocks.find((b) => b.block_id === 'on')?.element.initial_value).toBe('KR-2');
  });
});

describe('flags for KPIs', () => {
  it('flags a KPI reading in the red as a breach, once', async () => {
    await h.db.kpi.create({
      data: {
        workspaceId,
        number: 1,
        title: 'Churn',
        unit: '%',
        ownerId: memberId,
        target: 2,
        green: 2.5,
        amber: 4,
        direction: 'lower_is_better',
      },
    });
    await h.command(MEMBER, 'update KPI-1 2%');
    expect(linesAbout('KPI-1')).toHaveLength(0);
    await h.command(MEMBER, 'update KPI-1 6%');
    await h.okra.idle();
    expect(linesAbout('KPI-1')[0]?.text).toContain(':red_circle: *KPI-1* "Churn" is off track: at 6%, red');
    await h.command(ADMIN, 'update KPI-1 7%');
    expect(linesAbout('KPI-1')).toHaveLength(1);
  });
});
