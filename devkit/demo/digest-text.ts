// A posted message as plain text lines: its blocks (headers, sections, fields, context) and its thread.
import type { SlackDouble, StoredMessage } from '../slack-stand-in/web-api/index.ts';
import { nameOf } from './company/people.ts';
import type { SlackEvent } from './observe.ts';
import { plain } from './transcript.ts';

type Text = { text?: string };
type Block = { type?: string; text?: Text; fields?: Text[]; elements?: Text[] };

export function blocksAsText(blocks: readonly unknown[] | undefined): string[] {
  const lines: string[] = [];
  for (const block of (blocks ?? []) as Block[]) {
    if (block.type === 'divider') lines.push('—');
    if (block.text?.text) lines.push(...plain(block.text.text, nameOf).split('\n'));
    for (const field of block.fields ?? [])
      if (field.text) lines.push(...plain(field.text, nameOf).split('\n'));
    if (block.type === 'context')
      lines.push(
        (block.elements ?? [])
          .map((e) => plain(e.text ?? '', nameOf))
          .filter(Boolean)
          .join(' · '),
      );
  }
  return lines;
}

/** The digest's top message and the replies in its thread (the chart is one of them). */
export function digestAsText(slack: SlackDouble, digest: SlackEvent): string[] {
  const ts = String((digest.call.response as { ts?: string } | undefined)?.ts ?? '');
  const top = slack.messagesIn(digest.channel).find((m) => m.ts === ts);
  if (!top) return [digest.text];
  const replies = slack
    .messagesIn(digest.channel, { threadTs: ts })
    .filter((m: StoredMessage) => m.ts !== ts);
  const files = slack.files.filter((f) => f.channelId === digest.channel && f.threadTs === ts);
  return [
    ...blocksAsText(top.blocks),
    ...replies.flatMap((reply) => ['— in the thread:', ...blocksAsText(reply.blocks)]),
    ...files.map((f) => `— in the thread: [chart ${f.title ?? ''}: ${f.altText ?? ''}]`),
  ];
}
