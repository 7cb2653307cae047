// Every kind of notice the outbox can deliver, by the `kind` services give when they enqueue.
// Add a kind: one file in this folder exporting a renderer, one line here.
import { renderDigestChart, renderDigestThread, renderDigestTop } from './digest.ts';
import type { NoticeRenderer } from './types.ts';

export const NOTICE_RENDERERS: Readonly<Record<string, NoticeRenderer>> = {
  'digest-top': renderDigestTop,
  'digest-thread': renderDigestThread,
  'digest-chart': renderDigestChart,
};

export function rendererFor(
  kind: string,
  renderers: Readonly<Record<string, NoticeRenderer>> = NOTICE_RENDERERS,
): NoticeRenderer | undefined {
  return Object.hasOwn(renderers, kind) ? renderers[kind] : undefined;
}
