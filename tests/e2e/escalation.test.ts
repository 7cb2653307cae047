// Risk escalation (once, to the PMO channel) and the hourly sweep that flags silence without any activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusSweepJob, sweepStatuses } from '../../src/jobs/status-sweep.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;
let memberId: number;

const PMO = 'C0OKRS';
const linesAbout = (text: string) => h.double.messagesIn(PMO).filter((m) => m.text?.includes(text));

beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [MEMBER]);
  ({ workspaceId } = quarter);
  memberId = quarter.members[MEMBER]!;
  const cycle = { id: quarter.cycleId };
  const objective = await h.db.objective.create({
    data: { workspaceId, number: 1, title: 'Grow', cycleId: cycle.id, level: 'company', ownerId: memberId },
  });
  const kr = await h.db.keyResult.create({
    data: {
      workspaceId,
      number: 1,
      objectiveId: objective.id,
      title: 'Sign partners',
      ownerId: memberId,
      kind: 'increase',
      targetValue: 100,
    },
  });
  // On pace when last checked in, three weeks before the harness clock: silence alone will put it off track.
  await h.db.checkIn.create({
    data: {
      keyResultId: kr.id,
      period: '2026-W04',
      date: new Date('2026-01-22'),
      value: 45,
      confidence: 8,
      authorId: memberId,
    },
  });
  await h.db.keyResult.update({ where: { id: kr.id }, data: { currentValue: 45 } });
});
afterAll(() => h.close());

describe('risk escalation', () => {
  it('escalates a high-score risk once: adding it posts a line, editing it again posts nothing', async () => {
    await h.command(
      ADMIN,
      'risk add "Vendor &lt;!channel&gt; delay" --likelihood 4 --impact 4 --owner <@U0BOB>',
    );
    await h.okra.idle();
    const [line] = linesAbout('*R-1*');
    expect(line?.text).toBe(
      ':rotating_light: Risk *R-1* "Vendor &lt;!channel&gt; delay" escalated (high score): score 16 (4×4) — owner <@U0BOB>',
    );
    const risk = await h.db.risk.findFirstOrThrow({ where: { number: 1 } });
    expect(risk.escalatedAt).not.toBeNull();
    await h.command(ADMIN, 'risk edit R-1 --impact 5');
    await h.command(ADMIN, 'risk edit R-1 --likelihood 5');
    expect(linesAbout('*R-1*')).toHaveLength(1);
  });

  it('does not escalate a low-score risk on an item that is not off track', async () => {
    await h.command(ADMIN, 'risk add "Holiday season" --likelihood 2 --impact 3 --on KR-1 --owner <@U0BOB>');
    expect(linesAbout('*R-2*').map((m) => m.text)).toEqual([]);
    expect((await h.db.risk.findFirstOrThrow({ where: { number: 2 } })).escalatedAt).toBeNull();
  });
});

describe('the hourly status sweep', () => {
  it('flags a key result gone silent once however often it runs, and escalates the risks on it', async () => {
    // Four weeks without a check-in: off track.
    h.clock.set('2026-02-20T11:00:00Z');
    const first = await sweepStatuses(h.okra.services, h.clock.now());
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    const second = await sweepStatuses(h.okra.services, h.clock.now());
    expect(second).toMatchObject({ flagged: 0, escalated: 0 });
    await h.okra.idle();

    const krDms = h.double
      .messagesIn(MEMBER)
      .filter((m) => m.text?.includes('*KR-1* "Sign partners" is now'));
    expect(krDms).toHaveLength(1);
    expect(JSON.stringify(krDms[0]?.blocks)).toContain('no check-in for');
    expect(linesAbout('*KR-1* "Sign partners" is')).toHaveLength(1);
    expect(linesAbout('*KR-1* "Sign partners" is')[0]?.text).toContain('is off track');
    // The low-score risk on it is no longer hypothetical.
    const [escalation] = linesAbout('*R-2*');
    expect(escalation?.text).toContain('escalated (its item is off track)');
    expect(escalation?.text).toContain('threatens *KR-1* "Sign partners" (off track)');
    expect(linesAbout('*R-2*')).toHaveLength(1);
  });

  it('runs as a scheduled job once an hour, not at every minute tick', async () => {
    const job = statusSweepJob();
    const before = h.double.calls.length;
    await h.db.itemStatus.deleteMany();
    await job(h.okra.services, new Date('2026-02-20T12:00:00Z'));
    await h.okra.idle();
    const afterFirst = h.double.calls.length;
    await h.db.itemStatus.deleteMany();
    await job(h.okra.services, new Date('2026-02-20T12:01:00Z'));
    await job(h.okra.services, new Date('2026-02-20T12:59:00Z'));
    // Outbox keys keep the flags single even with ItemStatus forgotten; the guard keeps the job from running at all.
    expect(afterFirst).toBe(before);
    expect(h.double.calls.length).toBe(afterFirst);
    expect(await h.db.itemStatus.count()).toBe(0);
    await job(h.okra.services, new Date('2026-02-20T13:00:00Z'));
    await h.okra.idle();
    expect(await h.db.itemStatus.count()).toBeGreaterThan(0);
    expect(linesAbout('*KR-1* "Sign partners" is')).toHaveLength(1);
  });
});

describe('risk escalation from the form', () => {
  it('escalates a high-score risk raised through the form, after the form is acknowledged', async () => {
    const opened = await h.command(ADMIN, 'risk add');
    expect(opened.modal).toBeDefined();
    const submitted = await h.submit(ADMIN, opened.modal!, {
      title: { value: 'Key supplier insolvent' },
      owner: { value: MEMBER },
      likelihood: { value: '3' },
      impact: { value: '5' },
    });
    expect(submitted.status).toBe(200);
    const risk = await h.db.risk.findFirstOrThrow({ where: { title: 'Key supplier insolvent' } });
    const ref = `*R-${risk.number}*`;
    await h.okra.idle();
    expect(linesAbout(ref)[0]?.text).toContain('escalated (high score): score 15 (3×5)');
    expect((await h.db.risk.findUniqueOrThrow({ where: { id: risk.id } })).escalatedAt).not.toBeNull();
  });
});
