// Slack has no idempotency key, so every notice carries its key in the message metadata. Before a send that
// may already have happened is tried again, the conversation's recent history is searched for that key.
import type { WebClient } from '@slack/web-api';

export const NOTICE_EVENT_TYPE = 'okra_notice';

/** The metadata every outbox message carries. */
export function noticeMetadata(workspaceId: number, key: string) {
  return { event_type: NOTICE_EVENT_TYPE, event_payload: { workspace: workspaceId, key } };
}

/** How far back to look: a notice in doubt was sent at most minutes ago, so a few pages are plenty. */
const PAGES = 3;
const PAGE_SIZE = 200;

/**
 * The ts of the message carrying `key` among the conversation's most recent messages, or undefined.
 * Throws when the history cannot be read (then the caller cannot know and decides).
 */
export async function findSentMessage(
  call: <T>(method: string, run: () => Promise<T>) => Promise<T>,
  client: WebClient,
  channel: string,
  workspaceId: number,
  key: string,
): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const answer = await call('conversations.history', () =>
      client.conversations.history({
        channel,
        limit: PAGE_SIZE,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      }),
    );
    for (const message of answer.messages ?? []) {
      const metadata = message.metadata as
        | { event_type?: string; event_payload?: Record<string, unknown> }
        | undefined;
      if (
        metadata?.event_type === NOTICE_EVENT_TYPE &&
        metadata.event_payload?.key === key &&
        metadata.event_payload?.workspace === workspaceId &&
        message.ts
      )
        return message.ts;
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return undefined;
  }
  return undefined;
}
