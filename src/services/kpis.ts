// KPIs: health metrics watched every week or month against green and amber thresholds (KPI-n).

import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { changedFields, recordArchiving, recordAudit } from '../db/queries/audit.ts';
import { inChunks } from '../db/queries/bounded.ts';
import { nextNumber } from '../db/queries/counters.ts';
import { lockUnchanged, retryingStale } from '../db/queries/row-lock.ts';
import { isoFromDate } from '../domain/dates.ts';
import { formatNumber, zNumberLike } from '../domain/numbers/index.ts';
import { canChangeStructure, WHO_MAY, whoMayChange } from '../domain/permissions.ts';
import { formatShortId } from '../domain/short-ids.ts';
import type { Actor } from './actor.ts';
import { type KpiMeasure, kpiMeasure } from './item-measures.ts';
import { findByShortId } from './lookup.ts';
import { memberBySlackId, ownerName } from './members.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';

export type KpiDirection = 'higher_is_better' | 'lower_is_better';

// People type "higher" or "lower"; the stored names are the long ones.
const DIRECTION_WORDS: Record<string, KpiDirection> = {
  higher: 'higher_is_better',
  up: 'higher_is_better',
  higher_is_better: 'higher_is_better',
  'higher-is-better': 'higher_is_better',
  lower: 'lower_is_better',
  down: 'lower_is_better',
  lower_is_better: 'lower_is_better',
  'lower-is-better': 'lower_is_better',
};

const direction = z.preprocess(
  (value) => (typeof value === 'string' ? (DIRECTION_WORDS[value.trim().toLowerCase()] ?? value) : value),
  z.enum(['higher_is_better', 'lower_is_better'], {
    error: 'Say whether higher or lower is better: --direction higher or --direction lower.',
  }),
);

// A number as people write it (2.5%, 1,200, 3.5k), with the field named in the message.
const number = (what: string) =>
  z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null || value === '') {
      ctx.addIssue({ code: 'custom', message: `Give the ${what}, e.g. 95, 2.5% or 1,200.` });
      return z.NEVER;
    }
    const parsed = zNumberLike().safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: `The ${what}: ${parsed.error.issues[0]?.message ?? 'expected a number'}.`,
      });
      return z.NEVER;
    }
    return parsed.data;
  });

export const KpiFields = z
  .object({
    title: z
      .string({ error: 'Give the KPI a title, e.g. Churn rate.' })
      .trim()
      .min(1, 'Give the KPI a title, e.g. Churn rate.')
      .max(150, 'Keep the title under 150 characters.'),
    owner: z
      .string({ error: 'Name the owner, e.g. --owner @dana.' })
      .min(1, 'Name the owner, e.g. --owner @dana.'),
    team: z.string().trim().nullish(),
    unit: z.string().trim().max(20, 'Keep the unit short, e.g. %, $ or customers.').default(''),
    direction: direction.default('higher_is_better'),
    target: number('target'),
    green: number('green threshold'),
    amber: number('amber threshold'),
    cadence: z.enum(['weekly', 'monthly'], { error: 'The cadence is weekly or monthly.' }).default('weekly'),
  })
  .superRefine((kpi, ctx) => {
    // The bands are only meaningful when green is the better side of amber for this direction.
    if (kpi.direction === 'higher_is_better' && kpi.green < kpi.amber) {
      ctx.addIssue({
        code: 'custom',
        path: ['green'],
        message: `Higher is better for this KPI, so the green threshold (${formatNumber(kpi.green)}) must be at least the amber one (${formatNumber(kpi.amber)}): readings at or above green are green, at or above amber are amber, below are red.`,
      });
    }
    if (kpi.direction === 'lower_is_better' && kpi.green > kpi.amber) {
      ctx.addIssue({
        code: 'custom',
        path: ['green'],
        message: `Lower is better for this KPI, so the green threshold (${formatNumber(kpi.green)}) must be at most the amber one (${formatNumber(kpi.amber)}): readings at or below green are green, at or below amber are amber, above are red.`,
      });
    }
  });

/** What people may send: numbers as typed text, `team` as a team name (or a team id from a form). */
export type KpiInput = Loose<{
  title: string;
  owner: string;
  team: string | null;
  unit: string;
  direction: string;
  target: string | number;
  green: string | number;
  amber: string | number;
  cadence: string;
}>;

export interface KpiView extends KpiMeasure {
  id: number;
  ref: string;
  title: string;
  ownerSlackId: string | null;
  teamName: string | null;
  direction: KpiDirection;
  archived: boolean;
  latest: { value: number; period: string; date: string } | null;
}

// Fields a KPI's owner may change on their own; the rest shape how the KPI is judged and stay with admins.
const OWNER_FIELDS = new Set(['title', 'unit', 'cadence']);

const include = {
  owner: { select: { slackUserId: true } },
  team: { select: { name: true } },
  readings: { orderBy: { date: 'desc' }, take: 1 },
} as const;

