/**
 * Milestones packed into one CSV cell: `Design:1:done|Build:2|Launch`. Each milestone is a title,
 * optionally followed by `:weight` and/or `:done`/`:todo`. Backslash escapes `|`, `:` and itself so
 * any title survives the round trip.
 */
import type { PlanMilestone } from './schema.ts';

export interface RawMilestone {
  title: string;
  weight?: string;
  done?: boolean;
}

export type MilestoneDecodeResult = { ok: true; milestones: RawMilestone[] } | { ok: false; error: string };

export function encodeMilestones(milestones: readonly PlanMilestone[]): string {
  return milestones
    .map((m) => {
      let cell = escapeTitle(m.title);
      if (m.weight !== undefined) cell += `:${m.weight}`;
      if (m.done !== undefined) cell += m.done ? ':done' : ':todo';
      return cell;
    })
    .join('|');
}

function escapeTitle(title: string): string {
  return title.replace(/[\\|:]/g, (ch) => `\\${ch}`);
}

/** Split on unescaped separators, keeping escapes so the next level can split again. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function unescapeSeparators(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

export function decodeMilestones(cell: string): MilestoneDecodeResult {
  const milestones: RawMilestone[] = [];
  for (const [index, item] of splitUnescaped(cell, '|').entries()) {
    const [rawTitle = '', ...options] = splitUnescaped(item, ':');
    const title = unescapeSeparators(rawTitle).trim();
    const where = `milestone ${index + 1}`;
    if (!title) return { ok: false, error: `${where} has no title (expected e.g. Design:1:done|Build:2)` };
    const milestone: RawMilestone = { title };
    for (const option of options.map((o) => unescapeSeparators(o).trim())) {
      if (option === '') continue;
      const word = option.toLowerCase();
      if (word === 'done' || word === 'todo') {
        if (milestone.done !== undefined)
          return { ok: false, error: `${where} ("${title}") says done/todo twice` };
        milestone.done = word === 'done';
      } else if (milestone.weight === undefined) milestone.weight = option;
      else {
        return {
          ok: false,
          error: `${where} ("${title}") has an unexpected part "${option}"; expected title:weight:done (write \\: for a colon in a title)`,
        };
      }
    }
    milestones.push(milestone);
  }
  return { ok: true, milestones };
}
