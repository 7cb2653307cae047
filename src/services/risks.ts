// Risks: what could stop an objective, key result or KPI, rated by likelihood × impact (R-n).

import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { changedFields, recordAudit } from '../db/queries/audit.ts';
import { nextNumber } from '../db/queries/counters.ts';
import { lockUnchanged, retryingStale } from '../db/queries/row-lock.ts';
import { isoFromDate } from '../domain/dates.ts';
import { parseNumber } from '../domain/numbers/index.ts';
import { canChangeOwnedItem, whoMayChange } from '../domain/permissions.ts';
import { formatShortId, parseShortId } from '../domain/short-ids.ts';
import { riskScore as ratedScore } from '../domain/status/risk.ts';
import { parseRiskStatus } from '../domain/vocabulary.ts';
import type { Actor } from './actor.ts';
import { isAdmin } from './actor.ts';
import { findByShortId } from './lookup.ts';
import { memberBySlackId, ownerName } from './members.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';

export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Likelihood × impact, 1–25: the order risks are reviewed in. */
export function riskScore(likelihood: number, impact: number): number {
  return ratedScore({ likelihood, impact });
}

// Ratings are coarse on purpose: a 3.5 suggests a precision nobody has when guessing at a risk.
const rating = (what: string, scale: string) => {
  const message = `${what} is a whole number from 1 to 5 (${scale}).`;
  return z.unknown().transform((value, ctx) => {
    const parsed =
      typeof value === 'number'
        ? { ok: true as const, value }
        : typeof value === 'string'
          ? parseNumber(value)
          : undefined;
    if (!parsed?.ok || !Number.isInteger(parsed.value) || parsed.value < 1 || parsed.value > 5) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return parsed.value;
  });
};

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} under ${max} characters.`)
    .nullish()
    .transform((value) => value ?? '');

export const RiskFields = z.object({
  title: z
    .string({ error: 'Give the risk a title, e.g. Vendor delay.' })
    .trim()
    .min(1, 'Give the risk a title, e.g. Vendor delay.')
    .max(150, 'Keep the title under 150 characters.'),
  description: text(3000, 'description'),
  on: z.string().trim().nullish(),
  owner: z
    .string({ error: 'Name the owner, e.g. --owner @dana.' })
    .min(1, 'Name the owner, e.g. --owner @dana.'),
  likelihood: rating('Likelihood', '1 rare, 5 almost certain'),
  impact: rating('Impact', '1 negligible, 5 severe'),
  mitigation: text(3000, 'mitigation'),
  status: z.enum(RISK_STATUSES, { error: 'The status is open, mitigating or closed.' }).default('open'),
});

/** What people may send: ratings as typed text, `on` as a short id (O-2, KR-3, KPI-1) or null to unlink. */
export type RiskInput = Loose<{
  title: string;
  description: string | null;
  on: string | null;
  owner: string;
  likelihood: string | number;
  impact: string | number;
  mitigation: string | null;
  status: string;
}>;

export interface RiskView {
  id: number;
  ref: string;
  title: string;
  description: string;
  ownerSlackId: string | null;
  likelihood: number;
  impact: number;
  score: number;
  status: RiskStatus;
  mitigation: string;
  /** The item the risk threatens, by short id and title. */
  linked: { ref: string; title: string } | null;
  closedAt: string | null;
}

const include = {
  owner: { select: { slackUserId: true } },
  objective: { select: { number: true, title: true } },
  keyResult: { select: { number: true, title: true } },
  kpi: { select: { number: true, title: true } },
} as const;

type RiskRow = NonNullable<Awaited<ReturnType<typeof loadRisk>>>;

function loadRisk(db: Db | Tx, id: number) {
  return db.risk.findUnique({ where: { id }, include });
}

function linkedOf(row: RiskRow): RiskView['linked'] {
  if (row.keyResult)
    return { ref: formatShortId('key_result', row.keyResult.number), title: row.keyResult.title };
  if (row.kpi) return { ref: formatShortId('kpi', row.kpi.number), title: row.kpi.title };
  if (row.objective)
    return { ref: formatShortId('objective', row.objective.number), title: row.objective.title };
  return null;
}

function view(row: RiskRow): RiskView {
  const status = parseRiskStatus(row.status);
  return {
    id: row.id,
    ref: formatShortId('risk', row.number),
    title: row.title,
    description: row.description,
    ownerSlackId: row.owner?.slackUserId ?? null,
    likelihood: row.likelihood,
    impact: row.impact,
    score: riskScore(row.likelihood, row.impact),
    status,
    mitigation: row.mitigation,
    linked: linkedOf(row),
    closedAt: row.closedAt ? isoFromDate(row.closedAt) : null,
  };
}

interface Link {
  objectiveId: number | null;
  keyResultId: number | null;
  kpiId: number | null;
  /** Who owns the linked item: a member may raise risks on what they own. */
  ownerId: number | null;
}

const UNLINKED: Link = { objectiveId: null, keyResultId: null, kpiId: null, ownerId: null };

async function resolveLink(
  db: Db,
  workspaceId: number,
  on: string | null | undefined,
): Promise<Link | string> {
  if (!on || /^none$/i.test(on)) return UNLINKED;
  const found = await findByShortId(db, workspaceId, on, ['objective', 'key_result', 'kpi']);
  if (!found.ok) return found.error;
  const { entity, id } = found.found;
  const ref = on.trim().toUpperCase();
  // A risk threatens something still tracked: an archived item (or one under an archived objective) is not.
  const archived = (what: string, restore: string) =>
    `${what} is archived, so it takes no new risks. A PMO admin can bring it back with \`${restore}\`. Nothing was saved.`;
  if (entity === 'objective') {
    const row = await db.objective.findUniqueOrThrow({
      where: { id },
      select: { ownerId: true, archivedAt: true },
    });
    if (row.archivedAt) return archived(ref, `/okr objective restore ${ref}`);
    return { ...UNLINKED, objectiveId: id, ownerId: row.ownerId };
  }
  if (entity === 'key_result') {
    const row = await db.keyResult.findUniqueOrThrow({
      where: { id },
      select: { ownerId: true, archivedAt: true, objective: { select: { number: true, archivedAt: true } } },
    });
    if (row.objective.archivedAt) {
      const objective = formatShortId('objective', row.objective.number);
      return archived(`${ref} is under ${objective}, which`, `/okr objective restore ${objective}`);
    }
    if (row.archivedAt) return archived(ref, `/okr kr restore ${ref}`);
    return { ...UNLINKED, keyResultId: id, ownerId: row.ownerId };
  }
  const row = await db.kpi.findUniqueOrThrow({ where: { id }, select: { ownerId: true, archivedAt: true } });
  if (row.archivedAt) return archived(ref, `/okr kpi restore ${ref}`);
  return { ...UNLINKED, kpiId: id, ownerId: row.ownerId };
}

