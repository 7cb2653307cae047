// The demo's readable account: one line per thing that happened, stamped with the local time of the person
// it happened to (or the workspace's, for channels) and UTC.
import { CHANNELS, type Person } from './company/people.ts';
import { WORKSPACE_TIME_ZONE } from './compose.ts';
import type { SlackEvent } from './observe.ts';

export interface Transcript {
  lines: string[];
  line(at: Date, who: Person | undefined, text: string): void;
  note(text: string): void;
}

export function createTranscript(print: (line: string) => void): Transcript {
  const lines: string[] = [];
  const push = (text: string) => {
    lines.push(text);
    print(text);
  };
  return {
    lines,
    line: (at, who, text) => push(`${stamp(at, who?.tz ?? WORKSPACE_TIME_ZONE)}  ${text}`),
    note: (text) => push(text),
  };
}

export function stamp(at: Date, zone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
  return `${local.replace(/,/g, '').padEnd(26)} (${at.toISOString().slice(11, 16)} UTC)`;
}

const CHANNEL_NAMES = new Map<string, string>(Object.values(CHANNELS).map((c) => [c.id, `#${c.name}`]));
export const channelName = (id: string) => CHANNEL_NAMES.get(id) ?? id;

const EMOJI: Record<string, string> = {
  red_circle: '🔴',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  white_circle: '⚪',
  white_check_mark: '✅',
  rotating_light: '🚨',
  arrow_up: '↑',
  arrow_down: '↓',
};

/** Slack's mrkdwn as plain text for a terminal: mentions by name, entities decoded, emphasis dropped. */
export function plain(text: string, names: (id: string) => string): string {
  return text
    .replace(/:([a-z_]+):/g, (whole, name: string) => EMOJI[name] ?? whole)
    .replace(/<@(\w+)>/g, (_, id: string) => `@${names(id)}`)
    .replace(/<#(\w+)(\|[^>]*)?>/g, (_, id: string) => channelName(id))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\*([^*\n]+)\*/g, '$1');
}

export function describe(event: SlackEvent, names: (id: string) => string): string {
  const text = plain(event.text, names);
  const to = event.person ? event.person.name : channelName(event.channel);
  switch (event.kind) {
    case 'prompt':
      return `→ prompt to ${to} (${event.person?.tz}): "${text}"`;
    case 'reminder':
      return `→ reminder to ${to}: "${text}"`;
    case 'confirmation':
      return `→ ${to} gets a receipt: "${text}"`;
    case 'prompt-done':
      return `→ ${to}'s prompt now reads: "${text}"`;
    case 'flag':
      return event.person ? `⚑ FLAG to owner ${to}: ${text}` : `⚑ FLAG in ${to}: ${text}`;
    case 'escalation':
      return `⚠ ESCALATED RISK in ${to}: ${text}`;
    case 'digest':
      return `▣ DIGEST posted in ${to}: "${text}"`;
    case 'chart':
      return `▣ chart uploaded to ${to}`;
    default:
      return `→ ${to}: "${text.slice(0, 160)}${text.length > 160 ? '…' : ''}"`;
  }
}
