/**
 * Channel history as the double saw it, so tests can read what the app posted, edited or deleted.
 */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  attachments: unknown;
  threadTs: string | undefined;
  metadata: unknown;
  /** Ephemeral messages are only visible to `user` and never enter channel history. */
  ephemeral: boolean;
  user: string | undefined;
  /** Blocks were sent without a `text` notification fallback. */
  missingTextFallback: boolean;
  editedTs: string | undefined;
  deleted: boolean;
  /** Every version of the message, oldest first, so tests can follow edits. */
  history: Array<{ text: string | undefined; blocks: unknown[] | undefined; at: number }>;
}

export class MessageStore {
  private readonly messages: StoredMessage[] = [];

  add(message: StoredMessage): void {
    this.messages.push(message);
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.ephemeral && !m.deleted);
  }

  all(): StoredMessage[] {
    return [...this.messages];
  }

  clear(): void {
    this.messages.length = 0;
  }
}
