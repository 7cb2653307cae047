// `/okr update`: typed check-ins and KPI readings, the check-in form, and who may check in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswers } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';
import { planRows } from '../support/plan-rows.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [MEMBER, OTHER]);
  ({ workspaceId } = quarter);
  const rows = planRows(h, quarter);
  const member = { id: quarter.members[MEMBER]! };
  await h.db.member.update({ where: { id: member.id }, data: { tz: 'Asia/Tokyo' } });
  const old = await h.db.cycle.create({
    data: {
      workspaceId,
      name: '2025 Q4',
      startDate: new Date('2025-10-01'),
      endDate: new Date('2025-12-31'),
    },
  });
  const objective = await rows.objective(1, 'Grow');
  const past = await rows.objective(2, 'Last year', { cycleId: old.id });
  const kr = (number: number, extra: Parameters<typeof rows.keyResult>[3]) =>
    rows.keyResult(number, objective.id, `KR ${number}`, {
      ownerId: member.id,
      startValue: 0,
      targetValue: 2000,
      ...extra,
    });
  await kr(1, { unit: 'customers' });
  await kr(2, { kind: 'boolean', startValue: 0, targetValue: 1 });
  const milestones = await kr(3, { kind: 'milestone', startValue: 0, targetValue: 1 });
  for (const [i, title] of ['Design', 'Build', 'Launch'].entries())
    await h.db.milestone.create({ data: { keyResultId: milestones.id, position: i + 1, title } });
  await kr(4, { archivedAt: new Date('2026-02-01') });
  await kr(5, { objectiveId: past.id });
  await rows.kpi(1, 'NPS', { ownerId: member.id, target: 50, green: 40, amber: 30, cadence: 'monthly' });
});
afterAll(() => h.close());

const checkInsOf = async (number: number) => {
  const kr = await h.db.keyResult.findFirstOrThrow({ where: { workspaceId, number } });
  return h.db.checkIn.findMany({ where: { keyResultId: kr.id } });
};

