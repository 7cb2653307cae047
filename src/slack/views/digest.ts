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
import { MAX_SECTION_TEXT } from '../limits.ts';
import { type Mrkdwn, md } from '../mrkdwn.ts';
import { contextBlock, type SlackMessage, sectionBlock } from './message.ts';
import { PLAIN_MAX, plainText } from './plain-text.ts';
import { progressBar, statusEmoji } from './status-format.ts';

const TITLE_MAX = 120;
const NAME_MAX = 60;
const REASON_MAX = 220;
const COMMENT_MAX = 200;
const FALLBACK_MAX = 3000;
/** 30 lines of at most 300 characters keep a reply far below Slack's ~12,000 characters of block text. */
const THREAD_LINE_MAX = 300;

/** User text made inert and short: escaped first, then cut on a whole entity. */
const safe = (text: string, max: number) => md.truncate(md`${text.replace(/\s+/g, ' ').trim()}`, max);
const title = (text: string) => safe(text, TITLE_MAX);
const name = (text: string | null) => (text ? safe(text, NAME_MAX) : md`no owner`);
const badge = (status: StatusLevel | null) =>
  status ? md`${statusEmoji(status)} ${statusLabel(status)}` : md`:white_circle: not rated yet`;
const lines = (parts: readonly Mrkdwn[]) => md.join(parts, md`\n`);

const section = (text: Mrkdwn): KnownBlock => sectionBlock(text);
const context = (text: Mrkdwn): KnownBlock => contextBlock(text);

function countsText(counts: StatusCounts): string {
  return `${counts.on_track} on track · ${counts.at_risk} at risk · ${counts.off_track} off track`;
}

function progressText(progress: number, expected: number): string {
  const gap = Math.round((expected - progress) * 100);
  const verdict = gap > 0 ? `${gap} points behind` : gap < 0 ? `${-gap} points ahead` : 'on plan';
  return `${formatPercent(progress)} done against ${formatPercent(expected)} expected (${verdict})`;
}

function headerLine(top: DigestTop): Mrkdwn {
  const h = top.header;
  return md`${h.cycleName} · week ${h.week} of ${h.weeks} · ${h.scopeLabel}`;
}

function healthText(top: DigestTop): Mrkdwn {
  const { health } = top;
  const { checkIns } = health;
  const share = checkIns.due > 0 ? ` (${formatPercent(checkIns.done / checkIns.due)})` : '';
  const parts = [
    md`*Objectives:* ${countsText(health.objectives)}`,
    md`*Key results:* ${countsText(health.keyResults)}${health.unrated > 0 ? ` · ${health.unrated} not rated yet` : ''}`,
    md`*Progress:* ${progressText(health.progress, health.expected)}`,
    md`*Check-ins this week:* ${checkIns.done} of ${checkIns.due}${share}`,
  ];
  if (checkIns.missing.length > 0) {
    const names = checkIns.missing.map((m) => md`${name(m.name)}${m.count > 1 ? ` (${m.count})` : ''}`);
    const more = checkIns.missingPeople - checkIns.missing.length;
    parts.push(
      md`Still to check in: ${md.join(names, md`, `)}${more > 0 ? `, and ${more} more (in the thread)` : ''}`,
    );
  }
  return lines(parts);
}

function changedText(item: ChangedItem): Mrkdwn {
  const parts = [
    md`${statusEmoji(item.status)} *${item.ref}* ${title(item.title)} — ${transitionLabel(item)}`,
  ];
  for (const reason of item.reasons) parts.push(md`• ${safe(reason, REASON_MAX)}`);
  const comment = item.latestComment?.trim()
    ? md` · latest comment: “${safe(item.latestComment, COMMENT_MAX)}”`
    : md``;
  parts.push(md`Owner: ${name(item.ownerName)}${comment}`);
  return lines(parts);
}

const percentPoints = (m: Mover) => Math.round((m.to - m.from) * 100);
function moverText(m: Mover): Mrkdwn {
  const points = percentPoints(m);
  return md`*${m.ref}* ${title(m.title)}: ${formatPercent(m.from)} → ${formatPercent(m.to)} (${points > 0 ? '+' : ''}${points} points)`;
}

