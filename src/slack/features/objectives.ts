// `/okr objective add | edit | align | archive | restore`
import type { Db } from '../../db/client.ts';
import { type Actor, actorOf } from '../../services/actor.ts';
import { currentCycle, listCycles } from '../../services/cycles.ts';
import {
  activeTeams,
  alignObjective,
  archiveObjective,
  createObjective,
  editObjective,
  findObjective,
  type ObjectiveAddInput,
  type ObjectiveEditInput,
  type ObjectiveView,
  parentCandidates,
  restoreObjective,
} from '../../services/objectives.ts';
import type { Note, Outcome } from '../../services/outcome.ts';
import { resolveUser } from '../commands/resolve.ts';
import { flagText } from '../commands/tokenize.ts';
import type { CommandContext } from '../commands/types.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { type Mrkdwn, md } from '../mrkdwn.ts';
import { type SlackMessage, textMessage } from '../views/message.ts';
import { type ObjectiveChoices, objectiveAddModal, objectiveEditModal } from '../views/modals/objective.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

/** "*O-4* Win the mid-market (company level, team Growth, owner @dana, under O-1)": what a confirmation names. */
function describe(o: ObjectiveView): Mrkdwn {
  const parts = [
    md`${o.level} level`,
    o.team ? md`team ${o.team}` : md`no team`,
    o.ownerSlackId ? md`owner ${md.user(o.ownerSlackId)}` : md`no owner`,
    o.parent ? md`aligned under ${o.parent}` : md`not aligned under another objective`,
    md`cycle ${o.cycle}`,
  ];
  return md`*${o.shortId}* ${o.title} (${md.join(parts, md`, `)})`;
}

const created = (o: ObjectiveView, notes: readonly Note[] = []) =>
  confirmationMessage(md`Created ${describe(o)}.`, notes);
const updated = (o: ObjectiveView, notes: readonly Note[] = []) =>
  confirmationMessage(md`Updated ${describe(o)}.`, notes);

const answer = (
  outcome: Outcome<ObjectiveView>,
  ok: (o: ObjectiveView, notes: readonly Note[]) => SlackMessage,
): SlackMessage => outcomeMessage(outcome, { objective: 'objective', parent: 'parent' }, ok);

/** An `--owner` flag as a Slack user id; `none` passes through so an edit can remove the owner. */
async function ownerFlag(
  ctx: CommandContext,
): Promise<{ ok: true; value: string | undefined } | { ok: false; error: string }> {
  const typed = flagText(ctx.args, 'owner');
  if (typed === undefined) return { ok: true, value: undefined };
  if (typed.trim().toLowerCase() === 'none') return { ok: true, value: 'none' };
  const resolved = await resolveUser(ctx, typed);
  return resolved.ok ? { ok: true, value: resolved.id } : resolved;
}

async function formChoices(
  db: Db,
  workspaceId: number,
  cycleId: number | undefined,
): Promise<ObjectiveChoices> {
  const [teams, cycles, parents] = await Promise.all([
    activeTeams(db, workspaceId),
    listCycles(db, workspaceId),
    cycleId === undefined ? Promise.resolve([]) : parentCandidates(db, workspaceId, cycleId),
  ]);
  return {
    teams: teams.map((t) => ({ value: String(t.id), label: t.name })),
    cycles: cycles.map((c) => ({ value: String(c.id), label: c.name })),
    parents: parents.map((p) => ({ value: p.shortId, label: `${p.shortId} ${p.title}` })),
  };
}

/** The edit form's choices, with the objective's own team and parent offered even when archived or not listed. */
async function editChoices(
  db: Db,
  workspaceId: number,
  objective: ObjectiveView,
): Promise<{ choices: ObjectiveChoices; teamId?: string }> {
  const choices = await formChoices(db, workspaceId, objective.cycleId);
  const teamId = objective.teamId === null ? undefined : String(objective.teamId);
  if (teamId && objective.team && !choices.teams.some((t) => t.value === teamId))
    choices.teams.push({ value: teamId, label: objective.team });
  if (objective.parent && !choices.parents.some((p) => p.value === objective.parent)) {
    const parent = await findObjective(db, workspaceId, objective.parent);
    if (parent.ok)
      choices.parents.push({
        value: parent.objective.shortId,
        label: `${parent.objective.shortId} ${parent.objective.title}`,
      });
  }
  return { choices, ...(teamId ? { teamId } : {}) };
}

