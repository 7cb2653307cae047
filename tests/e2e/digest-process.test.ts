// Digests survive the process and a second instance: Okra runs as an operator runs it (src/main.ts in child
// processes on one database), and a digest is posted exactly once per subscription and period, with its
// thread and chart, whether the process is killed in the middle of posting it or two instances (their
// minute ticks and a `/okr digest now`) ask for it at the same time.
import { describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import type { SlackDouble, StoredMessage } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, SIGNING_SECRET, waitFor } from '../support/harness.ts';
import { processStages } from '../support/okra-process.ts';
import { cycleAroundNow, monthAgo, seedCycle, seedKeyResults } from '../support/seed.ts';
import { TEST_PROVIDER } from '../support/test-database.ts';

const LEAD = 'C0LEAD';
/** More than the top message lists: the objectives go to the thread. */
const OBJECTIVES = 12;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const stage = processStages('okra-digest-');

/**
 * A double with the leadership channel, a database, and a portfolio of 12 objectives and 36 key results in a
 * cycle running now. Nothing has an owner and there is no PMO channel, so the only messages Okra sends
 * are the digest's: a fault set on chat.postMessage hits the digest and nothing else.
 */
async function setUp() {
  const { double, ...okra } = await stage();
  double.addChannel({ id: LEAD, name: 'leadership' });
  const start = async () => {
    const run = await okra.start({}, 60_000);
    const url = run.url;
    const command = async (text: string) => {
      const before = double.responseUrlPosts.length;
      await sendCommand(url, SIGNING_SECRET, { userId: ADMIN, text, responseUrl: double.newResponseUrl() });
      await waitFor(() => double.responseUrlPosts.length > before, 60_000);
      return JSON.stringify(double.responseUrlPosts.at(-1));
    };
    return { run, command };
  };
  const first = await start();
  await first.command('help');

  const db = okra.connect();
  const workspaceId = (await db.workspace.findFirstOrThrow()).id;
  const createdAt = monthAgo();
  const objectives = Array.from({ length: OBJECTIVES }, (_, o) => ({
    title: `Objective ${o + 1}`,
    createdAt,
  }));
  const { objectiveIds } = await seedCycle(db, workspaceId, cycleAroundNow(), objectives);
  for (const [o, objectiveId] of objectiveIds.entries())
    await seedKeyResults(
      db,
      workspaceId,
      objectiveId,
      [1, 2, 3].map((k) => ({
        title: `Key result ${o + 1}.${k}`,
        targetValue: 100,
        currentValue: 20 * k,
        createdAt,
      })),
    );
  return { double, db, first, start };
}

const tops = (double: SlackDouble) => double.messagesIn(LEAD).filter((m) => m.threadTs === undefined);
const repliesTo = (double: SlackDouble, top: StoredMessage) =>
  double.messagesIn(LEAD, { threadTs: top.ts }).filter((m) => m.ts !== top.ts);
const leadPosts = (double: SlackDouble) =>
  double.callsTo('chat.postMessage').filter((call) => call.args.channel === LEAD);

type Db = Awaited<ReturnType<typeof setUp>>['db'];

/** Until every notice of the digest is sent: then one top message, its replies and chart, once. */
async function expectPostedOnce(double: SlackDouble, db: Db, withinMs: number) {
  const rows = () =>
    db.outbox.findMany({ where: { key: { startsWith: 'digest:' } }, orderBy: { id: 'asc' } });
  const deadline = Date.now() + withinMs;
  while (
    ((await rows()).length === 0 || (await rows()).some((row) => row.state !== 'sent')) &&
    Date.now() < deadline
  )
    await new Promise((resolve) => setTimeout(resolve, 250));
  const notices = await rows();
  expect(notices.map((row) => row.state).every((state) => state === 'sent')).toBe(true);
  expect(await db.digestPost.count()).toBe(1);
  // A moment later still exactly one of everything.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(tops(double)).toHaveLength(1);
  const top = tops(double)[0]!;
  const replies = repliesTo(double, top);
  expect(replies).toHaveLength(notices.filter((row) => row.kind === 'digest-thread').length);
  expect(new Set(replies.map((reply) => reply.text)).size).toBe(replies.length);
  const charts = double.files.filter((file) => file.channelId === LEAD);
  expect(charts).toHaveLength(1);
  expect(charts[0]?.threadTs).toBe(top.ts);
  expect(charts[0]?.completed).toBe(true);
  expect(charts[0]?.content?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return { top, replies };
}

describe(`digests across a crash and a second instance on ${TEST_PROVIDER}`, () => {
  it('SIGKILL after the digest was claimed, before Slack took its post: posted once after restart, thread and chart included', async () => {
    const s = await setUp();
    await s.first.command(`digest add <#${LEAD}|leadership>`);
    expect(await s.db.digestSubscription.count()).toBe(1);
    // Slack holds the top post and then fails it without storing: when the process dies nothing is posted.
    s.double.failNext('chat.postMessage', { delayMs: 4000, status: 500, times: 5 });
    await s.first.command(`digest now <#${LEAD}|leadership>`);
    await waitFor(() => leadPosts(s.double).length >= 1, 60_000);
    expect(await s.db.digestPost.count()).toBe(1);
    s.first.run.child.kill('SIGKILL');
    await s.first.run.exited;
    expect(tops(s.double)).toHaveLength(0);
    s.double.clearFaults();
    await s.start();
    const { top, replies } = await expectPostedOnce(s.double, s.db, 90_000);
    expect(top.text).toMatch(/^OKR digest for Now · week \d+ of \d+ · everything\./);
    expect(replies.length).toBeGreaterThanOrEqual(1);
  }, 420_000);

  it('two instances, their minute ticks and /okr digest now in the same period: one digest', async () => {
    const s = await setUp();
    const second = await s.start();
    // Due since Monday 00:00 (Reykjavik keeps UTC all year), so both instances' next minute tick finds it due.
    await s.first.command(`digest add <#${LEAD}|leadership> --day mon --time 00:00 --tz Atlantic/Reykjavik`);
    expect(await s.db.digestSubscription.count()).toBe(1);
    // Both ask at once, each through its own process; then both ticks come.
    await Promise.all([
      s.first.command(`digest now <#${LEAD}|leadership>`),
      second.command(`digest now <#${LEAD}|leadership>`),
    ]);
    // Wait past the next minute boundary, when both schedulers run their digest job.
    await new Promise((resolve) => setTimeout(resolve, 61_000 - (Date.now() % 60_000) + 5_000));
    const { replies } = await expectPostedOnce(s.double, s.db, 90_000);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(s.first.run.child.exitCode).toBeNull();
    expect(second.run.child.exitCode).toBeNull();
  }, 420_000);
});
