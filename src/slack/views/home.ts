// The App Home tab: what the person owns, at a glance. A Home view takes at most 100 blocks and 250 KB, so
// past either the tail is cut and counted, with a pointer to `/okr tree @me` for the full list.
import type { KnownBlock, View } from '@slack/types';
import { isoFromDate } from '../../domain/dates.ts';
import { statusLabel } from '../../domain/status/index.ts';
import type { HomeKeyResult, HomeModel, StatusCounts } from '../../services/home.ts';
import type { HomeCheckIns } from '../../services/home-check-ins.ts';
import type { RiskView } from '../../services/risks.ts';
import { MAX_BLOCKS_PER_VIEW, MAX_SECTION_TEXT } from '../limits.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { checkInActions, checkInMark } from './check-ins/home-check-in.ts';
import {
  amount,
  bandBadge,
  keyResultFigures,
  progressBar,
  reasonAfterBadge,
  slackDate,
  statusBadge,
  statusEmoji,
} from './status-format.ts';
import { packLines } from './tree.ts';

/** Text across the whole view, well under 250 KB even when every character takes three bytes. */
export const HOME_TEXT_BUDGET = 60_000;

interface Piece {
  block: KnownBlock;
  /** How many of the person's items this block shows, for the "…and N more" count. */
  items: number;
}

export function homeView(model: HomeModel, now: Date, checkIns?: HomeCheckIns): View {
  const pieces: Piece[] = [
    { block: header(model.cycleName ? `Your OKRs · ${model.cycleName}` : 'Your OKRs'), items: 0 },
    {
      block: context(
        md`Updated ${slackDate(now)}. \`/okr tree\` shows the whole plan, \`/okr show KR-3\` any item in full.`,
      ),
      items: 0,
    },
  ];
  if (checkIns) pieces.push({ block: checkInActions(checkIns), items: 0 });
  if (model.portfolio && model.cycleName) pieces.push(...portfolioPieces(model.cycleName, model.portfolio));
  const owned = [
    ...objectivePieces(model),
    ...keyResultPieces(model, checkIns),
    ...kpiPieces(model, checkIns),
    ...riskPieces(model.risks),
  ];
  if (owned.length === 0)
    pieces.push({ block: section(emptyState(model.cycleName, model.portfolio !== null)), items: 0 });
  pieces.push(...owned);
  return { type: 'home', blocks: withinLimits(pieces) };
}