type KpiRow = NonNullable<Awaited<ReturnType<typeof loadKpi>>>;

function loadKpi(db: Db | Tx, id: number) {
  return db.kpi.findUnique({ where: { id }, include });
}

function view(row: KpiRow): KpiView {
  const latest = row.readings[0];
  return {
    id: row.id,
    ref: formatShortId('kpi', row.number),
    title: row.title,
    ownerSlackId: row.owner?.slackUserId ?? null,
    teamName: row.team?.name ?? null,
    ...kpiMeasure(row),
    direction: row.direction === 'lower_is_better' ? 'lower_is_better' : 'higher_is_better',
    archived: row.archivedAt !== null,
    latest: latest ? { value: latest.value, period: latest.period, date: isoFromDate(latest.date) } : null,
  };
}

type TeamRef = { id: number; name: string };

/** The team a name (or a form's team id) names, or an explanation listing the teams there are. */
async function findTeam(db: Db, workspaceId: number, team: string): Promise<TeamRef | string> {
  const teams = await teamChoices(db, workspaceId);
  const wanted = team.trim().toLowerCase();
  // Forms send the team's id, because select option values are capped at 75 characters; people type names.
  const match =
    teams.find((t) => t.name.toLowerCase() === wanted) ?? teams.find((t) => String(t.id) === wanted);
  if (match) return match;
  const known = teams.map((t) => t.name).join(', ');
  return `There is no team called "${team}".${known ? ` Teams: ${known}.` : ' A PMO admin adds one with `/okr team add`.'}`;
}

/**
 * The team an edit asks for. The current team is kept without a lookup (so a KPI whose team was archived
 * can still be edited); id is undefined when the team stays, null when it is removed.
 */
async function teamChange(
  db: Db,
  workspaceId: number,
  current: string | null,
  typed: string | null | undefined,
): Promise<{ ok: true; name: string | null; id?: number | null } | { ok: false; error: string }> {
  if (!typed) return current === null ? { ok: true, name: null } : { ok: true, name: null, id: null };
  if (typed.toLowerCase() === current?.toLowerCase()) return { ok: true, name: current };
  const found = await findTeam(db, workspaceId, typed);
  if (typeof found === 'string') return { ok: false, error: found };
  return found.name === current ? { ok: true, name: current } : { ok: true, name: found.name, id: found.id };
}

export async function findKpi(db: Db, workspaceId: number, ref: string): Promise<Outcome<KpiView>> {
  const found = await findByShortId(db, workspaceId, ref, ['kpi']);
  if (!found.ok) return failure({ kpi: found.error });
  const row = await loadKpi(db, found.found.id);
  return row ? success(view(row)) : failure({ kpi: `There is no ${ref.toUpperCase()}.` });
}

export async function createKpi(db: Db, actor: Actor, input: KpiInput): Promise<Outcome<KpiView>> {
  const parsed = KpiFields.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor))
    return failure({ title: `Only ${WHO_MAY.structure} can add KPIs. Nothing was saved.` });
  const data = parsed.data;
  const team = data.team ? await findTeam(db, actor.workspaceId, data.team) : null;
  if (typeof team === 'string') return failure({ team });
  const owner = await memberBySlackId(db, actor.workspaceId, data.owner);
  const id = await db.$transaction(async (tx) => {
    const kpiNumber = await nextNumber(tx, actor.workspaceId, 'kpi');
    const fields = {
      title: data.title,
      ownerId: owner.id,
      teamId: team?.id ?? null,
      unit: data.unit,
      direction: data.direction,
      target: data.target,
      green: data.green,
      amber: data.amber,
      cadence: data.cadence,
    };
    const created = await tx.kpi.create({
      data: { workspaceId: actor.workspaceId, number: kpiNumber, ...fields },
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'kpi',
      entityId: created.id,
      entityRef: formatShortId('kpi', kpiNumber),
      after: { ...fields, owner: data.owner, team: team?.name ?? null },
    });
    return created.id;
  });
  const row = await loadKpi(db, id);
  return success(view(row!));
}

/**
 * Changes some of a KPI's fields; fields left undefined keep their value, `team: null` removes the team.
 * Admins change anything; the owner changes only the title, unit and cadence.
 */
export const updateKpi = retryingStale(updateKpiOnce);