export async function findRisk(db: Db, workspaceId: number, ref: string): Promise<Outcome<RiskView>> {
  const found = await findByShortId(db, workspaceId, ref, ['risk']);
  if (!found.ok) return failure({ risk: found.error });
  const row = await loadRisk(db, found.found.id);
  return row ? success(view(row)) : failure({ risk: `There is no ${ref.toUpperCase()}.` });
}

/**
 * Admins raise any risk. A member raises risks on items they own, or unlinked risks they own themselves,
 * so people can flag trouble in their own area without waiting for the PMO.
 */
export async function createRisk(
  db: Db,
  actor: Actor,
  input: RiskInput,
  now: Date,
): Promise<Outcome<RiskView>> {
  const prepared = await prepareRisk(db, actor, input, now);
  if (!prepared.ok) return prepared;
  const id = await db.$transaction((tx) => prepared.value.write(tx));
  return success(view((await loadRisk(db, id))!));
}

/**
 * A new risk checked and ready to write in the caller's transaction (the weekly check-in writes its
 * risk together with the check-ins); write resolves with the new risk's id.
 */
export async function prepareRisk(
  db: Db,
  actor: Actor,
  input: RiskInput,
  now: Date,
): Promise<Outcome<{ write(tx: Tx): Promise<number> }>> {
  const parsed = RiskFields.safeParse({ ...input, owner: input.owner ?? actor.slackUserId });
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const data = parsed.data;
  const link = await resolveLink(db, actor.workspaceId, data.on);
  if (typeof link === 'string') return failure({ on: link });
  const owner = await memberBySlackId(db, actor.workspaceId, data.owner);
  if (!isAdmin(actor)) {
    const linked = link !== UNLINKED;
    if (linked && !canChangeOwnedItem(actor, link.ownerId)) {
      return failure({
        on: `You can raise risks on items you own; ${data.on?.toUpperCase()} is not yours. Ask its owner or a PMO admin. Nothing was saved.`,
      });
    }
    if (!linked && owner.id !== actor.memberId) {
      return failure({
        owner:
          'A risk not linked to an item of yours has to be owned by you; PMO admins can assign it to someone else. Nothing was saved.',
      });
    }
  }
  const write = async (tx: Tx) => {
    const riskNumber = await nextNumber(tx, actor.workspaceId, 'risk');
    const fields = {
      title: data.title,
      description: data.description,
      objectiveId: link.objectiveId,
      keyResultId: link.keyResultId,
      kpiId: link.kpiId,
      ownerId: owner.id,
      likelihood: data.likelihood,
      impact: data.impact,
      status: data.status,
      mitigation: data.mitigation,
      closedAt: data.status === 'closed' ? now : null,
    };
    const created = await tx.risk.create({
      data: { workspaceId: actor.workspaceId, number: riskNumber, ...fields },
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'risk',
      entityId: created.id,
      entityRef: formatShortId('risk', riskNumber),
      after: { ...auditable(data), score: riskScore(data.likelihood, data.impact) },
    });
    return created.id;
  };
  return success({ write });
}

