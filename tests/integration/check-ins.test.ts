// recordCheckIn on a real database: one row per item and period, replaced not duplicated, audited, and
// nothing written when refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { ensureMember, ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { type Actor, actorOf } from '../../src/services/actor.ts';
import { readMilestoneStep, readYesNo, recordCheckIn } from '../../src/services/check-ins.ts';
import { Q1_2026, seedCycle, seedKeyResults } from '../support/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Db;
let owner: Actor;
let stranger: Actor;
let keyResultId: number;

/** `who` checks in `input` at `iso` (default zone UTC). */
const checkIn = (who: Actor, input: Parameters<typeof recordCheckIn>[2], iso: string) =>
  recordCheckIn(db, who, input, { now: new Date(iso), defaultTimeZone: 'UTC' });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const workspaceId = (await ensureWorkspace(db, 'T0CHECKIN')).id;
  owner = actorOf(await ensureMember(db, workspaceId, 'U0OWNER', [], { tz: 'America/Los_Angeles' }));
  stranger = actorOf(await ensureMember(db, workspaceId, 'U0STRANGER', []));
  const { objectiveId } = await seedCycle(db, workspaceId, Q1_2026);
  const revenue = { title: 'Revenue', ownerId: owner.memberId, targetValue: 100_000, unit: '$' };
  keyResultId = (await seedKeyResults(db, workspaceId, objectiveId, [revenue]))[0]!;
  await db.kpi.create({
    data: {
      workspaceId,
      number: 1,
      title: 'Uptime',
      ownerId: owner.memberId,
      target: 99.9,
      green: 99.5,
      amber: 99,
      unit: '%',
    },
  });
});
afterAll(() => database.drop());

describe('recordCheckIn', () => {
  it('files a Monday-morning UTC check-in under the owner week in their own time zone', async () => {
    // 2026-02-16 06:00 UTC is still Sunday the 15th in Los Angeles: ISO week 7, not 8.
    const outcome = await checkIn(
      owner,
      { item: 'kr1', value: '$12,000', confidence: '6' },
      '2026-02-16T06:00:00Z',
    );
    expect(outcome.ok && outcome.value.period).toBe('2026-W07');
    const row = await db.checkIn.findFirstOrThrow({ where: { keyResultId } });
    expect(row).toMatchObject({ period: '2026-W07', value: 12_000, confidence: 6 });
    expect(row.date.toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });

  it('replaces the same week check-in and keeps one row, with the change audited', async () => {
    const outcome = await checkIn(
      owner,
      { item: 'KR-1', value: '15k', comment: 'Better' },
      '2026-02-16T07:00:00Z',
    );
    expect(outcome.ok && outcome.value.replaced).toBe(true);
    const rows = await db.checkIn.findMany({ where: { keyResultId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 15_000, comment: 'Better', confidence: null });
    expect(rows[0]?.editedAt?.toISOString()).toBe('2026-02-16T07:00:00.000Z');
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: keyResultId } })).currentValue).toBe(15_000);
    const audits = await db.auditEntry.findMany({ where: { action: 'check_in', entityType: 'key_result' } });
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[1]!.before)).toMatchObject({ value: 12_000 });
  });

  it('starts a new row in the next week', async () => {
    await checkIn(owner, { item: 'KR-1', value: 20_000 }, '2026-02-17T18:00:00Z');
    const periods = (await db.checkIn.findMany({ where: { keyResultId }, orderBy: { period: 'asc' } })).map(
      (r) => r.period,
    );
    expect(periods).toEqual(['2026-W07', '2026-W08']);
  });

  it('refuses people who neither own the item nor are admins, writing nothing', async () => {
    const before = await db.auditEntry.count();
    const outcome = await checkIn(stranger, { item: 'KR-1', value: 1 }, '2026-02-17T18:00:00Z');
    expect(outcome).toEqual({
      ok: false,
      errors: {
        item: 'Only U0OWNER (its owner) and PMO admins can check in on KR-1. Nothing was changed.',
      },
    });
    expect(await db.auditEntry.count()).toBe(before);
  });

  it('validates before anything else', async () => {
    const outcome = await checkIn(owner, { item: '', value: '', confidence: '12' }, '2026-02-17T18:00:00Z');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(Object.keys(outcome.errors).sort()).toEqual(['confidence', 'item', 'value']);
  });

  it('records a KPI reading per KPI period, replacing one within the period', async () => {
    await checkIn(owner, { item: 'KPI-1', value: '99.2%' }, '2026-02-17T18:00:00Z');
    const second = await checkIn(
      owner,
      { item: 'KPI-1', value: '98.7%', comment: 'Outage' },
      '2026-02-18T18:00:00Z',
    );
    expect(second.ok && second.notes).toEqual([
      'A KPI reading keeps only its value; the comment was not saved.',
    ]);
    expect(second.ok && second.value.evaluation.status.status).toBe('off_track');
    const readings = await db.kpiReading.findMany();
    expect(readings).toMatchObject([{ period: '2026-W08', value: 98.7 }]);
  });
});

describe('reading values', () => {
  it('reads yes and no the way people answer', () => {
    for (const yes of ['yes', 'Done', '1', 'true']) expect(readYesNo(yes)).toEqual({ ok: true, value: 1 });
    for (const no of ['no', 'not done', '0']) expect(readYesNo(no)).toEqual({ ok: true, value: 0 });
    expect(readYesNo('perhaps').ok).toBe(false);
  });

  it('reads milestone steps', () => {
    expect(readMilestoneStep('done 2', 'KR-3')).toEqual({ ok: true, position: 2, done: true });
    expect(readMilestoneStep('undo 1', 'KR-3')).toEqual({ ok: true, position: 1, done: false });
    expect(readMilestoneStep('3', 'KR-3')).toEqual({ ok: true, position: 3, done: true });
    expect(readMilestoneStep('finished', 'KR-3').ok).toBe(false);
  });
});
