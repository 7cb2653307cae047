import type { ApiReply, DoubleContext } from '../context.ts';

/** auth.test with a bot token: Bolt calls this once to learn its bot user and bot id. */
export function authTest(_args: unknown, ctx: DoubleContext): ApiReply {
  const { identity } = ctx;
  return {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamName,
    user: 'okra',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
}