/** Blocks within the view's limits; what is cut is counted in a last line. */
function withinLimits(pieces: readonly Piece[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let text = 0;
  let cutAt = pieces.length;
  for (const [i, piece] of pieces.entries()) {
    const size = JSON.stringify(piece.block).length;
    // One block stays free for the "…and N more" line.
    if (blocks.length >= MAX_BLOCKS_PER_VIEW - 1 || text + size > HOME_TEXT_BUDGET) {
      cutAt = i;
      break;
    }
    blocks.push(piece.block);
    text += size;
  }
  const hidden = pieces.slice(cutAt).reduce((sum, piece) => sum + piece.items, 0);
  if (hidden > 0) {
    blocks.push(context(md`…and ${hidden} more — use \`/okr tree @me\` to see all of yours.`));
  }
  return blocks;
}

function portfolioPieces(
  cycleName: string,
  counts: { objectives: StatusCounts; keyResults: StatusCounts },
): Piece[] {
  const line = (label: string, c: StatusCounts) =>
    md`${label}: ${md.join(
      (['on_track', 'at_risk', 'off_track'] as const).map(
        (level) => md`${statusEmoji(level)} ${c[level]} ${statusLabel(level)}`,
      ),
      md` · `,
    )}`;
  return [
    {
      block: section(
        md`*Portfolio · ${cycleName}*\n${line('Objectives', counts.objectives)}\n${line('Key results', counts.keyResults)}`,
      ),
      items: 0,
    },
    { block: { type: 'divider' }, items: 0 },
  ];
}

function objectivePieces(model: HomeModel): Piece[] {
  if (model.objectives.length === 0) return [];
  const lines = model.objectives.map((o) => {
    const krs = `${o.keyResults} key ${o.keyResults === 1 ? 'result' : 'results'}`;
    const status = o.status ? statusBadge(o.status) : md`_not evaluated yet_`;
    return md`• *${o.ref}* ${truncate(o.title, 120)} · ${krs} · ${status}`;
  });
  return [
    { block: section(md`*Your objectives* (${model.objectives.length})`), items: 0 },
    ...linePieces(lines),
  ];
}

function keyResultPieces(model: HomeModel, checkIns?: HomeCheckIns): Piece[] {
  if (model.keyResultGroups.length === 0) return [];
  const count = model.keyResultGroups.reduce((sum, g) => sum + g.keyResults.length, 0);
  const pieces: Piece[] = [{ block: section(md`*Your key results* (${count})`), items: 0 }];
  for (const group of model.keyResultGroups) {
    const lines = [
      md`*${group.objective.ref}* ${truncate(group.objective.title, 150)}`,
      ...group.keyResults.map((kr) => md`${keyResultLines(kr)}${checkInMark(kr.ref, checkIns)}`),
    ];
    const sections = packLines(lines);
    // Items are counted on the group's first block so a cut group is counted whole.
    sections.forEach((text, i) => {
      pieces.push({ block: section(text), items: i === 0 ? group.keyResults.length : 0 });
    });
  }
  return pieces;
}

function keyResultLines(kr: HomeKeyResult): Mrkdwn {
  const reason = reasonAfterBadge(kr.status, kr.reason);
  const last = kr.lastCheckIn
    ? md`last check-in ${isoFromDate(kr.lastCheckIn.date)}: ${kr.figures.kind === 'boolean' ? (kr.lastCheckIn.value >= 1 ? 'done' : 'not done') : amount(kr.lastCheckIn.value, kr.figures.unit)}${kr.lastCheckIn.confidence === null ? '' : `, confidence ${kr.lastCheckIn.confidence}/10`}`
    : md`no check-in yet`;
  return md`• *${kr.ref}* ${truncate(kr.title, 100)} · ${progressBar(kr.progress)} · ${keyResultFigures(kr.figures)}\n\u2003${statusBadge(kr.status)}${reason} · _${last}_`;
}

function kpiPieces(model: HomeModel, checkIns?: HomeCheckIns): Piece[] {
  if (model.kpis.length === 0) return [];
  const lines = model.kpis.map((k) => {
    const latest = k.latest
      ? md`*${amount(k.latest.value, k.unit)}* (${k.latest.period})`
      : md`_no reading yet_`;
    const reason = reasonAfterBadge(k.status, k.reason);
    return md`• *${k.ref}* ${truncate(k.title, 100)} · ${latest} · ${bandBadge(k.band)} · ${statusBadge(k.status)}${reason}${checkInMark(k.ref, checkIns)}`;
  });
  return [{ block: section(md`*Your KPIs* (${model.kpis.length})`), items: 0 }, ...linePieces(lines)];
}

function riskPieces(risks: readonly RiskView[]): Piece[] {
  if (risks.length === 0) return [];
  const lines = risks.map((r) => {
    const on = r.linked ? md` · on *${r.linked.ref}*` : EMPTY;
    const status = r.status === 'open' ? EMPTY : md` _(${r.status})_`;
    return md`• *${r.ref}* score ${r.score} (${r.likelihood}×${r.impact}) ${truncate(r.title, 120)}${status}${on}`;
  });
  return [{ block: section(md`*Your open risks* (${risks.length})`), items: 0 }, ...linePieces(lines)];
}

/** One line per item, packed into sections of at most 3000 characters, each counting the items it holds. */
function linePieces(lines: readonly Mrkdwn[]): Piece[] {
  const pieces: Array<{ text: Mrkdwn; items: number }> = [];
  for (const raw of lines) {
    const line = md.truncate(raw, 1000);
    const last = pieces.at(-1);
    if (last && last.text.length + 1 + line.length <= MAX_SECTION_TEXT) {
      last.text = md`${last.text}\n${line}`;
      last.items += 1;
    } else {
      pieces.push({ text: line, items: 1 });
    }
  }
  return pieces.map((piece) => ({ block: section(piece.text), items: piece.items }));
}

function emptyState(cycleName: string | null, seesPortfolio: boolean): Mrkdwn {
  const where = cycleName ? md` in ${cycleName}` : EMPTY;
  // Leaders and admins watch more than they own: point at what they can follow rather than only wait.
  if (seesPortfolio)
    return md`*You own nothing${where} yet.*
The counts above are the whole cycle. \`/okr tree\` shows every objective with its status, \`/okr tree Growth\` one team's, and \`/okr risks\` the open risks.
When you own an objective, a key result, a KPI or a risk, it shows up here with its status.`;
  return md`*Nothing of yours to track yet${where}.*
When a PMO admin makes you the owner of an objective, a key result, a KPI or a risk, it shows up here with its status.
Meanwhile \`/okr tree\` shows the whole plan and \`/okr help\` what you can do.`;
}

function plainHeader(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), 150);
}

const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: plainHeader(text) },
});
const section = (text: Mrkdwn): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: md.truncate(text, MAX_SECTION_TEXT).text },
});
const context = (text: Mrkdwn): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: text.text }],
});
