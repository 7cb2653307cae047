// Who gets which digest. Every team with a channel gets its team's digest there on the defaults (no row
// needed: `/okr team channel` is the whole set-up); PMO admins add portfolio digests for other channels,
// with a scope, a cadence, a day, a time and a time zone. The channel is checked by the caller (Slack side).
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/queries/audit.ts';
import {
  DEFAULT_DIGEST_DAY,
  DEFAULT_DIGEST_TIME,
  type DigestCadence,
  type DigestSchedule,
  describeSchedule,
  parseDay,
  parseTime,
} from '../domain/digest/index.ts';
import { isValidTimeZone } from '../domain/periods.ts';
import { parseShortId } from '../domain/short-ids.ts';
import { type Actor, isAdmin } from './actor.ts';
import type { StoredScope } from './digest-data.ts';
import { type FieldErrors, failure, type Outcome, success } from './outcome.ts';

export interface DigestTarget {
  /** sub:<id> for an added digest, team:<id> for a team's own. */
  key: string;
  /** D-<id> for added digests (what edit and remove take); null for team digests. */
  ref: string | null;
  channelId: string;
  scope: StoredScope;
  scopeLabel: string;
  schedule: DigestSchedule;
  /** The schedule's time zone is the workspace's (it follows when that changes). */
  followsWorkspaceZone: boolean;
}

/** The workspace's time zone: its own setting when it has one, else the deployment's default. */
export function workspaceTimeZone(workspace: { timeZone: string | null }, fallback: string): string {
  const zone = workspace.timeZone;
  return zone && isValidTimeZone(zone) ? zone : fallback;
}

const ScopeJson = z.union([
  z.object({ kind: z.literal('everything') }),
  z.object({ kind: z.literal('team'), teamId: z.number().int() }),
  z.object({ kind: z.literal('objective'), objectiveId: z.number().int() }),
]);

function storedScope(json: string): StoredScope {
  try {
    const parsed = ScopeJson.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { kind: 'everything' };
  } catch {
    return { kind: 'everything' };
  }
}

/** Every digest of the workspace: added ones first (by id), then each team with a channel. */
export async function listDigestTargets(
  db: Db,
  workspaceId: number,
  defaultTimeZone: string,
): Promise<DigestTarget[]> {
  const [workspace, subscriptions, teams, objectives] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true } }),
    db.digestSubscription.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } }),
    db.team.findMany({ where: { workspaceId, archivedAt: null }, orderBy: { name: 'asc' } }),
    db.objective.findMany({ where: { workspaceId }, select: { id: true, number: true } }),
  ]);
  const zone = workspaceTimeZone(workspace, defaultTimeZone);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const objectiveNumber = new Map(objectives.map((o) => [o.id, o.number]));
  const label = (scope: StoredScope) =>
    scope.kind === 'everything'
      ? 'everything'
      : scope.kind === 'team'
        ? `team ${teamName.get(scope.teamId) ?? '(archived team)'}`
        : `objective O-${objectiveNumber.get(scope.objectiveId) ?? '?'}`;
  const added: DigestTarget[] = subscriptions.map((row) => {
    const scope = storedScope(row.scope);
    return {
      key: `sub:${row.id}`,
      ref: `D-${row.id}`,
      channelId: row.channelId,
      scope,
      scopeLabel: label(scope),
      schedule: {
        cadence: row.cadence === 'biweekly' ? 'biweekly' : 'weekly',
        dayOfWeek: row.dayOfWeek,
        localTime: row.localTime,
        timeZone: row.timeZone ?? zone,
      },
      followsWorkspaceZone: row.timeZone === null,
    };
  });
  const teamDigests: DigestTarget[] = teams
    .filter((team) => team.channelId)
    .map((team) => ({
      key: `team:${team.id}`,
      ref: null,
      channelId: team.channelId!,
      scope: { kind: 'team', teamId: team.id },
      scopeLabel: `team ${team.name}`,
      schedule: {
        cadence: 'weekly',
        dayOfWeek: DEFAULT_DIGEST_DAY,
        localTime: DEFAULT_DIGEST_TIME,
        timeZone: zone,
      },
      followsWorkspaceZone: true,
    }));
  return [...added, ...teamDigests];
}

