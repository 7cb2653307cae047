// One benchmark part, run in its own process by bench/portfolio.ts so each figure (and its peak memory)
// stands alone. This process is Okra alone, on the compiled code (dist/) that `npm start` runs, as in the
// check-in prompt benchmark: under tsx, the TypeScript loader alone adds about 100 MB to every part. The
// chart libraries are loaded only by the part that renders a chart.
//   node bench/portfolio/part.mjs <baseline|first-digest|digest|update|sweep> <database url> <now, ISO>
// Prints one JSON line with the timings in milliseconds and the process's peak resident memory.

import { openDatabase } from '../../dist/db/client.js';
import { sweepStatuses } from '../../dist/jobs/status-sweep.js';
import { silentLogger } from '../../dist/logger.js';
import { recordCheckIn } from '../../dist/services/check-ins.js';
import { composeDigestFor } from '../../dist/services/digests.js';
import { flagAfterCheckIn } from '../../dist/services/flags.js';
import { quietOutbox } from '../../dist/services/outbox.js';
import { digestThreadMessage, digestTopMessage } from '../../dist/slack/views/digest.js';

const [part, url, nowText] = process.argv.slice(2);
if (!part || !url || !nowText)
  throw new Error('usage: part.mjs <baseline|first-digest|digest|update|sweep> <database url> <now, ISO>');
const BENCH_NOW = new Date(nowText);
const { db, close } = openDatabase(url);

/** Percentiles over durations in milliseconds, as bench/stats.ts computes them. */
function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** CPU time of this process during each timed sample (SQLite runs in this process, so it counts too). */
const cpuSamples = [];

async function time(work) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  cpuSamples.push((used.user + used.system) / 1000);
  return elapsed;
}

const everything = {
  key: 'bench:everything',
  ref: null,
  channelId: 'CBENCH',
  scope: { kind: 'everything' },
  scopeLabel: 'everything',
  schedule: { cadence: 'weekly', dayOfWeek: 5, localTime: '16:00', timeZone: 'UTC' },
  followsWorkspaceZone: true,
};

async function benchBaseline(rounds) {
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
  const samples = [];
  for (let i = 0; i < rounds; i++) samples.push(await time(baseline));
  return { baseline: summarise(samples) };
}

async function composeEverything(workspaceId) {
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
  let sample;
  const firstMs = await time(async () => {
    sample = await composeEverything(workspace.id);
  });
  await db.digestPost.create({
    data: {
      workspaceId: workspace.id,
      subscriptionKey: everything.key,
      channelId: everything.channelId,
      period: '2026-W12',
      snapshot: JSON.stringify({ ...sample.model.snapshot, period: '2026-W12' }),
    },
  });
  const { renderDigestChart } = await import('../../dist/charts/digest-chart.js');
  const chartMs = await time(async () => renderDigestChart(sample.model.chart));
  cpuSamples.pop();
  return { firstMs, chartMs, threadReplies: sample.posts.thread.length };
}

async function benchDigest(rounds) {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  await composeEverything(workspace.id);
  const samples = [];
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

async function benchUpdate(rounds) {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPORTFOLIO' } });
  const admin = await db.member.findFirstOrThrow({ where: { workspaceId: workspace.id, role: 'admin' } });
  const actor = {
    workspaceId: workspace.id,
    memberId: admin.id,
    slackUserId: admin.slackUserId,
    role: 'admin',
  };
  const services = offlineServices();
  const at = new Date(BENCH_NOW.getTime() + 86_400_000);
  const once = async (i) => {
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
  const samples = [];
  for (let i = 1; i <= rounds; i++) samples.push(await time(() => once(i)));
  return { update: summarise(samples) };
}

async function benchSweep() {
  const services = offlineServices();
  // The seed stored the statuses of an hour earlier: this is the next hourly sweep.
  let report;
  const hourly = await time(async () => {
    report = await sweepStatuses(services, BENCH_NOW);
  });
  return { hourlyMs: hourly, report };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const parts = {
  baseline: () => benchBaseline(rounds),
  'first-digest': () => benchFirstDigest(),
  digest: () => benchDigest(rounds),
  update: () => benchUpdate(rounds * 4),
  sweep: () => benchSweep(),
};
if (!parts[part]) throw new Error(`unknown part ${part}`);
const result = await parts[part]();
await close();
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    part,
    ...result,
    cpu: summarise(cpuSamples),
    peakRssMb: usage.maxRSS / 1024,
  }),
);
