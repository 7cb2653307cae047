// Key results: the measurable outcomes under an objective. Adding, editing, changing the owner, archiving,
// restoring and ticking off milestones, each validated, permission-checked and audited in one transaction.

import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { changedFields, recordArchiving, recordAudit } from '../db/queries/audit.ts';
import { nextNumber } from '../db/queries/counters.ts';
import { lockUnchanged, retryingStale } from '../db/queries/row-lock.ts';
import { curveChoiceNote } from '../domain/curve-suggestion.ts';
import { isoFromDate } from '../domain/dates.ts';
import { qualityHints } from '../domain/kr-quality.ts';
import { parseNumber, zNumberLike } from '../domain/numbers/index.ts';
import { canChangeOwnedItem, canChangeStructure, WHO_MAY, whoMayChange } from '../domain/permissions.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { SLACK_USER_ID } from '../domain/slack-ids.ts';
import { KR_CURVES, KR_KINDS, type KrKind, parseKrKind } from '../domain/vocabulary.ts';
import type { Actor } from './actor.ts';
import { findByShortId } from './lookup.ts';
import { memberBySlackId, ownerName } from './members.ts';
import { type FieldErrors, failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';

/** Kinds measured by a number moving from a start towards a target (or holding a threshold). */
const NUMERIC_KINDS: ReadonlySet<string> = new Set(['increase', 'decrease', 'stay_above', 'stay_below']);
const MAX_MILESTONES = 30;

// ---------------------------------------------------------------------------------------------------------
// Milestone lists as people type them

export interface MilestoneItem {
  title: string;
  weight: number;
}

export type MilestoneListResult = { ok: true; items: MilestoneItem[] } | { ok: false; error: string };

/**
 * `Design | Build:2 | Launch` on a command line, or one per line (`Build : 2`) in the form. A trailing
 * `:number` is a weight; any other colon stays in the title ("Phase 2: pilot" is a title).
 */
export function parseMilestoneList(text: string): MilestoneListResult {
  const parts = (text.includes('\n') ? text.split(/\r?\n/) : text.split('|'))
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0)
    return { ok: false, error: 'List at least one milestone, e.g. "Design | Build:2 | Launch".' };
  if (parts.length > MAX_MILESTONES)
    return { ok: false, error: `Keep to ${MAX_MILESTONES} milestones at most.` };
  const items: MilestoneItem[] = [];
  for (const [index, part] of parts.entries()) {
    let title = part;
    let weight = 1;
    const split = /^(.*?)\s*:\s*([^:]*)$/.exec(part);
    if (split && /^[-+]?[0-9][0-9.,\s]*$/.test(split[2]!.trim())) {
      const parsed = parseNumber(split[2]!, { positive: true });
      if (!parsed.ok)
        return { ok: false, error: `Milestone ${index + 1} ("${split[1]}"): the weight ${parsed.error}.` };
      title = split[1]!.trim();
      weight = parsed.value;
    }
    if (!title) return { ok: false, error: `Milestone ${index + 1} has no title.` };
    if (title.length > 150)
      return { ok: false, error: `Milestone ${index + 1} is too long; keep titles under 150 characters.` };
    items.push({ title, weight });
  }
  return { ok: true, items };
}

// ---------------------------------------------------------------------------------------------------------
// Field rules shared by add and edit

/** Accepts `Back-loaded`, `back loaded` or `BACK_LOADED` for `back_loaded`. */
const asWord = (value: unknown) =>
  typeof value === 'string'
    ? value
        .trim()
        .toLowerCase()
        .replace(/[-\s]+/g, '_')
    : value;

const TITLE_HELP = 'Give the key result a title, e.g. "Reach 15% market share".';
const zTitle = z
  .string({ error: TITLE_HELP })
  .trim()
  .min(1, TITLE_HELP)
  .max(200, 'Keep the title under 200 characters.');
