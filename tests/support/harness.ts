// The whole app as Slack sees it: the real Bolt receiver on a real port, the real WebClient talking to the
// Slack double, a fresh migrated database, and a controllable clock. Tests drive it with signed requests.

import {
  type DriverResponse,
  type SendOptions,
  type StateMap,
  sendBlockAction,
  sendCommand,
  sendEvent,
  sendViewSubmission,
} from '../../devkit/slack-stand-in/driver.ts';
import type { BlockActionInput, EventInput } from '../../devkit/slack-stand-in/payloads.ts';
import type { ResponseUrlPost } from '../../devkit/slack-stand-in/web-api/index.ts';
import {
  DEFAULT_USERS,
  type SlackDouble,
  startSlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';
import { createApp, type Okra } from '../../src/app.ts';
import { type Clock, fixedClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { scheduledJobs } from '../../src/jobs/index.ts';
import { runTick } from '../../src/jobs/scheduler.ts';
import { silentLogger } from '../../src/logger.ts';
import type { OutboxOptions } from '../../src/slack/outbox/deliverer.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const ADMIN = DEFAULT_USERS.alice.id;
export const MEMBER = DEFAULT_USERS.bob.id;
export const OTHER = DEFAULT_USERS.priya.id;

export interface HarnessOptions {
  now?: string;
  admins?: string[];
  pmoChannel?: string;
  env?: Record<string, string>;
  outbox?: OutboxOptions;
}

export interface CommandResult {
  http: DriverResponse;
  /** Everything the app posted to the command's response_url. */
  replies: ResponseUrlPost[];
  /** The text of the first reply (its fallback text), for quick assertions. */
  text: string;
  /** The modal opened with the command's trigger, if any. */
  modal: Record<string, unknown> | undefined;
}

export interface Harness {
  double: SlackDouble;
  database: TestDatabase;
  db: Db;
  okra: Okra;
  appUrl: string;
  clock: Clock & { set(at: Date | string): void; advance(ms: number): void };
  command(
    userId: string,
    text: string,
    options?: SendOptions & { channelId?: string },
  ): Promise<CommandResult>;
  submit(userId: string, view: Record<string, unknown>, values: StateMap): Promise<DriverResponse>;
  action(input: BlockActionInput): Promise<DriverResponse>;
  event(input: EventInput): Promise<DriverResponse>;
  /** One scheduler tick at the clock's time, with the jobs main.ts registers; resolves when all is settled. */
  tick(): Promise<void>;
  /**
   * Stops the app as a shutdown does, runs `whileDown` (move the clock: nothing ticks meanwhile), then starts
   * a new app on the same database and Slack, as a restarted process would be. `okra` is the new app after.
   */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // The manifest asks for chat:write.public, so Slack lets the app post to public channels it has not joined.
  const double = await startSlackDouble({ chatWritePublic: true });
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? '2026-02-11T10:00:00Z');
  const config = parseConfig({
    SLACK_BOT_TOKEN: double.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: double.url,
    DATABASE_URL: database.url,
    OKRA_ADMINS: (options.admins ?? [ADMIN]).join(','),
    OKRA_PMO_CHANNEL: options.pmoChannel ?? 'C0OKRS',
    ...options.env,
  });
  const boot = async () => {
    const app = createApp({
      config,
      database,
      clock,
      logger: silentLogger,
      ...(options.outbox ? { outbox: options.outbox } : {}),
    });
    const port = await app.start(0);
    await warmUp(database);
    return { app, jobs: scheduledJobs(app.outbox, app.profiles), port };
  };
  let { app: okra, jobs, port } = await boot();
  let appUrl = `http://127.0.0.1:${port}`;

  return {
    double,
    database,
    db: database.db,
    get okra() {
      return okra;
    },
    get appUrl() {
      return appUrl;
    },
    clock,
    async command(userId, text, sendOptions = {}) {
      const responseUrl = double.newResponseUrl({ userId });
      const triggerId = double.newTriggerId();
      const callsBefore = double.calls.length;
      const http = await sendCommand(
        appUrl,
        SIGNING_SECRET,
        { userId, text, responseUrl, triggerId, channelId: sendOptions.channelId ?? 'C0GENERAL' },
        sendOptions,
      );
      if (http.status !== 200) return { http, replies: [], text: '', modal: undefined };
      await okra.idle();
      const replies = double.responsesTo(responseUrl);
      const opened = double.calls.slice(callsBefore).find((call) => call.method === 'views.open' && call.ok);
      return {
        http,
        replies,
        text: String(replies[0]?.body.text ?? ''),
        modal: opened ? (opened.args.view as Record<string, unknown>) : undefined,
      };
    },
    async submit(userId, view, values) {
      const http = await sendViewSubmission(appUrl, SIGNING_SECRET, { userId, view, values });
      await okra.idle();
      assertErrorsOnInputs(view, http.body);
      return http;
    },
    async action(input) {
      const http = await sendBlockAction(appUrl, SIGNING_SECRET, input);
      await okra.idle();
      return http;
    },
    async event(input) {
      const http = await sendEvent(appUrl, SIGNING_SECRET, input);
      await okra.idle();
      return http;
    },
    async tick() {
      await runTick(okra.services, jobs, clock.now());
      await okra.idle();
    },
    async restart(whileDown) {
      await okra.stop();
      await whileDown?.();
      ({ app: okra, jobs, port } = await boot());
      appUrl = `http://127.0.0.1:${port}`;
    },
    async close() {
      await okra.stop();
      const rejected = limitRejections(double);
      await double.close();
      await database.drop();
      // Every message and view the app sent in this file must have been within Slack's limits.
      if (rejected.length > 0) throw new Error(`Slack rejected what the app sent:\n${rejected.join('\n')}`);
    },
  };
}

/**
 * Slack shows `response_action: errors` only on input blocks of the submitted view and refuses the whole
 * answer otherwise; an error keyed by a field the view does not have would never reach the person.
 */
function assertErrorsOnInputs(view: Record<string, unknown>, body: unknown): void {
  const answer = body as { response_action?: string; errors?: Record<string, string> } | undefined;
  if (answer?.response_action !== 'errors' || !answer.errors) return;
  const blocks = (view.blocks ?? []) as Array<{ type?: string; block_id?: string }>;
  const inputs = new Set(blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  const stray = Object.keys(answer.errors).filter((key) => !inputs.has(key));
  if (stray.length > 0)
    throw new Error(
      `modal errors on fields the view does not have: ${stray.join(', ')} (inputs: ${[...inputs].join(', ')})`,
    );
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the app to answer');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Errors Slack gives for content over its limits or malformed: the app must never cause one. */
const CONTENT_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_blocks_too_long',
  'no_text',
  'invalid_arguments',
  'view_too_large',
  'too_long',
]);

export function limitRejections(double: SlackDouble): string[] {
  const calls = double.calls
    .filter((call) => call.error !== undefined && CONTENT_ERRORS.has(call.error))
    .map(
      (call) =>
        `${call.method}: ${call.error} ${JSON.stringify((call.response as { response_metadata?: unknown })?.response_metadata ?? '')}`,
    );
  const responses = double.responseUrlPosts
    .filter((post) => !post.accepted)
    .map((post) => `response_url: ${post.error ?? 'refused'}`);
  return [...calls, ...responses];
}

/**
 * Opens a connection and has Prisma compile the lookups every request starts with, reading only, as a
 * running instance would have done long before. Without it a file's first command on a fresh PostgreSQL
 * database, on a loaded machine, could miss the 1 s lookup deadline and be answered "cannot reach its database".
 */
async function warmUp(database: TestDatabase): Promise<void> {
  await database.db.workspace.findUnique({ where: { slackTeamId: 'T0WARMUP' } });
  await database.db.member.findFirst({ where: { slackUserId: 'U0WARMUP' } });
}
