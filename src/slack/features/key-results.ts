// `/okr kr add | edit | owner | archive | restore | milestone`: the key results under objectives.

import { formatNumber } from '../../domain/numbers/index.ts';
import { canChangeOwnedItem } from '../../domain/permissions.ts';
import { actorOf } from '../../services/actor.ts';
import { recordCheckIn } from '../../services/check-ins.ts';
import { flagAfterCheckIn } from '../../services/flags.ts';
import {
  addKeyResult,
  archiveKeyResult,
  editKeyResult,
  findKeyResult,
  type KeyResultChange,
  type KeyResultEditInput,
  type KeyResultView,
  markMilestone,
  objectiveChoices,
  restoreKeyResult,
} from '../../services/key-results.ts';
import type { Note, Outcome } from '../../services/outcome.ts';
import { resolveUser } from '../commands/resolve.ts';
import { flagText } from '../commands/tokenize.ts';
import type { CommandContext, CommandDef } from '../commands/types.ts';
import { type FormValue, text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { ownedRefusalMessage } from '../views/errors.ts';
import { type SlackMessage, textMessage } from '../views/message.ts';
import { keyResultAddModal, keyResultEditModal } from '../views/modals/key-result.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import { targetText } from '../views/status-format.ts';
import type { Feature } from './feature.ts';

/** How the fields are typed on the command line, for problem lists. */
const FLAG_NAMES: Record<string, string> = {
  id: 'key result',
  start: '--from',
  target: '--to',
  unit: '--unit',
  owner: '--owner',
  kind: '--kind',
  weight: '--weight',
  curve: '--curve',
  milestones: '--milestones',
  position: 'milestone',
};

// ---------------------------------------------------------------------------------------------------------
// How a key result reads in replies (all user text escaped)

function measure(kr: KeyResultView): Mrkdwn {
  const milestones = kr.milestones.map(
    (m) =>
      md`${m.position}. ${m.title}${m.weight === 1 ? '' : ` (weight ${formatNumber(m.weight)})`}${m.done ? ' ✓' : ''}`,
  );
  return targetText(kr, md`${kr.milestones.length} milestones: ${md.join(milestones, md`, `)}`);
}

function summary(kr: KeyResultView): Mrkdwn {
  const owner = kr.ownerSlackId ? md`owner ${md.user(kr.ownerSlackId)}` : md`no owner`;
  const curve = kr.curve === 'linear' ? EMPTY : md`, ${kr.curve.replace('_', '-')} progress`;
  return md`${measure(kr)}; ${owner}, weight ${formatNumber(kr.weight)}${curve}.`;
}

const created = (kr: KeyResultView, notes: readonly Note[]) =>
  confirmationMessage(md`Created *${kr.ref}* under *${kr.objectiveRef}*: ${kr.title}\n${summary(kr)}`, notes);

const edited = ({ keyResult: kr, changed }: KeyResultChange, notes: readonly Note[]) =>
  changed.length === 0
    ? confirmationMessage(md`*${kr.ref}* already had those values; nothing was changed.`)
    : confirmationMessage(
        md`Updated *${kr.ref}* (${changed.join(', ')}): ${kr.title}\n${summary(kr)}`,
        notes,
      );

async function replyWith<T>(
  ctx: CommandContext,
  outcome: Outcome<T>,
  message: (value: T, notes: readonly Note[]) => SlackMessage,
) {
  await ctx.reply(outcomeMessage(outcome, FLAG_NAMES, message));
}

// ---------------------------------------------------------------------------------------------------------
// Commands

/** `--owner @dana` as a Slack id; undefined when absent, an error reply when it names nobody. */
async function ownerFlag(
  ctx: CommandContext,
  token: string | undefined,
): Promise<{ ok: true; id?: string } | { ok: false }> {
  if (!token) return { ok: true };
  const resolved = await resolveUser(ctx, token);
  if (resolved.ok) return { ok: true, id: resolved.id };
  await ctx.reply(problemsMessage({ owner: resolved.error }, FLAG_NAMES));
  return { ok: false };
}

async function openAddForm(ctx: CommandContext, objective: string | undefined): Promise<void> {
  const choices = await objectiveChoices(ctx.db, ctx.workspace.id);
  if (choices.length === 0) {
    await ctx.reply({
      text: md`There are no open objectives in the current cycle to add a key result to. Create one with \`/okr objective add\`, or name one: \`/okr kr add O-3 "Reach 15% market share" --from 8 --to 15\`.`,
    });
    return;
  }
  const initial = choices.find((c) => c.ref.toLowerCase() === objective?.toLowerCase())?.ref;
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: keyResultAddModal(choices, initial) });
}

