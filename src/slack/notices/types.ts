// What a notice renderer is: the outbox's domain payload in, a Slack message (or a file to share) out.
// Renderers run at delivery time, so a notice sent late shows the words of the code that sends it.
import type { Recipient } from '../../services/outbox.ts';
import type { SlackMessage } from '../views/message.ts';

export interface RenderContext {
  workspaceId: number;
  /** The notice's key, for renderers that build stable ids from it. */
  key: string;
  to: Recipient;
  /** When it is delivered (the injected clock). */
  now: Date;
}

export interface NoticeFile {
  file: { filename: string; title: string; altText: string; bytes: Uint8Array };
}

export type Rendered = SlackMessage | NoticeFile;

/** Throws when the payload is not what the kind expects: the notice is then given up, never half-sent. */
export type NoticeRenderer = (payload: unknown, ctx: RenderContext) => Rendered | Promise<Rendered>;

export function isFile(rendered: Rendered): rendered is NoticeFile {
  return 'file' in rendered;
}
