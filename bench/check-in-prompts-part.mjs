// One part of the check-in prompt benchmark, run in a fresh process by check-in-prompts.ts against a database
// it seeded and a Slack double it runs. This process is Okra alone, on the compiled code (dist/) that
// `npm start` runs, so its peak memory is Okra's. Prints one JSON line. Parts:
//   unlimited: prompts to every owner, the Slack double answering as fast as it can;
//   paced: the double enforcing chat.postMessage per second, the outbox's budget set to the same rate.
// Arguments: <part> <database url> <Slack API url> <bot token> <per second>
import { fixedClock } from '../dist/clock.js';
import { openDatabase } from '../dist/db/client.js';
import { silentLogger } from '../dist/logger.js';
import { runPrompts } from '../dist/services/check-in-prompts.js';
import { enqueue } from '../dist/services/outbox.js';
import { createOutboxClient } from '../dist/slack/outbox/client.js';
import { createDeliverer } from '../dist/slack/outbox/deliverer.js';

const [part, databaseUrl, slackUrl, botToken, perSecondText] = process.argv.slice(2);
const perSecond = Number(perSecondText);

const database = openDatabase(databaseUrl);
const { db } = database;
try {
  const workspace = await db.workspace.findFirstOrThrow({ where: { slackTeamId: 'TBENCHPROMPT' } });
  const at = new Date('2026-03-02T09:00:00Z');
  const clock = fixedClock(at);
  const deliverer = createDeliverer(
    { db, client: createOutboxClient(botToken, slackUrl, silentLogger), clock, logger: silentLogger },
    {
      concurrency: part === 'paced' ? 16 : 32,
      batchSize: 200,
      budget:
        part === 'paced'
          ? { windowMs: 1000, perWindow: { 'chat.postMessage': perSecond }, otherwise: 10_000 }
          : { windowMs: 1000, perWindow: {}, otherwise: 1_000_000 },
    },
  );

  const planned = performance.now();
  const result = await runPrompts(db, workspace.id, at, { defaultTimeZone: 'UTC' }, enqueue, null);
  const plannedMs = performance.now() - planned;

  const delivering = performance.now();
  // OKRA_BENCH_PLAN_ONLY=1: measure planning and recording alone.
  for (let round = 0; round < (process.env.OKRA_BENCH_PLAN_ONLY ? 0 : 10_000); round++) {
    await deliverer.deliverDue(clock.now());
    const open = await db.outbox.count({ where: { state: { in: ['pending', 'claimed'] } } });
    if (open === 0) break;
    clock.advance(1000);
  }
  const deliveredMs = performance.now() - delivering;
  await deliverer.stop(1000);

  console.log(
    JSON.stringify({
      part,
      prompted: result.prompted,
      plannedMs,
      deliveredMs,
      sent: await db.outbox.count({ where: { state: 'sent' } }),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      // CPU time of the whole process (start-up included): under contention wall time says little alone.
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    }),
  );
} finally {
  await database.close();
}
