// Who has checked in this period and who has not, per team: for PMO admins (`/okr checkin status`).
import type { Db } from '../db/client.ts';
import { pausesOf } from '../db/queries/pauses.ts';
import { isPaused } from '../domain/check-ins/pauses.ts';
import { currentCycle } from './cycles.ts';

export interface TeamCheckIns {
  /** The team's name; null for owners in no team. */
  team: string | null;
  done: string[];
  /** Paused, or skipped this week. */
  excused: string[];
  waiting: string[];
}

export interface CheckInStatus {
  period: string;
  teams: TeamCheckIns[];
  totals: { done: number; excused: number; waiting: number };
}

/**
 * Owners of active key results (current cycle) and KPIs. Someone has checked in when any of their items
 * has a check-in or reading for the period (or its month, for monthly KPIs); a person in several teams
 * shows in each.
 */
export async function checkInStatus(
  db: Db,
  workspaceId: number,
  period: string,
  today: string,
): Promise<CheckInStatus> {
  const cycle = await currentCycle(db, workspaceId);
  const month = today.slice(0, 7);
  const krs = cycle
    ? await db.keyResult.findMany({
        where: {
          workspaceId,
          archivedAt: null,
          ownerId: { not: null },
          objective: { archivedAt: null, cycleId: cycle.id },
        },
        select: { ownerId: true, checkIns: { where: { period }, select: { id: true } } },
      })
    : [];
  const kpis = await db.kpi.findMany({
    where: { workspaceId, archivedAt: null, ownerId: { not: null } },
    select: { ownerId: true, readings: { where: { period: { in: [period, month] } }, select: { id: true } } },
  });
  const answered = new Map<number, boolean>();
  for (const item of [
    ...krs.map((kr) => ({ owner: kr.ownerId!, done: kr.checkIns.length > 0 })),
    ...kpis.map((kpi) => ({ owner: kpi.ownerId!, done: kpi.readings.length > 0 })),
  ])
    answered.set(item.owner, (answered.get(item.owner) ?? false) || item.done);
  const ownerIds = [...answered.keys()];
  const members = await db.member.findMany({
    where: { id: { in: ownerIds }, active: true },
    include: { teams: { include: { team: { select: { name: true, archivedAt: true } } } } },
  });
  const pauses = await pausesOf(db, ownerIds);
  const byTeam = new Map<string | null, TeamCheckIns>();
  const totals = { done: 0, excused: 0, waiting: 0 };
  for (const member of members) {
    const state = answered.get(member.id)
      ? 'done'
      : isPaused(pauses.get(member.id) ?? [], today)
        ? 'excused'
        : 'waiting';
    totals[state]++;
    const teams = member.teams.filter((link) => !link.team.archivedAt).map((link) => link.team.name);
    for (const team of teams.length ? teams : [null]) {
      const entry = byTeam.get(team) ?? { team, done: [], excused: [], waiting: [] };
      entry[state].push(member.slackUserId);
      byTeam.set(team, entry);
    }
  }
  const teams = [...byTeam.values()].sort((a, b) =>
    a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team),
  );
  return { period, teams, totals };
}
