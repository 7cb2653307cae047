// Every kind of notice the outbox can deliver, by the `kind` services give when they enqueue.
// Add a kind: one file in this folder exporting a renderer, one line here.
import { NOTICE_KIND } from '../../services/notice-payloads.ts';
import { renderDigestChart, renderDigestThread, renderDigestTop } from './digest.ts';
import { escalation, flagOwner, flagPmo, newItems } from './flags.ts';
import type { NoticeRenderer } from './types.ts';

export const NOTICE_RENDERERS: Readonly<Record<string, NoticeRenderer>> = {
  [NOTICE_KIND.flagOwner]: flagOwner,
  [NOTICE_KIND.flagPmo]: flagPmo,
  [NOTICE_KIND.escalation]: escalation,
  [NOTICE_KIND.newItems]: newItems,
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