export function describeTarget(target: DigestTarget): string {
  return `${target.scopeLabel}, ${describeSchedule(target.schedule)}`;
}

/** What `/okr digest add` or its form may send; everything is text as typed. */
export interface SubscriptionInput {
  channelId?: string | undefined;
  /** everything | team | objective */
  scope?: string | undefined;
  team?: string | undefined;
  objective?: string | undefined;
  cadence?: string | undefined;
  day?: string | undefined;
  time?: string | undefined;
  tz?: string | undefined;
}

interface Resolved {
  channelId?: string;
  scope?: StoredScope;
  cadence?: DigestCadence;
  dayOfWeek?: number;
  localTime?: string;
  timeZone?: string | null;
}

async function resolveInput(
  db: Db,
  workspaceId: number,
  input: SubscriptionInput,
): Promise<Outcome<Resolved>> {
  const errors: FieldErrors = {};
  const resolved: Resolved = {};
  if (input.channelId !== undefined) resolved.channelId = input.channelId;
  const scopeWord =
    input.scope?.trim().toLowerCase() || (input.team ? 'team' : input.objective ? 'objective' : undefined);
  if (scopeWord === 'everything' || scopeWord === 'all') resolved.scope = { kind: 'everything' };
  else if (scopeWord === 'team') {
    const name = input.team?.trim();
    const team = name
      ? await db.team.findFirst({ where: { workspaceId, archivedAt: null, name: { equals: name } } })
      : null;
    if (!name) errors.scope = 'Name the team: --scope team Growth.';
    else if (!team) errors.scope = `There is no team called "${name}". /okr team list shows them.`;
    else resolved.scope = { kind: 'team', teamId: team.id };
  } else if (scopeWord === 'objective') {
    const ref = input.objective ? parseShortId(input.objective) : undefined;
    const objective =
      ref?.entity === 'objective'
        ? await db.objective.findFirst({ where: { workspaceId, number: ref.number, archivedAt: null } })
        : null;
    if (!objective) errors.scope = `Name an objective by its id: --scope objective O-3.`;
    else resolved.scope = { kind: 'objective', objectiveId: objective.id };
  } else if (scopeWord !== undefined) errors.scope = 'The scope is everything, team NAME or objective O-n.';

  if (input.cadence !== undefined) {
    const cadence = input.cadence.trim().toLowerCase();
    if (cadence === 'weekly' || cadence === 'biweekly') resolved.cadence = cadence;
    else errors.cadence = 'The cadence is weekly or biweekly.';
  }
  if (input.day !== undefined) {
    const day = parseDay(input.day);
    if (day === undefined) errors.day = 'The day is a weekday such as fri or monday.';
    else resolved.dayOfWeek = day;
  }
  if (input.time !== undefined) {
    const time = parseTime(input.time);
    if (time === undefined) errors.time = 'The time is HH:MM on a 24-hour clock, e.g. 16:00.';
    else resolved.localTime = time;
  }
  if (input.tz !== undefined) {
    const tz = input.tz.trim();
    if (tz.toLowerCase() === 'workspace') resolved.timeZone = null;
    else if (!isValidTimeZone(tz) || !tz.includes('/'))
      errors.tz = `"${tz}" is not a time zone; use a name such as Europe/Paris.`;
    else resolved.timeZone = tz;
  }
  return Object.keys(errors).length > 0 ? failure(errors) : success(resolved);
}

const ADMINS_ONLY = { form: 'Only PMO admins can change digests. Nothing was changed.' };

