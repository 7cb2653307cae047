// Finds the subcommand a piece of `/okr` text names: the longest run of leading words that matches.
import { closest } from '../../domain/closest.ts';
import type { CommandDef } from './types.ts';

export type Route =
  | { kind: 'found'; command: CommandDef; rest: string }
  | { kind: 'unknown'; typed: string; suggestion: string | undefined };

export function route(commands: readonly CommandDef[], text: string): Route {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).filter(Boolean);
  const byName = new Map(commands.map((command) => [command.name, command]));
  for (let length = Math.min(2, words.length); length >= 1; length--) {
    const name = words.slice(0, length).join(' ').toLowerCase();
    const command = byName.get(name);
    if (command) return { kind: 'found', command, rest: restAfter(trimmed, length) };
  }
  const typed = words.slice(0, 2).join(' ').toLowerCase() || '';
  return { kind: 'unknown', typed, suggestion: suggest(typed, [...byName.keys()]) };
}

/**
 * The command someone probably meant, read word by word: `obj add` → `objective add` (not `kr add`,
 * which is fewer letters away), `add objective` → `objective add`, `kpis` → `kpi list`.
 */
export function suggest(typed: string, names: readonly string[]): string | undefined {
  const [first = '', second] = typed.split(' ');
  if (second !== undefined && names.includes(`${second} ${first}`)) return `${second} ${first}`;
  const groups = [...new Set(names.map((name) => name.split(' ')[0]!))];
  const group = closest(first, groups);
  if (group) {
    const inGroup = names.filter((name) => name === group || name.startsWith(`${group} `));
    if (second === undefined)
      return (
        inGroup.find((name) => name === group) ?? inGroup.find((name) => / list$/.test(name)) ?? inGroup[0]
      );
    const verb = closest(second, inGroup.map((name) => name.slice(group.length + 1)).filter(Boolean));
    if (verb) return `${group} ${verb}`;
  }
  return closest(typed, names);
}

function restAfter(text: string, wordCount: number): string {
  let rest = text;
  for (let i = 0; i < wordCount; i++) rest = rest.replace(/^\s*\S+/, '');
  return rest.trim();
}
