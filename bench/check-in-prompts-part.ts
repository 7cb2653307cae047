// One part of the check-in prompt benchmark, run in a fresh process by check-in-prompts.ts so each part's
// peak memory is its own. Prints one JSON line. Parts:
//   unlimited <owners>: prompts to every owner, the Slack double answering as fast as it can;
//   paced <owners> <perSecond>: the double enforcing chat.postMessage per second, the outbox paced to it.

import { startSlackDouble } from '../devkit/slack-stand-in/web-api/index.ts';
import { fixedClock } from '../src/clock.ts';
import { silentLogger } from '../src/logger.ts';
import { runPrompts } from '../src/services/check-in-prompts.ts';
import { enqueue } from '../src/services/outbox.ts';
import { createOutboxClient } from '../src/slack/outbox/client.ts';
import { createDeliverer } from '../src/slack/outbox/deliverer.ts';
import { createTestDatabase } from '../tests/support/test-database.ts';

const [part = 'unlimited', ownersText = '10000', perSecondText = '50'] = process.argv.slice(2);
const owners = Number(ownersText);
const perSecond = Number(perSecondText);
const userId = (n: number) => `UB${String(n).padStart(6, '0')}`;

const database = await createTestDatabase();
const { db } = database;
const double = await startSlackDouble();
try {
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
    for (const n of batch) double.addUser({ id: userId(n), name: `owner${n}`, tz: 'UTC' });
  }
  await db.schedule.create({
    data: { workspaceId: workspace.id, kind: 'checkin_prompt', dayOfWeek: 1, localTime: '09:00' },
  });

  const at = new Date('2026-03-02T09:00:00Z');
  const clock = fixedClock(at);
  if (part === 'paced') double.rateLimit('chat.postMessage', { perSecond });
  const deliverer = createDeliverer(
    {
      db,
      client: createOutboxClient(double.botToken, double.url, silentLogger),
      clock,
      logger: silentLogger,
    },
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

  const posts = double.callsTo('chat.postMessage');
  const keys = new Map<string, number>();
  for (const message of double.messages) {
    const key = (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
    if (key) keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  const sent = await db.outbox.count({ where: { state: 'sent' } });
  console.log(
    JSON.stringify({
      part,
      owners,
      prompted: result.prompted,
      plannedMs,
      deliveredMs,
      sent,
      delivered: keys.size,
      duplicates: [...keys.values()].filter((count) => count > 1).length,
      rateLimited: posts.filter((call) => call.status === 429).length,
      posts: posts.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await double.close();
  await database.drop();
}
