// `/okr team add | list | members | channel`

import { actorOf } from '../../services/actor.ts';
import type { FieldErrors, Note } from '../../services/outcome.ts';
import { personCheckVia } from '../../services/roles.ts';
import {
  changeTeam,
  createTeam,
  editTeam,
  findTeamByName,
  listTeams,
  type TeamChangeInput,
  type TeamEditInput,
  type TeamView,
} from '../../services/teams.ts';
import { checkChannel } from '../channels.ts';
import { channelIdOf } from '../commands/mentions.ts';
import { resolveUser } from '../commands/resolve.ts';
import type { CommandContext } from '../commands/types.ts';
import type { FormValue } from '../forms/read-state.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { listMessage } from '../views/list-message.ts';
import { textMessage } from '../views/message.ts';
import { teamAddModal, teamEditModal, teamPickModal } from '../views/modals/team.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FIELD_NAMES = {
  name: 'team name',
  channel: 'channel',
  members: '--members',
  leader: '--leader',
  add: 'add',
  remove: 'remove',
  options: 'options',
};

/** What `/okr team add` was given, still as typed tokens: people and channels are resolved afterwards. */
export interface TeamAddTokens {
  name: string;
  channel: string | undefined;
  members: string[];
  leader: string | undefined;
}

/**
 * Reads `Growth #growth --members @a @b --leader @x`. The generic flag parser gives a flag one value, but
 * `--members` takes every word up to the next flag, so the tokens are read here.
 */
export function parseTeamAdd(
  tokens: readonly string[],
): { ok: true; value: TeamAddTokens } | { ok: false; errors: FieldErrors } {
  const nameWords: string[] = [];
  const channels: string[] = [];
  const members: string[] = [];
  const leaders: string[] = [];
  let mode: 'name' | 'members' | 'leader' = 'name';
  for (const token of tokens) {
    const flag = /^(?:--|—)([a-z-]+)(?:=(.*))?$/i.exec(token);
    if (flag) {
      const which = flag[1]!.toLowerCase();
      if (which === 'members' || which === 'member') mode = 'members';
      else if (which === 'leader' || which === 'lead') mode = 'leader';
      else
        return {
          ok: false,
          errors: { options: `Unknown option --${which}: use --members @a @b and --leader @x.` },
        };
      if (flag[2]) (mode === 'members' ? members : leaders).push(flag[2]);
      if (flag[2] && mode === 'leader') mode = 'name';
      continue;
    }
    if (mode === 'members') members.push(token);
    else if (mode === 'leader') {
      leaders.push(token);
      mode = 'name';
    } else if (/^<?#/.test(token)) channels.push(token);
    else if (/^<?@/.test(token))
      return { ok: false, errors: { members: `Put people after --members, e.g. --members ${token}.` } };
    else nameWords.push(token);
  }
  if (channels.length > 1) return { ok: false, errors: { channel: 'Name one channel for the team.' } };
  if (leaders.length > 1)
    return { ok: false, errors: { leader: 'A team has one leader: name one person after --leader.' } };
  return {
    ok: true,
    value: { name: nameWords.join(' '), channel: channels[0], members, leader: leaders[0] },
  };
}

function channelOf(
  ctx: CommandContext,
  token: string,
): { ok: true; id: string } | { ok: false; error: string } {
  const id = channelIdOf(token, ctx.args.refs);
  if (id) return { ok: true, id };
  return {
    ok: false,
    error: `"${token}" is not a channel Okra can read: type # and pick the channel from Slack's list.`,
  };
}

async function peopleIds(
  ctx: CommandContext,
  tokens: readonly string[],
): Promise<{ ids: string[]; problems: string[] }> {
  const ids: string[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    const resolved = await resolveUser(ctx, token);
    if (resolved.ok) ids.push(resolved.id);
    else problems.push(resolved.error);
  }
  return { ids, problems };
}

function describeTeam(team: TeamView): Mrkdwn {
  const channel = team.channelId ? md.channel(team.channelId) : md`no channel yet`;
  const count = `${team.members.length} ${team.members.length === 1 ? 'member' : 'members'}`;
  const led = team.leaders.length > 0 ? md`, led by ${md.join(team.leaders.map(md.user), md`, `)}` : EMPTY;
  return md`*${team.name}* · ${channel} · ${count}${led}`;
}

const teamCreated = (team: TeamView, notes: readonly Note[] = []) =>
  confirmationMessage(md`Created team ${describeTeam(team)}.`, notes);
const teamUpdated = (team: TeamView, notes: readonly Note[] = []) =>
  confirmationMessage(md`Updated team ${describeTeam(team)}.`, notes);

async function openPicker(ctx: CommandContext, usage: string): Promise<void> {
  const all = await listTeams(ctx.db, ctx.workspace.id);
  if (all.length === 0) {
    await ctx.reply({ text: md`There are no teams yet. Create one with \`/okr team add Growth\`.` });
    return;
  }
  if (all.length > 100) {
    // A select holds 100 options; with more teams, naming the team is the way.
    await ctx.reply({ text: md`Name the team: \`${usage}\`.` });
    return;
  }
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: teamPickModal(all) });
}

