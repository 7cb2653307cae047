// Objectives: what a company, team or person means to achieve in a cycle, aligned in a tree under parents.
// Only PMO admins change them. Field names here are also the block_ids of the objective modal.

import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { changedFields, recordArchiving, recordAudit } from '../db/queries/audit.ts';
import { nextNumber } from '../db/queries/counters.ts';
import { lockUnchanged, retryingStale } from '../db/queries/row-lock.ts';
import { alignmentLoop } from '../domain/alignment.ts';
import { WHO_MAY } from '../domain/permissions.ts';
import { formatShortId, parseShortId } from '../domain/short-ids.ts';
import { OBJECTIVE_LEVELS, parseObjectiveLevel } from '../domain/vocabulary.ts';
import { type Actor, isAdmin } from './actor.ts';
import { currentCycle, findCycleByName } from './cycles.ts';
import { findByShortId } from './lookup.ts';
import { memberBySlackId } from './members.ts';
import { type FieldErrors, failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';
export type ObjectiveLevel = (typeof OBJECTIVE_LEVELS)[number];

const title = z
  .string({ error: 'Give the objective a title, e.g. "Win the mid-market".' })
  .trim()
  .min(1, 'Give the objective a title, e.g. "Win the mid-market".')
  .max(200, 'Keep the title to 200 characters; the description can say more.');
const description = z.string().trim().max(2000, 'Keep the description to 2000 characters.');
const level = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(OBJECTIVE_LEVELS, { error: 'The level is company, team or personal.' }));
const slackUserId = z
  .string()
  .trim()
  .regex(/^[UW][A-Z0-9]{2,20}$/, 'Name the owner as a person in Slack, e.g. @dana.');
/** A value as typed; null, or the word `none`, removes it. */
const removable = <T extends z.ZodType<string, string>>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*none\s*$/i.test(value) ? null : value),
    schema.nullable(),
  );

export const ObjectiveAddInput = z.object({
  title,
  description: description.default(''),
  level: level.default('company'),
  team: z.string().trim().min(1).optional(),
  /** Slack user id of the owner. */
  owner: slackUserId.optional(),
  /** Short id of the parent objective, e.g. O-1. */
  parent: z.string().trim().min(1).optional(),
  /** Cycle name; the current cycle when missing. */
  cycle: z.string().trim().min(1).optional(),
});
export type ObjectiveAddInput = Loose<z.input<typeof ObjectiveAddInput>>;

export const ObjectiveEditInput = z.object({
  objective: z
    .string({ error: 'Say which objective, e.g. O-3.' })
    .trim()
    .min(1, 'Say which objective, e.g. O-3.'),
  title: title.optional(),
  description: description.optional(),
  level: level.optional(),
  team: removable(z.string().trim().min(1)).optional(),
  owner: removable(slackUserId).optional(),
  parent: removable(z.string().trim().min(1)).optional(),
});
/** Missing fields stay as they are; null (or `none`) removes a team, owner or parent. */
export type ObjectiveEditInput = Loose<{
  objective: string;
  title: string;
  description: string;
  level: string;
  team: string | null;
  owner: string | null;
  parent: string | null;
}>;

export interface ObjectiveView {
  id: number;
  shortId: string;
  title: string;
  description: string;
  level: ObjectiveLevel;
  team: string | null;
  teamId: number | null;
  ownerSlackId: string | null;
  parent: string | null;
  cycle: string;
  cycleId: number;
  archived: boolean;
}

const INCLUDE = { team: true, owner: true, parent: { select: { number: true } }, cycle: true } as const;

type ObjectiveRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

function loadRow(db: Db | Tx, id: number) {
  return db.objective.findUnique({ where: { id }, include: INCLUDE });
}

function view(row: ObjectiveRow): ObjectiveView {
  return {
    id: row.id,
    shortId: formatShortId('objective', row.number),
    title: row.title,
    description: row.description,
    level: parseObjectiveLevel(row.level),
    team: row.team?.name ?? null,
    teamId: row.teamId,
    ownerSlackId: row.owner?.slackUserId ?? null,
    parent: row.parent ? formatShortId('objective', row.parent.number) : null,
    cycle: row.cycle.name,
    cycleId: row.cycleId,
    archived: row.archivedAt !== null,
  };
}

/** What the audit log records about an objective: the fields people set, as people name them. */
function snapshot(v: ObjectiveView): Record<string, unknown> {
  return {
    title: v.title,
    description: v.description,
    level: v.level,
    team: v.team,
    owner: v.ownerSlackId,
    parent: v.parent,
    cycle: v.cycle,
  };
}