/** Opens the prefilled edit form, after the same checks the service makes, so nobody fills in a form in vain. */
async function openEditForm(ctx: CommandContext, id: string): Promise<void> {
  const found = await findKeyResult(ctx.db, ctx.workspace.id, id);
  if (!found.ok) {
    await ctx.reply(textMessage(md`${found.error}`));
    return;
  }
  const kr = found.keyResult;
  if (!canChangeOwnedItem({ memberId: ctx.member.id, role: ctx.member.role }, kr.ownerMemberId)) {
    await ctx.reply(ownedRefusalMessage(kr.ref, kr.ownerSlackId));
    return;
  }
  if (kr.archived) {
    await ctx.reply(
      textMessage(md`${kr.ref} is archived: restore it first with \`/okr kr restore ${kr.ref}\`.`),
    );
    return;
  }
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: keyResultEditModal(kr) });
}

function hasFlags(ctx: CommandContext): boolean {
  return Object.keys(ctx.args.flags).length > 0;
}

/** The fields both `kr add` and `kr edit` take as flags; --start/--target are accepted for --from/--to. */
function flagFields(ctx: CommandContext) {
  return {
    kind: flagText(ctx.args, 'kind'),
    unit: flagText(ctx.args, 'unit'),
    start: flagText(ctx.args, 'from') ?? flagText(ctx.args, 'start'),
    target: flagText(ctx.args, 'to') ?? flagText(ctx.args, 'target'),
    weight: flagText(ctx.args, 'weight'),
    curve: flagText(ctx.args, 'curve'),
    milestones: flagText(ctx.args, 'milestones'),
  };
}

/** `kr archive` and `kr restore`: the same command both ways but for the word and the answer. */
function archiveCommand(archiving: boolean): CommandDef {
  const word = archiving ? 'archive' : 'restore';
  const example = `/okr kr ${word} KR-3`;
  return {
    name: `kr ${word}`,
    summary: archiving ? 'archives a key result (it can be restored)' : 'restores an archived key result',
    example,
    access: 'admin',
    async run(ctx) {
      const [id] = ctx.args.positional;
      if (!id) {
        await ctx.reply({ text: md`Name the key result to ${word}: \`${example}\`.` });
        return;
      }
      const actor = actorOf(ctx.member);
      const outcome = archiving
        ? await archiveKeyResult(ctx.db, actor, id, ctx.clock.now())
        : await restoreKeyResult(ctx.db, actor, id);
      await replyWith(ctx, outcome, (kr) =>
        confirmationMessage(
          archiving
            ? md`Archived *${kr.ref}*: ${kr.title}. Bring it back with \`/okr kr restore ${kr.ref}\`.`
            : md`Restored *${kr.ref}*: ${kr.title}.`,
        ),
      );
    },
  };
}

