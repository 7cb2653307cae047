// Workspace roles: PMO admins manage Okra, leaders read everything and get digests, members own their items.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/queries/audit.ts';
import { canChangeStructure, WHO_MAY } from '../domain/permissions.ts';
import type { Actor } from './actor.ts';
import { memberBySlackId } from './members.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';

export const ROLES = ['admin', 'leader', 'member'] as const;
export type WorkspaceRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  admin: 'PMO admin',
  leader: 'leader',
  member: 'team member',
};

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/**
 * What Slack says about a person, as a problem to show or undefined when they can hold a role or join a team.
 * Injected so services stay testable without Slack; the Slack layer builds it from users.info.
 */
export type PersonCheck = (slackUserId: string) => Promise<string | undefined>;

export const anyoneGoes: PersonCheck = async () => undefined;

export const RoleInput = z.object({
  user: z
    .string({ error: 'Pick the person whose role changes.' })
    .regex(SLACK_USER, 'Pick the person whose role changes.'),
  role: z.enum(ROLES, { error: 'Choose a role: admin, leader or member.' }),
});

export type RoleInput = Loose<z.input<typeof RoleInput>>;

export interface RoleChange {
  slackUserId: string;
  before: string;
  after: WorkspaceRole;
  changed: boolean;
}

/** Thrown inside the transaction to undo a demotion that would leave nobody able to manage Okra. */
class LastAdmin extends Error {}

const LAST_ADMIN =
  'This is the last PMO admin: someone has to be able to manage Okra. Make someone else an admin first.';

export async function setRole(
  db: Db,
  actor: Actor,
  input: RoleInput,
  checkPerson: PersonCheck = anyoneGoes,
): Promise<Outcome<RoleChange>> {
  const parsed = RoleInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor))
    return failure({ user: `Only ${WHO_MAY.structure} can change roles. Nothing was changed.` });
  const { user, role } = parsed.data;
  const problem = await checkPerson(user);
  if (problem) return failure({ user: problem });
  const member = await memberBySlackId(db, actor.workspaceId, user);
  if (member.role === role)
    return success({ slackUserId: user, before: member.role, after: role, changed: false });
  try {
    // Serializable, and the admin count is taken after the update: two admins demoting each other at the same
    // moment cannot both succeed and leave the workspace without an admin.
    await db.$transaction(
      async (tx) => {
        await tx.member.update({ where: { id: member.id }, data: { role } });
        const admins = await tx.member.count({
          where: { workspaceId: actor.workspaceId, role: 'admin', active: true },
        });
        if (admins === 0) throw new LastAdmin();
        await recordAudit(tx, actor, {
          action: 'role',
          entityType: 'member',
          entityId: member.id,
          entityRef: user,
          before: { role: member.role },
          after: { role },
        });
      },
      { isolationLevel: 'Serializable' },
    );
  } catch (error) {
    if (error instanceof LastAdmin) return failure({ role: LAST_ADMIN });
    if (isWriteConflict(error))
      return failure({
        role: 'Someone changed roles at the same moment, so nothing was changed. Please try again.',
      });
    throw error;
  }
  return success({ slackUserId: user, before: member.role, after: role, changed: true });
}

/** PostgreSQL refuses one of two conflicting serializable transactions; Prisma reports it as P2034. */
function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'P2034' ||
    (error instanceof Error && /could not serialize|write conflict|deadlock/i.test(error.message))
  );
}

export interface RoleHolders {
  admins: string[];
  leaders: string[];
}

/** Slack user ids of active admins and leaders, oldest first. */
export async function listRoles(db: Db, workspaceId: number): Promise<RoleHolders> {
  const rows = await db.member.findMany({
    where: { workspaceId, active: true, role: { in: ['admin', 'leader'] } },
    orderBy: { id: 'asc' },
    select: { slackUserId: true, role: true },
  });
  return {
    admins: rows.filter((row) => row.role === 'admin').map((row) => row.slackUserId),
    leaders: rows.filter((row) => row.role === 'leader').map((row) => row.slackUserId),
  };
}

/** The users.info facts Okra needs to tell a person from a bot or a deactivated account. */
export interface SlackPerson {
  id: string;
  /** The handle, for messages: they are escaped for mrkdwn, so a `<@U…>` mention would not render. */
  name: string;
  isBot: boolean;
  deleted: boolean;
}

/** Turns a users.info lookup into a PersonCheck; an unknown id is a problem, a lookup that fails is not. */
export function personCheckFrom(
  lookup: (slackUserId: string) => Promise<SlackPerson | 'not_found' | undefined>,
): PersonCheck {
  return async (slackUserId) => {
    const person = await lookup(slackUserId);
    if (person === 'not_found') return `Slack does not know the user ${slackUserId} in this workspace.`;
    // Slack could not be asked (a network blip): refusing a real person would be worse than letting it through.
    if (!person) return undefined;
    if (person.isBot || person.id === 'USLACKBOT') return `@${person.name} is a bot, not a person.`;
    if (person.deleted) return `@${person.name}'s account is deactivated.`;
    return undefined;
  };
}

/** A PersonCheck that asks Slack's users.info (Tier 4, so one call per named person is fine). */
export function personCheckVia(client: Pick<WebClient, 'users'>): PersonCheck {
  return personCheckFrom(async (slackUserId) => {
    try {
      const { user } = await client.users.info({ user: slackUserId });
      if (!user) return undefined;
      return {
        id: slackUserId,
        name: user.name ?? slackUserId,
        isBot: user.is_bot === true,
        deleted: user.deleted === true,
      };
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      return code === 'user_not_found' ? 'not_found' : undefined;
    }
  });
}