function riskText(risk: DigestRiskInput): Mrkdwn {
  const on = risk.on ? ` on ${risk.on}` : '';
  const description = risk.description.trim() ? md` — ${safe(risk.description, COMMENT_MAX)}` : md``;
  return md`*${risk.ref}* (score ${risk.score}) ${title(risk.title)}${on} · ${name(risk.ownerName)}${description}`;
}

function kpiText(kpi: DigestKpiInput): Mrkdwn {
  const value =
    kpi.value === null
      ? md`no reading`
      : md`${formatNumber(kpi.value, { maxDecimals: 2 })}${kpi.unit ? md` ${safe(kpi.unit, 20)}` : md``}`;
  const band =
    kpi.band === 'red'
      ? md`:red_circle: red`
      : kpi.band === 'amber'
        ? md`:large_yellow_circle: amber`
        : badge(kpi.status);
  const reason = kpi.reasons[0] ? md` · ${safe(kpi.reasons[0], REASON_MAX)}` : md``;
  return md`*${kpi.ref}* ${title(kpi.title)}: ${value} · ${band}${reason}`;
}

function objectiveText(line: ObjectiveLine): Mrkdwn {
  const team = line.teamName ? md` · ${safe(line.teamName, 40)}` : md``;
  return md`${progressBar(line.progress)} ${badge(line.status)} *${line.ref}* ${title(line.title)}${team}`;
}

function threadLineText(line: ThreadLine): Mrkdwn {
  switch (line.kind) {
    case 'objective':
      return objectiveText(line.line);
    case 'changed':
    case 'recovered': {
      const reason =
        line.kind === 'changed' && line.item.reasons[0]
          ? md` · ${safe(line.item.reasons[0], REASON_MAX)}`
          : md``;
      return md`${statusEmoji(line.item.status)} *${line.item.ref}* ${title(line.item.title)} — ${transitionLabel(line.item)} · ${name(line.item.ownerName)}${reason}`;
    }
    case 'kpi':
      return kpiText(line.kpi);
    case 'missing':
      return md`${name(line.name)}: ${plural(line.count, 'key result')} without a check-in`;
    case 'more':
      return md`…and ${line.count} more. \`/okr tree\` shows every item with its status.`;
  }
}

/** Lines packed into as few sections as fit (3000 characters each). */
function packedSections(items: readonly Mrkdwn[]): KnownBlock[] {
  const texts: Mrkdwn[] = [];
  for (const line of items) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= MAX_SECTION_TEXT)
      texts[texts.length - 1] = md`${last}\n${line}`;
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
      text: plainText(`OKR digest: ${top.header.scopeLabel}`, PLAIN_MAX.header),
    },
    context(headerLine(top)),
    section(healthText(top)),
    { type: 'divider' },
  ];

  const heading = changes.since ? md`*What changed since ${changes.since}*` : md`*Needs attention*`;
  if (
    changes.worsened.length === 0 &&
    changes.recovered.length === 0 &&
    changes.moversUp.length + changes.moversDown.length === 0
  ) {
    blocks.push(
      section(
        md`${heading}\n${changes.since ? 'Nothing changed status.' : 'Nothing is at risk or off track.'}`,
      ),
    );
  } else {
    blocks.push(section(heading));
    for (const item of changes.worsened) blocks.push(section(changedText(item)));
    const moreWorsened = changes.worsenedTotal - changes.worsened.length;
    if (moreWorsened > 0)
      blocks.push(context(md`…and ${moreWorsened} more at risk or off track, listed in the thread.`));
    if (changes.recovered.length > 0) {
      const more = changes.recoveredTotal - changes.recovered.length;
      const recovered = changes.recovered.map(
        (item) =>
          md`${statusEmoji(item.status)} *${item.ref}* ${title(item.title)} — ${transitionLabel(item)}`,
      );
      blocks.push(
        section(
          md`*Recovered*\n${lines(recovered)}${more > 0 ? md`\n…and ${more} more in the thread.` : md``}`,
        ),
      );
    }
    const movers = [
      ...changes.moversUp.map((m) => md`:arrow_up: ${moverText(m)}`),
      ...changes.moversDown.map((m) => md`:arrow_down: ${moverText(m)}`),
    ];
    if (movers.length > 0) blocks.push(section(md`*Biggest movers*\n${lines(movers)}`));
  }

  blocks.push({ type: 'divider' });
  blocks.push(
    section(
      top.risks.top.length > 0
        ? md`*Top open risks* (${top.risks.open} open)\n${lines(top.risks.top.map(riskText))}`
        : md`*Top open risks*\nNo open risks.`,
    ),
  );
  if (top.kpis.total > 0) {
    const more = top.kpis.total - top.kpis.shown.length;
    blocks.push(
      section(
        md`*KPIs outside their thresholds* (${top.kpis.total})\n${lines(top.kpis.shown.map(kpiText))}${more > 0 ? md`\n…and ${more} more in the thread.` : md``}`,
      ),
    );
  }

  blocks.push({ type: 'divider' });
  if (top.objectives.shown.length > 0) {
    blocks.push(
      ...packedSections([
        md`*Objectives* (${top.objectives.total})`,
        ...top.objectives.shown.map(objectiveText),
      ]),
    );
  } else if (top.objectives.total > 0) {
    blocks.push(
      section(
        md`*Objectives:* all ${top.objectives.total} are listed in the thread, with progress and status.`,
      ),
    );
  } else {
    blocks.push(section(md`*Objectives:* none in this scope yet.`));
  }
  blocks.push(context(threadNote(top)));
  return { text: digestFallback(top), blocks };
}