export const keyResults: Feature = {
  commands: [
    {
      name: 'kr add',
      summary: 'adds a key result to an objective; without arguments opens a form',
      example: '/okr kr add O-3 "Reach 15% market share" --from 8 --to 15 --unit % --owner @dana',
      access: 'admin',
      async run(ctx) {
        const [objective, ...titleWords] = ctx.args.positional;
        const title = flagText(ctx.args, 'title') ?? titleWords.join(' ');
        if (!objective || (!title && !hasFlags(ctx))) {
          await openAddForm(ctx, objective);
          return;
        }
        const owner = await ownerFlag(ctx, flagText(ctx.args, 'owner'));
        if (!owner.ok) return;
        const outcome = await addKeyResult(
          ctx.db,
          actorOf(ctx.member),
          { objective, title, owner: owner.id, ...flagFields(ctx) },
          ctx.clock.now(),
        );
        await replyWith(ctx, outcome, created);
      },
    },
    {
      name: 'kr edit',
      summary: 'changes a key result (owners: title, unit, curve, milestones); with only its id opens a form',
      example: '/okr kr edit KR-3 --to 20 --title "Reach 20% market share"',
      access: 'owner',
      async run(ctx) {
        const [id, ...titleWords] = ctx.args.positional;
        if (!id) {
          await ctx.reply({
            text: md`Name the key result: \`/okr kr edit KR-3\` opens its form, \`/okr kr edit KR-3 --to 20\` changes it at once.`,
          });
          return;
        }
        if (titleWords.length === 0 && !hasFlags(ctx)) {
          await openEditForm(ctx, id);
          return;
        }
        const owner = await ownerFlag(ctx, flagText(ctx.args, 'owner'));
        if (!owner.ok) return;
        const input: KeyResultEditInput = {
          id,
          title: flagText(ctx.args, 'title') ?? (titleWords.join(' ') || undefined),
          owner: owner.id,
          ...flagFields(ctx),
        };
        await replyWith(
          ctx,
          await editKeyResult(ctx.db, actorOf(ctx.member), input, ctx.clock.now()),
          edited,
        );
      },
    },
    {
      name: 'kr owner',
      summary: 'hands a key result to another owner; with only its id opens the form',
      example: '/okr kr owner KR-3 @dana',
      access: 'admin',
      async run(ctx) {
        const [id, who] = ctx.args.positional;
        if (!id) {
          await ctx.reply({ text: md`Name the key result and its new owner: \`/okr kr owner KR-3 @dana\`.` });
          return;
        }
        if (!who) {
          await openEditForm(ctx, id);
          return;
        }
        const owner = await ownerFlag(ctx, who);
        if (!owner.ok) return;
        const outcome = await editKeyResult(
          ctx.db,
          actorOf(ctx.member),
          { id, owner: owner.id },
          ctx.clock.now(),
        );
        await replyWith(ctx, outcome, (change, notes) =>
          change.changed.length === 0
            ? edited(change, notes)
            : confirmationMessage(
                md`${md.user(owner.id!)} now owns *${change.keyResult.ref}*: ${change.keyResult.title}`,
                notes,
              ),
        );
      },
    },
    archiveCommand(true),
    archiveCommand(false),
    {
      name: 'kr milestone',
      summary: 'marks a milestone of a key result done or not done',
      example: '/okr kr milestone KR-3 done 2',
      access: 'owner',
      async run(ctx) {
        const [id, verb, ...which] = ctx.args.positional;
        // By number (`done 2`) or by title (`done Build the site`).
        const position = which.join(' ');
        const action = verb?.toLowerCase();
        if (!id || (action !== 'done' && action !== 'undo')) {
          await ctx.reply(await milestoneUsage(ctx, id));
          return;
        }
        const now = ctx.clock.now();
        const actor = actorOf(ctx.member);
        const outcome = await markMilestone(ctx.db, actor, { id, position, done: action === 'done' }, now);
        // Ticking a milestone off is news about the key result, just as `/okr update KR-3 done 2` is: it
        // counts as this week's check-in, so the key result does not go stale while it moves.
        const checkIn =
          outcome.ok && outcome.value.changed
            ? await recordCheckIn(
                ctx.db,
                actor,
                { item: outcome.value.keyResult.ref, value: `${action} ${outcome.value.milestone.position}` },
                { now, defaultTimeZone: ctx.settings.defaultTimeZone },
              )
            : null;
        await replyWith(ctx, outcome, ({ keyResult: kr, milestone, changed }) => {
          const doneCount = kr.milestones.filter((m) => m.done).length;
          const state = milestone.done ? 'done' : 'not done';
          const counted = checkIn?.ok ? " Counted as this week's check-in." : '';
          return confirmationMessage(
            md`Milestone ${milestone.position} of *${kr.ref}* (${milestone.title}) ${changed ? 'is now' : 'was already'} ${state}. ${doneCount} of ${kr.milestones.length} milestones done.${counted}`,
          );
        });
        if (checkIn?.ok) await flagAfterCheckIn(ctx, checkIn.value, now);
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.keyResultAdd,
      adminOnly: true,
      toInput: (form: Record<string, FormValue>) => ({
        objective: text(form.objective),
        ...formFields(form),
      }),
      submit: (services, actor, input) => addKeyResult(services.db, actor, input, services.clock.now()),
      confirmation: created,
    },
    {
      callbackId: CALLBACK.keyResultEdit,
      // Owners may submit it too; the service decides which fields they may change.
      adminOnly: false,
      toInput: (form: Record<string, FormValue>, privateMetadata: string) => ({
        id: privateMetadata,
        ...formFields(form),
        // An emptied unit field means "no unit" here, not "unchanged".
        unit: text(form.unit) ?? '',
      }),
      submit: async (services, actor, input: KeyResultEditInput) =>
        moveError(await editKeyResult(services.db, actor, input, services.clock.now()), 'id', 'title'),
      confirmation: edited,
    },
  ],
};

function formFields(form: Record<string, FormValue>) {
  return {
    title: text(form.title),
    kind: text(form.kind),
    start: text(form.start),
    target: text(form.target),
    unit: text(form.unit),
    owner: text(form.owner),
    weight: text(form.weight),
    curve: text(form.curve),
    milestones: text(form.milestones),
  };
}

/** The edit form has no block for the key result itself, so errors about it show on the title. */
function moveError<T>(outcome: Outcome<T>, from: string, to: string): Outcome<T> {
  if (outcome.ok || outcome.errors[from] === undefined) return outcome;
  const { [from]: message, ...rest } = outcome.errors;
  return { ok: false, errors: { ...rest, [to]: rest[to] ? `${message} ${rest[to]}` : message! } };
}

async function milestoneUsage(ctx: CommandContext, id: string | undefined): Promise<SlackMessage> {
  const usageMd = md`Mark a milestone with \`/okr kr milestone KR-3 done 2\` (or \`undo 2\`).`;
  if (!id) return { text: usageMd };
  const found = await findKeyResult(ctx.db, ctx.workspace.id, id);
  if (!found.ok || found.keyResult.milestones.length === 0) return { text: usageMd };
  const kr = found.keyResult;
  const lines = kr.milestones.map((m) => md`${m.done ? '✓' : '○'} ${m.position}. ${m.title}`);
  return confirmationMessage(md`*${kr.ref}* milestones:\n${md.join(lines, md`\n`)}\n${usageMd}`);
}