const zKind = z.preprocess(asWord, z.enum(KR_KINDS, { error: `Pick a kind: ${KR_KINDS.join(', ')}.` }));
const zCurve = z.preprocess(asWord, z.enum(KR_CURVES, { error: `Pick a curve: ${KR_CURVES.join(', ')}.` }));
const zUnit = z
  .string()
  .trim()
  .max(20, 'Keep the unit short (20 characters at most), e.g. %, $ or customers.');
const zOwner = z.string().trim().regex(SLACK_USER_ID, 'Name the owner as a Slack person, e.g. @dana.');
const zMilestones = z.string().transform((text, ctx) => {
  const result = parseMilestoneList(text);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.items;
});

const AddFields = z.object({
  objective: z
    .string({ error: 'Pick the objective, e.g. O-3.' })
    .trim()
    .min(1, 'Pick the objective, e.g. O-3.'),
  title: zTitle,
  kind: zKind.default('increase'),
  unit: zUnit.optional(),
  start: zNumberLike().optional(),
  target: zNumberLike().optional(),
  owner: zOwner.optional(),
  weight: zNumberLike({ positive: true }).default(1),
  curve: zCurve.default('linear'),
  milestones: zMilestones.optional(),
});
export type KeyResultAddInput = Loose<z.input<typeof AddFields>>;

const EditFields = z.object({
  id: z.string({ error: 'Name the key result, e.g. KR-3.' }).trim().min(1, 'Name the key result, e.g. KR-3.'),
  title: zTitle.optional(),
  kind: zKind.optional(),
  unit: zUnit.optional(),
  start: zNumberLike().optional(),
  target: zNumberLike().optional(),
  owner: zOwner.optional(),
  weight: zNumberLike({ positive: true }).optional(),
  curve: zCurve.optional(),
  milestones: zMilestones.optional(),
});
export type KeyResultEditInput = Loose<z.input<typeof EditFields>>;

/** Empty text means "not given" (an empty form field, a bare flag); `unit` keeps '' so a form can clear it. */
function withoutBlanks<T extends object>(input: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    out[key] = typeof value === 'string' && value.trim() === '' && key !== 'unit' ? undefined : value;
  }
  return out as T;
}

/** `15%` or `$12,000` say the unit when nobody typed one. */
function inferredUnit(...typed: unknown[]): string | undefined {
  for (const text of typed) {
    if (typeof text !== 'string') continue;
    const parsed = parseNumber(text);
    if (parsed.ok && parsed.unitHint) return parsed.unitHint;
  }
  return undefined;
}

interface ShapeInput {
  kind: KrKind;
  start: number | undefined;
  target: number | undefined;
  milestones: MilestoneItem[] | undefined;
}

type Shape =
  | { ok: true; start: number; target: number; milestones: MilestoneItem[] }
  | { ok: false; errors: FieldErrors };