/** The validated fields with the link written the way it is shown (kr3 → KR-3, none → null). */
function auditable(data: z.output<typeof RiskFields>) {
  const id = data.on ? parseShortId(data.on) : undefined;
  return {
    ...data,
    on: id ? formatShortId(id.entity, id.number) : data.on && !/^none$/i.test(data.on) ? data.on : null,
  };
}

/**
 * Changes some of a risk's fields (undefined keeps a value, `on: null` unlinks). The risk's owner and
 * admins may edit; moving it to closed stamps closedAt, moving it back out of closed reopens it.
 */
export const updateRisk = retryingStale(updateRiskOnce);

async function updateRiskOnce(
  db: Db,
  actor: Actor,
  ref: string,
  changes: RiskInput,
  now: Date,
): Promise<Outcome<RiskView>> {
  const current = await findRisk(db, actor.workspaceId, ref);
  if (!current.ok) return current;
  const risk = current.value;
  const allowed = await mayChange(db, actor, risk);
  if (!allowed) return failure({ risk: await refusal(db, actor, risk, 'change') });
  const before = {
    title: risk.title,
    description: risk.description,
    on: risk.linked?.ref ?? null,
    owner: risk.ownerSlackId ?? undefined,
    likelihood: risk.likelihood,
    impact: risk.impact,
    mitigation: risk.mitigation,
    status: risk.status,
  };
  const merged: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) merged[key] = value;
  const parsed = RiskFields.safeParse(merged);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const after = auditable(parsed.data);
  const diff = changedFields(before, after);
  if (Object.keys(diff.after).length === 0)
    return success(risk, [`Nothing to change: ${risk.ref} already has these values.`]);

  let link: Link | undefined;
  if ('on' in diff.after) {
    const resolved = await resolveLink(db, actor.workspaceId, after.on);
    if (typeof resolved === 'string') return failure({ on: resolved });
    if (!isAdmin(actor) && resolved !== UNLINKED && !canChangeOwnedItem(actor, resolved.ownerId)) {
      return failure({
        on: `You can link risks only to items you own; ${after.on} is not yours. Nothing was saved.`,
      });
    }
    link = resolved;
  }
  const ownerId =
    'owner' in diff.after ? (await memberBySlackId(db, actor.workspaceId, after.owner)).id : undefined;
  const closing = after.status === 'closed' && risk.status !== 'closed';
  const reopening = after.status !== 'closed' && risk.status === 'closed';
  await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'Risk', risk.id, risk, async () => view((await loadRisk(tx, risk.id))!));
    const columns = ['title', 'description', 'likelihood', 'impact', 'mitigation', 'status'] as const;
    await tx.risk.update({
      where: { id: risk.id },
      data: {
        // Only the columns this edit changes, so that nothing else is written back.
        ...Object.fromEntries(
          columns.filter((column) => column in diff.after).map((column) => [column, after[column]]),
        ),
        ...(closing ? { closedAt: now } : reopening ? { closedAt: null } : {}),
        ...(ownerId !== undefined ? { ownerId } : {}),
        ...(link ? { objectiveId: link.objectiveId, keyResultId: link.keyResultId, kpiId: link.kpiId } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: closing ? 'close' : 'update',
      entityType: 'risk',
      entityId: risk.id,
      entityRef: risk.ref,
      ...diff,
    });
  });
  return success(view((await loadRisk(db, risk.id))!));
}

