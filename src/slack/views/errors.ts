import { md } from '../mrkdwn.ts';
import { type SlackMessage, textMessage } from './message.ts';

/** Explains a refused action: what was refused and who may do it. Nothing was changed. */
export function refusalMessage(action: string, whoMay: string): SlackMessage {
  return {
    text: `Only ${whoMay} can use ${action}. Nothing was changed. Ask a PMO admin if you need this done.`,
  };
}

/** A member asked to change an item someone else owns: name the owner, so they know whom to ask. */
export function ownedRefusalMessage(ref: string, ownerSlackId: string | null | undefined): SlackMessage {
  const who = ownerSlackId
    ? md`${md.user(ownerSlackId)} (its owner) and PMO admins`
    : md`PMO admins (it has no owner)`;
  return textMessage(md`Only ${who} can change ${ref}. Nothing was changed.`);
}
