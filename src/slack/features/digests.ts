// `/okr digest add | list | edit | remove | preview | now`: portfolio digests for leaders' channels.
import { actorOf } from '../../services/actor.ts';
import {
  addSubscription,
  type DigestTarget,
  describeTarget,
  editSubscription,
  listDigestTargets,
  removeSubscription,
  type SubscriptionInput,
} from '../../services/digest-subscriptions.ts';
import { composeDigestFor, postDigest } from '../../services/digests.ts';
import { failure } from '../../services/outcome.ts';
import { checkChannel } from '../channels.ts';
import { channelIdOf } from '../commands/mentions.ts';
import type { ParsedArgs } from '../commands/tokenize.ts';
import { flagText } from '../commands/tokenize.ts';
import type { CommandContext } from '../commands/types.ts';
import { sendDigestPreview } from '../digest/preview.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { type Mrkdwn, md } from '../mrkdwn.ts';
import { listMessage } from '../views/list-message.ts';
import { digestAddModal } from '../views/modals/digest.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FIELD_NAMES = {
  channel: '#channel',
  scope: '--scope',
  cadence: '--cadence',
  day: '--day',
  time: '--time',
  tz: '--tz',
  digest: 'digest',
};

/** Command words into the service's input: the #channel, the scope (its NAME may be several words) and flags. */
export function subscriptionInput(args: ParsedArgs, skip = 0): SubscriptionInput {
  const words = args.positional.slice(skip);
  const channelWord = words.find((word) => channelIdOf(word, args.refs));
  const rest = words.filter((word) => word !== channelWord);
  const scopeFlag = flagText(args, 'scope');
  const [scopeWord, ...scopeRest] = (scopeFlag ?? '').split(/\s+/).filter(Boolean);
  const named = [...scopeRest, ...rest].join(' ') || undefined;
  return {
    channelId: channelWord ? channelIdOf(channelWord, args.refs) : undefined,
    scope: scopeWord,
    team: flagText(args, 'team') ?? (scopeWord?.toLowerCase() === 'team' ? named : undefined),
    objective: flagText(args, 'objective') ?? (scopeWord?.toLowerCase() === 'objective' ? named : undefined),
    cadence: flagText(args, 'cadence'),
    day: flagText(args, 'day'),
    time: flagText(args, 'time'),
    tz: flagText(args, 'tz'),
  };
}

const targetLine = (target: DigestTarget): Mrkdwn =>
  md`• ${target.ref ? md`*${target.ref}*` : md`_team digest_`} → ${md.channel(target.channelId)}: ${describeTarget(target)}`;

/** The digests of one channel (the one named, or the one the command was typed in). */
async function targetsFor(ctx: CommandContext): Promise<{ channelId: string; targets: DigestTarget[] }> {
  const named = ctx.args.positional.map((word) => channelIdOf(word, ctx.args.refs)).find(Boolean);
  const channelId = named ?? ctx.channelId;
  const all = await listDigestTargets(ctx.db, ctx.workspace.id, ctx.settings.defaultTimeZone);
  return { channelId, targets: all.filter((target) => target.channelId === channelId) };
}

