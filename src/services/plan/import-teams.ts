// The cycle (matched by name) and the teams (matched by name, whatever the capitals) of an imported plan.
import { dateFromIso, isoFromDate } from '../../domain/dates.ts';
import type { PlanCycle, PlanTeam } from '../../plan/index.ts';
import { type ImportScope, recordCreated, type Snapshot, settleItem } from './import-scope.ts';

export interface CycleRef {
  id: number;
  name: string;
}

export async function importCycle(scope: ImportScope, cycle: PlanCycle): Promise<CycleRef> {
  const { tx, workspaceId } = scope;
  const all = await tx.cycle.findMany({ where: { workspaceId } });
  const wanted = cycle.name.toLowerCase();
  const row = all.find((c) => c.name === cycle.name) ?? all.find((c) => c.name.toLowerCase() === wanted);
  const desired: Snapshot = { name: cycle.name, start: cycle.start, end: cycle.end };
  if (!row) {
    // Like `/okr cycle add`: the first cycle of a workspace becomes the current one.
    const created = await tx.cycle.create({
      data: {
        workspaceId,
        name: cycle.name,
        startDate: dateFromIso(cycle.start),
        endDate: dateFromIso(cycle.end),
        isCurrent: all.length === 0,
      },
    });
    await recordCreated(scope, 'cycles', 'cycle', { id: created.id, entityRef: created.name }, desired);
    return { id: created.id, name: created.name };
  }
  const existing = {
    id: row.id,
    entityRef: row.name,
    snapshot: { name: row.name, start: isoFromDate(row.startDate), end: isoFromDate(row.endDate) },
  };
  await settleItem(scope, 'cycles', 'cycle', existing, desired, async () => {
    await tx.cycle.update({
      where: { id: row.id },
      data: { name: cycle.name, startDate: dateFromIso(cycle.start), endDate: dateFromIso(cycle.end) },
    });
  });
  return { id: row.id, name: cycle.name };
}

/**
 * Teams by name. Membership is additive: people listed in the file join the team, nobody is removed, since
 * a spreadsheet without a members column must not empty every team. A leader named in the file becomes
 * the team's only leader.
 */
export async function importTeams(
  scope: ImportScope,
  teams: readonly PlanTeam[],
): Promise<Map<string, number>> {
  const { tx, workspaceId } = scope;
  const rows = await tx.team.findMany({
    where: { workspaceId },
    include: { members: { include: { member: { select: { slackUserId: true } } } } },
  });
  const ids = new Map<string, number>();
  for (const team of teams) {
    const row = rows.find((r) => r.name === team.name) ?? rows.find((r) => sameName(r.name, team.name));
    const fileMembers = unique([...(team.leader ? [team.leader] : []), ...team.members]);
    if (!row) {
      const created = await tx.team.create({
        data: { workspaceId, name: team.name, channelId: team.channel ?? null },
      });
      for (const slackUserId of fileMembers) {
        const memberId = await scope.memberId(slackUserId);
        await tx.teamMember.create({
          data: { teamId: created.id, memberId, role: slackUserId === team.leader ? 'leader' : 'member' },
        });
      }
      await recordCreated(
        scope,
        'teams',
        'team',
        { id: created.id, entityRef: team.name },
        {
          name: team.name,
          channel: team.channel ?? null,
          members: sorted(fileMembers),
          leaders: team.leader ? [team.leader] : [],
        },
      );
      ids.set(team.name, created.id);
      continue;
    }
    const current = row.members.map((m) => ({ slackUserId: m.member.slackUserId, role: m.role }));
    const currentLeaders = current.filter((m) => m.role === 'leader').map((m) => m.slackUserId);
    const members = sorted(unique([...current.map((m) => m.slackUserId), ...fileMembers]));
    const leaders = team.leader ? [team.leader] : sorted(currentLeaders);
    const existing = {
      id: row.id,
      entityRef: row.name,
      snapshot: {
        name: row.name,
        channel: row.channelId,
        members: sorted(current.map((m) => m.slackUserId)),
        leaders: sorted(currentLeaders),
        archived: row.archivedAt !== null,
      },
    };
    const desired = { name: team.name, channel: team.channel ?? null, members, leaders, archived: false };
    await settleItem(scope, 'teams', 'team', existing, desired, async () => {
      await tx.team.update({
        where: { id: row.id },
        data: { name: team.name, channelId: team.channel ?? null, archivedAt: null },
      });
      for (const slackUserId of members) {
        const memberId = await scope.memberId(slackUserId);
        const role = leaders.includes(slackUserId) ? 'leader' : 'member';
        await tx.teamMember.upsert({
          where: { teamId_memberId: { teamId: row.id, memberId } },
          create: { teamId: row.id, memberId, role },
          update: { role },
        });
      }
    });
    ids.set(team.name, row.id);
  }
  return ids;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}
