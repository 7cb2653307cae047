// The digest in Slack: the top-level message a leader reads in 30 seconds, the thread replies carrying the
// long lists, and the plain-text fallback for notifications and screen readers. Pure data -> Block Kit.
// Every piece of user text (titles, names, comments, reasons that quote titles) is escaped, in the blocks and
// in the fallback alike, and cut after escaping so no entity is left half.
import type { KnownBlock } from '@slack/types';
import {
  type ChangedItem,
  type DigestKpiInput,
  type DigestRiskInput,
  type DigestTop,
  type Mover,
  type ObjectiveLine,
  type StatusCounts,
  type ThreadLine,
  type ThreadPage,
  transitionLabel,
} from '../../domain/digest/index.ts';
import { formatNumber } from '../../domain/numbers/index.ts';
import { formatPercent, plural } from '../../domain/status/format.ts';
import { type StatusLevel, statusLabel } from '../../domain/status/index.ts';
import { clampHeaderText, clampSectionText, MAX_SECTION_TEXT } from '../limits.ts';
import { md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import type { SlackMessage } from './message.ts';
import { progressBar, statusEmoji } from './status-format.ts';

const TITLE_MAX = 120;
const NAME_MAX = 60;
const REASON_MAX = 220;
const COMMENT_MAX = 200;
const FALLBACK_MAX = 3000;
/** 30 lines of at most 300 characters keep a reply far below Slack's ~12,000 characters of block text. */
const THREAD_LINE_MAX = 300;

/** User text made inert and short: escaped first, then cut on a whole entity. */
const safe = (text: string, max: number) => truncate(md`${text.replace(/\s+/g, ' ').trim()}`.text, max);
const title = (text: string) => safe(text, TITLE_MAX);
const name = (text: string | null) => (text ? safe(text, NAME_MAX) : 'no owner');
const badge = (status: StatusLevel | null) =>
  status ? `${statusEmoji(status)} ${statusLabel(status)}` : ':white_circle: not rated yet';

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clampSectionText(text) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clampSectionText(text) }],
});

function countsText(counts: StatusCounts): string {
  return `${counts.on_track} on track · ${counts.at_risk} at risk · ${counts.off_track} off track`;
}

function progressText(progress: number, expected: number): string {
  const gap = Math.round((expected - progress) * 100);
  const verdict = gap > 0 ? `${gap} points behind` : gap < 0 ? `${-gap} points ahead` : 'on plan';
  return `${formatPercent(progress)} done against ${formatPercent(expected)} expected (${verdict})`;
}

function headerLine(top: DigestTop): string {
  const h = top.header;
  return `${h.cycleName} · week ${h.week} of ${h.weeks} · ${h.scopeLabel}`;
}

function healthText(top: DigestTop): string {
  const { health } = top;
  const { checkIns } = health;
  const share = checkIns.due > 0 ? ` (${formatPercent(checkIns.done / checkIns.due)})` : '';
  const lines = [
    `*Objectives:* ${countsText(health.objectives)}`,
    `*Key results:* ${countsText(health.keyResults)}${health.unrated > 0 ? ` · ${health.unrated} not rated yet` : ''}`,
    `*Progress:* ${progressText(health.progress, health.expected)}`,
    `*Check-ins this week:* ${checkIns.done} of ${checkIns.due}${share}`,
  ];
  if (checkIns.missing.length > 0) {
    const names = checkIns.missing.map((m) => `${name(m.name)}${m.count > 1 ? ` (${m.count})` : ''}`);
    const more = checkIns.missingPeople - checkIns.missing.length;
    lines.push(
      `Still to check in: ${names.join(', ')}${more > 0 ? `, and ${more} more (in the thread)` : ''}`,
    );
  }
  return lines.join('\n');
}

function changedText(item: ChangedItem): string {
  const lines = [`${statusEmoji(item.status)} *${item.ref}* ${title(item.title)} — ${transitionLabel(item)}`];
  for (const reason of item.reasons) lines.push(`• ${safe(reason, REASON_MAX)}`);
  const comment = item.latestComment?.trim()
    ? ` · latest comment: “${safe(item.latestComment, COMMENT_MAX)}”`
    : '';
  lines.push(`Owner: ${name(item.ownerName)}${comment}`);
  return lines.join('\n');
}