/** How start, target and milestones must relate for each kind, and the stored values that follow. */
export function settleShape({ kind, start, target, milestones }: ShapeInput): Shape {
  const errors: FieldErrors = {};
  if (milestones && kind !== 'milestone') {
    errors['milestones'] =
      'Milestones belong to key results of the kind milestone: choose that kind or leave them out.';
  }
  if (kind === 'increase' || kind === 'decrease') {
    if (start === undefined) errors['start'] = 'Give the start value, where it stands today (e.g. 8).';
    if (target === undefined) errors['target'] = 'Give the target (e.g. 15).';
    if (start !== undefined && target !== undefined) {
      if (target === start)
        errors['target'] = 'The target equals the start: a key result has to move from one to the other.';
      else if (kind === 'increase' && target < start)
        errors['target'] =
          'The target is below the start: use --kind decrease (the kind "decrease" in the form) if lower is better.';
      else if (kind === 'decrease' && target > start)
        errors['target'] =
          'The target is above the start: use --kind increase (the kind "increase" in the form) if higher is better.';
    }
    return Object.keys(errors).length
      ? { ok: false, errors }
      : { ok: true, start: start!, target: target!, milestones: [] };
  }
  if (kind === 'stay_above' || kind === 'stay_below') {
    if (target === undefined)
      errors['target'] =
        `Give the threshold to stay ${kind === 'stay_above' ? 'above' : 'below'} (e.g. 99.5).`;
    // The start is optional for thresholds: without one, the key result starts where it must stay.
    return Object.keys(errors).length
      ? { ok: false, errors }
      : { ok: true, start: start ?? target!, target: target!, milestones: [] };
  }
  // boolean and milestone: progress is done / not done, or the share of milestones done, from 0 to 1.
  const why =
    kind === 'boolean'
      ? 'A yes/no key result is simply done or not: leave the start and target empty.'
      : 'A milestone key result moves by its milestones: leave the start and target empty.';
  if (start !== undefined && start !== 0) errors['start'] = why;
  if (target !== undefined && target !== 1) errors['target'] = why;
  if (kind === 'milestone' && !milestones?.length)
    errors['milestones'] =
      'List the milestones, e.g. "Design | Build:2 | Launch" (one per line in the form).';
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, start: 0, target: 1, milestones: kind === 'milestone' ? milestones! : [] };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface MilestoneView {
  position: number;
  title: string;
  weight: number;
  done: boolean;
}

export interface KeyResultView {
  id: number;
  ref: string;
  objectiveRef: string;
  objectiveTitle: string;
  title: string;
  kind: string;
  unit: string;
  start: number;
  target: number;
  current: number | null;
  weight: number;
  curve: string;
  ownerMemberId: number | null;
  ownerSlackId: string | null;
  archived: boolean;
  /** The last day of the objective's cycle, YYYY-MM-DD. */
  cycleEnd: string;
  milestones: MilestoneView[];
}

async function loadRow(db: Db | Tx, id: number) {
  return db.keyResult.findUniqueOrThrow({
    where: { id },
    include: {
      objective: {
        select: { number: true, title: true, archivedAt: true, cycle: { select: { endDate: true } } },
      },
      owner: { select: { slackUserId: true } },
      milestones: { orderBy: { position: 'asc' } },
    },
  });
}

type Row = Awaited<ReturnType<typeof loadRow>>;

function view(row: Row): KeyResultView {
  return {
    id: row.id,
    ref: formatShortId('key_result', row.number),
    objectiveRef: formatShortId('objective', row.objective.number),
    objectiveTitle: row.objective.title,
    title: row.title,
    kind: row.kind,
    unit: row.unit,
    start: row.startValue,
    target: row.targetValue,
    current: row.currentValue,
    weight: row.weight,
    curve: row.curve,
    ownerMemberId: row.ownerId,
    ownerSlackId: row.owner?.slackUserId ?? null,
    archived: row.archivedAt !== null,
    cycleEnd: isoFromDate(row.objective.cycle.endDate),
    milestones: row.milestones.map((m) => ({
      position: m.position,
      title: m.title,
      weight: m.weight,
      done: m.done,
    })),
  };
}

/** A key result by the id people type (KR-3), or why there is none. */
export async function findKeyResult(
  db: Db,
  workspaceId: number,
  text: string,
): Promise<{ ok: true; keyResult: KeyResultView } | { ok: false; error: string }> {
  const found = await findByShortId(db, workspaceId, text, ['key_result']);
  if (!found.ok) return found;
  return { ok: true, keyResult: view(await loadRow(db, found.found.id)) };
}

export interface ObjectiveChoice {
  ref: string;
  title: string;
}

