// Check-in prompts at scale, each part in a fresh process (its own peak memory):
//   - prompts to 10,000 owners, Slack answering as fast as it can (targets: ≥ 1,000 prompts/s end to end,
//     ≤ 250 MB peak resident);
//   - 2,000 owners with Slack enforcing 50 chat.postMessage per second (targets: ≥ 95% of that rate, no
//     duplicates, every 429 honoured).
// This process seeds the database and runs the Slack double; the part process (check-in-prompts-part.mjs)
// is Okra alone, on the compiled code `npm start` runs and with its Node flags (start-flags.ts), so its peak
// memory is Okra's.
// OKRA_BENCH_OWNERS and OKRA_BENCH_PACED_OWNERS scale the parts down for a quick run.
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startSlackDouble } from '../devkit/slack-stand-in/web-api/index.ts';
import type { Db } from '../src/db/client.ts';
import { createTestDatabase } from '../tests/support/test-database.ts';
import { startFlags } from './start-flags.ts';

interface PartResult {
  owners: number;
  prompted: number;
  plannedMs: number;
  deliveredMs: number;
  sent: number;
  peakRssMb: number;
  cpuMs: number;
}

interface SlackSide {
  delivered: number;
  duplicates: number;
  posts: number;
  rateLimited: number;
  /** Calls made while a 429's Retry-After for the method had not passed. */
  ignoredRetryAfter: number;
  dmOpens: number;
  /** Accepted posts per second between the first and the last, as the double saw them. */
  acceptedPerSecond: number;
}

const userId = (n: number) => `UB${String(n).padStart(6, '0')}`;

/** The benchmark's data: one company objective, one key result per owner, a Monday 09:00 schedule. */
async function seed(db: Db, owners: number): Promise<void> {
  const workspace = await db.workspace.create({ data: { slackTeamId: 'TBENCHPROMPT' } });
  const cycle = await db.cycle.create({
    data: {
      workspaceId: workspace.id,
      name: 'H1',
      startDate: new Date('2026-01-01'),
      endDate: new Date('2026-06-30'),
      isCurrent: true,
    },
  });
  const objective = await db.objective.create({
    data: { workspaceId: workspace.id, number: 1, title: 'Grow', cycleId: cycle.id, level: 'company' },
  });
  for (let start = 0; start < owners; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, owners - start) }, (_, i) => start + i);
    await db.member.createMany({
      data: batch.map((n) => ({ workspaceId: workspace.id, slackUserId: userId(n), tz: 'UTC' })),
    });
    const members = await db.member.findMany({
      where: { slackUserId: { in: batch.map(userId) } },
      select: { id: true, slackUserId: true },
    });
    await db.keyResult.createMany({
      data: members.map((member) => ({
        workspaceId: workspace.id,
        number: Number(member.slackUserId.slice(2)) + 1,
        objectiveId: objective.id,
        title: `Key result of ${member.slackUserId}`,
        ownerId: member.id,
        kind: 'increase',
        targetValue: 100,
        currentValue: 40,
      })),
    });
  }
  await db.schedule.create({
    data: { workspaceId: workspace.id, kind: 'checkin_prompt', dayOfWeek: 1, localTime: '09:00' },
  });
}

async function runPart(
  part: 'unlimited' | 'paced',
  owners: number,
  perSecond: number,
): Promise<PartResult & SlackSide> {
  const database = await createTestDatabase();
  const double = await startSlackDouble();
  try {
    await seed(database.db, owners);
    await database.close();
    for (let n = 0; n < owners; n++) double.addUser({ id: userId(n), name: `owner${n}`, tz: 'UTC' });
    if (part === 'paced') double.rateLimit('chat.postMessage', { perSecond });
    // Asynchronous: this process's event loop answers the part's Slack calls meanwhile.
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          ...startFlags(),
          join(import.meta.dirname, 'check-in-prompts-part.mjs'),
          part,
          database.url,
          double.url,
          double.botToken,
          String(perSecond),
        ],
        { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as PartResult;
    return { ...result, owners, ...slackSide(double) };
  } finally {
    await double.close();
    await database.drop();
  }
}

function slackSide(double: Awaited<ReturnType<typeof startSlackDouble>>): SlackSide {
  const posts = double.callsTo('chat.postMessage');
  const keys = new Map<string, number>();
  for (const message of double.messages) {
    const key = (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
    if (key) keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  const accepted = posts.filter((call) => call.status === 200).map((call) => call.at);
  const spanMs = accepted.length > 1 ? accepted.at(-1)! - accepted[0]! : 0;
  return {
    delivered: keys.size,
    duplicates: [...keys.values()].filter((count) => count > 1).length,
    posts: posts.length,
    rateLimited: posts.filter((call) => call.status === 429).length,
    ignoredRetryAfter: double.calls.filter((call) => call.duringRetryAfter).length,
    dmOpens: double.callsTo('conversations.open').length,
    acceptedPerSecond: spanMs > 0 ? ((accepted.length - 1) / spanMs) * 1000 : 0,
  };
}

const perSecond = (count: number, ms: number) => (ms > 0 ? (count / ms) * 1000 : 0);

export async function benchCheckInPrompts(): Promise<string[]> {
  const owners = Number(process.env.OKRA_BENCH_OWNERS ?? 10_000);
  const pacedOwners = Number(process.env.OKRA_BENCH_PACED_OWNERS ?? 2_000);
  const rate = 50;
  // The parts run the compiled code: bring dist/ up to date with src/ first.
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  const unlimited = await runPart('unlimited', owners, rate);
  const paced = await runPart('paced', pacedOwners, rate);
  const pacedRate = perSecond(paced.delivered, paced.deliveredMs);
  return [
    `${unlimited.owners} owners, no rate limit: planned and recorded ${unlimited.prompted} prompts in ${(unlimited.plannedMs / 1000).toFixed(1)} s (${perSecond(unlimited.prompted, unlimited.plannedMs).toFixed(0)}/s); delivered ${unlimited.delivered} in ${(unlimited.deliveredMs / 1000).toFixed(1)} s (${perSecond(unlimited.delivered, unlimited.deliveredMs).toFixed(0)}/s); end to end ${perSecond(unlimited.delivered, unlimited.plannedMs + unlimited.deliveredMs).toFixed(0)}/s; duplicates ${unlimited.duplicates}; DMs opened ${unlimited.dmOpens}; Okra's peak RSS ${unlimited.peakRssMb.toFixed(0)} MB, CPU ${(unlimited.cpuMs / 1000).toFixed(1)} s (targets: ≥ 1,000/s end to end, ≤ 250 MB)`,
    `${paced.owners} owners, Slack at ${rate} chat.postMessage/s: delivered ${paced.delivered} in ${(paced.deliveredMs / 1000).toFixed(1)} s = ${pacedRate.toFixed(1)}/s (${((pacedRate / rate) * 100).toFixed(0)}% of the limit; Slack saw ${paced.acceptedPerSecond.toFixed(1)}/s accepted; target ≥ 95%); duplicates ${paced.duplicates}; 429s ${paced.rateLimited} of ${paced.posts} posts; calls inside a Retry-After ${paced.ignoredRetryAfter} (target 0); DMs opened ${paced.dmOpens}; Okra's peak RSS ${paced.peakRssMb.toFixed(0)} MB, CPU ${(paced.cpuMs / 1000).toFixed(1)} s`,
  ];
}
