// Keeps names and time zones fresh for the people Okra tells things to. Owners whose profile was never read
// (people who were only @mentioned) are read with users.info (Tier 4) at the next tick; once a day the
// profiles older than a day are refreshed by paging users.list (Tier 2: 20 calls a minute, so one page every
// 3 s), which reads 200 people per call instead of one.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/client.ts';
import { applyProfile, type SlackProfile } from '../../services/profiles.ts';
import { classify } from '../outbox/slack-errors.ts';

const DAY_MS = 86_400_000;

export interface ProfileRefreshOptions {
  /** Pause between users.list pages; Tier 2 allows 20 calls a minute. */
  pageDelayMs?: number;
  /** Never-read owners read per tick with users.info. */
  newPerTick?: number;
  /** Longest Retry-After waited for inside one refresh; longer ones end it until the next day's. */
  maxRetryWaitMs?: number;
}

export interface ProfileReport {
  read: number;
  pages: number;
}

export interface ProfileRefresher {
  refresh(at: Date): Promise<ProfileReport>;
}

/** Someone who owns an objective, key result, KPI or risk: the people Okra prompts and flags. */
const OWNS_SOMETHING = {
  OR: [
    { objectives: { some: {} } },
    { keyResults: { some: {} } },
    { kpis: { some: {} } },
    { risks: { some: {} } },
  ],
};

export function createProfileRefresher(
  deps: { db: Db; client: WebClient; logger: Logger },
  options: ProfileRefreshOptions = {},
): ProfileRefresher {
  const { db, client, logger } = deps;
  const pageDelayMs = options.pageDelayMs ?? 3000;
  const newPerTick = options.newPerTick ?? 50;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000;
  let lastFullRefresh: number | undefined;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function readNewOwners(at: Date): Promise<number> {
    const members = await db.member.findMany({
      where: { profileReadAt: null, active: true, ...OWNS_SOMETHING },
      select: { slackUserId: true },
      distinct: ['slackUserId'],
      take: newPerTick,
    });
    let read = 0;
    for (const member of members) {
      try {
        const answer = await client.users.info({ user: member.slackUserId });
        if (answer.user?.id) read += await applyProfile(db, answer.user as SlackProfile, at);
      } catch (error) {
        const failure = classify(error);
        logger.warn(`could not read the profile of ${member.slackUserId}: ${failure.error}`);
        // Rate-limited or Slack in trouble: the rest wait for the next tick.
        if (failure.kind !== 'permanent') break;
      }
    }
    return read;
  }

  async function pageUsersList(at: Date): Promise<ProfileReport> {
    const staleBefore = new Date(at.getTime() - DAY_MS);
    const stale = new Set(
      (
        await db.member.findMany({
          where: { active: true, OR: [{ profileReadAt: null }, { profileReadAt: { lt: staleBefore } }] },
          select: { slackUserId: true },
        })
      ).map((m) => m.slackUserId),
    );
    const report: ProfileReport = { read: 0, pages: 0 };
    let cursor: string | undefined;
    while (stale.size > 0) {
      let page: Awaited<ReturnType<WebClient['users']['list']>>;
      try {
        page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        const failure = classify(error);
        if (failure.kind === 'rate_limited' && failure.retryAfterMs <= maxRetryWaitMs) {
          await sleep(failure.retryAfterMs);
          continue;
        }
        logger.warn(`profile refresh stopped: ${failure.error}`);
        break;
      }
      report.pages++;
      for (const user of page.members ?? []) {
        if (!user.id || !stale.has(user.id)) continue;
        stale.delete(user.id);
        report.read += await applyProfile(db, user as SlackProfile, at);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
      await sleep(pageDelayMs);
    }
    return report;
  }

  return {
    async refresh(at) {
      const read = await readNewOwners(at);
      const due = lastFullRefresh === undefined || at.getTime() - lastFullRefresh >= DAY_MS;
      if (!due) return { read, pages: 0 };
      lastFullRefresh = at.getTime();
      const paged = await pageUsersList(at);
      return { read: read + paged.read, pages: paged.pages };
    },
  };
}