async function teamAdd(ctx: CommandContext): Promise<void> {
  if (ctx.text.trim() === '') {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: teamAddModal() });
    return;
  }
  const parsed = parseTeamAdd(ctx.args.words);
  if (!parsed.ok) return ctx.reply(problemsMessage(parsed.errors, FIELD_NAMES));
  const { name, channel, members, leader } = parsed.value;
  const errors: FieldErrors = {};
  let channelId: string | undefined;
  if (channel) {
    const found = channelOf(ctx, channel);
    const usable = found.ok ? await checkChannel(ctx.client, found.id) : undefined;
    if (!found.ok) errors.channel = found.error;
    else if (usable && !usable.ok) errors.channel = usable.problem;
    else channelId = found.id;
  }
  const people = await peopleIds(ctx, members);
  if (people.problems.length > 0) errors.members = people.problems.join(' ');
  const lead = leader ? await peopleIds(ctx, [leader]) : { ids: [], problems: [] };
  if (lead.problems.length > 0) errors.leader = lead.problems.join(' ');
  if (Object.keys(errors).length > 0) return ctx.reply(problemsMessage(errors, FIELD_NAMES));
  const outcome = await createTeam(
    ctx.db,
    actorOf(ctx.member),
    { name, channel: channelId, members: people.ids, leader: lead.ids[0] },
    personCheckVia(ctx.client),
  );
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, teamCreated));
}

async function teamMembers(ctx: CommandContext): Promise<void> {
  const words = ctx.args.positional;
  if (words.length === 0) return openPicker(ctx, '/okr team members Growth add @dana');
  const at = words.findIndex((word) => /^(add|remove)$/i.test(word));
  const nameWords = at === -1 ? words : words.slice(0, at);
  if (at === -1 && words.some((word) => /^<?[@#]/.test(word))) {
    return ctx.reply({
      text: md`Say whether to add or remove people, e.g. \`/okr team members Growth add @dana\`.`,
    });
  }
  const found = await findTeamByName(ctx.db, ctx.workspace.id, nameWords.join(' '));
  if (!found.ok) return ctx.reply(textMessage(md`${found.error}`));
  if (at === -1) {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: teamEditModal(found.team) });
    return;
  }
  const action = words[at]!.toLowerCase() as 'add' | 'remove';
  const tokens = words.slice(at + 1);
  if (tokens.length === 0)
    return ctx.reply({
      text: md`Name the people to ${action}, e.g. \`/okr team members Growth ${action} @dana\`.`,
    });
  const people = await peopleIds(ctx, tokens);
  if (people.problems.length > 0)
    return ctx.reply(problemsMessage({ [action]: people.problems.join(' ') }, FIELD_NAMES));
  const outcome = await changeTeam(
    ctx.db,
    actorOf(ctx.member),
    { team: found.team.id, [action]: people.ids },
    personCheckVia(ctx.client),
  );
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, teamUpdated));
}