const percentPoints = (m: Mover) => Math.round((m.to - m.from) * 100);
function moverText(m: Mover): string {
  const points = percentPoints(m);
  return `*${m.ref}* ${title(m.title)}: ${formatPercent(m.from)} → ${formatPercent(m.to)} (${points > 0 ? '+' : ''}${points} points)`;
}

function riskText(risk: DigestRiskInput): string {
  const on = risk.on ? ` on ${risk.on}` : '';
  const description = risk.description.trim() ? ` — ${safe(risk.description, COMMENT_MAX)}` : '';
  return `*${risk.ref}* (score ${risk.score}) ${title(risk.title)}${on} · ${name(risk.ownerName)}${description}`;
}

function kpiText(kpi: DigestKpiInput): string {
  const value =
    kpi.value === null
      ? 'no reading'
      : `${formatNumber(kpi.value, { maxDecimals: 2 })}${kpi.unit ? ` ${safe(kpi.unit, 20)}` : ''}`;
  const band =
    kpi.band === 'red'
      ? ':red_circle: red'
      : kpi.band === 'amber'
        ? ':large_yellow_circle: amber'
        : badge(kpi.status);
  const reason = kpi.reasons[0] ? ` · ${safe(kpi.reasons[0], REASON_MAX)}` : '';
  return `*${kpi.ref}* ${title(kpi.title)}: ${value} · ${band}${reason}`;
}

function objectiveText(line: ObjectiveLine): string {
  const team = line.teamName ? ` · ${safe(line.teamName, 40)}` : '';
  return `${progressBar(line.progress)} ${badge(line.status)} *${line.ref}* ${title(line.title)}${team}`;
}

function threadLineText(line: ThreadLine): string {
  switch (line.kind) {
    case 'objective':
      return objectiveText(line.line);
    case 'changed':
    case 'recovered': {
      const reason =
        line.kind === 'changed' && line.item.reasons[0] ? ` · ${safe(line.item.reasons[0], REASON_MAX)}` : '';
      return `${statusEmoji(line.item.status)} *${line.item.ref}* ${title(line.item.title)} — ${transitionLabel(line.item)} · ${name(line.item.ownerName)}${reason}`;
    }
    case 'kpi':
      return kpiText(line.kpi);
    case 'missing':
      return `${name(line.name)}: ${plural(line.count, 'key result')} without a check-in`;
    case 'more':
      return `…and ${line.count} more. \`/okr tree\` shows every item with its status.`;
  }
}

/** Lines packed into as few sections as fit (3000 characters each). */
function packedSections(lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= MAX_SECTION_TEXT)
      texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line);
  }
  return texts.map(section);
}