export const digests: Feature = {
  commands: [
    {
      name: 'digest add',
      summary:
        'posts a portfolio digest in a channel every week (default Friday 16:00, workspace time zone); scope everything, a team or an objective',
      example:
        '/okr digest add #leadership --scope team Growth --cadence weekly --day fri --time 16:00 --tz Europe/Paris',
      access: 'admin',
      async run(ctx) {
        if (ctx.args.positional.length === 0 && Object.keys(ctx.args.flags).length === 0) {
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: digestAddModal() });
          return;
        }
        const input = subscriptionInput(ctx.args);
        if (input.channelId) {
          const check = await checkChannel(ctx.client, input.channelId, 'digest');
          if (!check.ok) return ctx.reply({ text: check.reply });
        }
        const outcome = await addSubscription(ctx.db, actorOf(ctx.member), input);
        if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, FIELD_NAMES));
        const target = (await listDigestTargets(ctx.db, ctx.workspace.id, ctx.settings.defaultTimeZone)).find(
          (t) => t.key === outcome.value.key,
        );
        await ctx.reply(
          confirmationMessage(
            md`Added digest *${outcome.value.ref}* for ${md.channel(input.channelId!)}: ${target ? describeTarget(target) : ''}. See it first with \`/okr digest preview ${md.channel(input.channelId!)}\`.`,
          ),
        );
      },
    },
    {
      name: 'digest list',
      summary: 'lists every digest: the ones added for channels and each team’s own',
      example: '/okr digest list',
      access: 'everyone',
      async run(ctx) {
        const all = await listDigestTargets(ctx.db, ctx.workspace.id, ctx.settings.defaultTimeZone);
        if (all.length === 0)
          return ctx.reply({
            text: md`No digests yet. Teams get one in their channel (\`/okr team channel\`); admins add others with \`/okr digest add #channel\`.`,
          });
        await ctx.reply(
          listMessage(
            md`*Digests* (${all.length})`,
            all.map(targetLine),
            md`Narrow it down with \`/okr digest preview #channel\`.`,
          ),
        );
      },
    },
    {
      name: 'digest edit',
      summary:
        'changes an added digest’s channel, scope, cadence, day, time or time zone (`--tz workspace` follows the workspace)',
      example: '/okr digest edit D-2 --day mon --time 09:00',
      access: 'admin',
      async run(ctx) {
        const [ref] = ctx.args.positional;
        if (!ref)
          return ctx.reply({
            text: md`Name the digest: \`/okr digest edit D-2 --time 09:00\` (\`/okr digest list\` shows them).`,
          });
        const input = subscriptionInput(ctx.args, 1);
        if (input.channelId) {
          const check = await checkChannel(ctx.client, input.channelId, 'digest');
          if (!check.ok) return ctx.reply({ text: check.reply });
        }
        const outcome = await editSubscription(ctx.db, actorOf(ctx.member), ref, input);
        if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, FIELD_NAMES));
        const target = (await listDigestTargets(ctx.db, ctx.workspace.id, ctx.settings.defaultTimeZone)).find(
          (t) => t.key === outcome.value.key,
        );
        await ctx.reply(
          confirmationMessage(md`Changed digest *${outcome.value.ref}*: ${target ? targetLine(target) : ''}`),
        );
      },
    },
    {
      name: 'digest remove',
      summary: 'stops an added digest (team digests stop when the team’s channel is cleared)',
      example: '/okr digest remove D-2',
      access: 'admin',
      async run(ctx) {
        const [ref] = ctx.args.positional;
        if (!ref)
          return ctx.reply({
            text: md`Name the digest: \`/okr digest remove D-2\` (\`/okr digest list\` shows them).`,
          });
        const outcome = await removeSubscription(ctx.db, actorOf(ctx.member), ref);
        await ctx.reply(
          outcomeMessage(outcome, FIELD_NAMES, ({ ref }) =>
            confirmationMessage(md`Removed digest *${ref}*. Digests already posted stay in their channel.`),
          ),
        );
      },
    },
    {
      name: 'digest preview',
      summary: 'sends you, privately, the digest a channel would get now, chart included',
      example: '/okr digest preview #leadership',
      access: 'everyone',
      async run(ctx) {
        const { channelId, targets } = await targetsFor(ctx);
        const zone = ctx.settings.defaultTimeZone;
        // A channel without a digest still gets a preview of the whole portfolio, so people can see what one looks like.
        const chosen: DigestTarget[] = targets.length
          ? targets
          : [
              {
                key: `preview:${channelId}`,
                ref: null,
                channelId,
                scope: { kind: 'everything' },
                scopeLabel: 'everything',
                schedule: { cadence: 'weekly', dayOfWeek: 5, localTime: '16:00', timeZone: zone },
                followsWorkspaceZone: true,
              },
            ];
        const now = ctx.clock.now();
        for (const target of chosen) {
          const composed = await composeDigestFor(ctx.db, ctx.workspace.id, target, now);
          if (!composed.ok) return ctx.reply({ text: md`${noDigestReason(composed.reason)}` });
          await sendDigestPreview(ctx.client, ctx.member.slackUserId, composed.digest);
        }
        await ctx.reply({
          text: md`${chosen.length === 1 ? 'The preview is' : `${chosen.length} previews are`} in your DM with Okra${targets.length ? '' : md` (${md.channel(channelId)} has no digest, so this is the whole portfolio)`}.`,
        });
      },
    },
    {
      name: 'digest now',
      summary:
        'posts a channel’s digests at once; each counts as its period’s digest, so the schedule will not repeat it',
      example: '/okr digest now #leadership',
      access: 'admin',
      async run(ctx) {
        const { channelId, targets } = await targetsFor(ctx);
        if (targets.length === 0)
          return ctx.reply({
            text: md`${md.channel(channelId)} has no digest. Add one with \`/okr digest add ${md.channel(channelId)}\`.`,
          });
        const now = ctx.clock.now();
        const lines: Mrkdwn[] = [];
        for (const target of targets) {
          const result = await postDigest(ctx.db, ctx.workspace.id, target, now, 'manual');
          const what = md`${target.scopeLabel}`;
          if (result.state === 'queued')
            lines.push(md`• ${what}: posting now, as the digest of ${result.period}.`);
          else if (result.state === 'already')
            lines.push(
              md`• ${what}: the digest of ${result.period} was already posted; the next one follows its schedule.`,
            );
          else lines.push(md`• ${what}: ${noDigestReason(result.reason)}`);
        }
        ctx.outbox.wake();
        await ctx.reply({ text: md`Digests for ${md.channel(channelId)}:\n${md.join(lines, md`\n`)}` });
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.digestAdd,
      adminOnly: true,
      toInput: (form): SubscriptionInput => {
        const [scope, ...named] = (text(form.scope) ?? 'everything').trim().split(/\s+/);
        const rest = named.join(' ') || undefined;
        return {
          channelId: text(form.channel),
          scope,
          team: scope?.toLowerCase() === 'team' ? rest : undefined,
          objective: scope?.toLowerCase() === 'objective' ? rest : undefined,
          cadence: text(form.cadence),
          day: text(form.day),
          time: text(form.time),
          tz: text(form.tz),
        };
      },
      async submit(services, actor, input: SubscriptionInput) {
        if (input.channelId) {
          const check = await checkChannel(services.client, input.channelId, 'digest');
          if (!check.ok) return failure({ channel: check.problem });
        }
        return addSubscription(services.db, actor, input);
      },
      confirmation: (added: { ref: string }) =>
        confirmationMessage(
          md`Added digest *${added.ref}*. \`/okr digest list\` shows it; \`/okr digest preview\` shows it to you first.`,
        ),
    },
  ],
};

export function noDigestReason(reason: 'no_current_cycle' | 'scope_gone'): string {
  return reason === 'no_current_cycle'
    ? 'There is no current cycle, so there is nothing to digest yet. A PMO admin sets one with `/okr cycle current`.'
    : 'The team or objective this digest covers no longer exists. Change it with `/okr digest edit` or remove it.';
}
