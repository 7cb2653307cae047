// Check-ins: the one code path that records a key result's value for this week or a KPI's reading for its
// period. `/okr update`, the quick check-in form behind a flag and the weekly check-in modal all write here.
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { recordAudit } from '../db/queries/audit.ts';
import { lockRow } from '../db/queries/row-lock.ts';
import { dateFromIso, isoFromDate } from '../domain/dates.ts';
import { parseNumber, unitMismatch, zConfidence, zNumberLike } from '../domain/numbers/index.ts';
import { type Cadence, localDate, periodOf, periodOfDate } from '../domain/periods.ts';
import { canChangeOwnedItem, whoMayChange } from '../domain/permissions.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { type KeyResultStatus, type KpiStatus, milestoneShare } from '../domain/status/index.ts';
import { zoneFor } from '../domain/time-zones.ts';
import type { Actor } from './actor.ts';
import { markMilestone } from './key-results.ts';
import { findByShortId } from './lookup.ts';
import { ownerName } from './members.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';
import { evaluateKeyResultById, evaluateKpiById } from './portfolio-status.ts';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const note = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().max(3000, `Keep the ${what} under 3000 characters.`).optional(),
  );

const CheckInFields = z.object({
  item: z
    .string({ error: 'Name the key result or KPI, e.g. KR-3 or KPI-2.' })
    .trim()
    .min(1, 'Name the key result or KPI, e.g. KR-3 or KPI-2.'),
  // Read once the item's kind is known: a number, yes/no, or a milestone.
  value: z.preprocess(
    blankToUndefined,
    z.union([z.string(), z.number()], { error: 'Give the new value, e.g. 1,250, 15% or yes.' }),
  ),
  confidence: z.preprocess(blankToUndefined, zConfidence().optional()),
  comment: note('comment'),
  blockers: note('blockers'),
});

export type CheckInInput = Loose<z.input<typeof CheckInFields>>;

export interface CheckedItem {
  type: 'key_result' | 'kpi';
  id: number;
  ref: string;
  title: string;
  unit: string;
  /** The key result's kind, or `kpi`. */
  kind: string;
}

export interface CheckInRecorded {
  workspaceId: number;
  item: CheckedItem;
  /** The period written: an ISO week (key results, weekly KPIs) or a month (monthly KPIs). */
  period: string;
  value: number;
  /** True when this replaced an earlier check-in of the same period. */
  replaced: boolean;
  milestone: { position: number; title: string; done: boolean } | null;
  evaluation: { type: 'key_result'; status: KeyResultStatus } | { type: 'kpi'; status: KpiStatus };
}

/** Context the service needs beyond the actor: the moment, and the time zone for people without one. */
export interface CheckInClock {
  now: Date;
  defaultTimeZone: string;
}

export async function recordCheckIn(
  db: Db,
  actor: Actor,
  input: CheckInInput,
  clock: CheckInClock,
): Promise<Outcome<CheckInRecorded>> {
  const parsed = CheckInFields.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const found = await findByShortId(db, actor.workspaceId, parsed.data.item, ['key_result', 'kpi']);
  if (!found.ok) return failure({ item: found.error });
  const { entity, id } = found.found;
  const fields = parsed.data;
  const prepared =
    entity === 'kpi'
      ? await prepareKpiReading(db, actor, id, fields, clock)
      : await prepareKeyResultCheckIn(db, actor, id, fields, clock);
  if (!prepared.ok) return prepared;
  return settleOne(db, actor, prepared.value, clock, entity === 'kpi' ? notKeptByReadings(fields) : []);
}

/** A KPI reading keeps only its value: what else was typed is named, so nobody thinks it was saved. */
function notKeptByReadings(fields: Fields): string[] {
  const ignored = [
    fields.confidence !== undefined ? 'confidence' : undefined,
    fields.comment ? 'comment' : undefined,
    fields.blockers ? 'blockers' : undefined,
  ].filter((word): word is string => word !== undefined);
  return ignored.length
    ? [
        `A KPI reading keeps only its value; the ${ignored.join(' and ')} ${ignored.length === 1 ? 'was' : 'were'} not saved.`,
      ]
    : [];
}

export type Fields = z.output<typeof CheckInFields>;

/** The same field rules `/okr update` applies, for callers that already know the item. */
export function parseCheckInFields(input: CheckInInput): Outcome<Fields> {
  const parsed = CheckInFields.safeParse(input);
  return parsed.success ? success(parsed.data) : failure(fieldErrorsFrom(parsed.error.issues));
}

/**
 * The owner's own week: a Monday-morning check-in in Tokyo belongs to Tokyo's week, not UTC's. An owner
 * whose zone is unknown gets the workspace's, then OKRA_DEFAULT_TZ; an item without owner, the actor's.
 */
