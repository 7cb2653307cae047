// `/okr kpi add | edit | thresholds | owner | archive | restore | list`: the health metrics Okra watches.

import { parseNumber } from '../../domain/numbers/index.ts';
import { can } from '../../domain/permissions.ts';
import { isSlackUserId } from '../../domain/slack-ids.ts';
import { actorOf } from '../../services/actor.ts';
import {
  createKpi,
  findKpi,
  type KpiInput,
  type KpiView,
  listKpis,
  setKpiArchived,
  teamChoices,
  updateKpi,
} from '../../services/kpis.ts';
import type { Note, Outcome } from '../../services/outcome.ts';
import { resolveUser } from '../commands/resolve.ts';
import { flagText } from '../commands/tokenize.ts';
import type { CommandContext } from '../commands/types.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { ownedRefusalMessage } from '../views/errors.ts';
import { listMessage } from '../views/list-message.ts';
import { textMessage } from '../views/message.ts';
import { kpiAddModal, kpiEditModal } from '../views/modals/kpi.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import { amount } from '../views/status-format.ts';
import type { Feature } from './feature.ts';

const FLAG_NAMES = {
  kpi: 'KPI',
  owner: '--owner',
  team: '--team',
  target: '--target',
  green: '--green',
  amber: '--amber',
  direction: '--direction',
  cadence: '--cadence',
  unit: '--unit',
};

const who = (slackId: string | null) =>
  slackId && isSlackUserId(slackId) ? md`owner ${md.user(slackId)}` : md`no owner`;

/** "target 2%, green ≤ 2.5%, amber ≤ 4%": how the KPI is judged, in one phrase. */
function bands(kpi: KpiView): Mrkdwn {
  const sign = kpi.direction === 'higher_is_better' ? '≥' : '≤';
  return md`target ${amount(kpi.target, kpi.unit)}, green ${sign} ${amount(kpi.green, kpi.unit)}, amber ${sign} ${amount(kpi.amber, kpi.unit)}`;
}

function kpiSummary(kpi: KpiView): Mrkdwn {
  const team = kpi.teamName ? md`, team ${kpi.teamName}` : EMPTY;
  const better = kpi.direction === 'higher_is_better' ? 'higher is better' : 'lower is better';
  return md`*${kpi.ref}* ${kpi.title}: ${bands(kpi)} (${better}), read ${kpi.cadence}, ${who(kpi.ownerSlackId)}${team}`;
}

const kpiSaved = (verb: string) => (kpi: KpiView, notes: readonly Note[]) =>
  confirmationMessage(md`${verb} ${kpiSummary(kpi)}.`, notes);

function kpiLine(kpi: KpiView): Mrkdwn {
  const latest = kpi.latest
    ? md`latest *${amount(kpi.latest.value, kpi.unit)}* (${kpi.latest.period})`
    : md`_no reading yet_`;
  const team = kpi.teamName ? md` · ${kpi.teamName}` : EMPTY;
  return md`• *${kpi.ref}* ${truncate(kpi.title, 150)} · ${latest} · ${bands(kpi)} · ${who(kpi.ownerSlackId)}${team}`;
}

/** A percent or currency sign on the target ("2%", "$12,000") serves as the unit when none is given. */
function unitFrom(ctx: CommandContext): string | undefined {
  const unit = flagText(ctx.args, 'unit');
  if (unit !== undefined) return unit;
  const target = flagText(ctx.args, 'target');
  const parsed = target === undefined ? undefined : parseNumber(target);
  return parsed?.ok ? parsed.unitHint : undefined;
}

async function ownerFlag(ctx: CommandContext, typed: string | undefined) {
  if (typed === undefined) return { ok: true as const, id: undefined };
  return resolveUser(ctx, typed);
}

