// `/okr settings`, `/okr settings pmo | set | reset`: the PMO channel and the status thresholds of the workspace.

import type { KnownBlock, View } from '@slack/types';
import { actorOf } from '../../services/actor.ts';
import { failure } from '../../services/outcome.ts';
import {
  formatSettingValue,
  type PmoChannelChange,
  type PmoChannelSetting,
  readWorkspaceSettings,
  resetStatusSetting,
  SETTING_GROUPS,
  type SettingChange,
  type SettingName,
  type SettingView,
  setPmoChannel,
  setStatusSetting,
  settingMeaning,
  settingNamed,
  settingUsedBy,
  unknownSettingMessage,
} from '../../services/workspace-settings.ts';
import { setWorkspaceTimeZone } from '../../services/workspace-time-zone.ts';
import { checkChannel } from '../channels.ts';
import { resolveChannel } from '../commands/resolve.ts';
import type { CommandContext } from '../commands/types.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { MAX_BLOCKS_PER_MESSAGE } from '../limits.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { channelSelect, modal, staticSelect, textInput } from '../views/inputs.ts';
import { contextBlock, type SlackMessage, sectionBlock, textMessage } from '../views/message.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FIELD_NAMES = { channel: 'PMO channel', name: 'setting', value: 'value', timeZone: 'time zone' };
const CLEAR_WORDS = new Set(['none', 'off', 'clear', 'default']);

// ---------------------------------------------------------------------------------------------------------
// What people read

function pmoDescription(pmo: PmoChannelSetting): Mrkdwn {
  switch (pmo.source) {
    case 'workspace':
      return md`${md.channel(pmo.channel)}, set for this workspace (it takes precedence over the OKRA_PMO_CHANNEL environment setting)`;
    case 'environment':
      return md`${md.channel(pmo.channel)}, from the OKRA_PMO_CHANNEL environment setting (this workspace has none of its own)`;
    case 'invalid':
      return md`\`${pmo.stored}\` is stored for this workspace but is not a channel, so no flag or escalation reaches the PMO`;
    case 'none':
      return md`none: neither this workspace nor the OKRA_PMO_CHANNEL environment setting names one, so no flag or escalation reaches the PMO`;
  }
}

function settingLine(setting: SettingView): Mrkdwn {
  const value = md`*${formatSettingValue(setting.name, setting.value)}*`;
  const changed = setting.changed
    ? md` _(changed; default ${formatSettingValue(setting.name, setting.defaultValue)})_`
    : EMPTY;
  return md`• \`${setting.name}\` ${value}${changed} — ${setting.meaning}`;
}

const section = sectionBlock;

function settingsMessage(
  pmo: PmoChannelSetting,
  settings: readonly SettingView[],
  pmoProblem?: string,
): SlackMessage {
  const byName = new Map(settings.map((setting) => [setting.name, setting]));
  const changed = settings.filter((setting) => setting.changed).length;
  const summary = changed === 0 ? 'all at their defaults' : `${changed} changed from the default`;
  const blocks: KnownBlock[] = [
    section(md`*PMO channel* (flags and risk escalations): ${pmoDescription(pmo)}`),
    ...(pmoProblem
      ? [section(md`:warning: Flags cannot reach it: ${pmoProblem} Then \`/okr settings pmo #channel\`.`)]
      : []),
    section(md`*Status thresholds* (${summary})`),
  ];
  for (const group of SETTING_GROUPS) {
    const lines = group.names.flatMap((name) => {
      const setting = byName.get(name);
      return setting ? [settingLine(setting)] : [];
    });
    blocks.push(section(md`*${group.title}*\n${md.join(lines, md`\n`)}`));
  }
  blocks.push(
    contextBlock(
      md`PMO admins change these with \`/okr settings set <name> <value>\`, \`/okr settings reset <name>\` and \`/okr settings pmo #channel\`.`,
    ),
  );
  return { text: md`Okra settings: ${summary}.`, blocks: blocks.slice(0, MAX_BLOCKS_PER_MESSAGE) };
}

const whereUsed = (name: SettingName) =>
  settingUsedBy(name) === 'risks'
    ? md`Risk escalations use it from now on.`
    : md`\`/okr show\` and the digest use it from now on.`;

function settingChanged(change: SettingChange): SlackMessage {
  const now = formatSettingValue(change.name, change.after);
  if (!change.changed)
    return confirmationMessage(md`\`${change.name}\` is already *${now}*; nothing changed.`);
  const was = formatSettingValue(change.name, change.before);
  const atDefault = formatSettingValue(change.name, change.defaultValue) === now;
  const headline = atDefault
    ? md`\`${change.name}\` is back to its default, *${now}* (was ${was}).`
    : md`\`${change.name}\` is now *${now}* (was ${was}; the default is ${formatSettingValue(change.name, change.defaultValue)}).`;
  return confirmationMessage(md`${headline} ${whereUsed(change.name)}`);
}

