// `/okr risk add | edit | close` and `/okr risks`: raising, rating and reviewing what could go wrong.

import { can } from '../../domain/permissions.ts';
import { isSlackUserId } from '../../domain/slack-ids.ts';
import { type Actor, actorOf } from '../../services/actor.ts';
import { escalateSafely, withEscalation } from '../../services/escalation.ts';
import { memberBySlackId } from '../../services/members.ts';
import type { Note } from '../../services/outcome.ts';
import {
  closeRisk,
  createRisk,
  findRisk,
  openRisksByScore,
  type RiskFilter,
  type RiskInput,
  type RiskView,
  updateRisk,
} from '../../services/risks.ts';
import { looksLikePerson } from '../commands/mentions.ts';
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
import { riskAddModal, riskEditModal } from '../views/modals/risk.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FLAG_NAMES = {
  on: '--on',
  risk: 'risk',
  owner: '--owner',
  note: '--note',
  likelihood: '--likelihood',
  impact: '--impact',
  status: '--status',
  mitigation: '--mitigation',
  description: '--description',
};

const who = (slackId: string | null) => (slackId && isSlackUserId(slackId) ? md.user(slackId) : md`no owner`);

/** "*R-1* score 16 (4×4) Vendor delay · owner @dana · on *KR-2* …", the line lists and confirmations share. */
function riskText(risk: RiskView): Mrkdwn {
  const linked = risk.linked ? md` · on *${risk.linked.ref}* ${truncate(risk.linked.title, 80)}` : EMPTY;
  const status = risk.status === 'open' ? EMPTY : md` _(${risk.status})_`;
  return md`*${risk.ref}* score ${risk.score} (${risk.likelihood}×${risk.impact}) ${truncate(risk.title, 150)}${status} · ${who(risk.ownerSlackId)}${linked}`;
}

const riskLine = (risk: RiskView) => md`• ${riskText(risk)}`;

const riskSaved = (verb: string) => (risk: RiskView, notes: readonly Note[]) =>
  confirmationMessage(md`${verb} ${riskText(risk)}`, notes);

async function ownerFlag(
  ctx: CommandContext,
): Promise<{ ok: true; id: string | undefined } | { ok: false; error: string }> {
  const typed = flagText(ctx.args, 'owner');
  if (typed === undefined) return { ok: true, id: undefined };
  const resolved = await resolveUser(ctx, typed);
  return resolved.ok ? { ok: true, id: resolved.id } : resolved;
}

function changesFromFlags(ctx: CommandContext, owner: string | undefined): RiskInput {
  const on = flagText(ctx.args, 'on');
  return {
    title: flagText(ctx.args, 'title'),
    description: flagText(ctx.args, 'description'),
    on: on === undefined ? undefined : /^none$/i.test(on) ? null : on,
    owner,
    likelihood: flagText(ctx.args, 'likelihood'),
    impact: flagText(ctx.args, 'impact'),
    mitigation: flagText(ctx.args, 'mitigation'),
    status: flagText(ctx.args, 'status')?.toLowerCase(),
  };
}

/** The filter `/okr risks` was given: a person (`@dana`) or a team name; the label is ready for mrkdwn. */
async function filterFrom(
  ctx: CommandContext,
): Promise<{ ok: true; filter: RiskFilter; label: Mrkdwn } | { ok: false; error: Mrkdwn }> {
  const typed = ctx.args.positional.join(' ').trim();
  if (typed === '') return { ok: true, filter: {}, label: EMPTY };
  if (looksLikePerson(typed, ctx.args.refs)) {
    const person = await resolveUser(ctx, typed);
    if (!person.ok) return { ok: false, error: md`${person.error}` };
    const member = await memberBySlackId(ctx.db, ctx.workspace.id, person.id);
    return { ok: true, filter: { ownerMemberId: member.id }, label: md` owned by ${md.user(person.id)}` };
  }
  const teams = await ctx.db.team.findMany({ where: { workspaceId: ctx.workspace.id, archivedAt: null } });
  const team = teams.find((t) => t.name.toLowerCase() === typed.toLowerCase());
  if (!team) {
    const names = teams.map((t) => t.name).join(', ');
    return {
      ok: false,
      error: md`There is no team called "${typed}".${names ? md` Teams: ${names}.` : EMPTY} Or name a person: \`/okr risks @dana\`.`,
    };
  }
  return { ok: true, filter: { teamId: team.id }, label: md` for ${team.name}` };
}

// Checked before a form opens, so nobody fills in a form only to be refused; the service checks again on submit.
const mayEdit = (actor: Actor, risk: RiskView) => can(actor, 'change', risk);

