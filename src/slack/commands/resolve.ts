// Resolves the person or channel a command names to a Slack id.

import { memberByName } from '../../services/members.ts';
import { channelIdOf, plainHandle, userIdOf } from './mentions.ts';
import type { WordRefs } from './tokenize.ts';
import type { CommandContext } from './types.ts';

export type Resolved = { ok: true; id: string } | { ok: false; error: string };

/** `<@U123|dana>`, `U123`, or a typed `@dana` looked up among known members, then Slack's directory. */
export async function resolveUser(
  ctx: Pick<CommandContext, 'db' | 'client' | 'workspace'> & { args?: { refs: WordRefs } },
  token: string,
): Promise<Resolved> {
  const id = userIdOf(token, ctx.args?.refs);
  if (id) return { ok: true, id };
  const handle = plainHandle(token);
  if (!handle) return { ok: false, error: `"${token}" is not a person: mention them, e.g. @dana.` };
  const known = await memberByName(ctx.db, ctx.workspace.id, handle);
  if (known) return { ok: true, id: known.slackUserId };
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await ctx.client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    const match = (result.members ?? []).find(
      (user) =>
        !user.deleted &&
        [user.name, user.profile?.display_name, user.real_name].some(
          (name) => name?.toLowerCase() === handle.toLowerCase(),
        ),
    );
    if (match?.id) return { ok: true, id: match.id };
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return { ok: false, error: `Nobody called @${handle} was found in this workspace.` };
}

export function resolveChannel(token: string, refs?: WordRefs): Resolved {
  const id = channelIdOf(token, refs);
  return id
    ? { ok: true, id }
    : { ok: false, error: `"${token}" is not a channel: mention it, e.g. #growth.` };
}
