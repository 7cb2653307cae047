// A person's name and time zone come from Slack the first time Okra meets them. Check-in periods and
// prompts depend on the time zone, so it matters; the name makes `@dana` resolvable without Slack.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.ts';
import { type MemberRow, memberRow } from '../db/queries/workspaces.ts';
import { isValidTimeZone } from '../domain/periods.ts';

/** Slack is asked at most this long; a slow answer must not hold up the request that needs the member. */
const PROFILE_WAIT_MS = 1500;

export async function fillProfile(
  db: Db,
  client: WebClient,
  member: MemberRow,
  onError: (error: unknown) => void,
): Promise<MemberRow> {
  if (member.name !== '') return member;
  const lookup = client.users.info({ user: member.slackUserId });
  lookup.catch(onError);
  const answer = await Promise.race([
    lookup.catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PROFILE_WAIT_MS).unref()),
  ]);
  const user = answer?.user;
  if (!user) return member;
  const name = user.profile?.display_name || user.real_name || user.name || member.slackUserId;
  const tz = user.tz && isValidTimeZone(user.tz) ? user.tz : member.tz;
  return memberRow(await db.member.update({ where: { id: member.id }, data: { name, tz } }));
}