function pmoChanged(change: PmoChannelChange): SlackMessage {
  if (!change.changed)
    return confirmationMessage(
      change.after
        ? md`${md.channel(change.after)} is already the PMO channel; nothing changed.`
        : md`This workspace has no PMO channel of its own already; nothing changed. Now: ${pmoDescription(change.now)}.`,
    );
  const was = change.before ? md` (was ${md.channel(change.before)})` : EMPTY;
  if (change.after)
    return confirmationMessage(
      md`Flags and risk escalations for the PMO now go to ${md.channel(change.after)}${was}. Make sure Okra is in that channel (\`/invite @Okra\`).`,
    );
  return confirmationMessage(
    md`This workspace no longer has its own PMO channel${was}. PMO channel now: ${pmoDescription(change.now)}.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Forms

function pmoModal(current: string | null): View {
  return modal({
    callbackId: CALLBACK.settingsPmo,
    title: 'PMO channel',
    blocks: [
      channelSelect('channel', {
        label: 'Where flags and risk escalations go',
        optional: true,
        hint: 'Leave empty to use the OKRA_PMO_CHANNEL environment setting instead. Invite Okra to the channel.',
        ...(current ? { initial: current } : {}),
      }),
    ],
  });
}

function settingChoices(settings: readonly SettingView[]) {
  return settings.map((setting) => ({
    value: setting.name,
    label: `${setting.name} (${setting.changed ? 'now ' : 'default '}${formatSettingValue(setting.name, setting.value)})`,
  }));
}

function setModal(settings: readonly SettingView[], initial: SettingName | undefined): View {
  return modal({
    callbackId: CALLBACK.settingsSet,
    title: 'Change a threshold',
    blocks: [
      staticSelect('name', {
        label: 'Setting',
        choices: settingChoices(settings),
        ...(initial ? { initial, hint: settingMeaning(initial) } : {}),
      }),
      textInput('value', {
        label: 'New value',
        placeholder: 'e.g. 15, 0.8 or 80%, yes or no',
        hint: '`/okr settings` lists every setting with its meaning and range.',
      }),
    ],
  });
}

function resetModal(settings: readonly SettingView[]): View {
  const changed = settings.filter((setting) => setting.changed);
  return modal({
    callbackId: CALLBACK.settingsReset,
    title: 'Reset a threshold',
    submit: 'Reset',
    blocks: [
      staticSelect('name', {
        label: 'Setting to put back to its default',
        choices: settingChoices(changed.length > 0 ? changed : settings),
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------
// Commands

/** The time zone line of `/okr settings`: whose zone applies to people Slack gives none. */
function timeZoneLine(workspaceZone: string | null, defaultZone: string): Mrkdwn {
  return workspaceZone
    ? md`*Time zone* for people whose Slack profile has none: ${workspaceZone}, set for this workspace`
    : md`*Time zone* for people whose Slack profile has none: ${defaultZone}, from the OKRA_DEFAULT_TZ environment setting`;
}

async function showSettings(ctx: CommandContext): Promise<void> {
  const view = await readWorkspaceSettings(ctx.db, ctx.workspace.id, ctx.settings);
  const [typed] = ctx.args.positional;
  if (!typed) {
    // A channel that was fine when set may since have been archived or left: say so where it is shown.
    const pmo = view.pmo;
    const check = 'channel' in pmo ? await checkChannel(ctx.client, pmo.channel) : { ok: true as const };
    const message = settingsMessage(pmo, view.settings, check.ok ? undefined : check.problem);
    const zone = timeZoneLine(ctx.workspace.timeZone, ctx.settings.defaultTimeZone);
    return ctx.reply({
      text: message.text,
      blocks: [sectionBlock(zone), ...(message.blocks ?? [])],
    });
  }
  // `/okr settings atRiskGapPoints`: just that one.
  const name = settingNamed(typed);
  const one = view.settings.find((setting) => setting.name === name);
  if (!one) return ctx.reply(textMessage(md`${unknownSettingMessage(typed)}`));
  return ctx.reply(confirmationMessage(settingLine(one)));
}

async function timeZoneCommand(ctx: CommandContext): Promise<void> {
  const words = ctx.args.positional;
  if (words.length !== 1)
    return ctx.reply({
      text: md`Name one time zone, e.g. \`/okr settings timezone Europe/Paris\`, or \`none\`.`,
    });
  const word = words[0]!;
  const timeZone = CLEAR_WORDS.has(word.toLowerCase()) ? null : word;
  const outcome = await setWorkspaceTimeZone(
    ctx.db,
    actorOf(ctx.member),
    { timeZone },
    ctx.settings.defaultTimeZone,
  );
  if (!outcome.ok) return ctx.reply(problemsMessage(outcome.errors, FIELD_NAMES));
  const change = outcome.value;
  const text = !change.changed
    ? md`Nothing changed: people whose Slack profile has no time zone already get ${change.inForce}.`
    : md`People whose Slack profile has no time zone now get ${change.inForce}${change.after ? '' : ' (OKRA_DEFAULT_TZ)'}.`;
  return ctx.reply(confirmationMessage(text));
}

