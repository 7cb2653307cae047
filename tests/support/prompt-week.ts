// The week the check-in prompt tests share: four people Okra has met, each in another zone, each owning one
// key result of the current cycle 2026 H1, on the Sunday night before Monday 2 March 2026. Their 09:00 that
// Monday is 03:30 UTC (Kolkata), 08:00 (Berlin), 09:00 (no zone in Slack: OKRA_DEFAULT_TZ, UTC) and 17:00
// (Los Angeles).
import { DEFAULT_USERS } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from './harness.ts';
import { seedCycle, seedKeyResults } from './seed.ts';

export const KENJI = DEFAULT_USERS.kenji.id;
export const PEOPLE = [ADMIN, MEMBER, OTHER, KENJI];

const ZONES: Record<string, string | null> = {
  [ADMIN]: 'Europe/Berlin',
  [MEMBER]: 'America/Los_Angeles',
  [OTHER]: 'Asia/Kolkata',
  [KENJI]: null,
};

export interface PromptWeek {
  h: Harness;
  workspaceId: number;
  /** The id of the key result each person (and each departed owner) owns, by Slack user id. */
  krOf: Record<string, number>;
}

/**
 * Starts the app at 2026-03-01 23:00 UTC with the four people and their key results (KR-1 … KR-4 in the
 * order of PEOPLE, titled `Pipeline <b> of <user>`); each of `departed` (people who left the workspace)
 * owns one more, numbered after them.
 */
export async function startPromptWeek(
  departed: ReadonlyArray<{ id: string; name: string }> = [],
): Promise<PromptWeek> {
  const h = await startHarness({ now: '2026-03-01T23:00:00Z', env: { OKRA_DEFAULT_TZ: 'UTC' } });
  for (const user of PEOPLE) await h.command(user, 'help');
  const workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const owners = [];
  for (const user of PEOPLE)
    owners.push(
      await h.db.member.update({
        where: { workspaceId_slackUserId: { workspaceId, slackUserId: user } },
        data: { tz: ZONES[user] ?? null },
      }),
    );
  for (const { id, name } of departed)
    owners.push(await h.db.member.create({ data: { workspaceId, slackUserId: id, active: false, name } }));
  const { objectiveId } = await seedCycle(h.db, workspaceId, {
    name: '2026 H1',
    start: '2026-01-01',
    end: '2026-06-30',
  });
  const ids = await seedKeyResults(
    h.db,
    workspaceId,
    objectiveId,
    owners.map((owner) => ({
      title: `Pipeline <b> of ${owner.slackUserId}`,
      ownerId: owner.id,
      targetValue: 100,
      currentValue: 10,
    })),
  );
  return { h, workspaceId, krOf: Object.fromEntries(owners.map((owner, i) => [owner.slackUserId, ids[i]!])) };
}

/** Moves the clock in steps up to `iso`, running the scheduler's tick and then `afterTick` at each step. */
export async function tickThrough(
  h: Harness,
  iso: string,
  stepMinutes: number,
  afterTick: () => void,
): Promise<void> {
  while (h.clock.now().getTime() < Date.parse(iso)) {
    h.clock.advance(stepMinutes * 60_000);
    await h.tick();
    afterTick();
  }
}
