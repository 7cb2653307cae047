// What the demo leaves in its output folder: every message and view Okra sent as Block Kit JSON with a link
// that opens it in Slack's Block Kit Builder, the digest charts (PNG), and the full log of Web API calls.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedCall, SlackDouble } from '../slack-stand-in/web-api/index.ts';
import { channelName } from './transcript.ts';

export interface Outputs {
  messages: number;
  charts: string[];
  callLog: string;
  index: string;
}

const BUILDER = 'https://app.slack.com/block-kit-builder/#';
const SURFACES = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'views.open',
  'views.update',
  'views.publish',
]);

export function builderLink(payload: Record<string, unknown>): string {
  return `${BUILDER}${encodeURIComponent(JSON.stringify(payload))}`;
}

export function writeOutputs(slack: SlackDouble, outDir: string): Outputs {
  const messagesDir = join(outDir, 'messages');
  rmSync(messagesDir, { recursive: true, force: true });
  mkdirSync(messagesDir, { recursive: true });
  const index: string[] = ['# Every message and view Okra sent, with a Block Kit Builder link', ''];
  let count = 0;
  for (const call of slack.calls) {
    if (!call.ok || !SURFACES.has(call.method)) continue;
    const payload = surfaceOf(call);
    if (!payload) continue;
    count++;
    const where = String(call.args.channel ?? call.args.user_id ?? (call.args.view_id ? 'modal' : 'view'));
    const name = `${String(count).padStart(3, '0')}-${call.method.replace('.', '-')}-${where}.json`;
    const link = builderLink(payload);
    writeFileSync(join(messagesDir, name), `${JSON.stringify({ ...payload, builder: link }, null, 2)}\n`);
    const text = String(call.args.text ?? (payload.title as { text?: string } | undefined)?.text ?? '');
    index.push(
      `- ${new Date(call.at).toISOString()} ${call.method} ${channelName(where)}: ${text.slice(0, 100)}`,
    );
    index.push(`  [${name}](${name}) · [open in Block Kit Builder](${link})`);
  }
  const indexFile = join(messagesDir, 'README.md');
  writeFileSync(indexFile, `${index.join('\n')}\n`);

  const charts: string[] = [];
  for (const file of slack.files) {
    if (!file.content) continue;
    const path = join(outDir, `chart-${channelName(file.channelId ?? 'unknown').replace('#', '')}.png`);
    writeFileSync(path, file.content);
    charts.push(path);
  }
  const callLog = join(outDir, 'slack-calls.jsonl');
  writeFileSync(callLog, slack.calls.map((call) => JSON.stringify(logEntry(call))).join('\n') + '\n');
  return { messages: count, charts, callLog, index: indexFile };
}

/** A message as `{ blocks }`, a view as the view itself: what the Block Kit Builder opens. */
function surfaceOf(call: RecordedCall): Record<string, unknown> | undefined {
  if (call.method.startsWith('views.')) return call.args.view as Record<string, unknown> | undefined;
  const blocks = call.args.blocks;
  return Array.isArray(blocks) ? { blocks } : undefined;
}

/** One call as logged: bytes of uploads are summarised, not dumped. */
function logEntry(call: RecordedCall): Record<string, unknown> {
  const args = Object.fromEntries(
    Object.entries(call.args).map(([key, value]) => [
      key,
      Buffer.isBuffer(value) ? `<${value.length} bytes>` : value,
    ]),
  );
  return {
    at: new Date(call.at).toISOString(),
    method: call.method,
    ok: call.ok,
    ...(call.error ? { error: call.error } : {}),
    status: call.status,
    args,
  };
}
