// `/okr tree` and `/okr show`: reading the plan. Everyone may read; nothing here changes anything.
import { alignmentTree, type TreeFilter } from '../../services/alignment-tree.ts';
import { type CycleView, currentCycle, findCycleByName, listCycles } from '../../services/cycles.ts';
import { itemDetails } from '../../services/item-details.ts';
import { listTeams } from '../../services/teams.ts';
import { looksLikePerson } from '../commands/mentions.ts';
import { resolveUser } from '../commands/resolve.ts';
import type { CommandContext } from '../commands/types.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { textMessage } from '../views/message.ts';
import { showMessage } from '../views/show.ts';
import { treePages } from '../views/tree.ts';
import type { Feature } from './feature.ts';

type TreeScope =
  | { ok: true; cycle: CycleView; filter: TreeFilter; label: Mrkdwn }
  | { ok: false; message: Mrkdwn };

const NO_CURRENT_CYCLE = md`There is no current cycle yet. A PMO admin creates one with \`/okr cycle add\` or picks one with \`/okr cycle current "2026 Q1"\`.`;

/** Yourself, so the Home tab can point at `/okr tree @me`. */
const ME = /^@?me$/i;

/**
 * What `/okr tree <words>` means: a cycle name first (the whole tree of that cycle), then a team name, then
 * a person (both within the current cycle). The label is ready for mrkdwn.
 */
async function treeScope(ctx: CommandContext): Promise<TreeScope> {
  const typed = ctx.args.positional.join(' ').trim();
  if (typed !== '') {
    const named = await findCycleByName(ctx.db, ctx.workspace.id, typed);
    if (named) return { ok: true, cycle: named, filter: { kind: 'all' }, label: EMPTY };
  }
  const cycle = await currentCycle(ctx.db, ctx.workspace.id);
  if (!cycle) return { ok: false, message: typed === '' ? NO_CURRENT_CYCLE : await unknownScope(ctx, typed) };
  if (typed === '') return { ok: true, cycle, filter: { kind: 'all' }, label: EMPTY };
  const teams = await listTeams(ctx.db, ctx.workspace.id);
  const team = teams.find((t) => t.name.toLowerCase() === typed.replace(/\s+/g, ' ').toLowerCase());
  if (team)
    return {
      ok: true,
      cycle,
      filter: { kind: 'team', teamId: team.id },
      label: md` · team *${team.name}*`,
    };
  if (ME.test(typed) || looksLikePerson(typed, ctx.args.refs)) {
    const person = ME.test(typed)
      ? { ok: true as const, id: ctx.member.slackUserId }
      : await resolveUser(ctx, typed);
    if (!person.ok) return { ok: false, message: md`${person.error}` };
    return {
      ok: true,
      cycle,
      filter: { kind: 'person', slackUserId: person.id },
      label: md` · owned by ${md.user(person.id)}`,
    };
  }
  return { ok: false, message: await unknownScope(ctx, typed) };
}

async function unknownScope(ctx: CommandContext, typed: string): Promise<Mrkdwn> {
  const [cycles, teams] = await Promise.all([
    listCycles(ctx.db, ctx.workspace.id),
    listTeams(ctx.db, ctx.workspace.id),
  ]);
  const names = (list: readonly { name: string }[]) =>
    list
      .slice(0, 8)
      .map((item) => item.name)
      .join(', ') + (list.length > 8 ? ', …' : '');
  const cycleHint = cycles.length ? md` (${names(cycles)})` : EMPTY;
  const teamHint = teams.length ? md` (${names(teams)})` : EMPTY;
  return md`There is no cycle, team or person called "${truncate(typed, 80)}". \`/okr tree\` takes a cycle name${cycleHint}, a team name${teamHint}, or a person (@dana, or @me); with nothing it shows the current cycle.`;
}

export const tree: Feature = {
  commands: [
    {
      name: 'tree',
      summary:
        'shows the alignment tree of the current cycle with progress and status; name a cycle, a team or a person to narrow it',
      example: '/okr tree Growth',
      access: 'everyone',
      async run(ctx) {
        const scope = await treeScope(ctx);
        if (!scope.ok) return ctx.reply(textMessage(scope.message));
        const now = ctx.clock.now();
        const found = await alignmentTree(ctx.db, ctx.workspace.id, scope.cycle.id, now, scope.filter);
        if (found.objectives.length === 0) {
          const hint =
            scope.filter.kind === 'all'
              ? md` A PMO admin adds one with \`/okr objective add\`.`
              : md` \`/okr tree\` shows them all.`;
          return ctx.reply(textMessage(md`No objectives in *${scope.cycle.name}*${scope.label} yet.${hint}`));
        }
        // Pages go out in order, one post each: a response_url takes five.
        for (const page of treePages(found, { scope: scope.label })) await ctx.reply(page);
      },
    },
    {
      name: 'show',
      summary:
        'shows one objective, key result, KPI or risk in full: status and reasons, history and recent changes',
      example: '/okr show KR-3',
      access: 'everyone',
      async run(ctx) {
        const [id] = ctx.args.positional;
        if (!id) {
          return ctx.reply({
            text: 'Name the item to show: `/okr show O-1`, `/okr show KR-3`, `/okr show KPI-2` or `/okr show R-1`. `/okr tree` lists them.',
          });
        }
        const found = await itemDetails(ctx.db, ctx.workspace.id, id, ctx.clock.now());
        if (!found.ok) return ctx.reply(textMessage(md`${found.error} \`/okr tree\` lists the ids.`));
        await ctx.reply(showMessage(found.item));
      },
    },
  ],
  forms: [],
};
