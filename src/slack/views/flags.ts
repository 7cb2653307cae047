// What flags, escalations and check-ins look like in Slack: the owner's DM with its two buttons, the one
// line in the PMO channel, the escalation line, the quick check-in form and the reply to `/okr update`.
// Pure data -> Block Kit; everything is built as Mrkdwn (mrkdwn.ts), and each notification fallback is
// the same escaped headline as the message's first block.

import type { KnownBlock, View } from '@slack/types';
import { formatAmount } from '../../domain/numbers/index.ts';
import { isSlackUserId } from '../../domain/slack-ids.ts';
import { formatPercent } from '../../domain/status/format.ts';
import { type KeyResultStatus, type StatusLevel, statusLabel } from '../../domain/status/index.ts';
import type { CheckInRecorded } from '../../services/check-ins.ts';
import type { EscalationNotice, FlagNotice, NewItemsNotice } from '../../services/notice-payloads.ts';
import type { Note } from '../../services/outcome.ts';
import { ACTION, CALLBACK } from '../ids.ts';
import { EMPTY, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { modal, textInput } from './inputs.ts';
import { type SlackMessage, sectionBlock, sectionsMessage } from './message.ts';
import { PLAIN_MAX, plainText } from './plain-text.ts';
import { noteText } from './replies.ts';

export const STATUS_EMOJI: Record<StatusLevel, string> = {
  on_track: ':large_green_circle:',
  at_risk: ':large_yellow_circle:',
  off_track: ':red_circle:',
};

export type {
  EscalationNotice,
  FlaggedType,
  FlagNotice,
  NewItemsNotice,
} from '../../services/notice-payloads.ts';

const TITLE_MAX = 120;
const quotedTitle = (title: string) => md`"${truncate(title, TITLE_MAX)}"`;
const ownerText = (slackId: string | null) =>
  slackId && isSlackUserId(slackId) ? md`owner ${md.user(slackId)}` : md`no owner`;

// ---------------------------------------------------------------------------------------------------------
// Flags

/** The owner's DM: what changed, why, and the two things they can do about it right now. */
export function flagDirectMessage(notice: FlagNotice): SlackMessage {
  const was = notice.previous ? ` (was ${statusLabel(notice.previous)})` : '';
  const headline = md`${STATUS_EMOJI[notice.status]} *${notice.ref}* ${quotedTitle(notice.title)} is now *${statusLabel(notice.status)}*${was}: ${notice.detail}`;
  const reasons = notice.reasons.slice(0, 5).map((reason) => md`• ${truncate(reason, 300)}`);
  const body = reasons.length ? md`${headline}\nWhy:\n${md.join(reasons, md`\n`)}` : headline;
  const buttons = [
    ...(notice.type === 'objective'
      ? []
      : [
          {
            type: 'button' as const,
            action_id: ACTION.flagCheckIn,
            text: plainText('Check in', PLAIN_MAX.button),
            value: notice.ref,
            style: 'primary' as const,
          },
        ]),
    {
      type: 'button' as const,
      action_id: ACTION.flagAddRisk,
      text: plainText('Add a risk', PLAIN_MAX.button),
      value: notice.ref,
    },
  ];
  const actions: KnownBlock = { type: 'actions', block_id: 'flag_actions', elements: buttons };
  return sectionsMessage([body], { fallback: headline, extraBlocks: [actions] });
}

/** One line for the PMO channel, e.g. `:red_circle: KR-12 "…" is off track: 42% done vs 60% expected — owner <@U…>`. */
export function pmoFlagLine(notice: FlagNotice): SlackMessage {
  return sectionsMessage([
    md`${STATUS_EMOJI[notice.status]} *${notice.ref}* ${quotedTitle(notice.title)} is ${statusLabel(notice.status)}: ${notice.detail} — ${ownerText(notice.ownerSlackId)}`,
  ]);
}

export function newItemsSummary(notice: NewItemsNotice): SlackMessage {
  const order: StatusLevel[] = ['off_track', 'at_risk', 'on_track'];
  const parts = order.flatMap((status) => {
    const refs = notice.items.filter((item) => item.status === status).map((item) => item.ref);
    if (refs.length === 0) return [];
    const named =
      status === 'on_track'
        ? ''
        : ` (${refs.slice(0, 10).join(', ')}${refs.length > 10 ? `, and ${refs.length - 10} more` : ''})`;
    return [`${STATUS_EMOJI[status]} ${refs.length} ${statusLabel(status)}${named}`];
  });
  const line = md`:inbox_tray: ${notice.items.length} new items are in Okra: ${parts.join(' · ')}. New items are not flagged one by one until ${notice.graceEnds}, so their owners have a week to check in; after that, changes are flagged as usual.`;
  const text = md.truncate(line, 3000);
  return { text, blocks: [sectionBlock(text)] };
}

// ---------------------------------------------------------------------------------------------------------
// Escalations

export function escalationLine(notice: EscalationNotice): SlackMessage {
  const linked = notice.linked
    ? md` · threatens *${notice.linked.ref}* ${quotedTitle(notice.linked.title)}${notice.linked.status ? ` (${statusLabel(notice.linked.status)})` : ''}`
    : EMPTY;
  const why = [
    notice.because.score ? 'high score' : undefined,
    notice.because.offTrack ? 'its item is off track' : undefined,
  ]
    .filter(Boolean)
    .join(' and ');
  return sectionsMessage([
    md`:rotating_light: Risk *${notice.ref}* ${quotedTitle(notice.title)} escalated (${why}): score ${notice.score} (${notice.likelihood}×${notice.impact})${linked} — ${ownerText(notice.ownerSlackId)}`,
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Checking in

export interface CheckInTarget {
  ref: string;
  title: string;
  /** A key result's kind, or `kpi`. */
  kind: string;
}

function valueHint(kind: string | undefined): { label: string; hint: string; placeholder: string } {
  switch (kind) {
    case 'boolean':
      return { label: 'Done?', hint: 'yes or no (also done, 1 or 0).', placeholder: 'yes' };
    case 'milestone':
      return {
        label: 'Milestone',
        hint: '"done 2" marks milestone 2 done; "undo 2" reopens it.',
        placeholder: 'done 2',
      };
    case 'kpi':
      return { label: 'Reading', hint: 'e.g. 1,250, 15% or 3.5k.', placeholder: '2.5%' };
    default:
      return { label: 'New value', hint: 'e.g. 1,250, 15% or 3.5k.', placeholder: '1,250' };
  }
}

/**
 * The small check-in form. With a known item (from a flag's button or `/okr update KR-3`) the item rides
 * in private_metadata; without one the form asks for it. KPIs keep only a reading.
 */
export function checkInModal(target?: CheckInTarget): View {
  const value = valueHint(target?.kind);
  const blocks: View['blocks'] = [
    target
      ? sectionBlock(md`*${target.ref}* ${truncate(target.title, 200)}`)
      : textInput('item', { label: 'Key result or KPI', placeholder: 'KR-3', maxLength: 20 }),
    textInput('value', {
      label: value.label,
      hint: value.hint,
      placeholder: value.placeholder,
      maxLength: 40,
    }),
    ...(target?.kind === 'kpi'
      ? []
      : [
          textInput('confidence', {
            label: 'Confidence (0–10)',
            hint: 'How sure are you of reaching the target? 7 or 7/10.',
            optional: true,
            maxLength: 5,
          }),
          textInput('comment', { label: 'Comment', optional: true, multiline: true }),
          textInput('blockers', { label: 'Blockers', optional: true, multiline: true }),
        ]),
  ];
  return modal({
    callbackId: CALLBACK.checkInQuick,
    title: target ? `Check in ${target.ref}` : 'Check in',
    submit: 'Check in',
    blocks,
    ...(target ? { privateMetadata: target.ref } : {}),
  });
}

export interface CheckInSummary {
  ref: string;
  title: string;
  period: string;
  replaced: boolean;
  /** How the value reads, e.g. "1,250", "done", "milestone 2 (Build) done". */
  valueText: string;
  status: StatusLevel;
  summary: string;
  /** e.g. "42% done (60% expected)"; null for KPIs. */
  progressText: string | null;
  forecastText: string | null;
}

export function checkInReply(summary: CheckInSummary, notes: readonly Note[] = []): SlackMessage {
  const verb = summary.replaced
    ? `Updated this period's check-in (${summary.period})`
    : `Checked in for ${summary.period}`;
  const lines = [
    md`${verb}: *${summary.ref}* ${truncate(summary.title, 200)} → ${summary.valueText}`,
    ...(summary.progressText ? [md`Progress: ${summary.progressText}`] : []),
    md`Status: ${STATUS_EMOJI[summary.status]} ${statusLabel(summary.status)} — ${truncate(summary.summary, 1000)}`,
    ...(summary.forecastText ? [md`Forecast: ${summary.forecastText}`] : []),
    ...notes.map((note) => md`:warning: ${noteText(note)}`),
  ];
  return sectionsMessage([md.join(lines, md`\n`)]);
}

export function progressText(status: KeyResultStatus): string {
  const done = status.progress.measured ? formatPercent(status.progress.raw) : 'not measured yet';
  return `${done} done (${formatPercent(status.expected)} expected by now)`;
}

/** The reply's content from what the check-in service recorded. */
export function checkInSummary(recorded: CheckInRecorded): CheckInSummary {
  const { item, evaluation } = recorded;
  const valueText = recorded.milestone
    ? `milestone ${recorded.milestone.position} (${recorded.milestone.title}) ${recorded.milestone.done ? 'done' : 'not done'}`
    : item.kind === 'boolean'
      ? recorded.value >= 1
        ? 'done'
        : 'not done'
      : formatAmount(recorded.value, item.unit);
  const base = {
    ref: item.ref,
    title: item.title,
    period: recorded.period,
    replaced: recorded.replaced,
    valueText,
    status: evaluation.status.status,
    summary: evaluation.status.summary,
  };
  return evaluation.type === 'kpi'
    ? { ...base, progressText: null, forecastText: null }
    : {
        ...base,
        progressText: progressText(evaluation.status),
        forecastText: evaluation.status.forecast.text,
      };
}
