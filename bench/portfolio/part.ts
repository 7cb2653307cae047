// One benchmark part, run in its own process so each figure (and its peak memory) stands alone:
//   tsx bench/portfolio/part.ts <digest|update|sweep> <database url>
// Prints one JSON line with the timings in milliseconds and the process's peak resident memory.
import { renderDigestChart } from '../../src/charts/digest-chart.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { DigestTarget } from '../../src/services/digest-subscriptions.ts';
import { composeDigestFor } from '../../src/services/digests.ts';
import { digestThreadMessage, digestTopMessage } from '../../src/slack/views/digest.ts';
import { summarise, time } from '../stats.ts';
import { BENCH_NOW } from './seed.ts';

const [part, url] = process.argv.slice(2);
if (!part || !url) throw new Error('usage: part.ts <digest|update|sweep> <database url>');
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

async function benchDigest(rounds: number) {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  const cycle = await db.cycle.findFirstOrThrow({ where: { workspaceId: workspace.id, isCurrent: true } });
  // The baseline: one query reading the cycle's key results with their check-ins, nothing else.
  const baseline = () => db.$queryRaw`
    SELECT k."id", k."number", k."title", k."startValue", k."targetValue", c."date", c."value", c."confidence"
    FROM "KeyResult" k
    JOIN "Objective" o ON o."id" = k."objectiveId"
    LEFT JOIN "CheckIn" c ON c."keyResultId" = k."id"
    WHERE o."cycleId" = ${cycle.id} AND k."archivedAt" IS NULL`;
  const digest = async () => {
    const composed = await composeDigestFor(db, workspace.id, everything, BENCH_NOW);
    if (!composed.ok) throw new Error(composed.reason);
    digestTopMessage(composed.digest.posts.top);
    for (const page of composed.digest.posts.thread) digestThreadMessage(page);
    return composed.digest;
  };
  await baseline();
  const sample = await digest();
  const chartMs = await time(async () => renderDigestChart(sample.model.chart));
  const base: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await time(baseline));
    full.push(await time(digest));
  }
  return {
    baseline: summarise(base),
    digest: summarise(full),
    chartMs,
    threadReplies: sample.posts.thread.length,
  };
}

const result =
  part === 'digest'
    ? await benchDigest(Number(process.env.BENCH_ROUNDS ?? 5))
    : (() => {
        throw new Error(`unknown part ${part}`);
      })();
await close();
console.log(JSON.stringify({ part, ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
