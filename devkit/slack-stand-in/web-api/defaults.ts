/**
 * The workspace a fresh double starts with. People span awkward time zones (a half-hour offset,
 * both sides of UTC) and the directory holds the same non-humans Slack returns (the app's bot,
 * Slackbot, a deactivated account), so fan-out code has to filter like it must in production.
 */
import type { ChannelSpec } from './channels.ts';
import type { UserSpec } from './users.ts';

export const DEFAULT_IDENTITY = {
  botToken: 'xoxb-test',
  /** The app-level token Socket Mode connects with. */
  appToken: 'xapp-test',
  teamId: 'T0OKRATEST',
  teamName: 'Okra Test Workspace',
  teamDomain: 'okra-test',
  botUserId: 'U0OKRABOT',
  botId: 'B0OKRABOT',
  appId: 'A0OKRAAPP',
} as const;

export const DEFAULT_USERS = {
  alice: { id: 'U0ALICE', name: 'alice', realName: 'Alice Adams', displayName: 'alice', tz: 'Europe/Berlin' },
  bob: { id: 'U0BOB', name: 'bob', realName: 'Bob Baker', displayName: 'bobby', tz: 'America/New_York' },
  priya: { id: 'U0PRIYA', name: 'priya', realName: 'Priya Patel', displayName: 'priya', tz: 'Asia/Kolkata' },
  kenji: { id: 'U0KENJI', name: 'kenji', realName: 'Kenji Sato', displayName: '', tz: 'Asia/Tokyo' },
  dave: {
    id: 'U0DAVE',
    name: 'dave',
    realName: 'Dave Former',
    displayName: 'dave',
    tz: 'UTC',
    deleted: true,
  },
  slackbot: {
    id: 'USLACKBOT',
    name: 'slackbot',
    realName: 'Slackbot',
    displayName: 'Slackbot',
    tz: 'America/Los_Angeles',
  },
} as const satisfies Record<string, UserSpec>;

export const DEFAULT_CHANNELS = {
  general: { id: 'C0GENERAL', name: 'general' },
  okrs: { id: 'C0OKRS', name: 'okrs' },
  notJoined: { id: 'C0RANDOM', name: 'random', isMember: false },
  archived: { id: 'C0ARCHIVED', name: 'old-okrs', isArchived: true },
  hiddenPrivate: { id: 'C0LEADERS', name: 'leadership', isPrivate: true, isMember: false },
} as const satisfies Record<string, ChannelSpec>;

export function botUserSpec(botUserId: string): UserSpec {
  return {
    id: botUserId,
    name: 'okra',
    realName: 'Okra',
    displayName: 'Okra',
    isBot: true,
    tz: 'America/Los_Angeles',
  };
}