describe('/okr update typed', () => {
  it('records the value for the owner week in their time zone, with the status and forecast in the reply', async () => {
    // 2026-02-11T10:00Z is Wednesday evening in Tokyo: ISO week 7.
    const result = await h.command(
      MEMBER,
      'update KR-1 1,250 --confidence 7/10 --comment "Two &lt;!here&gt; deals"',
    );
    expect(result.text).toContain('Checked in for 2026-W07: *KR-1* KR 1 → 1,250 customers');
    expect(result.text).toMatch(/Progress: 63% done \(\d+% expected by now\)/);
    expect(result.text).toMatch(/Status: :large_green_circle: on track/);
    expect(result.text).toMatch(
      /Forecast: on course for \d+–\d+% of target, weighing the numbers along the straight-line plan \(\d+%\) and the owner's 7\/10 read as 80%/,
    );
    const [row] = await checkInsOf(1);
    expect(row).toMatchObject({
      period: '2026-W07',
      value: 1250,
      confidence: 7,
      comment: 'Two <!here> deals',
      editedAt: null,
    });
    expect((await h.db.keyResult.findFirstOrThrow({ where: { number: 1 } })).currentValue).toBe(1250);
    const audit = await h.db.auditEntry.findFirstOrThrow({
      where: { action: 'check_in', entityRef: 'KR-1' },
    });
    expect(audit.actor).toBe(MEMBER);
    expect(JSON.parse(audit.after)).toMatchObject({ period: '2026-W07', value: 1250, confidence: 7 });
  });

  it('replaces the week check-in on a second update rather than adding one', async () => {
    h.clock.set('2026-02-13T09:00:00Z');
    const result = await h.command(MEMBER, 'update KR-1 1.4k --confidence 8');
    expect(result.text).toContain("Updated this period's check-in (2026-W07)");
    const rows = await checkInsOf(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 1400, confidence: 8 });
    expect(rows[0]?.editedAt).not.toBeNull();
    const audits = await h.db.auditEntry.findMany({
      where: { action: 'check_in', entityRef: 'KR-1' },
      orderBy: { id: 'asc' },
    });
    expect(JSON.parse(audits.at(-1)!.before)).toMatchObject({ value: 1250 });
    h.clock.set('2026-02-11T10:00:00Z');
  });

  it('reads yes/no and milestones the way people say them', async () => {
    await expectAnswers(h, MEMBER, [['update KR-2 done', '→ done']]);
    expect((await checkInsOf(2))[0]?.value).toBe(1);
    await expectAnswers(h, MEMBER, [
      ['update KR-2 maybe', 'answer yes or no'],
      ['update KR-3 done 2 --confidence 6', '→ milestone 2 (Build) done'],
    ]);
    const kr = await h.db.keyResult.findFirstOrThrow({ where: { number: 3 }, include: { milestones: true } });
    expect(kr.milestones.find((m) => m.position === 2)?.done).toBe(true);
    expect((await checkInsOf(3))[0]?.value).toBeCloseTo(1 / 3);
    await expectAnswers(h, MEMBER, [
      ['update KR-3 done 9', 'KR-3 has no milestone 9: 1. Design, 2. Build, 3. Launch.'],
    ]);
  });

  it('reports a KPI reading for its period by cadence', async () => {
    const result = await h.command(MEMBER, 'update KPI-1 45');
    expect(result.text).toContain('Checked in for 2026-02: *KPI-1* NPS → 45');
    const readings = await h.db.kpiReading.findMany();
    expect(readings).toMatchObject([{ period: '2026-02', value: 45 }]);
  });

  it('refuses others, archived items, ended cycles and bad values, writing nothing', async () => {
    const before = await h.db.checkIn.count();
    await expectAnswers(h, OTHER, [
      ['update KR-1 10', 'Only bobby (its owner) and PMO admins can check in on KR-1'],
    ]);
    await expectAnswers(h, MEMBER, [
      ['update KR-4 10', 'KR-4 is archived'],
      ['update KR-5 10', 'the cycle "2025 Q4", which ended on 2025-12-31'],
      ['update KR-1 lots', '*value*'],
      ['update KR-1 5 --confidence 11', 'confidence from 0 to 10'],
      ['update O-1 5', 'is not an id like KR-12 or KPI-2'],
    ]);
    expect(await h.db.checkIn.count()).toBe(before);
  });

  it('lets an admin check in on any item', async () => {
    await expectAnswers(h, ADMIN, [['update KR-1 1,500', '→ 1,500 customers']]);
  });
});

describe('/okr update by form', () => {
  it('opens a form asking for the item without arguments, errors inline, and saves when valid', async () => {
    const opened = await h.command(MEMBER, 'update');
    const modal = opened.modal!;
    expect(modal.callback_id).toBe('okra.checkin.quick');
    const missing = await h.submit(MEMBER, modal, { item: { value: 'KR-99' }, value: { value: '5' } });
    expect(missing.body).toEqual({ response_action: 'errors', errors: { item: 'There is no KR-99.' } });
    const badConfidence = await h.submit(MEMBER, modal, {
      item: { value: 'KR-1' },
      value: { value: '1,600' },
      confidence: { value: '70%' },
    });
    expect(badConfidence.body).toMatchObject({
      response_action: 'errors',
      errors: { confidence: expect.any(String) },
    });

    const valid = await h.submit(MEMBER, modal, {
      item: { value: 'KR-1' },
      value: { value: '1,600' },
      confidence: { value: '8' },
      blockers: { value: 'Legal review' },
    });
    expect(valid.status).toBe(200);
    expect((await checkInsOf(1))[0]).toMatchObject({ value: 1600, blockers: 'Legal review' });
    expect(h.double.messagesIn(MEMBER).at(-1)?.text).toContain('*KR-1* KR 1 → 1,600 customers');
  });

  it('opens a form for the item named, and refuses to open one for someone else', async () => {
    const opened = await h.command(MEMBER, 'update KPI-1');
    expect(opened.modal?.private_metadata).toBe('KPI-1');
    const blocks = opened.modal?.blocks as Array<{ block_id?: string }>;
    expect(blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['value']);
    const refused = await h.command(OTHER, 'update KR-1');
    expect(refused.modal).toBeUndefined();
    expect(refused.text).toContain('Only bobby (its owner) and PMO admins');
  });
});