const refused = (what: string): Outcome<never> =>
  failure({ access: `Only ${WHO_MAY.structure} can ${what}. Nothing was changed.` });

/** The objective a short id names, with what views need. */
export async function findObjective(
  db: Db,
  workspaceId: number,
  shortId: string,
): Promise<{ ok: true; objective: ObjectiveView } | { ok: false; error: string }> {
  const found = await findByShortId(db, workspaceId, shortId, ['objective']);
  if (!found.ok) return found;
  const row = await loadRow(db, found.found.id);
  return row
    ? { ok: true, objective: view(row) }
    : { ok: false, error: `There is no ${shortId.toUpperCase()}.` };
}

/** Teams that are not archived, by name, for pickers and for "which teams exist" answers. */
export async function activeTeams(db: Db, workspaceId: number): Promise<Array<{ id: number; name: string }>> {
  return db.team.findMany({
    where: { workspaceId, archivedAt: null },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}

/** Objectives of a cycle that can be parents, sorted by short id; at most `limit`. */
export async function parentCandidates(
  db: Db,
  workspaceId: number,
  cycleId: number,
  limit = 100,
): Promise<Array<{ shortId: string; title: string }>> {
  const rows = await db.objective.findMany({
    where: { workspaceId, cycleId, archivedAt: null },
    select: { number: true, title: true },
    orderBy: { number: 'asc' },
    take: limit,
  });
  return rows.map((r) => ({ shortId: formatShortId('objective', r.number), title: r.title }));
}

async function resolveTeam(
  db: Db,
  workspaceId: number,
  name: string,
): Promise<{ ok: true; id: number } | { ok: false; error: string }> {
  const teams = await activeTeams(db, workspaceId);
  const match = teams.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
  if (match) return { ok: true, id: match.id };
  if (teams.length === 0)
    return {
      ok: false,
      error: `There is no team called "${name}"; there are no teams yet (a PMO admin adds one with /okr team add).`,
    };
  const names = teams.slice(0, 20).map((t) => t.name);
  const more = teams.length > names.length ? `, and ${teams.length - names.length} more` : '';
  return { ok: false, error: `There is no team called "${name}". Teams: ${names.join(', ')}${more}.` };
}

/** A parent must exist, be live, and be in the child's cycle; loops are checked when the link is written. */
async function resolveParent(
  db: Db,
  workspaceId: number,
  text: string,
  cycleId: number,
): Promise<{ ok: true; id: number } | { ok: false; error: string }> {
  const found = await findObjective(db, workspaceId, text);
  if (!found.ok) return found;
  const parent = found.objective;
  if (parent.archived)
    return { ok: false, error: `${parent.shortId} is archived; restore it first or choose another parent.` };
  if (parent.cycleId !== cycleId)
    return {
      ok: false,
      error: `${parent.shortId} belongs to the cycle ${parent.cycle}; a parent has to be in the same cycle.`,
    };
  return { ok: true, id: parent.id };
}

/** The reason an objective's level and its team/owner do not fit together, keyed by the field to fix. */
function levelProblems(level: ObjectiveLevel, hasTeam: boolean, hasOwner: boolean): FieldErrors {
  if (level === 'team' && !hasTeam)
    return { team: 'A team objective needs a team; choose one, or another level.' };
  if (level === 'personal' && !hasOwner)
    return { owner: 'A personal objective needs an owner; choose one, or another level.' };
  return {};
}

/**
 * Takes the workspace's objective counter row as a lock, then returns the loop the new link would close.
 * Without the lock, two people aligning A under B and B under A at the same moment could both pass the check.
 */
async function loopMessage(
  tx: Tx,
  workspaceId: number,
  childId: number,
  parentId: number,
): Promise<string | undefined> {
  await tx.counter.upsert({
    where: { workspaceId_name: { workspaceId, name: 'objective' } },
    create: { workspaceId, name: 'objective', value: 0 },
    update: { value: { increment: 0 } },
  });
  const rows = await tx.objective.findMany({
    where: { workspaceId },
    select: { id: true, parentId: true, number: true },
  });
  const loop = alignmentLoop(new Map(rows.map((r) => [r.id, r.parentId])), childId, parentId);
  if (!loop) return undefined;
  const numbers = new Map(rows.map((r) => [r.id, formatShortId('objective', r.number)]));
  const ids = loop.map((id) => numbers.get(id) ?? '?');
  const child = numbers.get(childId) ?? '?';
  if (loop.length === 1) return `${child} cannot be aligned under itself.`;
  return `${ids[0]} is already aligned under ${child} (${ids.join(' → ')}), so ${child} cannot go under ${ids[0]}.`;
}

class LoopRefused extends Error {}

function sameShortId(typed: string, shortId: string | null): boolean {
  const parsed = parseShortId(typed);
  return parsed !== undefined && shortId !== null && formatShortId(parsed.entity, parsed.number) === shortId;
}

export async function createObjective(
  db: Db,
  actor: Actor,
  input: ObjectiveAddInput,
): Promise<Outcome<ObjectiveView>> {
  const parsed = ObjectiveAddInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!isAdmin(actor)) return refused('add objectives');
  const data = parsed.data;
  const errors: FieldErrors = {
    ...levelProblems(data.level, data.team !== undefined, data.owner !== undefined),
  };

  const cycle = data.cycle
    ? await findCycleByName(db, actor.workspaceId, data.cycle)
    : await currentCycle(db, actor.workspaceId);
  if (!cycle) {
    errors.cycle = data.cycle
      ? `There is no cycle called "${data.cycle}". /okr cycle list shows them.`
      : 'There is no current cycle yet: create one with /okr cycle add.';
  }
  const team = data.team ? await resolveTeam(db, actor.workspaceId, data.team) : undefined;
  if (team && !team.ok) errors.team = team.error;
  const parent =
    data.parent && cycle ? await resolveParent(db, actor.workspaceId, data.parent, cycle.id) : undefined;
  if (parent && !parent.ok) errors.parent = parent.error;
  if (Object.keys(errors).length > 0 || !cycle) return failure(errors);

  const owner = data.owner ? await memberBySlackId(db, actor.workspaceId, data.owner) : undefined;
  const row = await db.$transaction(async (tx) => {
    const number = await nextNumber(tx, actor.workspaceId, 'objective');
    const created = await tx.objective.create({
      data: {
        workspaceId: actor.workspaceId,
        number,
        title: data.title,
        description: data.description,
        cycleId: cycle.id,
        level: data.level,
        teamId: team?.ok ? team.id : null,
        ownerId: owner?.id ?? null,
        parentId: parent?.ok ? parent.id : null,
      },
      include: INCLUDE,
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'objective',
      entityId: created.id,
      entityRef: formatShortId('objective', number),
      after: snapshot(view(created)),
    });
    return created;
  });
  // Two objectives with one title in a cycle are allowed (teams may share a goal) but rarely meant.
  const others = await db.objective.findMany({
    where: { workspaceId: actor.workspaceId, cycleId: cycle.id, archivedAt: null, id: { not: row.id } },
    select: { number: true, title: true },
  });
  const notes = others
    .filter((other) => other.title.trim().toLowerCase() === data.title.trim().toLowerCase())
    .map(
      (twin) =>
        `${formatShortId('objective', twin.number)} in this cycle has the same title; rename one if they differ.`,
    );
  return success(view(row), notes);
}

export const editObjective = retryingStale(editObjectiveOnce);

async function editObjectiveOnce(
  db: Db,
  actor: Actor,
  input: ObjectiveEditInput,
): Promise<Outcome<ObjectiveView>> {
  const parsed = ObjectiveEditInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!isAdmin(actor)) return refused('edit objectives');
  const data = parsed.data;
  const found = await findObjective(db, actor.workspaceId, data.objective);
  if (!found.ok) return failure({ objective: found.error });
  const current = found.objective;
  // A form sends every field back; an unchanged team or parent is not checked again, so an objective whose
  // team or parent was archived since can still be edited without losing either.
  if (data.team && data.team.toLowerCase() === current.team?.toLowerCase()) data.team = undefined;
  if (data.parent && sameShortId(data.parent, current.parent)) data.parent = undefined;

  const errors: FieldErrors = {};
  const team = data.team ? await resolveTeam(db, actor.workspaceId, data.team) : undefined;
  if (team && !team.ok) errors.team = team.error;
  const parent = data.parent
    ? await resolveParent(db, actor.workspaceId, data.parent, current.cycleId)
    : undefined;
  if (parent && !parent.ok) errors.parent = parent.error;
  const nextLevel = data.level ?? current.level;
  const hasTeam = data.team === undefined ? current.team !== null : data.team !== null;
  const hasOwner = data.owner === undefined ? current.ownerSlackId !== null : data.owner !== null;
  for (const [field, message] of Object.entries(levelProblems(nextLevel, hasTeam, hasOwner)))
    errors[field] ??= message;
  if (Object.keys(errors).length > 0) return failure(errors);

  const owner = data.owner ? await memberBySlackId(db, actor.workspaceId, data.owner) : undefined;
  const changes = {
    ...(data.title !== undefined ? { title: data.title } : {}),
    ...(data.description !== undefined ? { description: data.description } : {}),
    ...(data.level !== undefined ? { level: data.level } : {}),
    ...(data.team !== undefined ? { teamId: team?.ok ? team.id : null } : {}),
    ...(data.owner !== undefined ? { ownerId: owner?.id ?? null } : {}),
    ...(data.parent !== undefined ? { parentId: parent?.ok ? parent.id : null } : {}),
  };
  return writeUpdate(db, actor, current, changes);
}