async function teamChannel(ctx: CommandContext): Promise<void> {
  const words = ctx.args.positional;
  if (words.length === 0) return openPicker(ctx, '/okr team channel Growth #growth');
  const last = words.at(-1)!;
  const whole = await findTeamByName(ctx.db, ctx.workspace.id, words.join(' '));
  if (whole.ok) {
    // Only the team was named: the edit form shows its channel, ready to change.
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: teamEditModal(whole.team) });
    return;
  }
  if (words.length === 1) return ctx.reply(textMessage(md`${whole.error}`));
  const found = await findTeamByName(ctx.db, ctx.workspace.id, words.slice(0, -1).join(' '));
  if (!found.ok) return ctx.reply(textMessage(md`${found.error}`));
  const channel = channelOf(ctx, last);
  if (!channel.ok) return ctx.reply(problemsMessage({ channel: channel.error }, FIELD_NAMES));
  const usable = await checkChannel(ctx.client, channel.id);
  if (!usable.ok) return ctx.reply(problemsMessage({ channel: usable.problem }, FIELD_NAMES));
  const outcome = await changeTeam(ctx.db, actorOf(ctx.member), { team: found.team.id, channel: channel.id });
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, teamUpdated));
}

async function teamList(ctx: CommandContext): Promise<void> {
  const all = await listTeams(ctx.db, ctx.workspace.id);
  if (all.length === 0) {
    await ctx.reply({ text: md`There are no teams yet. A PMO admin creates one with \`/okr team add\`.` });
    return;
  }
  await ctx.reply(
    listMessage(
      md`*Teams (${all.length})*`,
      all.map((team) => md`• ${describeTeam(team)}`),
      md`\`/okr export\` lists every team.`,
    ),
  );
}

const pickedUsers = (value: FormValue): string[] => (Array.isArray(value) ? value : []);

type TeamEditForm = { kind: 'edit'; input: TeamEditInput } | { kind: 'change'; input: TeamChangeInput };

export const teams: Feature = {
  commands: [
    {
      name: 'team add',
      summary:
        'creates a team, optionally with its channel, members and leader; without arguments opens a form',
      example: '/okr team add Growth #growth --members @dana @lee --leader @sam',
      access: 'admin',
      run: teamAdd,
    },
    {
      name: 'team list',
      summary: 'lists the teams with their channel, size and leader',
      example: '/okr team list',
      access: 'everyone',
      run: teamList,
    },
    {
      name: 'team members',
      summary: "adds or removes people; with only the team's name opens its form",
      example: '/okr team members Growth add @dana @lee',
      access: 'admin',
      run: teamMembers,
    },
    {
      name: 'team channel',
      summary: "sets the channel where the team's digest goes",
      example: '/okr team channel Growth #growth',
      access: 'admin',
      run: teamChannel,
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.teamAdd,
      adminOnly: true,
      toInput: (form) => ({
        name: text(form.name),
        channel: text(form.channel),
        members: pickedUsers(form.members),
        leader: text(form.leader),
      }),
      submit: (services, actor, input) =>
        createTeam(services.db, actor, input, personCheckVia(services.client)),
      confirmation: (team: TeamView, notes) => teamCreated(team, notes),
    },
    {
      callbackId: CALLBACK.teamEdit,
      adminOnly: true,
      // The prefilled form carries the team's id; the picker (no team named) carries none and adds or removes.
      toInput: (form, privateMetadata): TeamEditForm =>
        privateMetadata
          ? {
              kind: 'edit',
              input: {
                team: privateMetadata,
                name: text(form.name),
                channel: text(form.channel),
                members: pickedUsers(form.members),
                leader: text(form.leader),
              },
            }
          : {
              kind: 'change',
              input: {
                team: text(form.team),
                channel: text(form.channel),
                add: pickedUsers(form.add),
                remove: pickedUsers(form.remove),
              },
            },
      submit: (services, actor, form: TeamEditForm) =>
        form.kind === 'edit'
          ? editTeam(services.db, actor, form.input, personCheckVia(services.client))
          : changeTeam(services.db, actor, form.input, personCheckVia(services.client)),
      confirmation: (team: TeamView, notes) => teamUpdated(team, notes),
    },
  ],
};