async function kpiFlags(
  ctx: CommandContext,
): Promise<{ ok: true; input: KpiInput } | { ok: false; error: string }> {
  const owner = await ownerFlag(ctx, flagText(ctx.args, 'owner'));
  if (!owner.ok) return owner;
  const team = flagText(ctx.args, 'team');
  return {
    ok: true,
    input: {
      title: flagText(ctx.args, 'title'),
      owner: owner.id,
      team: team === undefined ? undefined : /^none$/i.test(team) ? null : team,
      unit: unitFrom(ctx),
      direction: flagText(ctx.args, 'direction'),
      target: flagText(ctx.args, 'target'),
      green: flagText(ctx.args, 'green'),
      amber: flagText(ctx.args, 'amber'),
      cadence: flagText(ctx.args, 'cadence')?.toLowerCase(),
    },
  };
}

async function answer(ctx: CommandContext, outcome: Outcome<KpiView>, verb: string): Promise<void> {
  await ctx.reply(outcomeMessage(outcome, FLAG_NAMES, kpiSaved(verb)));
}

async function needsId(ctx: CommandContext, usage: string): Promise<string | undefined> {
  const [ref] = ctx.args.positional;
  if (!ref) await ctx.reply({ text: md`Name the KPI: \`${usage}\`.` });
  return ref;
}

function archiveCommand(archived: boolean): Feature['commands'][number] {
  const word = archived ? 'archive' : 'restore';
  return {
    name: `kpi ${word}`,
    summary: archived ? 'archives a KPI: no more reminders, history kept' : 'brings an archived KPI back',
    example: `/okr kpi ${word} KPI-2`,
    access: 'admin',
    async run(ctx) {
      const ref = await needsId(ctx, `/okr kpi ${word} KPI-2`);
      if (!ref) return;
      const outcome = await setKpiArchived(ctx.db, actorOf(ctx.member), ref, archived, ctx.clock.now());
      await ctx.reply(
        outcomeMessage(outcome, FLAG_NAMES, (kpi) =>
          confirmationMessage(
            archived
              ? md`Archived *${kpi.ref}* ${kpi.title}. \`/okr kpi restore ${kpi.ref}\` brings it back.`
              : md`Restored *${kpi.ref}* ${kpi.title}.`,
          ),
        ),
      );
    },
  };
}

