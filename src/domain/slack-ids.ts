// The shapes of Slack ids, checked wherever an id arrives from a person or a file.

/** Slack user ids start with U (or W for Enterprise Grid users), followed by upper-case letters and digits. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
/** Public channels start with C, private channels (legacy) with G. */
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;

export function isSlackUserId(id: string): boolean {
  return SLACK_USER_ID.test(id);
}

export function isSlackChannelId(id: string): boolean {
  return SLACK_CHANNEL_ID.test(id);
}