/** Objectives a new key result can go under in the form: the current cycle's, not archived, first 100. */
export async function objectiveChoices(db: Db, workspaceId: number): Promise<ObjectiveChoice[]> {
  const rows = await db.objective.findMany({
    where: { workspaceId, archivedAt: null, cycle: { isCurrent: true } },
    orderBy: { number: 'asc' },
    take: 100,
    select: { number: true, title: true },
  });
  return rows.map((row) => ({ ref: formatShortId('objective', row.number), title: row.title }));
}

function hintsFor(kr: KeyResultView, now: Date): string[] {
  return qualityHints(
    { title: kr.title, kind: kr.kind, owner: kr.ownerSlackId },
    { end: kr.cycleEnd },
    now,
  ).map((hint) => hint.message);
}

/** What the audit log records of a key result: the fields people set, owners as Slack ids. */
function snapshot(kr: KeyResultView): Record<string, unknown> {
  return {
    objective: kr.objectiveRef,
    title: kr.title,
    kind: kr.kind,
    unit: kr.unit,
    start: kr.start,
    target: kr.target,
    weight: kr.weight,
    curve: kr.curve,
    owner: kr.ownerSlackId,
    milestones: kr.milestones.map((m) => ({ title: m.title, weight: m.weight })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Adding

export async function addKeyResult(
  db: Db,
  actor: Actor,
  input: KeyResultAddInput,
  now: Date,
): Promise<Outcome<KeyResultView>> {
  const parsed = AddFields.safeParse(withoutBlanks(input));
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const fields = parsed.data;
  const shape = settleShape({
    kind: fields.kind,
    start: fields.start,
    target: fields.target,
    milestones: fields.milestones,
  });
  if (!shape.ok) return failure(shape.errors);
  if (!canChangeStructure(actor)) {
    return failure({ objective: `Only ${WHO_MAY.structure} can add key results. Nothing was changed.` });
  }
  const found = await findByShortId(db, actor.workspaceId, fields.objective, ['objective']);
  if (!found.ok) return failure({ objective: found.error });
  const objective = await db.objective.findUniqueOrThrow({ where: { id: found.found.id } });
  const objectiveRef = formatShortId('objective', objective.number);
  if (objective.archivedAt) {
    return failure({ objective: `${objectiveRef} is archived: restore it first or pick another objective.` });
  }
  const owner = fields.owner ? await memberBySlackId(db, actor.workspaceId, fields.owner) : undefined;
  const unit = fields.unit ?? inferredUnit(input.target, input.start) ?? '';

  const created = await db.$transaction(async (tx) => {
    const number = await nextNumber(tx, actor.workspaceId, 'key_result');
    const row = await tx.keyResult.create({
      data: {
        workspaceId: actor.workspaceId,
        number,
        // From the clock: a new key result's grace period and silence are counted from here.
        createdAt: now,
        objectiveId: objective.id,
        title: fields.title,
        ownerId: owner?.id ?? null,
        kind: fields.kind,
        unit,
        startValue: shape.start,
        targetValue: shape.target,
        currentValue: null,
        weight: fields.weight,
        curve: fields.curve,
      },
    });
    await writeMilestones(tx, row.id, shape.milestones, [], now);
    const kr = view(await loadRow(tx, row.id));
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'key_result',
      entityId: kr.id,
      entityRef: kr.ref,
      after: snapshot(kr),
    });
    return kr;
  });
  const notes = hintsFor(created, now);
  // No curve given: say what Okra assumes and offer the others, suggesting back-loaded for launches.
  if (!withoutBlanks(input).curve) {
    notes.push(curveChoiceNote(created, (curve) => `\`/okr kr edit ${created.ref} --curve ${curve}\``));
  }
  return success(created, notes);
}

/** Replaces the milestone list; a milestone keeping its title keeps its done state, so re-typing loses nothing. */
async function writeMilestones(
  tx: Tx,
  keyResultId: number,
  items: readonly MilestoneItem[],
  previous: ReadonlyArray<{ title: string; done: boolean; doneAt: Date | null }>,
  now: Date,
): Promise<void> {
  await tx.milestone.deleteMany({ where: { keyResultId } });
  for (const [index, item] of items.entries()) {
    const before = previous.find((p) => p.title.toLowerCase() === item.title.toLowerCase());
    await tx.milestone.create({
      data: {
        keyResultId,
        position: index + 1,
        title: item.title,
        weight: item.weight,
        done: before?.done ?? false,
        doneAt: before?.done ? (before.doneAt ?? now) : null,
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Editing

export interface KeyResultChange {
  keyResult: KeyResultView;
  /** The fields that changed; empty when the key result already had those values. */
  changed: string[];
}

/**
 * Who may change what: the owner of a key result may reword it (title, unit, curve, milestones), because
 * they know best how to describe and track it; what it commits to (start, target, weight, kind) and who
 * answers for it (owner) are part of the plan, which only PMO admins change.
 */
const ADMIN_ONLY_FIELDS = {
  kind: 'kind',
  start: 'start',
  target: 'target',
  weight: 'weight',
  owner: 'owner',
} as const;

export const editKeyResult = retryingStale(editKeyResultOnce);

async function editKeyResultOnce(
  db: Db,
  actor: Actor,
  input: KeyResultEditInput,
  now: Date,
): Promise<Outcome<KeyResultChange>> {
  const parsed = EditFields.safeParse(withoutBlanks(input));
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const fields = parsed.data;
  const found = await findByShortId(db, actor.workspaceId, fields.id, ['key_result']);
  if (!found.ok) return failure({ id: found.error });
  const row = await loadRow(db, found.found.id);
  const current = view(row);
  if (current.archived) {
    return failure({
      id: `${current.ref} is archived: restore it first with \`/okr kr restore ${current.ref}\`.`,
    });
  }
  if (!canChangeOwnedItem(actor, row.ownerId)) {
    return failure({
      id: `Only ${whoMayChange(await ownerName(db, { id: row.ownerId }))} can edit ${current.ref}. Nothing was changed.`,
    });
  }
  if (!canChangeStructure(actor)) {
    const attempted: Record<keyof typeof ADMIN_ONLY_FIELDS, boolean> = {
      kind: fields.kind !== undefined && fields.kind !== current.kind,
      start: fields.start !== undefined && fields.start !== current.start,
      target: fields.target !== undefined && fields.target !== current.target,
      weight: fields.weight !== undefined && fields.weight !== current.weight,
      owner: fields.owner !== undefined && fields.owner !== current.ownerSlackId,
    };
    const refused: FieldErrors = {};
    for (const [field, label] of Object.entries(ADMIN_ONLY_FIELDS)) {
      if (attempted[field as keyof typeof ADMIN_ONLY_FIELDS]) {
        refused[field] =
          `Only ${WHO_MAY.structure} can change the ${label}; as its owner you can change the title, unit, curve and milestones. Nothing was changed.`;
      }
    }
    if (Object.keys(refused).length) return failure(refused);
  }

  const kind = fields.kind ?? parseKrKind(current.kind);
  // Numbers carry over only between numeric kinds: a yes/no key result's 0 and 1 are not a start and target.
  const carry = NUMERIC_KINDS.has(kind) && NUMERIC_KINDS.has(current.kind);
  const keepMilestones = kind === 'milestone' && current.kind === 'milestone';
  const shape = settleShape({
    kind,
    start: fields.start ?? (carry ? current.start : undefined),
    target: fields.target ?? (carry ? current.target : undefined),
    milestones: fields.milestones ?? (keepMilestones ? current.milestones : undefined),
  });
  if (!shape.ok) return failure(shape.errors);
  const unit =
    fields.unit ??
    (current.unit === '' ? inferredUnit(input.target, input.start) : undefined) ??
    current.unit;
  const owner = fields.owner ? await memberBySlackId(db, actor.workspaceId, fields.owner) : undefined;

  const next: KeyResultView = {
    ...current,
    title: fields.title ?? current.title,
    kind,
    unit,
    start: shape.start,
    target: shape.target,
    weight: fields.weight ?? current.weight,
    curve: fields.curve ?? current.curve,
    ownerMemberId: owner ? owner.id : current.ownerMemberId,
    ownerSlackId: owner ? owner.slackUserId : current.ownerSlackId,
    milestones: shape.milestones.map((m, i) => ({
      position: i + 1,
      title: m.title,
      weight: m.weight,
      done: false,
    })),
  };
  const diff = changedFields(snapshot(current), snapshot(next));
  const changed = Object.keys(diff.after);
  if (changed.length === 0) return success({ keyResult: current, changed }, hintsFor(current, now));

  const updated = await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'KeyResult', current.id, current, async () =>
      view(await loadRow(tx, current.id)),
    );
    // Only the columns this edit changes, so that nothing else is written back.
    const data = {
      ...(changed.includes('title') ? { title: next.title } : {}),
      ...(changed.includes('kind') ? { kind: next.kind } : {}),
      ...(changed.includes('unit') ? { unit: next.unit } : {}),
      ...(changed.includes('start') ? { startValue: next.start } : {}),
      ...(changed.includes('target') ? { targetValue: next.target } : {}),
      ...(changed.includes('weight') ? { weight: next.weight } : {}),
      ...(changed.includes('curve') ? { curve: next.curve } : {}),
      ...(changed.includes('owner') ? { ownerId: next.ownerMemberId } : {}),
    };
    if (Object.keys(data).length > 0) await tx.keyResult.update({ where: { id: current.id }, data });
    if (changed.includes('milestones'))
      await writeMilestones(tx, current.id, shape.milestones, row.milestones, now);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'key_result',
      entityId: current.id,
      entityRef: current.ref,
      before: diff.before,
      after: diff.after,
    });
    return view(await loadRow(tx, current.id));
  });
  return success({ keyResult: updated, changed }, hintsFor(updated, now));
}

// ---------------------------------------------------------------------------------------------------------
// Archiving and restoring

export async function archiveKeyResult(
  db: Db,
  actor: Actor,
  id: string,
  now: Date,
): Promise<Outcome<KeyResultView>> {
  return setArchived(db, actor, id, now);
}

export async function restoreKeyResult(db: Db, actor: Actor, id: string): Promise<Outcome<KeyResultView>> {
  return setArchived(db, actor, id, null);
}

const setArchived = retryingStale(setArchivedOnce);

async function setArchivedOnce(
  db: Db,
  actor: Actor,
  id: string,
  archivedAt: Date | null,
): Promise<Outcome<KeyResultView>> {
  const archiving = archivedAt !== null;
  if (!canChangeStructure(actor)) {
    return failure({
      id: `Only ${WHO_MAY.structure} can ${archiving ? 'archive' : 'restore'} key results. Nothing was changed.`,
    });
  }
  const found = await findByShortId(db, actor.workspaceId, id, ['key_result']);
  if (!found.ok) return failure({ id: found.error });
  const row = await loadRow(db, found.found.id);
  const kr = view(row);
  if (archiving && kr.archived) return failure({ id: `${kr.ref} is already archived.` });
  if (!archiving && row.objective.archivedAt) {
    return failure({
      id: `${kr.ref} is under ${kr.objectiveRef}, which is archived: restore the objective first with \`/okr objective restore ${kr.objectiveRef}\`.`,
    });
  }
  if (!archiving && !kr.archived) return failure({ id: `${kr.ref} is not archived.` });
  const updated = await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'KeyResult', kr.id, kr, async () => view(await loadRow(tx, kr.id)));
    await tx.keyResult.update({ where: { id: kr.id }, data: { archivedAt } });
    // The checks above leave kr.archived the opposite of `archiving`.
    await recordArchiving(
      tx,
      actor,
      { entityType: 'key_result', entityId: kr.id, entityRef: kr.ref },
      archiving,
    );
    return view(await loadRow(tx, kr.id));
  });
  return success(updated);
}