/** Selects carry ids (names can be longer than an option value allows); services take names. */
async function teamName(db: Db, workspaceId: number, id: string | undefined): Promise<string | undefined> {
  if (!id || !/^\d+$/.test(id)) return undefined;
  const team = await db.team.findFirst({ where: { id: Number(id), workspaceId }, select: { name: true } });
  return team?.name;
}

async function cycleName(db: Db, workspaceId: number, id: string | undefined): Promise<string | undefined> {
  if (!id || !/^\d+$/.test(id)) return undefined;
  const cycle = await db.cycle.findFirst({ where: { id: Number(id), workspaceId }, select: { name: true } });
  return cycle?.name;
}

interface AddForm extends Omit<ObjectiveAddInput, 'team' | 'cycle'> {
  teamId: string | undefined;
  cycleId: string | undefined;
}

interface EditForm extends Omit<ObjectiveEditInput, 'team'> {
  teamId: string | null;
}

async function submitAdd(db: Db, actor: Actor, form: AddForm): Promise<Outcome<ObjectiveView>> {
  const { teamId, cycleId, ...rest } = form;
  const [team, cycle] = await Promise.all([
    teamName(db, actor.workspaceId, teamId),
    cycleName(db, actor.workspaceId, cycleId),
  ]);
  return createObjective(db, actor, { ...rest, team, cycle });
}

async function submitEdit(db: Db, actor: Actor, form: EditForm): Promise<Outcome<ObjectiveView>> {
  const { teamId, ...rest } = form;
  const team = teamId === null ? null : ((await teamName(db, actor.workspaceId, teamId)) ?? null);
  return editObjective(db, actor, { ...rest, team });
}

