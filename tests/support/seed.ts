// The starting point most end-to-end files share: people Okra has met and the current cycle 2026 Q1
// (1 January to 31 March 2026; the harness clock reads 11 February). One builder instead of the same
// block pasted into every file.
import type { Harness } from './harness.ts';

export interface Quarter {
  workspaceId: number;
  cycleId: number;
  /** Each person's member id, by Slack user id. */
  members: Record<string, number>;
}

/**
 * People become members the way they do in Slack, by talking to Okra (`/okr help`); the cycle is
 * written directly so that no audit entry or reply precedes what a test looks at.
 */
export async function seedQuarter(h: Harness, people: readonly string[]): Promise<Quarter> {
  for (const person of people) await h.command(person, 'help');
  const workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const rows = await h.db.member.findMany({ where: { workspaceId, slackUserId: { in: [...people] } } });
  const members = Object.fromEntries(rows.map((row) => [row.slackUserId, row.id]));
  const cycle = await h.db.cycle.create({
    data: {
      workspaceId,
      name: '2026 Q1',
      startDate: new Date('2026-01-01'),
      endDate: new Date('2026-03-31'),
      isCurrent: true,
    },
  });
  return { workspaceId, cycleId: cycle.id, members };
}