// ---------------------------------------------------------------------------------------------------------
// Milestones done and undone

const MilestoneMark = z.object({
  id: z.string({ error: 'Name the key result, e.g. KR-3.' }).trim().min(1, 'Name the key result, e.g. KR-3.'),
  /** The milestone's number (1, 2, …) or its title; checked against the key result's milestones. */
  position: z.union([z.number(), z.string().trim()]).optional(),
  done: z.boolean(),
});
export type MilestoneMarkInput = Loose<z.input<typeof MilestoneMark>>;

export interface MilestoneChange {
  keyResult: KeyResultView;
  milestone: MilestoneView;
  /** False when the milestone was already in that state. */
  changed: boolean;
}

/** A milestone by its number, or by its title (ignoring case) when that names exactly one. */
function pickMilestone<M extends { position: number; title: string }>(
  milestones: readonly M[],
  asked: number | string | undefined,
): M | undefined {
  if (asked === undefined || asked === '') return undefined;
  if (typeof asked === 'number' || /^\d+$/.test(asked))
    return milestones.find((m) => m.position === Number(asked));
  const wanted = asked.toLowerCase();
  const named = milestones.filter((m) => m.title.trim().toLowerCase() === wanted);
  return named.length === 1 ? named[0] : undefined;
}

export const markMilestone = retryingStale(markMilestoneOnce);