async function mayChange(db: Db, actor: Actor, risk: RiskView): Promise<boolean> {
  if (isAdmin(actor)) return true;
  if (!risk.ownerSlackId) return false;
  const owner = await memberBySlackId(db, actor.workspaceId, risk.ownerSlackId);
  return canChangeOwnedItem(actor, owner.id);
}

async function refusal(db: Db, actor: Actor, risk: RiskView, verb: string): Promise<string> {
  const owner = await ownerName(db, { workspaceId: actor.workspaceId, slackUserId: risk.ownerSlackId });
  return `Only ${whoMayChange(owner)} can ${verb} ${risk.ref}. Nothing was changed.`;
}

/** Closes a risk (admin or owner), keeping an optional note in the audit trail. */
export async function closeRisk(
  db: Db,
  actor: Actor,
  ref: string,
  note: string | undefined,
  now: Date,
): Promise<Outcome<RiskView>> {
  const current = await findRisk(db, actor.workspaceId, ref);
  if (!current.ok) return current;
  const risk = current.value;
  if (!(await mayChange(db, actor, risk))) {
    return failure({ risk: await refusal(db, actor, risk, 'close') });
  }
  if (risk.status === 'closed') {
    return failure({
      risk: `${risk.ref} is already closed. Reopen it with \`/okr risk edit ${risk.ref} --status open\`.`,
    });
  }
  const trimmed = note?.trim() ?? '';
  if (trimmed.length > 3000) return failure({ note: 'Keep the note under 3000 characters.' });
  const closedAt = now;
  await db.$transaction(async (tx) => {
    await tx.risk.update({ where: { id: risk.id }, data: { status: 'closed', closedAt } });
    await recordAudit(tx, actor, {
      action: 'close',
      entityType: 'risk',
      entityId: risk.id,
      entityRef: risk.ref,
      before: { status: risk.status },
      after: { status: 'closed', closedAt: closedAt.toISOString(), ...(trimmed ? { note: trimmed } : {}) },
    });
  });
  return success({ ...risk, status: 'closed', closedAt: isoFromDate(closedAt) });
}

/** Which open risks to show: those of one team (through the item they threaten or their owner), or one person's. */
export interface RiskFilter {
  teamId?: number;
  ownerMemberId?: number;
}

/**
 * Risks not yet closed (open or being mitigated), highest score first; ties go to the higher impact
 * (an unlikely disaster outranks a likely nuisance), then the older risk. Shared by lists, digests and
 * escalation.
 */
export async function openRisksByScore(
  db: Db,
  workspaceId: number,
  filter: RiskFilter = {},
): Promise<RiskView[]> {
  const { teamId, ownerMemberId } = filter;
  const rows = await db.risk.findMany({
    where: {
      workspaceId,
      status: { not: 'closed' },
      ...(ownerMemberId !== undefined ? { ownerId: ownerMemberId } : {}),
      ...(teamId !== undefined
        ? {
            OR: [
              { objective: { teamId } },
              { keyResult: { objective: { teamId } } },
              { kpi: { teamId } },
              { owner: { teams: { some: { teamId } } } },
            ],
          }
        : {}),
    },
    include,
  });
  return rows.map(view).sort((a, b) => b.score - a.score || b.impact - a.impact || a.id - b.id);
}
