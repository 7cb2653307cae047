// Every `/okr` subcommand, in the order help lists them.
import { helpCommand } from './help.ts';
import type { CommandDef } from './types.ts';

export function buildCatalog(): CommandDef[] {
  const catalog: CommandDef[] = [];
  catalog.push(helpCommand(() => catalog));
  return catalog;
}