async function pmoCommand(ctx: CommandContext): Promise<void> {
  const words = ctx.args.positional;
  if (words.length === 0) {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: pmoModal(ctx.workspace.pmoChannelId) });
    return;
  }
  if (words.length > 1)
    return ctx.reply({ text: md`Name one channel, e.g. \`/okr settings pmo #okrs\`, or \`none\`.` });
  const word = words[0]!;
  let channel: string | null = null;
  if (!CLEAR_WORDS.has(word.toLowerCase())) {
    const resolved = resolveChannel(word, ctx.args.refs);
    if (!resolved.ok) return ctx.reply(problemsMessage({ channel: resolved.error }, FIELD_NAMES));
    const usable = await checkChannel(ctx.client, resolved.id);
    if (!usable.ok) return ctx.reply(problemsMessage({ channel: usable.problem }, FIELD_NAMES));
    channel = resolved.id;
  }
  const outcome = await setPmoChannel(ctx.db, actorOf(ctx.member), { channel }, ctx.settings);
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, pmoChanged));
}

/** Opens a settings form, filled with the values in force. */
async function openSettingForm(ctx: CommandContext, build: (settings: SettingView[]) => View): Promise<void> {
  const view = await readWorkspaceSettings(ctx.db, ctx.workspace.id, ctx.settings);
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: build(view.settings) });
}

async function setCommand(ctx: CommandContext): Promise<void> {
  const [typed, ...rest] = ctx.args.positional;
  if (!typed) return openSettingForm(ctx, (settings) => setModal(settings, undefined));
  if (rest.length === 0) {
    const name = settingNamed(typed);
    if (!name) return ctx.reply(problemsMessage({ name: unknownSettingMessage(typed) }, FIELD_NAMES));
    return openSettingForm(ctx, (settings) => setModal(settings, name));
  }
  const outcome = await setStatusSetting(ctx.db, actorOf(ctx.member), { name: typed, value: rest.join(' ') });
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, settingChanged));
}

async function resetCommand(ctx: CommandContext): Promise<void> {
  const [typed, ...rest] = ctx.args.positional;
  if (!typed) return openSettingForm(ctx, resetModal);
  if (rest.length > 0)
    return ctx.reply({
      text: md`Reset one setting at a time, e.g. \`/okr settings reset atRiskGapPoints\`.`,
    });
  const outcome = await resetStatusSetting(ctx.db, actorOf(ctx.member), { name: typed });
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, settingChanged));
}

export const settings: Feature = {
  commands: [
    {
      name: 'settings',
      summary: 'shows the PMO channel and every status threshold, marking those changed from the default',
      example: '/okr settings',
      access: 'everyone',
      run: showSettings,
    },
    {
      name: 'settings pmo',
      summary: 'sets the channel for flags and risk escalations; `none` falls back to OKRA_PMO_CHANNEL',
      example: '/okr settings pmo #okrs',
      access: 'admin',
      run: pmoCommand,
    },
    {
      name: 'settings timezone',
      summary:
        'sets the time zone for people whose Slack profile has none; `none` falls back to OKRA_DEFAULT_TZ',
      example: '/okr settings timezone Europe/Paris',
      access: 'admin',
      run: timeZoneCommand,
    },
    {
      name: 'settings set',
      summary: 'changes a status threshold for this workspace; without arguments opens a form',
      example: '/okr settings set atRiskGapPoints 15',
      access: 'admin',
      run: setCommand,
    },
    {
      name: 'settings reset',
      summary: 'puts a status threshold back to its default',
      example: '/okr settings reset atRiskGapPoints',
      access: 'admin',
      run: resetCommand,
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.settingsPmo,
      adminOnly: true,
      // The select is optional: leaving it empty is how the form clears the workspace's own channel.
      toInput: (form) => ({ channel: text(form.channel) ?? null }),
      async submit(services, actor, input) {
        const usable = input.channel
          ? await checkChannel(services.client, input.channel)
          : { ok: true as const };
        if (!usable.ok) return failure({ channel: usable.problem });
        return setPmoChannel(services.db, actor, input, services.settings);
      },
      confirmation: (change: PmoChannelChange) => pmoChanged(change),
    },
    {
      callbackId: CALLBACK.settingsSet,
      adminOnly: true,
      toInput: (form) => ({ name: text(form.name), value: text(form.value) }),
      submit: (services, actor, input) => setStatusSetting(services.db, actor, input),
      confirmation: (change: SettingChange) => settingChanged(change),
    },
    {
      callbackId: CALLBACK.settingsReset,
      adminOnly: true,
      toInput: (form) => ({ name: text(form.name) }),
      submit: (services, actor, input) => resetStatusSetting(services.db, actor, input),
      confirmation: (change: SettingChange) => settingChanged(change),
    },
  ],
};
