// One benchmark part, run in its own process so each figure (and its peak memory) stands alone:
//   tsx bench/portfolio/part.ts <digest|update|sweep> <database url>
// Prints one JSON line with the timings in milliseconds and the process's peak resident memory.

import { renderDigestChart } from '../../src/charts/digest-chart.ts';
import { openDatabase } from '../../src/db/client.ts';
import { sweepStatuses } from '../../src/jobs/status-sweep.ts';
import { silentLogger } from '../../src/logger.ts';
import { recordCheckIn } from '../../src/services/check-ins.ts';
import type { DigestTarget } from '../../src/services/digest-subscriptions.ts';
import { composeDigestFor } from '../../src/services/digests.ts';
import { flagAfterCheckIn } from '../../src/services/flags.ts';
import { quietOutbox } from '../../src/services/outbox.ts';
import { digestThreadMessage, digestTopMessage } from '../../src/slack/views/digest.ts';
import { summarise, time } from '../stats.ts';
import { BENCH_NOW } from './seed.ts';

const [part, url] = process.argv.slice(2);
if (!part || !url) throw new Error('usage: part.ts <baseline|digest|update|sweep> <database url>');
const { db, close } = openDatabase(url);

const everything: DigestTarget = {
  key: 'bench:everything',
  ref: null,
  channelId: 'CBENCH',
  scope: { kind: 'everything' },
  scopeLabel: 'everything',
  schedule: { cadence: 'weekly', dayOfWeek: 5, localTime: '16:00', timeZone: 'UTC' },
  followsWorkspaceZone: true,
};

async function benchBaseline(rounds: number) {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  const cycle = await db.cycle.findFirstOrThrow({ where: { workspaceId: workspace.id, isCurrent: true } });
  // One query reading the cycle's key results with their check-ins, nothing else.
  const baseline = () => db.$queryRaw`
    SELECT k."id", k."number", k."title", k."startValue", k."targetValue", c."date", c."value", c."confidence"
    FROM "KeyResult" k
    JOIN "Objective" o ON o."id" = k."objectiveId"
    LEFT JOIN "CheckIn" c ON c."keyResultId" = k."id"
    WHERE o."cycleId" = ${cycle.id} AND k."archivedAt" IS NULL`;
  await baseline();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await time(baseline));
  return { baseline: summarise(samples) };
}

async function composeEverything(workspaceId: number) {
  const composed = await composeDigestFor(db, workspaceId, everything, BENCH_NOW);
  if (!composed.ok) throw new Error(composed.reason);
  digestTopMessage(composed.digest.posts.top);
  for (const page of composed.digest.posts.thread) digestThreadMessage(page);
  return composed.digest;
}

/**
 * A subscription's first digest works out the earlier weeks from every check-in, once, and its snapshot is
 * stored as the previous week's digest; the weekly digests after it read those weeks from the snapshot.
 */
async function benchFirstDigest() {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  let sample: Awaited<ReturnType<typeof composeEverything>> | undefined;
  const firstMs = await time(async () => {
    sample = await composeEverything(workspace.id);
  });
  await db.digestPost.create({
    data: {
      workspaceId: workspace.id,
      subscriptionKey: everything.key,
      channelId: everything.channelId,
      period: '2026-W12',
      snapshot: JSON.stringify({ ...sample!.model.snapshot, period: '2026-W12' }),
    },
  });
  const chartMs = await time(async () => renderDigestChart(sample!.model.chart));
  return { firstMs, chartMs, threadReplies: sample!.posts.thread.length };
}

async function benchDigest(rounds: number) {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  await composeEverything(workspace.id);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await time(() => composeEverything(workspace.id)));
  return { digest: summarise(samples) };
}

/** Flags are queued in the outbox (where the measured work ends); nothing delivers them in this process. */
function offlineServices() {
  return {
    db,
    logger: silentLogger,
    outbox: quietOutbox,
    settings: { pmoChannel: 'CBENCHPMO', defaultTimeZone: 'UTC' },
  };
}

async function benchUpdate(rounds: number) {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  const admin = await db.member.findFirstOrThrow({ where: { workspaceId: workspace.id, role: 'admin' } });
  const actor = {
    workspaceId: workspace.id,
    memberId: admin.id,
    slackUserId: admin.slackUserId,
    role: 'admin' as const,
  };
  const services = offlineServices();
  const at = new Date(BENCH_NOW.getTime() + 86_400_000);
  const once = async (i: number) => {
    const outcome = await recordCheckIn(
      db,
      actor,
      {
        item: `KR-${1 + ((i * 37) % 10_000)}`,
        value: String(40 + (i % 30)),
        confidence: String(1 + (i % 9)),
      },
      { now: at, defaultTimeZone: 'UTC' },
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    await flagAfterCheckIn(services, outcome.value, at);
  };
  await once(0);
  const samples: number[] = [];
  for (let i = 1; i <= rounds; i++) samples.push(await time(() => once(i)));
  return { update: summarise(samples) };
}

async function benchSweep() {
  const services = offlineServices();
  // The seed stored the statuses of an hour earlier: this is the next hourly sweep.
  let report: unknown;
  const hourly = await time(async () => {
    report = await sweepStatuses(services, BENCH_NOW);
  });
  return { hourlyMs: hourly, report };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const result =
  part === 'baseline'
    ? await benchBaseline(rounds)
    : part === 'first-digest'
      ? await benchFirstDigest()
      : part === 'digest'
        ? await benchDigest(rounds)
        : part === 'update'
          ? await benchUpdate(rounds * 4)
          : part === 'sweep'
            ? await benchSweep()
            : (() => {
                throw new Error(`unknown part ${part}`);
              })();
await close();
console.log(JSON.stringify({ part, ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
