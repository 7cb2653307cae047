// The --options each subcommand reads. A flag outside its list is refused with the closest known one,
// so `--ownr @bob` can no longer pass silently and leave the item without an owner. Commands not listed
// here read no generic flags (or parse their own words, as `team add --members` does).
import { closest } from '../../domain/closest.ts';
import type { ParsedArgs } from './tokenize.ts';

const KEY_RESULT = [
  'title',
  'owner',
  'kind',
  'from',
  'start',
  'to',
  'target',
  'unit',
  'weight',
  'curve',
  'milestones',
];
const KPI = ['title', 'owner', 'team', 'target', 'green', 'amber', 'direction', 'cadence', 'unit'];
const RISK = ['title', 'description', 'owner', 'on', 'likelihood', 'impact', 'mitigation', 'status'];

export const KNOWN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  'cycle add': ['start', 'end', 'current'],
  export: ['cycle', 'format'],
  'objective add': ['description', 'level', 'team', 'owner', 'parent', 'cycle'],
  'objective edit': ['title', 'description', 'level', 'team', 'owner', 'parent'],
  'kr add': KEY_RESULT,
  'kr edit': KEY_RESULT,
  'kpi add': KPI,
  'kpi edit': KPI,
  'kpi thresholds': ['target', 'green', 'amber'],
  'risk add': RISK,
  'risk edit': RISK,
  'risk close': ['note'],
  update: ['confidence', 'comment', 'blockers'],
};

/** The answer to the first unknown flag, or undefined when every flag is one the command reads. */
export function unknownFlagMessage(command: string, args: ParsedArgs): string | undefined {
  const known = KNOWN_FLAGS[command];
  if (!known) return undefined;
  const unknown = Object.keys(args.flags).find((flag) => !known.includes(flag));
  if (unknown === undefined) return undefined;
  const guess = closest(unknown, known);
  const options = known.map((flag) => `--${flag}`).join(', ');
  return `\`/okr ${command}\` has no option --${unknown}${guess ? `: did you mean --${guess}?` : '.'} Nothing was changed. Its options: ${options}.`;
}