export const risks: Feature = {
  commands: [
    {
      name: 'risk add',
      summary:
        'raises a risk, rated 1–5 for likelihood and impact; members may raise risks on items they own',
      example:
        '/okr risk add "Vendor delay" --likelihood 4 --impact 5 --owner @dana --on KR-3 --mitigation "Second supplier"',
      access: 'owner',
      async run(ctx) {
        const [title] = ctx.args.positional;
        if (!title && Object.keys(ctx.args.flags).length === 0) {
          await ctx.client.views.open({
            trigger_id: ctx.triggerId,
            view: riskAddModal(ctx.member.slackUserId),
          });
          return;
        }
        const owner = await ownerFlag(ctx);
        if (!owner.ok) return ctx.reply(problemsMessage({ owner: owner.error }, FLAG_NAMES));
        const outcome = await withEscalation(
          ctx,
          await createRisk(
            ctx.db,
            actorOf(ctx.member),
            { ...changesFromFlags(ctx, owner.id), title },
            ctx.clock.now(),
          ),
        );
        await ctx.reply(outcomeMessage(outcome, FLAG_NAMES, riskSaved('Raised')));
      },
    },
    {
      name: 'risk edit',
      summary:
        "changes a risk's rating, mitigation, status or owner (its owner or an admin); with only the id opens a form",
      example: '/okr risk edit R-1 --likelihood 2 --status mitigating --mitigation "Second supplier signed"',
      access: 'owner',
      async run(ctx) {
        const [ref] = ctx.args.positional;
        if (!ref)
          return ctx.reply({
            text: md`Name the risk: \`/okr risk edit R-1 --likelihood 2\`, or \`/okr risk edit R-1\` for a form.`,
          });
        const actor = actorOf(ctx.member);
        if (Object.keys(ctx.args.flags).length === 0) {
          const found = await findRisk(ctx.db, ctx.workspace.id, ref);
          if (!found.ok) return ctx.reply(problemsMessage(found.errors, FLAG_NAMES));
          if (!mayEdit(actor, found.value)) {
            return ctx.reply(ownedRefusalMessage(found.value.ref, found.value.ownerSlackId));
          }
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: riskEditModal(found.value) });
          return;
        }
        const owner = await ownerFlag(ctx);
        if (!owner.ok) return ctx.reply(problemsMessage({ owner: owner.error }, FLAG_NAMES));
        const outcome = await withEscalation(
          ctx,
          await updateRisk(ctx.db, actor, ref, changesFromFlags(ctx, owner.id), ctx.clock.now()),
        );
        await ctx.reply(outcomeMessage(outcome, FLAG_NAMES, riskSaved('Updated')));
      },
    },
    {
      name: 'risk close',
      summary: 'closes a risk (its owner or an admin), with an optional note; reopen with `--status open`',
      example: '/okr risk close R-1 --note "Second supplier delivered"',
      access: 'owner',
      async run(ctx) {
        const [ref] = ctx.args.positional;
        if (!ref)
          return ctx.reply({
            text: md`Name the risk to close: \`/okr risk close R-1 --note "Supplier delivered"\`.`,
          });
        const outcome = await closeRisk(
          ctx.db,
          actorOf(ctx.member),
          ref,
          flagText(ctx.args, 'note'),
          ctx.clock.now(),
        );
        await ctx.reply(
          outcomeMessage(outcome, FLAG_NAMES, (risk) =>
            confirmationMessage(
              md`Closed *${risk.ref}* ${risk.title}. Reopen it with \`/okr risk edit ${risk.ref} --status open\`.`,
            ),
          ),
        );
      },
    },
    {
      name: 'risks',
      summary: 'lists open risks, highest score (likelihood × impact) first; for a team or a person if named',
      example: '/okr risks Growth',
      access: 'everyone',
      async run(ctx) {
        const chosen = await filterFrom(ctx);
        if (!chosen.ok) return ctx.reply(textMessage(chosen.error));
        const open = await openRisksByScore(ctx.db, ctx.workspace.id, chosen.filter);
        const label = chosen.label;
        if (open.length === 0) {
          return ctx.reply(
            textMessage(
              md`No open risks${label}. Raise one with \`/okr risk add "Vendor delay" --likelihood 4 --impact 5\`.`,
            ),
          );
        }
        await ctx.reply(
          listMessage(
            md`*Open risks${label}* (${open.length}), highest score first`,
            open.map(riskLine),
            md`Narrow the list with \`/okr risks Growth\` or \`/okr risks @dana\`.`,
          ),
        );
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.riskAdd,
      adminOnly: false,
      toInput: (form): RiskInput => ({
        title: text(form.title),
        on: text(form.on),
        owner: text(form.owner),
        likelihood: text(form.likelihood),
        impact: text(form.impact),
        description: text(form.description),
        mitigation: text(form.mitigation),
      }),
      submit: (services, actor, input: RiskInput) =>
        createRisk(services.db, actor, input, services.clock.now()),
      confirmation: riskSaved('Raised'),
      afterSave: (services, risk: RiskView) => escalateSafely(services, risk.id),
    },
    {
      callbackId: CALLBACK.riskEdit,
      adminOnly: false,
      // Every field of the form is sent: an emptied optional field means "none", not "unchanged".
      toInput: (form, ref): { ref: string; changes: RiskInput } => ({
        ref,
        changes: {
          title: text(form.title),
          on: text(form.on) ?? null,
          owner: text(form.owner),
          likelihood: text(form.likelihood),
          impact: text(form.impact),
          description: text(form.description) ?? '',
          mitigation: text(form.mitigation) ?? '',
          status: text(form.status),
        },
      }),
      submit: (services, actor, input: { ref: string; changes: RiskInput }) =>
        updateRisk(services.db, actor, input.ref, input.changes, services.clock.now()),
      confirmation: riskSaved('Updated'),
      afterSave: (services, risk: RiskView) => escalateSafely(services, risk.id),
    },
  ],
};