export const kpis: Feature = {
  commands: [
    {
      name: 'kpi add',
      summary: 'adds a KPI with its target and green/amber thresholds; without arguments opens a form',
      example:
        '/okr kpi add "Churn rate" --target 2% --green 2.5% --amber 4% --direction lower --owner @dana --cadence monthly',
      access: 'admin',
      async run(ctx) {
        const [title] = ctx.args.positional;
        if (!title && Object.keys(ctx.args.flags).length === 0) {
          const teams = await teamChoices(ctx.db, ctx.workspace.id);
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: kpiAddModal(teams) });
          return;
        }
        const flags = await kpiFlags(ctx);
        if (!flags.ok) return ctx.reply(problemsMessage({ owner: flags.error }, FLAG_NAMES));
        await answer(ctx, await createKpi(ctx.db, actorOf(ctx.member), { ...flags.input, title }), 'Created');
      },
    },
    {
      name: 'kpi edit',
      summary:
        'changes a KPI (admins; its owner may change title, unit and cadence); with only the id opens a form',
      example: '/okr kpi edit KPI-2 --title "Monthly churn" --cadence monthly',
      access: 'owner',
      async run(ctx) {
        const ref = await needsId(ctx, '/okr kpi edit KPI-2 --title "Monthly churn"');
        if (!ref) return;
        const actor = actorOf(ctx.member);
        if (Object.keys(ctx.args.flags).length === 0) {
          const found = await findKpi(ctx.db, ctx.workspace.id, ref);
          if (!found.ok) return ctx.reply(problemsMessage(found.errors, FLAG_NAMES));
          if (!can(actor, 'change', found.value)) {
            return ctx.reply(ownedRefusalMessage(found.value.ref, found.value.ownerSlackId));
          }
          const teams = await teamChoices(ctx.db, ctx.workspace.id);
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: kpiEditModal(found.value, teams) });
          return;
        }
        const flags = await kpiFlags(ctx);
        if (!flags.ok) return ctx.reply(problemsMessage({ owner: flags.error }, FLAG_NAMES));
        await answer(ctx, await updateKpi(ctx.db, actor, ref, flags.input), 'Updated');
      },
    },
    {
      name: 'kpi thresholds',
      summary: "sets a KPI's green and amber thresholds (and target, if given)",
      example: '/okr kpi thresholds KPI-2 --green 95 --amber 80',
      access: 'admin',
      async run(ctx) {
        const ref = await needsId(ctx, '/okr kpi thresholds KPI-2 --green 95 --amber 80');
        if (!ref) return;
        const green = flagText(ctx.args, 'green');
        const amber = flagText(ctx.args, 'amber');
        if (green === undefined && amber === undefined) {
          return ctx.reply(
            textMessage(md`Give the thresholds: \`/okr kpi thresholds ${ref} --green 95 --amber 80\`.`),
          );
        }
        const target = flagText(ctx.args, 'target');
        await answer(
          ctx,
          await updateKpi(ctx.db, actorOf(ctx.member), ref, { green, amber, target }),
          'Updated',
        );
      },
    },
    {
      name: 'kpi owner',
      summary: 'hands a KPI to a new owner',
      example: '/okr kpi owner KPI-2 @dana',
      access: 'admin',
      async run(ctx) {
        const [ref, person] = ctx.args.positional;
        if (!ref || !person)
          return ctx.reply({ text: md`Name the KPI and the new owner: \`/okr kpi owner KPI-2 @dana\`.` });
        const owner = await resolveUser(ctx, person);
        if (!owner.ok) return ctx.reply(problemsMessage({ owner: owner.error }, FLAG_NAMES));
        await answer(ctx, await updateKpi(ctx.db, actorOf(ctx.member), ref, { owner: owner.id }), 'Updated');
      },
    },
    archiveCommand(true),
    archiveCommand(false),
    {
      name: 'kpi list',
      summary: 'lists KPIs with their latest reading, for one team if named',
      example: '/okr kpi list Growth',
      access: 'everyone',
      async run(ctx) {
        const team = ctx.args.positional.join(' ').trim() || undefined;
        const outcome = await listKpis(ctx.db, ctx.workspace.id, team);
        // The team is typed as a word here, not as --team.
        if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, { ...FLAG_NAMES, team: 'team' }));
        const scope = team ? md` for ${team}` : EMPTY;
        const archived = await ctx.db.kpi.count({
          where: { workspaceId: ctx.workspace.id, archivedAt: { not: null } },
        });
        if (outcome.value.length === 0 && !team && archived > 0) {
          return ctx.reply(
            textMessage(
              md`Every KPI is archived (${archived}). A PMO admin brings one back with \`/okr kpi restore KPI-1\`.`,
            ),
          );
        }
        if (outcome.value.length === 0) {
          return ctx.reply(
            textMessage(md`There are no KPIs${scope} yet. A PMO admin adds one with \`/okr kpi add\`.`),
          );
        }
        await ctx.reply(
          listMessage(
            md`*KPIs${scope}* (${outcome.value.length})`,
            outcome.value.map(kpiLine),
            md`Narrow the list with \`/okr kpi list Growth\`.`,
          ),
        );
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.kpiAdd,
      adminOnly: true,
      toInput: (form): KpiInput => formInput(form),
      submit: (services, actor, input: KpiInput) => createKpi(services.db, actor, input),
      confirmation: kpiSaved('Created'),
    },
    {
      callbackId: CALLBACK.kpiEdit,
      // Owners may edit their own KPI's title, unit and cadence; the service decides field by field.
      adminOnly: false,
      toInput: (form, ref): { ref: string; changes: KpiInput } => ({ ref, changes: formInput(form) }),
      submit: (services, actor, input: { ref: string; changes: KpiInput }) =>
        updateKpi(services.db, actor, input.ref, input.changes),
      confirmation: kpiSaved('Updated'),
    },
  ],
};

// Every field of the form is sent: an emptied optional field means "none", not "unchanged".
function formInput(form: Parameters<Feature['forms'][number]['toInput']>[0]): KpiInput {
  return {
    title: text(form.title),
    owner: text(form.owner),
    team: text(form.team) ?? null,
    unit: text(form.unit) ?? '',
    direction: text(form.direction),
    target: text(form.target),
    green: text(form.green),
    amber: text(form.amber),
    cadence: text(form.cadence),
  };
}
