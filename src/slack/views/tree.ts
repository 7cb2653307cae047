// `/okr tree` as ephemeral messages. A big portfolio does not fit one message (50 blocks, ~12,000 characters
// of block text), so the tree is split into pages; a response_url takes only 5 posts, so past 5 pages the
// last one says how many objectives were left out and how to narrow the view.
import type { KnownBlock } from '@slack/types';
import { type StatusLevel, statusLabel } from '../../domain/status/index.ts';
import type { AlignmentTree, TreeKeyResult, TreeObjective } from '../../services/alignment-tree.ts';
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT, MAX_TOTAL_BLOCK_TEXT } from '../limits.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { contextBlock, type SlackMessage, sectionBlock } from './message.ts';
import {
  keyResultFigures,
  person,
  progressBar,
  reasonAfterBadge,
  statusBadge,
  statusEmoji,
} from './status-format.ts';

/** Slack allows five posts to one response_url. */
export const MAX_TREE_PAGES = 5;
/** Block text per page, with a margin under Slack's ~12,000 so rounding in Slack's count never bites. */
export const TREE_PAGE_TEXT_BUDGET = MAX_TOTAL_BLOCK_TEXT - 1000;
/** Room kept on every page for its heading and the closing "…and N more" line. */
const FRAME_TEXT = 600;
const FRAME_BLOCKS = 2;
/** One objective may take at most this much text; the rest of its key results are counted instead. */
const OBJECTIVE_TEXT_BUDGET = 5000;
const MAX_INDENT = 6;

export interface TreeHeading {
  /** e.g. md` · team *${name}*` or md` · owned by ${md.user(id)}`; empty for the whole tree. */
  scope: Mrkdwn;
}

export function treePages(
  tree: AlignmentTree,
  heading: TreeHeading,
  maxPages = MAX_TREE_PAGES,
): SlackMessage[] {
  const chunks = tree.objectives.map(objectiveSections);
  const pages = packPages(chunks);
  const shownPages = pages.slice(0, maxPages);
  const shownObjectives = shownPages.reduce((sum, page) => sum + page.objectives, 0);
  const hidden = tree.objectives.length - shownObjectives;
  const counted = tree.objectives.filter((o) => !o.context);
  const keyResults = counted.reduce((sum, o) => sum + o.keyResults.length, 0);
  const title = md`*Alignment tree · ${tree.cycleName}*${heading.scope}`;
  const totals = md`${plural(counted.length, 'objective')} · ${plural(keyResults, 'key result')} · ${statusCounts(counted.map((o) => o.status))}`;
  return shownPages.map((page, index) => {
    const pageNote = shownPages.length > 1 ? ` (page ${index + 1} of ${shownPages.length})` : '';
    const top: KnownBlock =
      index === 0
        ? section(md.truncate(md`${title}${pageNote}\n${totals}`, MAX_SECTION_TEXT))
        : context(md.truncate(md`${title}, continued${pageNote}`, MAX_SECTION_TEXT));
    const blocks: KnownBlock[] = [top, ...page.sections.map(section)];
    const last = index === shownPages.length - 1;
    if (last && hidden > 0) {
      blocks.push(
        context(
          md`…and ${plural(hidden, 'more objective')}: narrow with \`/okr tree <team>\` or \`/okr export\`.`,
        ),
      );
    }
    // The notification says the same as the first block, escaped the same way.
    const fallback = md`Alignment tree for ${tree.cycleName}: ${plural(counted.length, 'objective')}, ${plural(keyResults, 'key result')}${pageNote}`;
    return { text: md.truncate(fallback, 3000), blocks };
  });
}

interface Page {
  sections: Mrkdwn[];
  objectives: number;
  text: number;
}

/** Whole objectives per page, in order, within the block and text budgets. */
function packPages(chunks: readonly Mrkdwn[][]): Page[] {
  const pages: Page[] = [];
  let page: Page = { sections: [], objectives: 0, text: 0 };
  for (const chunk of chunks) {
    const size = chunk.reduce((sum, s) => sum + s.length, 0);
    const fits =
      page.sections.length + chunk.length <= MAX_BLOCKS_PER_MESSAGE - FRAME_BLOCKS &&
      page.text + size <= TREE_PAGE_TEXT_BUDGET - FRAME_TEXT;
    if (!fits && page.objectives > 0) {
      pages.push(page);
      page = { sections: [], objectives: 0, text: 0 };
    }
    page.sections.push(...chunk);
    page.objectives += 1;
    page.text += size;
  }
  if (page.objectives > 0) pages.push(page);
  return pages;
}

/** One objective as mrkdwn sections (usually one; more when its key results overflow a section). */
export function objectiveSections(objective: TreeObjective): Mrkdwn[] {
  const indent = '\u2003'.repeat(Math.min(objective.depth, MAX_INDENT));
  const inner = `${indent}\u2003`;
  const arrow = objective.depth > 0 ? '↳ ' : '';
  const team = objective.teamName ? md` · _${truncate(objective.teamName, 80)}_` : EMPTY;
  const head = md`${indent}${arrow}*${objective.ref}* ${truncate(objective.title, 150)}`;
  if (objective.context) {
    return [md`${head} · ${statusBadge(objective.status)} _(shown for context)_`];
  }
  const reason = reasonAfterBadge(objective.status, objective.reason);
  const lines = [
    md`${head} · ${person(objective.ownerSlackId)}${team}`,
    md`${inner}${progressBar(objective.progress)} · ${statusBadge(objective.status)}${reason}`,
    ...objective.marks.map((mark) => md`${inner}:warning: _${mark}_`),
  ];
  let used = lines.reduce((sum, line) => sum + line.length + 1, 0);
  let shown = 0;
  for (const kr of objective.keyResults) {
    const line = md`${inner}• ${keyResultLine(kr)}`;
    if (used + line.length + 1 > OBJECTIVE_TEXT_BUDGET) break;
    lines.push(line);
    used += line.length + 1;
    shown += 1;
  }
  const left = objective.keyResults.length - shown;
  if (left > 0)
    lines.push(md`${inner}…and ${plural(left, 'more key result')}: \`/okr show ${objective.ref}\``);
  return packLines(lines);
}

export function keyResultLine(kr: TreeKeyResult): Mrkdwn {
  return md`*${kr.ref}* ${truncate(kr.title, 100)} · ${progressBar(kr.progress)} · ${keyResultFigures(kr.figures)} · ${statusBadge(kr.status)}`;
}

/** Lines joined into as few sections as fit 3000 characters each. */
export function packLines(lines: readonly Mrkdwn[]): Mrkdwn[] {
  const sections: Mrkdwn[] = [];
  for (const raw of lines) {
    const line = md.truncate(raw, 1000);
    const last = sections.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= MAX_SECTION_TEXT) {
      sections[sections.length - 1] = md`${last}\n${line}`;
    } else {
      sections.push(line);
    }
  }
  return sections;
}

export function statusCounts(statuses: readonly StatusLevel[]): Mrkdwn {
  const count = (level: StatusLevel) => statuses.filter((s) => s === level).length;
  return md.join(
    (['on_track', 'at_risk', 'off_track'] as const).map(
      (level) => md`${statusEmoji(level)} ${count(level)} ${statusLabel(level)}`,
    ),
    md` · `,
  );
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const section = sectionBlock;
const context = contextBlock;