async function updateKpiOnce(
  db: Db,
  actor: Actor,
  ref: string,
  changes: KpiInput,
): Promise<Outcome<KpiView>> {
  const current = await findKpi(db, actor.workspaceId, ref);
  if (!current.ok) return current;
  const kpi = current.value;
  const before = {
    title: kpi.title,
    owner: kpi.ownerSlackId ?? undefined,
    team: kpi.teamName,
    unit: kpi.unit,
    direction: kpi.direction,
    target: kpi.target,
    green: kpi.green,
    amber: kpi.amber,
    cadence: kpi.cadence,
  };
  const merged: KpiInput = { ...before };
  for (const [key, value] of Object.entries(changes) as [keyof KpiInput, unknown][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const parsed = KpiFields.safeParse(merged);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  // The team is compared by the team it names, so "growth" or a form's team id for "Growth" is no change.
  const team = await teamChange(db, actor.workspaceId, kpi.teamName, parsed.data.team);
  if (!team.ok) return failure({ team: team.error });
  const after = { ...parsed.data, team: team.name };
  const diff = changedFields(before, after);
  const changed = Object.keys(diff.after);
  if (changed.length === 0) return success(kpi, [`Nothing to change: ${kpi.ref} already has these values.`]);
  const isOwner = kpi.ownerSlackId === actor.slackUserId;
  const forbidden = changed.filter(
    (field) => !canChangeStructure(actor) && !(isOwner && OWNER_FIELDS.has(field)),
  );
  if (forbidden.length > 0) {
    const field = forbidden[0]!;
    if (!isOwner) {
      const owner = await ownerName(db, { workspaceId: actor.workspaceId, slackUserId: kpi.ownerSlackId });
      return failure({ kpi: `Only ${whoMayChange(owner)} can change ${kpi.ref}. Nothing was saved.` });
    }
    return failure({
      [field]: `As the owner you can change the title, unit and cadence; only ${WHO_MAY.structure} can change the ${field}. Nothing was saved.`,
    });
  }
  const ownerId =
    'owner' in diff.after ? (await memberBySlackId(db, actor.workspaceId, after.owner)).id : undefined;
  await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'Kpi', kpi.id, kpi, async () => view((await loadKpi(tx, kpi.id))!));
    // Only the columns this edit changes, so that nothing else is written back.
    const columns = ['title', 'unit', 'direction', 'target', 'green', 'amber', 'cadence'] as const;
    const data = Object.fromEntries(
      columns.filter((column) => changed.includes(column)).map((column) => [column, after[column]]),
    );
    await tx.kpi.update({
      where: { id: kpi.id },
      data: {
        ...data,
        ...(ownerId !== undefined ? { ownerId } : {}),
        ...(team.id !== undefined ? { teamId: team.id } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'kpi',
      entityId: kpi.id,
      entityRef: kpi.ref,
      ...diff,
    });
  });
  const row = await loadKpi(db, kpi.id);
  return success(view(row!));
}

/** Archiving hides a KPI from lists and reminders and keeps its history; restoring brings it back. */
export async function setKpiArchived(
  db: Db,
  actor: Actor,
  ref: string,
  archived: boolean,
  now: Date,
): Promise<Outcome<KpiView>> {
  if (!canChangeStructure(actor))
    return failure({ kpi: `Only ${WHO_MAY.structure} can archive or restore KPIs.` });
  const current = await findKpi(db, actor.workspaceId, ref);
  if (!current.ok) return current;
  const kpi = current.value;
  if (kpi.archived === archived) {
    return failure({ kpi: `${kpi.ref} is ${archived ? 'already archived' : 'not archived'}.` });
  }
  await db.$transaction(async (tx) => {
    await tx.kpi.update({ where: { id: kpi.id }, data: { archivedAt: archived ? now : null } });
    await recordArchiving(tx, actor, { entityType: 'kpi', entityId: kpi.id, entityRef: kpi.ref }, archived);
  });
  return success({ ...kpi, archived });
}

/** Active KPIs, optionally of one team, with their latest reading. */
export async function listKpis(db: Db, workspaceId: number, teamName?: string): Promise<Outcome<KpiView[]>> {
  let teamId: number | undefined;
  if (teamName) {
    const team = await findTeam(db, workspaceId, teamName);
    if (typeof team === 'string') return failure({ team });
    teamId = team.id;
  }
  const { readings: _latestOnly, ...withoutReadings } = include;
  const rows = await db.kpi.findMany({
    where: { workspaceId, archivedAt: null, ...(teamId !== undefined ? { teamId } : {}) },
    include: withoutReadings,
    orderBy: { number: 'asc' },
  });
  // The latest reading of each, read in slices: an included list with `take` cannot be split by Prisma and
  // would bind every KPI's id in one statement (see db/queries/bounded.ts).
  const latest = await inChunks(
    rows.map((row) => row.id),
    (slice) =>
      db.kpiReading.findMany({
        where: { kpiId: { in: slice } },
        orderBy: [{ kpiId: 'asc' }, { date: 'desc' }],
        distinct: ['kpiId'],
      }),
  );
  const latestOf = new Map(latest.map((reading) => [reading.kpiId, reading]));
  return success(
    rows.map((row) => {
      const reading = latestOf.get(row.id);
      return view({ ...row, readings: reading ? [reading] : [] });
    }),
  );
}

/** Teams a form may offer, by name. */
export async function teamChoices(db: Db, workspaceId: number): Promise<{ id: number; name: string }[]> {
  return db.team.findMany({
    where: { workspaceId, archivedAt: null },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}
