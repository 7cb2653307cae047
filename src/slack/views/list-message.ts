// Long lists (risks, KPIs, cycles) as one message that always fits Block Kit's limits.
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT, MAX_TOTAL_BLOCK_TEXT } from '../limits.ts';
import { type Mrkdwn, md } from '../mrkdwn.ts';
import { contextBlock, type SlackMessage, sectionBlock } from './message.ts';

// Slack refuses messages whose blocks hold much more than 12,000 characters in all; keep a margin.
const LIST_TEXT_BUDGET = MAX_TOTAL_BLOCK_TEXT - 1000;

/**
 * A heading and one line per item, packed into as few sections as fit Block Kit's limits (50 blocks,
 * 3000 characters a section, about 12,000 in all). Lines that do not fit are counted in "and N more".
 * The notification fallback is the heading and the count, escaped like the blocks.
 */
export function listMessage(heading: Mrkdwn, lines: readonly Mrkdwn[], narrowHint: Mrkdwn): SlackMessage {
  const sections: Mrkdwn[] = [];
  let used = heading.length;
  let shown = 0;
  for (const raw of lines) {
    const line = md.truncate(raw, 1000);
    const last = sections.at(-1);
    const fitsLast = last !== undefined && last.length + 1 + line.length <= MAX_SECTION_TEXT;
    // Two blocks stay free: the heading and the "and N more" note.
    if (!fitsLast && sections.length >= MAX_BLOCKS_PER_MESSAGE - 2) break;
    if (used + line.length + 1 > LIST_TEXT_BUDGET) break;
    if (fitsLast) sections[sections.length - 1] = md`${last}\n${line}`;
    else sections.push(line);
    used += line.length + 1;
    shown++;
  }
  const hidden = lines.length - shown;
  const blocks: NonNullable<SlackMessage['blocks']> = [sectionBlock(heading), ...sections.map(sectionBlock)];
  if (hidden > 0) {
    blocks.push(contextBlock(md`…and ${hidden} more. ${narrowHint}`));
  }
  const fallback = md`${heading}${hidden > 0 ? ` (${shown} shown, and ${hidden} more)` : ''}`;
  return { text: md.truncate(fallback, 3000), blocks };
}
