// Teams: who works together, who leads them, and the channel where their digest goes.

import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { changedFields, recordAudit } from '../db/queries/audit.ts';
import { inChunks } from '../db/queries/bounded.ts';
import { lockUnchanged, retryingStale } from '../db/queries/row-lock.ts';
import { closest } from '../domain/closest.ts';
import { canChangeStructure, WHO_MAY } from '../domain/permissions.ts';
import type { Actor } from './actor.ts';
import { memberBySlackId } from './members.ts';
import { failure, fieldErrorsFrom, type Loose, type Note, type Outcome, success } from './outcome.ts';
import { anyoneGoes, type PersonCheck } from './roles.ts';

export const TEAM_NAME_MAX = 80;

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL = /^[CG][A-Z0-9]{2,}$/;

const teamName = z
  .string({ error: 'Give the team a name, e.g. Growth.' })
  .trim()
  .min(1, 'Give the team a name, e.g. Growth.')
  .max(TEAM_NAME_MAX, `Keep the team name to ${TEAM_NAME_MAX} characters or fewer.`)
  // Two spaces typed by accident should not make a second "Growth  Team".
  .transform((name) => name.replace(/\s+/g, ' '));
const channel = z.string().regex(SLACK_CHANNEL, 'Pick a channel, e.g. #growth.');
const person = z.string().regex(SLACK_USER, 'Pick people, e.g. @dana.');
const teamId = z.coerce.number({ error: 'Pick a team.' }).int('Pick a team.').positive('Pick a team.');

export const TeamInput = z.object({
  name: teamName,
  channel: channel.optional(),
  members: z.array(person).default([]),
  leader: person.optional(),
});
export type TeamInput = Loose<z.input<typeof TeamInput>>;

/** The whole team as the edit form shows it: what is submitted replaces what was there. */
export const TeamEditInput = TeamInput.extend({ team: teamId });
export type TeamEditInput = Loose<z.input<typeof TeamEditInput>>;

/** A partial change, as typed commands make it: only what is given changes. */
export const TeamChangeInput = z.object({
  team: teamId,
  channel: channel.optional(),
  add: z.array(person).default([]),
  remove: z.array(person).default([]),
});
export type TeamChangeInput = Loose<z.input<typeof TeamChangeInput>>;

export interface TeamView {
  id: number;
  name: string;
  channelId: string | null;
  /** Slack user ids of everyone in the team, leaders included, in the order they joined. */
  members: string[];
  leaders: string[];
}

interface TeamState {
  name: string;
  channelId: string | null;
  members: string[];
  leaders: string[];
}

const teamInclude = { members: { include: { member: { select: { slackUserId: true } } } } } as const;

type TeamRow = {
  id: number;
  name: string;
  channelId: string | null;
  members: Array<{ role: string; memberId: number; member: { slackUserId: string } }>;
};

function view(row: TeamRow): TeamView {
  const ordered = [...row.members].sort((a, b) => a.memberId - b.memberId);
  return {
    id: row.id,
    name: row.name,
    channelId: row.channelId,
    members: ordered.map((m) => m.member.slackUserId),
    leaders: ordered.filter((m) => m.role === 'leader').map((m) => m.member.slackUserId),
  };
}

const refused = (field: string) =>
  failure({ [field]: `Only ${WHO_MAY.structure} can change teams. Nothing was changed.` });

export async function createTeam(
  db: Db,
  actor: Actor,
  input: TeamInput,
  checkPerson: PersonCheck = anyoneGoes,
): Promise<Outcome<TeamView>> {
  const parsed = TeamInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor)) return refused('name');
  const { name, leader } = parsed.data;
  const clash = await sameNamedTeam(db, actor.workspaceId, name);
  if (clash)
    return failure({
      name: `A team called "${clash}" already exists. Team names are unique, whatever the capitals.`,
    });
  const people = unique([...(leader ? [leader] : []), ...parsed.data.members]);
  const problems = await peopleProblems(people, checkPerson);
  if (problems)
    return failure(leader && problems.has(leader) ? { leader: problems.text } : { members: problems.text });
  const memberIds = await memberIdsFor(db, actor.workspaceId, people);
  const created = await db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { workspaceId: actor.workspaceId, name, channelId: parsed.data.channel ?? null },
    });
    for (const slackUserId of people) {
      await tx.teamMember.create({
        data: {
          teamId: team.id,
          memberId: memberIds.get(slackUserId)!,
          role: slackUserId === leader ? 'leader' : 'member',
        },
      });
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'team',
      entityId: team.id,
      entityRef: name,
      after: { name, channel: team.channelId, members: people, leaders: leader ? [leader] : [] },
    });
    return team.id;
  });
  return success(await teamById(db, actor.workspaceId, created).then((team) => team!));
}

