// Flags survive the process: Okra runs as an operator runs it (src/main.ts in a child process), a check-in
// puts a key result off track, the process is stopped (SIGTERM) or killed (SIGKILL) while Slack fails or is
// slow, and after a restart the owner's DM and the PMO line are each there exactly once.
import { describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import type { SlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { MEMBER, SIGNING_SECRET, waitFor } from '../support/harness.ts';
import { processStages } from '../support/okra-process.ts';
import { cycleAroundNow, monthAgo, seedCycle, seedKeyResults } from '../support/seed.ts';
import { TEST_PROVIDER } from '../support/test-database.ts';

const PMO = 'C0OKRS';

const stage = processStages('okra-outbox-');

/** A fresh double, database and Okra, with one key result owned by MEMBER that a check-in puts off track. */
async function setUp() {
  const { double, ...okra } = await stage();
  // Commands go to whichever process started last.
  let url = '';
  const start = async () => {
    const run = await okra.start({ OKRA_PMO_CHANNEL: PMO });
    url = run.url;
    return run;
  };
  const first = await start();
  const command = (text: string) =>
    sendCommand(url, SIGNING_SECRET, { userId: MEMBER, text, responseUrl: double.newResponseUrl() });
  await command('help');
  await waitFor(() => double.responseUrlPosts.length > 0, 10_000);

  const db = okra.connect();
  const workspaceId = (await db.workspace.findFirstOrThrow()).id;
  const member = await db.member.findFirstOrThrow({ where: { slackUserId: MEMBER } });
  // Created past the grace period new items get before they are flagged.
  const createdAt = monthAgo();
  const { objectiveId } = await seedCycle(db, workspaceId, cycleAroundNow(), [{ title: 'Grow', createdAt }]);
  await seedKeyResults(db, workspaceId, objectiveId, [
    { title: 'Sign partners', ownerId: member.id, targetValue: 100, createdAt },
  ]);
  const flagDms = () => double.messagesIn(MEMBER).filter((m) => m.text?.includes('*KR-1*'));
  const pmoLines = () => double.messagesIn(PMO).filter((m) => m.text?.includes('*KR-1*'));
  return { double, db, first, start, command, flagDms, pmoLines };
}

type Scenario = Awaited<ReturnType<typeof setUp>>;

/** After the restart: both messages arrive, and a while later there is still exactly one of each. */
async function expectDeliveredOnce(s: Scenario, withinMs: number) {
  const states = async () =>
    (await s.db.outbox.findMany({ where: { key: { startsWith: 'flag:key_result:' } } })).map(
      (row) => row.state,
    );
  const deadline = Date.now() + withinMs;
  while ((await states()).some((state) => state !== 'sent') && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await states()).toEqual(['sent', 'sent']);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(s.flagDms()).toHaveLength(1);
  expect(s.pmoLines()).toHaveLength(1);
}

const posts = (double: SlackDouble) => double.callsTo('chat.postMessage').length;

/** After a stop: once the faults are gone, a restarted Okra delivers each message once. */
async function restartAndExpectOnce(s: Scenario, withinMs: number) {
  s.double.clearFaults();
  await s.start();
  await expectDeliveredOnce(s, withinMs);
}

/** A check-in puts KR-1 off track; once Slack has seen `postsSeen` posts the process gets `signal`. Its exit code. */
async function offTrackThenStop(s: Scenario, postsSeen: number, signal: 'SIGTERM' | 'SIGKILL') {
  await s.command('update KR-1 10 --confidence 2');
  await waitFor(() => posts(s.double) >= postsSeen, 60_000);
  s.first.child.kill(signal);
  return s.first.exited;
}

describe(`flags across stops and crashes on ${TEST_PROVIDER}`, () => {
  it('SIGTERM while Slack answers 500 (one stored before answering): each delivered once after restart', async () => {
    const s = await setUp();
    s.double.failNext('chat.postMessage', { status: 500, afterStore: true });
    s.double.failNext('chat.postMessage', { status: 500, times: 1000 });
    expect(await offTrackThenStop(s, 3, 'SIGTERM')).toBe(0);
    await restartAndExpectOnce(s, 30_000);
  }, 150_000);

  // A restarted process does not know the Retry-After an earlier one was given (the 429 pause is per
  // instance), so this checks that nothing got through before the stop and each arrives once after it.
  it('SIGTERM while Slack answers 429 with Retry-After: 30: nothing delivered before, each once after restart', async () => {
    const s = await setUp();
    s.double.failNext('chat.postMessage', { status: 429, retryAfter: 30, times: 1000 });
    expect(await offTrackThenStop(s, 1, 'SIGTERM')).toBe(0);
    expect(s.double.callsTo('chat.postMessage').filter((call) => call.ok)).toHaveLength(0);
    await restartAndExpectOnce(s, 60_000);
  }, 150_000);

  it('SIGKILL during a slow send that Slack carries out: not sent again after restart', async () => {
    const s = await setUp();
    // Slack takes 4 s before it stores and answers; the process dies meanwhile.
    s.double.failNext('chat.postMessage', { delayMs: 3000, times: 2 });
    await offTrackThenStop(s, 2, 'SIGKILL');
    await restartAndExpectOnce(s, 60_000);
    // Found in the history by their keys: the restart read it and posted nothing more.
    expect(posts(s.double)).toBe(2);
    expect(s.double.callsTo('conversations.history').length).toBeGreaterThanOrEqual(2);
  }, 150_000);

  it('SIGKILL after the status change, before Slack took any message: sent once after restart', async () => {
    const s = await setUp();
    // Slack holds the posts and then fails them without storing: when the process dies nothing was sent.
    s.double.failNext('chat.postMessage', { delayMs: 3000, status: 500, times: 2 });
    await offTrackThenStop(s, 2, 'SIGKILL');
    expect(s.flagDms()).toHaveLength(0);
    await restartAndExpectOnce(s, 60_000);
  }, 150_000);
});