/** `/okr objective align O-5 O-1`; a parent of null (typed `none`) makes the objective top-level. */
export async function alignObjective(
  db: Db,
  actor: Actor,
  input: Loose<{ objective: string; parent: string | null }>,
): Promise<Outcome<ObjectiveView>> {
  if (!input.objective)
    return failure({ objective: 'Say which objective to align, e.g. /okr objective align O-5 O-1.' });
  if (input.parent === undefined || input.parent === '')
    return failure({ parent: 'Say which objective it goes under, e.g. O-1, or none to make it top-level.' });
  return editObjective(db, actor, { objective: input.objective, parent: input.parent });
}

async function writeUpdate(
  db: Db,
  actor: Actor,
  current: ObjectiveView,
  changes: {
    title?: string;
    description?: string;
    level?: string;
    teamId?: number | null;
    ownerId?: number | null;
    parentId?: number | null;
  },
): Promise<Outcome<ObjectiveView>> {
  try {
    const row = await db.$transaction(async (tx) => {
      await lockUnchanged(tx, 'Objective', current.id, current, async () =>
        view((await loadRow(tx, current.id))!),
      );
      if (changes.parentId !== undefined && changes.parentId !== null) {
        const loop = await loopMessage(tx, actor.workspaceId, current.id, changes.parentId);
        if (loop) throw new LoopRefused(loop);
      }
      const updated = await tx.objective.update({
        where: { id: current.id },
        data: changes,
        include: INCLUDE,
      });
      const diff = changedFields(snapshot(current), snapshot(view(updated)));
      if (Object.keys(diff.after).length > 0) {
        await recordAudit(tx, actor, {
          action: 'update',
          entityType: 'objective',
          entityId: current.id,
          entityRef: current.shortId,
          ...diff,
        });
      }
      return { updated, changed: Object.keys(diff.after).length > 0 };
    });
    return success(
      view(row.updated),
      row.changed ? [] : [`Nothing changed: ${current.shortId} already had those values.`],
    );
  } catch (error) {
    if (error instanceof LoopRefused) return failure({ parent: error.message });
    throw error;
  }
}