/** The top-level message. Lists are already capped by splitDigest; this says how many more are in the thread. */
export function digestTopMessage(top: DigestTop): SlackMessage {
  const { changes } = top;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clampHeaderText(`OKR digest: ${top.header.scopeLabel}`) },
    },
    context(md`${headerLine(top)}`.text),
    section(healthText(top)),
    { type: 'divider' },
  ];

  const heading = changes.since ? `*What changed since ${changes.since}*` : '*Needs attention*';
  if (
    changes.worsened.length === 0 &&
    changes.recovered.length === 0 &&
    changes.moversUp.length + changes.moversDown.length === 0
  ) {
    blocks.push(
      section(
        `${heading}\n${changes.since ? 'Nothing changed status.' : 'Nothing is at risk or off track.'}`,
      ),
    );
  } else {
    blocks.push(section(heading));
    for (const item of changes.worsened) blocks.push(section(changedText(item)));
    const moreWorsened = changes.worsenedTotal - changes.worsened.length;
    if (moreWorsened > 0)
      blocks.push(context(`…and ${moreWorsened} more at risk or off track, listed in the thread.`));
    if (changes.recovered.length > 0) {
      const more = changes.recoveredTotal - changes.recovered.length;
      blocks.push(
        section(
          `*Recovered*\n${changes.recovered.map((item) => `${statusEmoji(item.status)} *${item.ref}* ${title(item.title)} — ${transitionLabel(item)}`).join('\n')}${more > 0 ? `\n…and ${more} more in the thread.` : ''}`,
        ),
      );
    }
    const movers = [
      ...changes.moversUp.map((m) => `:arrow_up: ${moverText(m)}`),
      ...changes.moversDown.map((m) => `:arrow_down: ${moverText(m)}`),
    ];
    if (movers.length > 0) blocks.push(section(`*Biggest movers*\n${movers.join('\n')}`));
  }

  blocks.push({ type: 'divider' });
  blocks.push(
    section(
      top.risks.top.length > 0
        ? `*Top open risks* (${top.risks.open} open)\n${top.risks.top.map(riskText).join('\n')}`
        : '*Top open risks*\nNo open risks.',
    ),
  );
  if (top.kpis.total > 0) {
    const more = top.kpis.total - top.kpis.shown.length;
    blocks.push(
      section(
        `*KPIs outside their thresholds* (${top.kpis.total})\n${top.kpis.shown.map(kpiText).join('\n')}${more > 0 ? `\n…and ${more} more in the thread.` : ''}`,
      ),
    );
  }

  blocks.push({ type: 'divider' });
  if (top.objectives.shown.length > 0) {
    blocks.push(
      ...packedSections([
        `*Objectives* (${top.objectives.total})`,
        ...top.objectives.shown.map(objectiveText),
      ]),
    );
  } else if (top.objectives.total > 0) {
    blocks.push(
      section(
        `*Objectives:* all ${top.objectives.total} are listed in the thread, with progress and status.`,
      ),
    );
  } else {
    blocks.push(section('*Objectives:* none in this scope yet.'));
  }
  blocks.push(context(threadNote(top)));
  return { text: digestFallback(top), blocks };
}

function threadNote(top: DigestTop): string {
  const parts: string[] = [];
  if (top.threadReplies > 0)
    parts.push(`${plural(top.threadReplies, 'reply')} in the thread`.replace('replys', 'replies'));
  if (top.withChart) parts.push('the progress chart in the thread');
  return parts.length > 0 ? `More: ${parts.join(' and ')}.` : 'Everything is in this message.';
}

/** The notification text: the essentials in a few sentences, readable by a screen reader, escaped too. */
export function digestFallback(top: DigestTop): string {
  const { health, changes } = top;
  const sentences = [
    md`OKR digest for ${headerLine(top)}.`.text,
    `Objectives: ${countsText(health.objectives).replaceAll(' · ', ', ')}.`,
    `Progress ${formatPercent(health.progress)} against ${formatPercent(health.expected)} expected.`,
    `Check-ins: ${health.checkIns.done} of ${health.checkIns.due}.`,
  ];
  if (changes.worsenedTotal > 0) {
    const named = changes.worsened.map(
      (item) => `${item.ref} ${safe(item.title, 60)} (${statusLabel(item.status)})`,
    );
    sentences.push(
      `${changes.since ? 'Worsened' : 'Needs attention'}: ${named.join('; ')}${changes.worsenedTotal > named.length ? ` and ${changes.worsenedTotal - named.length} more` : ''}.`,
    );
  }
  if (changes.recoveredTotal > 0) sentences.push(`Recovered: ${changes.recoveredTotal}.`);
  if (top.risks.top[0])
    sentences.push(
      `Top risk: ${top.risks.top[0].ref} ${safe(top.risks.top[0].title, 60)} (score ${top.risks.top[0].score}).`,
    );
  if (top.kpis.total > 0) sentences.push(`KPIs outside thresholds: ${top.kpis.total}.`);
  return truncate(sentences.join(' '), FALLBACK_MAX);
}

/** One thread reply: a heading with its part number and up to THREAD_PAGE_LINES lines. */
export function digestThreadMessage(page: ThreadPage): SlackMessage {
  const heading = md`*${page.title}*${page.parts > 1 ? ` (part ${page.part} of ${page.parts})` : ''}`.text;
  const lines = page.lines.map((line) => truncate(threadLineText(line), THREAD_LINE_MAX));
  return {
    text: md`${truncate(
      `${page.title}${page.parts > 1 ? `, part ${page.part} of ${page.parts}` : ''}: ${plural(lines.length, 'line')}.`,
      FALLBACK_MAX,
    )}`.text,
    blocks: [section(heading), ...packedSections(lines)],
  };
}
