// Every listener runs with the workspace and the person behind the request already loaded.
import type { AllMiddlewareArgs, App } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import {
  ensureMember,
  ensureWorkspace,
  type MemberRow,
  type WorkspaceRow,
} from '../db/queries/workspaces.ts';
import { fillProfile } from '../services/profiles.ts';

export interface OkraContext {
  workspace: WorkspaceRow;
  member: MemberRow;
}

export function okraContext(context: AllMiddlewareArgs['context']): OkraContext {
  const { workspace, member } = context as Partial<OkraContext>;
  if (!workspace || !member) throw new Error('The Okra context middleware did not run for this request.');
  return { workspace, member };
}

export function registerContext(app: App, deps: { db: Db; admins: readonly string[]; clock: Clock }): void {
  app.use(async ({ context, body, next, client, logger }) => {
    const teamId = context.teamId ?? readTeamId(body);
    const userId = context.userId ?? readUserId(body);
    if (teamId) {
      const workspace = await ensureWorkspace(deps.db, teamId);
      context.workspace = workspace;
      if (userId) {
        const member = await ensureMember(deps.db, workspace.id, userId, deps.admins);
        context.member = await fillProfile(
          deps.db,
          client,
          member,
          (error) => logger.warn(`could not read the Slack profile of ${userId}`, error),
          deps.clock.now(),
        );
      }
    }
    await next();
  });
}

function readTeamId(body: unknown): string | undefined {
  const b = body as { team_id?: string; team?: { id?: string }; user?: { team_id?: string } };
  return b.team_id ?? b.team?.id ?? b.user?.team_id;
}

function readUserId(body: unknown): string | undefined {
  const b = body as { user_id?: string; user?: { id?: string } | string; event?: { user?: string } };
  if (typeof b.user === 'string') return b.user;
  return b.user_id ?? b.user?.id ?? b.event?.user;
}
