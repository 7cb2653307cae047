// `/okr role admin|leader|member @person` and `/okr role list`
import { actorOf } from '../../services/actor.ts';
import {
  listRoles,
  personCheckVia,
  ROLE_LABELS,
  ROLES,
  type RoleChange,
  setRole,
  type WorkspaceRole,
} from '../../services/roles.ts';
import { resolveUser } from '../commands/resolve.ts';
import type { CommandContext } from '../commands/types.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { md } from '../mrkdwn.ts';
import { roleSetModal } from '../views/modals/role.ts';
import { confirmationMessage, outcomeMessage, problemsMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const FIELD_NAMES = { user: 'person', role: 'role' };

const isRole = (word: string): word is WorkspaceRole => (ROLES as readonly string[]).includes(word);

/** "an admin", "a leader": the article follows the label's first sound. */
const aRole = (role: string) => {
  const label = ROLE_LABELS[role as WorkspaceRole] ?? role;
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
};

function roleChanged(change: RoleChange) {
  if (!change.changed)
    return confirmationMessage(
      md`${md.user(change.slackUserId)} is already ${aRole(change.after)}; nothing changed.`,
    );
  return confirmationMessage(
    md`${md.user(change.slackUserId)} is now ${aRole(change.after)} (was ${aRole(change.before)}).`,
  );
}

/** Accepts the role and the person in either order: `admin @dana` or `@dana admin`. */
async function setRoleCommand(ctx: CommandContext): Promise<void> {
  const words = ctx.args.positional;
  const roleWords = words.filter((word) => isRole(word.toLowerCase()));
  const personWords = words.filter((word) => !isRole(word.toLowerCase()));
  const role = roleWords[0]?.toLowerCase() as WorkspaceRole | undefined;
  if (personWords.length === 0) {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: roleSetModal(role ? { role } : {}) });
    return;
  }
  if (roleWords.length > 1 || personWords.length > 2) {
    return ctx.reply({ text: md`Set one role for one person at a time, e.g. \`/okr role leader @dana\`.` });
  }
  // Two non-role words: one is the person, the other a role Okra does not have (e.g. "boss").
  const personWord = personWords.find((word) => /^<?@|^[UW][A-Z0-9]{2,}$/.test(word)) ?? personWords[0]!;
  const otherWord = personWords.find((word) => word !== personWord);
  if (otherWord || !role) {
    const typed = otherWord ? `"${otherWord}" is not a role. ` : '';
    return ctx.reply(problemsMessage({ role: `${typed}Choose admin, leader or member.` }, FIELD_NAMES));
  }
  const person = await resolveUser(ctx, personWord);
  if (!person.ok) return ctx.reply(problemsMessage({ user: person.error }, FIELD_NAMES));
  const outcome = await setRole(
    ctx.db,
    actorOf(ctx.member),
    { user: person.id, role },
    personCheckVia(ctx.client),
  );
  await ctx.reply(outcomeMessage(outcome, FIELD_NAMES, roleChanged));
}

async function listRolesCommand(ctx: CommandContext): Promise<void> {
  const { admins, leaders } = await listRoles(ctx.db, ctx.workspace.id);
  const line = (ids: string[]) => {
    if (ids.length === 0) return md`_nobody yet_`;
    // A section holds 3000 characters: a hundred mentions per role fit with room to spare.
    const more = ids.length > 100 ? ` and ${ids.length - 100} more` : '';
    return md`${md.join(ids.slice(0, 100).map(md.user), md`, `)}${more}`;
  };
  await ctx.reply(
    confirmationMessage(
      md`*PMO admins (${admins.length})*: ${line(admins)}\n*Leaders (${leaders.length})*: ${line(leaders)}\nEveryone else is a team member.`,
    ),
  );
}

export const roles: Feature = {
  commands: [
    {
      name: 'role',
      summary: "sets someone's role: admin (manages Okra), leader (reads everything, gets digests) or member",
      example: '/okr role leader @dana',
      access: 'admin',
      run: setRoleCommand,
    },
    {
      name: 'role list',
      summary: 'lists the PMO admins and the leaders',
      example: '/okr role list',
      access: 'everyone',
      run: listRolesCommand,
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.roleSet,
      adminOnly: true,
      toInput: (form) => ({ user: text(form.user), role: text(form.role) }),
      submit: (services, actor, input) => setRole(services.db, actor, input, personCheckVia(services.client)),
      confirmation: (change: RoleChange) => roleChanged(change),
    },
  ],
};