/** The edit form: name, channel, members and leader as submitted replace the team's current ones. */
export const editTeam = retryingStale(editTeamOnce);

async function editTeamOnce(
  db: Db,
  actor: Actor,
  input: TeamEditInput,
  checkPerson: PersonCheck = anyoneGoes,
): Promise<Outcome<TeamView>> {
  const parsed = TeamEditInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor)) return refused('members');
  const team = await teamById(db, actor.workspaceId, parsed.data.team);
  if (!team) return failure({ name: 'This team no longer exists. `/okr team list` shows the teams.' });
  const { name, leader } = parsed.data;
  const clash = await sameNamedTeam(db, actor.workspaceId, name, team.id);
  if (clash) return failure({ name: `Another team is already called "${clash}".` });
  const members = unique([...(leader ? [leader] : []), ...parsed.data.members]);
  const problems = await peopleProblems(
    members.filter((id) => !team.members.includes(id)),
    checkPerson,
  );
  if (problems)
    return failure(leader && problems.has(leader) ? { leader: problems.text } : { members: problems.text });
  return writeTeam(db, actor, team, {
    name,
    channelId: parsed.data.channel ?? null,
    members,
    leaders: leader ? [leader] : [],
  });
}

/** Typed changes: people added or removed, or a new channel; everything else stays as it is. */
export const changeTeam = retryingStale(changeTeamOnce);

async function changeTeamOnce(
  db: Db,
  actor: Actor,
  input: TeamChangeInput,
  checkPerson: PersonCheck = anyoneGoes,
): Promise<Outcome<TeamView>> {
  const parsed = TeamChangeInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor)) return refused('team');
  const team = await teamById(db, actor.workspaceId, parsed.data.team);
  if (!team) return failure({ team: 'This team no longer exists. `/okr team list` shows the teams.' });
  const add = unique(parsed.data.add);
  const remove = unique(parsed.data.remove);
  const both = add.filter((id) => remove.includes(id));
  if (both.length > 0) return failure({ remove: 'The same person is both added and removed; pick one.' });
  const newcomers = add.filter((id) => !team.members.includes(id));
  const problems = await peopleProblems(newcomers, checkPerson);
  if (problems) return failure({ add: problems.text });
  const notes: Note[] = [];
  const already = add.filter((id) => team.members.includes(id));
  if (already.length > 0) notes.push({ text: 'Already in the team:', people: already });
  const absent = remove.filter((id) => !team.members.includes(id));
  if (absent.length > 0) notes.push({ text: 'Not in the team, so not removed:', people: absent });
  const members = [...team.members.filter((id) => !remove.includes(id)), ...newcomers];
  const leaders = team.leaders.filter((id) => members.includes(id));
  const departed = team.leaders.filter((id) => !leaders.includes(id));
  if (departed.length > 0) {
    // Leading a team one is not in makes no sense, so it goes; but never silently.
    notes.push({ text: 'Left the team, so no longer its leader:', people: departed });
    if (leaders.length === 0)
      notes.push(
        `${team.name} has no leader now: \`/okr team members ${team.name}\` opens its form, where you can name one.`,
      );
  }
  return writeTeam(
    db,
    actor,
    team,
    {
      name: team.name,
      channelId: parsed.data.channel ?? team.channelId,
      members,
      leaders,
    },
    notes,
  );
}

