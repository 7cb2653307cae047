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
  const names = [...byName.keys()];
  const suggestion = closest(typed, names) ?? closest(words[0]?.toLowerCase() ?? '', names);
  return { kind: 'unknown', typed, suggestion };
}

function restAfter(text: string, wordCount: number): string {
  let rest = text;
  for (let i = 0; i < wordCount; i++) rest = rest.replace(/^\s*\S+/, '');
  return rest.trim();
}
