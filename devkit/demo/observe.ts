// Reads what Okra sent to Slack (the stand-in's call log) as events a person would notice: prompts,
// reminders, flags, escalations, confirmations, digests and their charts.
import type { RecordedCall, SlackDouble } from '../slack-stand-in/web-api/index.ts';
import { CHANNELS, EVERYONE, type Person } from './company/people.ts';

export type EventKind =
  | 'prompt'
  | 'reminder'
  | 'flag'
  | 'escalation'
  | 'confirmation'
  | 'prompt-done'
  | 'digest'
  | 'chart'
  | 'message';

export interface SlackEvent {
  kind: EventKind;
  at: Date;
  /** The person it went to (a DM), or undefined for a channel. */
  person: Person | undefined;
  channel: string;
  text: string;
  call: RecordedCall;
}

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update']);

export class SlackObserver {
  private seen = 0;
  private readonly dmOwner = new Map<string, Person>();

  constructor(private readonly slack: SlackDouble) {
    for (const person of EVERYONE) this.dmOwner.set(slack.dmChannelOf(person.id), person);
  }

  /** Events in the calls made since the last collect. */
  collect(): SlackEvent[] {
    const calls = this.slack.calls.slice(this.seen);
    this.seen = this.slack.calls.length;
    return calls.filter((call) => call.ok).flatMap((call) => this.classify(call) ?? []);
  }

  private classify(call: RecordedCall): SlackEvent | undefined {
    const at = new Date(call.at);
    if (call.method === 'files.completeUploadExternal') {
      const channel = String(call.args.channel_id ?? '');
      return { kind: 'chart', at, person: undefined, channel, text: 'chart uploaded', call };
    }
    if (!MESSAGE_METHODS.has(call.method)) return undefined;
    const channel = String(call.args.channel ?? '');
    const person = this.dmOwner.get(channel) ?? EVERYONE.find((p) => p.id === channel);
    const text = String(call.args.text ?? '');
    const base = { at, person, channel: person ? this.slack.dmChannelOf(person.id) : channel, text, call };
    return { kind: kindOf(call, text, Boolean(person), channel), ...base };
  }
}

function kindOf(call: RecordedCall, text: string, direct: boolean, channel: string): EventKind {
  if (call.method === 'chat.update') return text.includes('Checked in for') ? 'prompt-done' : 'message';
  if (direct) {
    if (/^(Time to check in|As asked yesterday)/.test(text)) return 'prompt';
    if (text.startsWith('Reminder:')) return 'reminder';
    if (/Checked in for \S+: \d+ item/.test(text)) return 'confirmation';
    if (/ is now \*?(at risk|off track)/.test(text)) return 'flag';
    return 'message';
  }
  if (/escalated/.test(text) && channel === CHANNELS.pmo.id) return 'escalation';
  if (/ is (at risk|off track)/.test(text) && channel === CHANNELS.pmo.id) return 'flag';
  if (text.startsWith('OKR digest') && call.args.thread_ts === undefined) return 'digest';
  return 'message';
}