/** Writes the difference between the team now and `next`, with one audit entry; nothing when nothing differs. */
async function writeTeam(
  db: Db,
  actor: Actor,
  team: TeamView,
  next: TeamState,
  notes: Note[] = [],
): Promise<Outcome<TeamView>> {
  const before: TeamState = {
    name: team.name,
    channelId: team.channelId,
    members: team.members,
    leaders: team.leaders,
  };
  const diff = changedFields(auditShape(before), auditShape(next));
  if (Object.keys(diff.after).length === 0)
    return success(team, [...notes, 'Nothing was different, so nothing changed.']);
  const memberIds = await memberIdsFor(db, actor.workspaceId, next.members);
  const leaving = team.members.filter((id) => !next.members.includes(id));
  const leavingIds = await memberIdsFor(db, actor.workspaceId, leaving);
  await db.$transaction(async (tx) => {
    await lockUnchanged(tx, 'Team', team.id, team, async () =>
      view(await tx.team.findUniqueOrThrow({ where: { id: team.id }, include: teamInclude })),
    );
    if (next.name !== team.name || next.channelId !== team.channelId) {
      await tx.team.update({ where: { id: team.id }, data: { name: next.name, channelId: next.channelId } });
    }
    if (leaving.length > 0) {
      await inChunks([...leavingIds.values()], async (slice) => {
        await tx.teamMember.deleteMany({ where: { teamId: team.id, memberId: { in: slice } } });
        return [];
      });
    }
    for (const slackUserId of next.members) {
      const role = next.leaders.includes(slackUserId) ? 'leader' : 'member';
      const memberId = memberIds.get(slackUserId)!;
      await tx.teamMember.upsert({
        where: { teamId_memberId: { teamId: team.id, memberId } },
        create: { teamId: team.id, memberId, role },
        update: { role },
      });
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'team',
      entityId: team.id,
      entityRef: next.name,
      before: diff.before,
      after: diff.after,
    });
  });
  return success((await teamById(db, actor.workspaceId, team.id))!, notes);
}

function auditShape(state: TeamState): Record<string, unknown> {
  // Sorted, so the same people in another order do not read as a change.
  return {
    name: state.name,
    channel: state.channelId,
    members: [...state.members].sort(),
    leaders: [...state.leaders].sort(),
  };
}

export async function teamById(db: Db, workspaceId: number, id: number): Promise<TeamView | undefined> {
  const row = await db.team.findFirst({ where: { id, workspaceId, archivedAt: null }, include: teamInclude });
  return row ? view(row) : undefined;
}

export async function listTeams(db: Db, workspaceId: number): Promise<TeamView[]> {
  const rows = await db.team.findMany({ where: { workspaceId, archivedAt: null }, include: teamInclude });
  return rows.map(view).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export type TeamLookup = { ok: true; team: TeamView } | { ok: false; error: string };

/** The team a typed name means, whatever the capitals; otherwise the nearest name, as a suggestion. */
export async function findTeamByName(db: Db, workspaceId: number, typed: string): Promise<TeamLookup> {
  const wanted = typed.trim().replace(/\s+/g, ' ');
  const teams = await listTeams(db, workspaceId);
  const team = teams.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
  if (team) return { ok: true, team };
  if (teams.length === 0)
    return { ok: false, error: 'There are no teams yet. A PMO admin creates one with `/okr team add`.' };
  const byLower = new Map(teams.map((t) => [t.name.toLowerCase(), t.name]));
  const near = closest(wanted.toLowerCase(), [...byLower.keys()]);
  const hint = near ? ` Did you mean "${byLower.get(near)}"?` : ' `/okr team list` shows the teams.';
  return { ok: false, error: `There is no team called "${wanted}".${hint}` };
}

async function sameNamedTeam(
  db: Db,
  workspaceId: number,
  name: string,
  except?: number,
): Promise<string | undefined> {
  // Archived teams count too: the database's unique name would refuse them anyway.
  const rows = await db.team.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  return rows.find((row) => row.id !== except && row.name.toLowerCase() === name.toLowerCase())?.name;
}

async function peopleProblems(
  slackUserIds: readonly string[],
  checkPerson: PersonCheck,
): Promise<{ text: string; has(id: string): boolean } | undefined> {
  const found = new Map<string, string>();
  for (const id of slackUserIds) {
    const problem = await checkPerson(id);
    if (problem) found.set(id, problem);
  }
  if (found.size === 0) return undefined;
  return { text: [...found.values()].join(' '), has: (id) => found.has(id) };
}

async function memberIdsFor(
  db: Db,
  workspaceId: number,
  slackUserIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const slackUserId of slackUserIds)
    ids.set(slackUserId, (await memberBySlackId(db, workspaceId, slackUserId)).id);
  return ids;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