export function zoneOf(
  owner: { tz: string | null } | null,
  actorZone: string | undefined,
  workspaceZone: string | null,
  fallback: string,
): string {
  return zoneFor(owner ? owner.tz : actorZone, workspaceZone, fallback).zone;
}

/**
 * A check-in checked and ready to write: the same rules for `/okr update` (one item, its own transaction)
 * and the weekly check-in modal (every item of a submission in one transaction).
 */
export interface PreparedCheckIn {
  item: CheckedItem;
  period: string;
  value: number;
  milestone: CheckInRecorded['milestone'];
  /** Writes the check-in and its audit entry; resolves true when it replaced one of the same period. */
  write(tx: Tx): Promise<boolean>;
}

export interface PrepareOptions {
  /** The period a prompt asked about, when answering it (late answers still count for that period). */
  period?: string;
  /** The weekly modal's milestone checkboxes: every position that is done, written with the check-in. */
  milestonesDone?: readonly number[];
}

async function settleOne(
  db: Db,
  actor: Actor,
  prepared: PreparedCheckIn,
  clock: CheckInClock,
  notes: string[],
): Promise<Outcome<CheckInRecorded>> {
  const replaced = await db.$transaction((tx) => prepared.write(tx));
  return success(await recordedOf(db, actor, prepared, replaced, clock), notes);
}

/** What a written check-in reports, with the item's status evaluated after the write. */
export async function recordedOf(
  db: Db,
  actor: Actor,
  prepared: PreparedCheckIn,
  replaced: boolean,
  clock: CheckInClock,
): Promise<CheckInRecorded> {
  const { item } = prepared;
  return {
    workspaceId: actor.workspaceId,
    item,
    period: prepared.period,
    value: prepared.value,
    replaced,
    milestone: prepared.milestone,
    evaluation:
      item.type === 'kpi'
        ? { type: 'kpi', status: await evaluateKpiById(db, item.id, clock.now) }
        : { type: 'key_result', status: await evaluateKeyResultById(db, item.id, clock.now) },
  };
}

