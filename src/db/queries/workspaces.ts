// Workspaces and members: created the first time Slack mentions them.
import { parseRole, type Role } from '../../domain/permissions.ts';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';

export type { Role };

export interface WorkspaceRow {
  id: number;
  slackTeamId: string;
  pmoChannelId: string | null;
  /** For people whose Slack profile has no zone; null means OKRA_DEFAULT_TZ. */
  timeZone: string | null;
  settings: string;
}

export interface MemberRow {
  id: number;
  workspaceId: number;
  slackUserId: string;
  name: string;
  /** null while unknown: the workspace's zone, then OKRA_DEFAULT_TZ, apply. */
  tz: string | null;
  /** Parsed when the row is read (memberRow), never cast. */
  role: Role;
  active: boolean;
}

/** A member row as read from the database, its role parsed into the domain type. */
export function memberRow<T extends { role: string }>(row: T): T & { role: Role } {
  return { ...row, role: parseRole(row.role) };
}

/** The PMO channel is not copied here: until /okr settings sets one, OKRA_PMO_CHANNEL applies. */
export async function ensureWorkspace(db: Db, slackTeamId: string): Promise<WorkspaceRow> {
  // Read first: this runs on every request, and the row exists on all but the first.
  const existing = await db.workspace.findUnique({ where: { slackTeamId } });
  if (existing) return existing;
  try {
    // Every workspace checks in out of the box: weekly, Monday 09:00 in each person's local time.
    return await db.workspace.create({
      data: {
        slackTeamId,
        schedules: {
          create: { kind: 'checkin_prompt', cadence: 'weekly', dayOfWeek: 1, localTime: '09:00' },
        },
      },
    });
  } catch (error) {
    // Two first requests raced; the other one created the row. Anything else (a busy database) is no race.
    if (!isUniqueViolation(error)) throw error;
    return db.workspace.findUniqueOrThrow({ where: { slackTeamId } });
  }
}

/**
 * The member behind a Slack user id. People listed in OKRA_ADMINS become PMO admins when Okra first meets
 * them, and whenever the workspace has no admin left; after that roles are managed in Slack.
 */
export async function ensureMember(
  db: Db,
  workspaceId: number,
  slackUserId: string,
  bootstrapAdmins: readonly string[],
  defaults: { name?: string; tz?: string } = {},
): Promise<MemberRow> {
  const bootstrap = bootstrapAdmins.includes(slackUserId);
  const existing = await db.member.findUnique({
    where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
  });
  if (existing) {
    if (bootstrap && existing.role !== 'admin') {
      const admins = await db.member.count({ where: { workspaceId, role: 'admin', active: true } });
      if (admins === 0)
        return memberRow(await db.member.update({ where: { id: existing.id }, data: { role: 'admin' } }));
    }
    return memberRow(existing);
  }
  try {
    const created = await db.member.create({
      data: {
        workspaceId,
        slackUserId,
        role: bootstrap ? 'admin' : 'member',
        name: defaults.name ?? '',
        tz: defaults.tz ?? null,
      },
    });
    return memberRow(created);
  } catch (error) {
    // Two requests for the same new person raced; the other one created the row.
    if (!isUniqueViolation(error)) throw error;
    return memberRow(
      await db.member.findUniqueOrThrow({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } }),
    );
  }
}