export async function addSubscription(
  db: Db,
  actor: Actor,
  input: SubscriptionInput,
): Promise<Outcome<{ ref: string; key: string }>> {
  if (!isAdmin(actor)) return failure(ADMINS_ONLY);
  if (!input.channelId) return failure({ channel: 'Name the channel: /okr digest add #leadership.' });
  const resolved = await resolveInput(db, actor.workspaceId, input);
  if (!resolved.ok) return resolved;
  const v = resolved.value;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.digestSubscription.create({
      data: {
        workspaceId: actor.workspaceId,
        channelId: input.channelId!,
        scope: JSON.stringify(v.scope ?? { kind: 'everything' }),
        cadence: v.cadence ?? 'weekly',
        dayOfWeek: v.dayOfWeek ?? DEFAULT_DIGEST_DAY,
        localTime: v.localTime ?? DEFAULT_DIGEST_TIME,
        timeZone: v.timeZone ?? null,
        createdBy: actor.slackUserId,
      },
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'digest_subscription',
      entityId: created.id,
      entityRef: `D-${created.id}`,
      after: {
        channelId: created.channelId,
        scope: created.scope,
        cadence: created.cadence,
        dayOfWeek: created.dayOfWeek,
        localTime: created.localTime,
        timeZone: created.timeZone,
      },
    });
    return created;
  });
  return success({ ref: `D-${row.id}`, key: `sub:${row.id}` });
}

function parseDigestRef(text: string): number | undefined {
  const match = /^\s*D-?(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

async function findOwn(db: Db, workspaceId: number, ref: string) {
  const id = parseDigestRef(ref);
  return id === undefined ? null : db.digestSubscription.findFirst({ where: { id, workspaceId } });
}

export async function editSubscription(
  db: Db,
  actor: Actor,
  ref: string,
  input: SubscriptionInput,
): Promise<Outcome<{ ref: string; key: string }>> {
  if (!isAdmin(actor)) return failure(ADMINS_ONLY);
  const existing = await findOwn(db, actor.workspaceId, ref);
  if (!existing)
    return failure({ digest: `There is no digest "${ref}". /okr digest list shows them (D-1, D-2…).` });
  const resolved = await resolveInput(db, actor.workspaceId, input);
  if (!resolved.ok) return resolved;
  const v = resolved.value;
  const data = {
    ...(v.channelId !== undefined ? { channelId: v.channelId } : {}),
    ...(v.scope !== undefined ? { scope: JSON.stringify(v.scope) } : {}),
    ...(v.cadence !== undefined ? { cadence: v.cadence } : {}),
    ...(v.dayOfWeek !== undefined ? { dayOfWeek: v.dayOfWeek } : {}),
    ...(v.localTime !== undefined ? { localTime: v.localTime } : {}),
    ...(v.timeZone !== undefined ? { timeZone: v.timeZone } : {}),
  };
  if (Object.keys(data).length === 0)
    return failure({ digest: 'Say what to change: --scope, --cadence, --day, --time, --tz or a #channel.' });
  await db.$transaction(async (tx) => {
    await tx.digestSubscription.update({ where: { id: existing.id }, data });
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'digest_subscription',
      entityId: existing.id,
      entityRef: `D-${existing.id}`,
      after: data,
    });
  });
  return success({ ref: `D-${existing.id}`, key: `sub:${existing.id}` });
}

export async function removeSubscription(
  db: Db,
  actor: Actor,
  ref: string,
): Promise<Outcome<{ ref: string }>> {
  if (!isAdmin(actor)) return failure(ADMINS_ONLY);
  const existing = await findOwn(db, actor.workspaceId, ref);
  if (!existing)
    return failure({ digest: `There is no digest "${ref}". /okr digest list shows them (D-1, D-2…).` });
  await db.$transaction(async (tx) => {
    await tx.digestSubscription.delete({ where: { id: existing.id } });
    await recordAudit(tx, actor, {
      action: 'archive',
      entityType: 'digest_subscription',
      entityId: existing.id,
      entityRef: `D-${existing.id}`,
      before: { channelId: existing.channelId, scope: existing.scope },
    });
  });
  return success({ ref: `D-${existing.id}` });
}