const setArchived = retryingStale(setArchivedOnce);

async function setArchivedOnce(
  db: Db,
  actor: Actor,
  shortId: string | undefined,
  archivedAt: Date | null,
): Promise<Outcome<ObjectiveView>> {
  const archiving = archivedAt !== null;
  if (!shortId)
    return failure({ objective: `Say which objective to ${archiving ? 'archive' : 'restore'}, e.g. O-3.` });
  if (!isAdmin(actor)) return refused(archiving ? 'archive objectives' : 'restore objectives');
  const found = await findObjective(db, actor.workspaceId, shortId);
  if (!found.ok) return failure({ objective: found.error });
  const current = found.objective;
  if (current.archived === archiving)
    return failure({
      objective: `${current.shortId} is ${archiving ? 'already archived' : 'not archived'}.`,
    });
  const row = await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'Objective', current.id, current, async () =>
      view((await loadRow(tx, current.id))!),
    );
    // Key results and child links stay as they are, so restoring brings the objective back whole.
    const updated = await tx.objective.update({
      where: { id: current.id },
      data: { archivedAt },
      include: INCLUDE,
    });
    await recordArchiving(
      tx,
      actor,
      { entityType: 'objective', entityId: current.id, entityRef: current.shortId },
      archiving,
    );
    return updated;
  });
  return success(view(row));
}

export function archiveObjective(
  db: Db,
  actor: Actor,
  shortId: string | undefined,
  now: Date,
): Promise<Outcome<ObjectiveView>> {
  return setArchived(db, actor, shortId, now);
}

export function restoreObjective(
  db: Db,
  actor: Actor,
  shortId: string | undefined,
): Promise<Outcome<ObjectiveView>> {
  return setArchived(db, actor, shortId, null);
}