async function markMilestoneOnce(
  db: Db,
  actor: Actor,
  input: MilestoneMarkInput,
  now: Date,
): Promise<Outcome<MilestoneChange>> {
  const parsed = MilestoneMark.safeParse(withoutBlanks(input));
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const { position, done } = parsed.data;
  const found = await findByShortId(db, actor.workspaceId, parsed.data.id, ['key_result']);
  if (!found.ok) return failure({ id: found.error });
  const row = await loadRow(db, found.found.id);
  const kr = view(row);
  if (kr.archived)
    return failure({ id: `${kr.ref} is archived: restore it first with \`/okr kr restore ${kr.ref}\`.` });
  if (!canChangeOwnedItem(actor, row.ownerId)) {
    return failure({
      id: `Only ${whoMayChange(await ownerName(db, { id: row.ownerId }))} can tick off milestones of ${kr.ref}. Nothing was changed.`,
    });
  }
  if (kr.kind !== 'milestone')
    return failure({ id: `${kr.ref} is not a milestone key result; it has no milestones.` });
  const milestone = pickMilestone(row.milestones, position);
  if (!milestone) {
    const list = row.milestones.map((m) => `${m.position}. ${m.title}`).join(', ');
    const asked =
      position === undefined || position === ''
        ? `Say which milestone of ${kr.ref}, by number or title`
        : `${kr.ref} has no milestone ${typeof position === 'number' || /^\d+$/.test(position) ? position : `"${position}"`}`;
    return failure({ position: `${asked}: ${list}.` });
  }
  const before: MilestoneView = {
    position: milestone.position,
    title: milestone.title,
    weight: milestone.weight,
    done: milestone.done,
  };
  if (milestone.done === done) return success({ keyResult: kr, milestone: before, changed: false });
  const updated = await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'KeyResult', kr.id, kr, async () => view(await loadRow(tx, kr.id)));
    await tx.milestone.update({ where: { id: milestone.id }, data: { done, doneAt: done ? now : null } });
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'key_result',
      entityId: kr.id,
      entityRef: kr.ref,
      before: { milestone: milestone.position, title: milestone.title, done: milestone.done },
      after: { milestone: milestone.position, title: milestone.title, done },
    });
    return view(await loadRow(tx, kr.id));
  });
  return success({ keyResult: updated, milestone: { ...before, done }, changed: true });
}