export async function prepareKeyResultCheckIn(
  db: Db,
  actor: Actor,
  id: number,
  fields: Fields,
  clock: CheckInClock,
  options: PrepareOptions = {},
): Promise<Outcome<PreparedCheckIn>> {
  const kr = await db.keyResult.findUniqueOrThrow({
    where: { id },
    include: {
      owner: { select: { tz: true } },
      workspace: { select: { timeZone: true } },
      objective: {
        select: {
          number: true,
          archivedAt: true,
          cycle: { select: { name: true, startDate: true, endDate: true } },
        },
      },
      milestones: { orderBy: { position: 'asc' } },
    },
  });
  const ref = formatShortId('key_result', kr.number);
  if (!canChangeOwnedItem(actor, kr.ownerId))
    return failure({ item: await ownedRefusal(db, kr.ownerId, `check in on ${ref}`) });
  if (kr.objective.archivedAt) {
    // Restoring the key result would not help: it is its objective that is archived.
    const objective = formatShortId('objective', kr.objective.number);
    return failure({
      item: `${ref} is under ${objective}, which is archived, so it takes no check-ins. A PMO admin can restore it with \`/okr objective restore ${objective}\`.`,
    });
  }
  if (kr.archivedAt)
    return failure({
      item: `${ref} is archived, so it takes no check-ins. A PMO admin can restore it with \`/okr kr restore ${ref}\`.`,
    });
  const zone = zoneOf(kr.owner, await actorZone(db, actor), kr.workspace.timeZone, clock.defaultTimeZone);
  const today = localDate(clock.now, zone);
  const cycleEnd = isoFromDate(kr.objective.cycle.endDate);
  const cycleStart = isoFromDate(kr.objective.cycle.startDate);
  if (today < cycleStart) {
    return failure({
      item: `${ref} belongs to the cycle "${kr.objective.cycle.name}", which starts on ${cycleStart}: check in from then on. Nothing was changed.`,
    });
  }
  if (today > cycleEnd) {
    return failure({
      item: `${ref} belongs to the cycle "${kr.objective.cycle.name}", which ended on ${cycleEnd}: its check-ins are closed. Nothing was changed.`,
    });
  }

  let value: number;
  let milestone: CheckInRecorded['milestone'] = null;
  let milestoneWrites: Array<{ id: number; position: number; title: string; done: boolean }> = [];
  if (kr.kind === 'milestone' && options.milestonesDone) {
    const done = new Set(options.milestonesDone);
    const unknown = [...done].filter((position) => !kr.milestones.some((m) => m.position === position));
    if (unknown.length > 0) return failure({ value: `${ref} has no milestone ${unknown[0]}.` });
    milestoneWrites = kr.milestones
      .filter((m) => m.done !== done.has(m.position))
      .map((m) => ({ id: m.id, position: m.position, title: m.title, done: done.has(m.position) }));
    value = milestoneShare(kr.milestones.map((m) => ({ ...m, done: done.has(m.position) })));
  } else if (kr.kind === 'milestone') {
    const step = readMilestoneStep(fields.value, ref);
    if (!step.ok) return failure({ value: step.error });
    const marked = await markMilestone(
      db,
      actor,
      { id: ref, position: step.position, done: step.done },
      clock.now,
    );
    if (!marked.ok) return failure({ value: Object.values(marked.errors).join(' ') });
    milestone = {
      position: marked.value.milestone.position,
      title: marked.value.milestone.title,
      done: marked.value.milestone.done,
    };
    // The check-in keeps the share done, so the history shows how the milestones progressed.
    value = milestoneShare(marked.value.keyResult.milestones);
  } else {
    const read = kr.kind === 'boolean' ? readYesNo(fields.value) : readNumber(fields.value, kr.unit);
    if (!read.ok) return failure({ value: read.error });
    value = read.value;
  }

  const period = options.period ?? periodOf(clock.now, 'weekly', zone);
  const entry = {
    value,
    confidence: fields.confidence ?? null,
    comment: fields.comment ?? '',
    blockers: fields.blockers ?? '',
  };
  const write = async (tx: Tx) => {
    // Check-ins of one key result queue here, so each sees the one before it: the audit's "before" is the
    // value really replaced, and two first check-ins of the week cannot both try to create the row.
    await lockRow(tx, 'KeyResult', kr.id);
    for (const change of milestoneWrites) {
      await tx.milestone.update({
        where: { id: change.id },
        data: { done: change.done, doneAt: change.done ? clock.now : null },
      });
      await recordAudit(tx, actor, {
        action: 'update',
        entityType: 'key_result',
        entityId: kr.id,
        entityRef: ref,
        before: { milestone: change.position, title: change.title, done: !change.done },
        after: { milestone: change.position, title: change.title, done: change.done },
      });
    }
    const previous = await tx.checkIn.findUnique({
      where: { keyResultId_period: { keyResultId: kr.id, period } },
    });
    const data = { ...entry, date: dateFromIso(today), authorId: actor.memberId };
    if (previous) {
      await tx.checkIn.update({ where: { id: previous.id }, data: { ...data, editedAt: clock.now } });
    } else {
      await tx.checkIn.create({ data: { ...data, keyResultId: kr.id, period, createdAt: clock.now } });
    }
    // Milestone key results move by their milestones; their value is not a number to keep.
    if (kr.kind !== 'milestone')
      await tx.keyResult.update({ where: { id: kr.id }, data: { currentValue: value } });
    await recordAudit(tx, actor, {
      action: 'check_in',
      entityType: 'key_result',
      entityId: kr.id,
      entityRef: ref,
      before: previous
        ? {
            period,
            value: previous.value,
            confidence: previous.confidence,
            comment: previous.comment,
            blockers: previous.blockers,
          }
        : {},
      after: { period, ...entry },
    });
    return previous !== null;
  };
  return success({
    item: { type: 'key_result', id: kr.id, ref, title: kr.title, unit: kr.unit, kind: kr.kind },
    period,
    value,
    milestone,
    write,
  });
}

/** The period a KPI reading is filed under at a moment: its week or month in the owner's zone. */
export async function prepareKpiReading(
  db: Db,
  actor: Actor,
  id: number,
  fields: Pick<Fields, 'value'>,
  clock: CheckInClock,
  options: { localDate?: string } = {},
): Promise<Outcome<PreparedCheckIn>> {
  const kpi = await db.kpi.findUniqueOrThrow({
    where: { id },
    include: { owner: { select: { tz: true } }, workspace: { select: { timeZone: true } } },
  });
  const ref = formatShortId('kpi', kpi.number);
  if (!canChangeOwnedItem(actor, kpi.ownerId))
    return failure({ item: await ownedRefusal(db, kpi.ownerId, `report readings of ${ref}`) });
  if (kpi.archivedAt)
    return failure({ item: `${ref} is archived, so it takes no readings. A PMO admin can restore it.` });
  const read = readNumber(fields.value, kpi.unit);
  if (!read.ok) return failure({ value: read.error });
  const zone = zoneOf(kpi.owner, await actorZone(db, actor), kpi.workspace.timeZone, clock.defaultTimeZone);
  const cadence: Cadence = kpi.cadence === 'monthly' ? 'monthly' : 'weekly';
  // A prompted reading is filed under the prompt's week or month, even when answered late.
  const day = options.localDate ?? localDate(clock.now, zone);
  const period = options.localDate ? periodOfDate(day, cadence) : periodOf(clock.now, cadence, zone);
  const date = dateFromIso(day);
  const write = async (tx: Tx) => {
    await lockRow(tx, 'Kpi', kpi.id);
    const previous = await tx.kpiReading.findUnique({ where: { kpiId_period: { kpiId: kpi.id, period } } });
    if (previous) {
      await tx.kpiReading.update({
        where: { id: previous.id },
        data: { value: read.value, date, authorId: actor.memberId },
      });
    } else {
      await tx.kpiReading.create({
        data: {
          kpiId: kpi.id,
          period,
          date,
          value: read.value,
          authorId: actor.memberId,
          createdAt: clock.now,
        },
      });
    }
    await recordAudit(tx, actor, {
      action: 'check_in',
      entityType: 'kpi',
      entityId: kpi.id,
      entityRef: ref,
      before: previous ? { period, value: previous.value } : {},
      after: { period, value: read.value },
    });
    return previous !== null;
  };
  return success({
    item: { type: 'kpi', id: kpi.id, ref, title: kpi.title, unit: kpi.unit, kind: 'kpi' },
    period,
    value: read.value,
    milestone: null,
    write,
  });
}