function threadNote(top: DigestTop): Mrkdwn {
  const parts: string[] = [];
  if (top.threadReplies > 0)
    parts.push(`${plural(top.threadReplies, 'reply')} in the thread`.replace('replys', 'replies'));
  if (top.withChart) parts.push('the progress chart in the thread');
  return parts.length > 0 ? md`More: ${parts.join(' and ')}.` : md`Everything is in this message.`;
}

/** The notification text: the essentials in a few sentences, readable by a screen reader, escaped too. */
export function digestFallback(top: DigestTop): Mrkdwn {
  const { health, changes } = top;
  const sentences = [
    md`OKR digest for ${headerLine(top)}.`,
    md`Objectives: ${countsText(health.objectives).replaceAll(' · ', ', ')}.`,
    md`Progress ${formatPercent(health.progress)} against ${formatPercent(health.expected)} expected.`,
    md`Check-ins: ${health.checkIns.done} of ${health.checkIns.due}.`,
  ];
  if (changes.worsenedTotal > 0) {
    const named = changes.worsened.map(
      (item) => md`${item.ref} ${safe(item.title, 60)} (${statusLabel(item.status)})`,
    );
    sentences.push(
      md`${changes.since ? 'Worsened' : 'Needs attention'}: ${md.join(named, md`; `)}${changes.worsenedTotal > named.length ? ` and ${changes.worsenedTotal - named.length} more` : ''}.`,
    );
  }
  if (changes.recoveredTotal > 0) sentences.push(md`Recovered: ${changes.recoveredTotal}.`);
  if (top.risks.top[0])
    sentences.push(
      md`Top risk: ${top.risks.top[0].ref} ${safe(top.risks.top[0].title, 60)} (score ${top.risks.top[0].score}).`,
    );
  if (top.kpis.total > 0) sentences.push(md`KPIs outside thresholds: ${top.kpis.total}.`);
  return md.truncate(md.join(sentences, md` `), FALLBACK_MAX);
}

/** One thread reply: a heading with its part number and up to THREAD_PAGE_LINES lines. */
export function digestThreadMessage(page: ThreadPage): SlackMessage {
  const heading = md`*${page.title}*${page.parts > 1 ? ` (part ${page.part} of ${page.parts})` : ''}`;
  const items = page.lines.map((line) => md.truncate(threadLineText(line), THREAD_LINE_MAX));
  return {
    text: md.truncate(
      md`${page.title}${page.parts > 1 ? `, part ${page.part} of ${page.parts}` : ''}: ${plural(items.length, 'line')}.`,
      FALLBACK_MAX,
    ),
    blocks: [section(heading), ...packedSections(items)],
  };
}
