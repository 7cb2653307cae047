// A person's name and time zone come from Slack: the first time Okra meets them, whenever Slack says they
// changed (user_change), and from a regular refresh for people who own something. Check-in periods and
// prompts depend on the time zone; a person Slack gives no zone keeps it unknown (null), so the workspace's
// zone and then OKRA_DEFAULT_TZ apply.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.ts';
import { type MemberRow, memberRow } from '../db/queries/workspaces.ts';
import { zoneFromSlack } from '../domain/time-zones.ts';

/** Slack is asked at most this long; a slow answer must not hold up the request that needs the member. */
const PROFILE_WAIT_MS = 1500;

/** What Okra keeps of a Slack user object (users.info, users.list, the user_change event). */
export interface SlackProfile {
  id: string;
  name?: string | undefined;
  real_name?: string | undefined;
  tz?: string | null | undefined;
  profile?: { display_name?: string | undefined } | undefined;
}

export function profileFields(user: SlackProfile, fallbackName: string, at: Date) {
  const name = user.profile?.display_name || user.real_name || user.name || fallbackName;
  return { name, tz: zoneFromSlack(user.tz), profileReadAt: at };
}

/** Records what Slack says about a person in every workspace where Okra knows them; returns how many. */
export async function applyProfile(db: Db, user: SlackProfile, at: Date): Promise<number> {
  const members = await db.member.findMany({
    where: { slackUserId: user.id },
    select: { id: true, name: true },
  });
  for (const member of members)
    await db.member.update({
      where: { id: member.id },
      data: profileFields(user, member.name || user.id, at),
    });
  return members.length;
}

export async function fillProfile(
  db: Db,
  client: WebClient,
  member: MemberRow,
  onError: (error: unknown) => void,
  at: Date,
): Promise<MemberRow> {
  if (member.name !== '') return member;
  const lookup = client.users.info({ user: member.slackUserId });
  lookup.catch(onError);
  const answer = await Promise.race([
    lookup.catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PROFILE_WAIT_MS).unref()),
  ]);
  const user = answer?.user;
  if (!user?.id) return member;
  return memberRow(
    await db.member.update({
      where: { id: member.id },
      data: profileFields(user as SlackProfile, member.slackUserId, at),
    }),
  );
}
