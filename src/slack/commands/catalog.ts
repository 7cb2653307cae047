// Every `/okr` subcommand, in the order help lists them.
import { FEATURES } from '../features/index.ts';
import { helpCommand } from './help.ts';
import type { CommandDef } from './types.ts';

export function buildCatalog(): CommandDef[] {
  const catalog: CommandDef[] = [];
  catalog.push(helpCommand(() => catalog));
  for (const feature of FEATURES) catalog.push(...feature.commands);
  return catalog;
}