async function actorZone(db: Db, actor: Actor): Promise<string | undefined> {
  const row = await db.member.findUnique({ where: { id: actor.memberId }, select: { tz: true } });
  return row?.tz ?? undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Values as people type them

type Read = { ok: true; value: number } | { ok: false; error: string };

/** A value in the item's unit; "15%" on a `$` key result is a question back, never silently $15. */
function readNumber(value: string | number, unit: string): Read {
  if (typeof value === 'string') {
    const typed = parseNumber(value);
    const mismatch = typed.ok ? unitMismatch(typed.unitHint, unit, value, typed.value) : undefined;
    if (mismatch) return { ok: false, error: mismatch };
  }
  const parsed = zNumberLike().safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `The value ${parsed.error.issues[0]?.message ?? 'is not a number'}.` };
}

const YES = new Set(['yes', 'y', 'done', 'true', '1', 'achieved', 'met']);
const NO = new Set(['no', 'n', 'not done', 'not yet', 'false', '0']);

/** Yes/no key results store 1 for done and 0 for not done. */
export function readYesNo(value: string | number): Read {
  const word = String(value).trim().toLowerCase();
  if (YES.has(word)) return { ok: true, value: 1 };
  if (NO.has(word)) return { ok: true, value: 0 };
  return {
    ok: false,
    error: `A yes/no key result is done or not: answer yes or no (also done, 1 or 0), not "${String(value).slice(0, 40)}".`,
  };
}

export type MilestoneStep = { ok: true; position: number; done: boolean } | { ok: false; error: string };

/** `done 2` (or just `2`) marks milestone 2 done; `undo 2` reopens it. */
export function readMilestoneStep(value: string | number, ref: string): MilestoneStep {
  const match = /^\s*(?:(done|undo)\s+)?#?(\d{1,3})\s*$/i.exec(String(value));
  if (!match)
    return {
      ok: false,
      error: `${ref} moves by its milestones: "done 2" marks milestone 2 done, "undo 2" reopens it.`,
    };
  return { ok: true, position: Number(match[2]), done: match[1]?.toLowerCase() !== 'undo' };
}

// ---------------------------------------------------------------------------------------------------------
// Before a form opens

/**
 * The item a check-in form is for, checked before the form opens so nobody fills it in only to be
 * refused; recordCheckIn checks everything again on submit.
 */
export async function checkInTarget(
  db: Db,
  actor: Actor,
  text: string,
): Promise<Outcome<{ ref: string; title: string; kind: string }>> {
  const found = await findByShortId(db, actor.workspaceId, text, ['key_result', 'kpi']);
  if (!found.ok) return failure({ item: found.error });
  const row =
    found.found.entity === 'kpi'
      ? await db.kpi
          .findUniqueOrThrow({ where: { id: found.found.id } })
          .then((kpi) => ({ ...kpi, kind: 'kpi' }))
      : await db.keyResult.findUniqueOrThrow({ where: { id: found.found.id } });
  const ref = formatShortId(found.found.entity, row.number);
  if (!canChangeOwnedItem(actor, row.ownerId))
    return failure({ item: await ownedRefusal(db, row.ownerId, `check in on ${ref}`) });
  if (row.archivedAt) return failure({ item: `${ref} is archived, so it takes no check-ins.` });
  return success({ ref, title: row.title, kind: row.kind });
}

/** "Only Priya (its owner) and PMO admins can check in on KR-3.": whom to ask, by name. */
async function ownedRefusal(db: Db, ownerId: number | null, what: string): Promise<string> {
  return `Only ${whoMayChange(await ownerName(db, { id: ownerId }))} can ${what}. Nothing was changed.`;
}