export const objectives: Feature = {
  commands: [
    {
      name: 'objective add',
      summary: 'adds an objective to a cycle; without arguments opens a form',
      example:
        '/okr objective add "Win the mid-market" --level team --team Growth --owner @dana --parent O-1',
      access: 'admin',
      async run(ctx) {
        if (ctx.text.trim() === '') {
          const cycle = await currentCycle(ctx.db, ctx.workspace.id);
          const choices = await formChoices(ctx.db, ctx.workspace.id, cycle?.id);
          if (choices.cycles.length === 0) {
            await ctx.reply({
              text: md`There is no cycle yet: create one with \`/okr cycle add\`, then add objectives to it.`,
            });
            return;
          }
          await ctx.client.views.open({
            trigger_id: ctx.triggerId,
            view: objectiveAddModal(choices, cycle ? String(cycle.id) : undefined),
          });
          return;
        }
        const owner = await ownerFlag(ctx);
        if (!owner.ok) {
          await ctx.reply(problemsMessage({ owner: owner.error }));
          return;
        }
        const team = flagText(ctx.args, 'team');
        const outcome = await createObjective(ctx.db, actorOf(ctx.member), {
          title: ctx.args.positional.join(' ') || undefined,
          description: flagText(ctx.args, 'description'),
          // A team named without a level means a team objective, not "company level, team Growth".
          level: flagText(ctx.args, 'level') ?? (team ? 'team' : undefined),
          team,
          owner: owner.value,
          parent: flagText(ctx.args, 'parent'),
          cycle: flagText(ctx.args, 'cycle'),
        });
        await ctx.reply(answer(outcome, created));
      },
    },
    {
      name: 'objective edit',
      summary: 'changes the fields you name; with only the id opens a prefilled form',
      example: '/okr objective edit O-3 --title "Win the enterprise" --owner @dana',
      access: 'admin',
      async run(ctx) {
        const [id] = ctx.args.positional;
        if (!id) {
          await ctx.reply({
            text: md`Say which objective to edit: \`/okr objective edit O-3\` opens it in a form.`,
          });
          return;
        }
        if (Object.keys(ctx.args.flags).length === 0) {
          const found = await findObjective(ctx.db, ctx.workspace.id, id);
          if (!found.ok) {
            await ctx.reply(textMessage(md`${found.error}`));
            return;
          }
          const { choices, teamId } = await editChoices(ctx.db, ctx.workspace.id, found.objective);
          await ctx.client.views.open({
            trigger_id: ctx.triggerId,
            view: objectiveEditModal(found.objective, choices, teamId ? { teamId } : {}),
          });
          return;
        }
        const owner = await ownerFlag(ctx);
        if (!owner.ok) {
          await ctx.reply(problemsMessage({ owner: owner.error }));
          return;
        }
        const outcome = await editObjective(ctx.db, actorOf(ctx.member), {
          objective: id,
          title: flagText(ctx.args, 'title'),
          description: flagText(ctx.args, 'description'),
          level: flagText(ctx.args, 'level'),
          team: flagText(ctx.args, 'team'),
          owner: owner.value,
          parent: flagText(ctx.args, 'parent'),
        });
        await ctx.reply(answer(outcome, updated));
      },
    },
    {
      name: 'objective align',
      summary: 'aligns an objective under a parent objective (none removes the alignment)',
      example: '/okr objective align O-5 O-1',
      access: 'admin',
      async run(ctx) {
        const [child, parent] = ctx.args.positional;
        if (!child || !parent) {
          await ctx.reply({
            text: md`Name the objective and its parent: \`/okr objective align O-5 O-1\` (or \`O-5 none\` to remove the alignment).`,
          });
          return;
        }
        const outcome = await alignObjective(ctx.db, actorOf(ctx.member), { objective: child, parent });
        await ctx.reply(
          answer(outcome, (o, notes) =>
            confirmationMessage(
              o.parent
                ? md`*${o.shortId}* ${o.title} is now aligned under *${o.parent}*.`
                : md`*${o.shortId}* ${o.title} is no longer aligned under another objective.`,
              notes,
            ),
          ),
        );
      },
    },
    {
      name: 'objective archive',
      summary: 'archives an objective, keeping its key results; restore brings it back',
      example: '/okr objective archive O-3',
      access: 'admin',
      async run(ctx) {
        const outcome = await archiveObjective(
          ctx.db,
          actorOf(ctx.member),
          ctx.args.positional[0],
          ctx.clock.now(),
        );
        await ctx.reply(
          answer(outcome, (o) =>
            confirmationMessage(
              md`Archived *${o.shortId}* ${o.title}. Its key results are kept; \`/okr objective restore ${o.shortId}\` brings it back.`,
            ),
          ),
        );
      },
    },
    {
      name: 'objective restore',
      summary: 'brings an archived objective back',
      example: '/okr objective restore O-3',
      access: 'admin',
      async run(ctx) {
        const outcome = await restoreObjective(ctx.db, actorOf(ctx.member), ctx.args.positional[0]);
        await ctx.reply(answer(outcome, (o) => confirmationMessage(md`Restored *${o.shortId}* ${o.title}.`)));
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.objectiveAdd,
      adminOnly: true,
      toInput: (form): AddForm => ({
        title: text(form.title),
        description: text(form.description),
        level: text(form.level),
        teamId: text(form.team),
        owner: text(form.owner),
        parent: text(form.parent),
        cycleId: text(form.cycle),
      }),
      submit: (services, actor, input: AddForm) => submitAdd(services.db, actor, input),
      confirmation: (o: ObjectiveView, notes: readonly Note[]) => created(o, notes),
    },
    {
      callbackId: CALLBACK.objectiveEdit,
      adminOnly: true,
      // An emptied field in the form means "remove it", unlike a flag left out of a typed edit.
      toInput: (form, privateMetadata): EditForm => ({
        objective: privateMetadata,
        title: text(form.title),
        description: text(form.description) ?? '',
        level: text(form.level),
        teamId: text(form.team) ?? null,
        owner: text(form.owner) ?? null,
        parent: text(form.parent) ?? null,
      }),
      submit: (services, actor, input: EditForm) => submitEdit(services.db, actor, input),
      confirmation: (o: ObjectiveView, notes: readonly Note[]) => updated(o, notes),
    },
  ],
};
