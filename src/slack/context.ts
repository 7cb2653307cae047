// Every listener runs with the workspace and the person behind the request already loaded.
import type { AllMiddlewareArgs, App } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { unavailableDatabase } from '../db/errors.ts';
import {
  ensureMember,
  ensureWorkspace,
  type MemberRow,
  type WorkspaceRow,
} from '../db/queries/workspaces.ts';
import { withDeadline } from '../deadline.ts';
import { fillProfile } from '../services/profiles.ts';
import { md } from './mrkdwn.ts';
import { fitMessage } from './views/fit.ts';
import { textMessage } from './views/message.ts';

export interface OkraContext {
  workspace: WorkspaceRow;
  member: MemberRow;
}

export function okraContext(context: AllMiddlewareArgs['context']): OkraContext {
  const { workspace, member } = context as Partial<OkraContext>;
  if (!workspace || !member) throw new Error('The Okra context middleware did not run for this request.');
  return { workspace, member };
}

/**
 * How long the workspace and person may take to load. Slack wants its acknowledgement within 3 s; the
 * replay check may already have used half a second, and the answer needs time to travel.
 */
const LOOKUP_DEADLINE_MS = 1_000;
/** A lookup that missed the deadline goes on after the answer; the request's work ends when it settles. */
const LOOKUP_SETTLE_MS = 5_000;

export function registerContext(app: App, deps: { db: Db; admins: readonly string[]; clock: Clock }): void {
  app.use(async (args) => {
    const { context, body, next, client, logger } = args;
    const teamId = context.teamId ?? readTeamId(body);
    const userId = context.userId ?? readUserId(body);
    if (teamId) {
      let found: { workspace: WorkspaceRow; member?: MemberRow };
      const lookup = lookUp(deps, teamId, userId);
      try {
        found = await withDeadline(lookup, LOOKUP_DEADLINE_MS);
      } catch (error) {
        const sentence = unavailableDatabase(error);
        if (!sentence) throw error;
        logger.error('the database is unavailable: answering without it', error);
        await answerWithoutDatabase(args as unknown as Unanswered, sentence);
        // A slow (not dead) database still finishes the lookup, creating the workspace or person; until it
        // has, this request's work is not over (idle() and shutdown wait for it, within a bound).
        await withDeadline(lookup, LOOKUP_SETTLE_MS).catch(() => undefined);
        return;
      }
      context.workspace = found.workspace;
      if (found.member) {
        const member = found.member;
        context.member = await fillProfile(
          deps.db,
          client,
          member,
          (error) => logger.warn(`could not read the Slack profile of ${userId}`, error),
          deps.clock.now(),
        ).catch((error: unknown) => {
          // The profile is a nicety: a busy or unreachable database must not cost the person their answer.
          if (!unavailableDatabase(error)) throw error;
          logger.warn(`could not store the Slack profile of ${userId}`, error);
          return member;
        });
      }
    }
    await next();
  });
}

async function lookUp(
  deps: { db: Db; admins: readonly string[] },
  teamId: string,
  userId: string | undefined,
): Promise<{ workspace: WorkspaceRow; member?: MemberRow }> {
  const workspace = await ensureWorkspace(deps.db, teamId);
  if (!userId) return { workspace };
  return { workspace, member: await ensureMember(deps.db, workspace.id, userId, deps.admins) };
}

interface Unanswered {
  body: { type?: string; command?: string; view?: { blocks?: Array<{ type: string; block_id?: string }> } };
  ack?: (answer?: unknown) => Promise<void>;
  respond?: (message: unknown) => Promise<unknown>;
}

/**
 * Acknowledges within Slack's deadline and tells the person plainly, where Slack lets us: the command's
 * reply, the modal's first field, or the message a button was pressed in. Events have been acknowledged.
 */
async function answerWithoutDatabase({ body, ack, respond }: Unanswered, sentence: string): Promise<void> {
  if (body.type === 'view_submission') {
    const field = body.view?.blocks?.find((block) => block.type === 'input')?.block_id;
    await ack?.(field ? { response_action: 'errors', errors: { [field]: sentence } } : undefined);
    return;
  }
  await ack?.();
  if (respond && (body.command !== undefined || body.type === 'block_actions'))
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...fitMessage(textMessage(md`${sentence}`)),
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
