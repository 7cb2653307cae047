// The composition root: builds Okra from its dependencies. main.ts and the tests build the same app.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database, Health } from './db/client.ts';
import { withDeadline } from './deadline.ts';
import { gateSlackRequest } from './http/request-gate.ts';
import type { Services } from './slack/commands/types.ts';
import { registerContext } from './slack/context.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { createOutboxClient } from './slack/outbox/client.ts';
import { createDeliverer, type Deliverer, type OutboxOptions } from './slack/outbox/deliverer.ts';
import {
  createProfileRefresher,
  type ProfileRefresher,
  type ProfileRefreshOptions,
} from './slack/profiles/refresh.ts';

const HEALTH_DEADLINE_MS = 2_000;

/** Longer than undici's 4 s and the usual 60 s of load balancers. */
const KEEP_ALIVE_MS = 65_000;

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Wall-clock time for request signatures; the system clock unless a test says otherwise. */
  wallClock?: Clock;
  /** Tests scale the rate budget and timings; production uses Slack's tiers. */
  outbox?: OutboxOptions;
  profiles?: ProfileRefreshOptions;
}

/** How long shutdown waits for notices in flight before leaving them to the next start's reconcile. */
const OUTBOX_STOP_MS = 5000;

export interface Okra {
  app: App;
  services: Services;
  /** Delivers the outbox; the scheduler's outbox job drives it, and commits that enqueue wake it. */
  outbox: Deliverer;
  /** Reads new owners' profiles and refreshes stale ones; the scheduler's profiles job drives it. */
  profiles: ProfileRefresher;
  /** Starts the HTTP server (Slack requests and /healthz); resolves with the port it listens on. */
  start(port?: number): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, then closes the server (not the database). */
  stop(): Promise<void>;
  /** Resolves once no listener work is running (work continues after Slack's request is acknowledged). */
  idle(): Promise<void>;
}

export function createApp({
  config,
  database,
  clock,
  logger,
  wallClock = systemClock,
  outbox: outboxOptions,
  profiles: profileOptions,
}: AppDeps): Okra {
  const socketMode = Boolean(config.slackAppToken);
  const httpReceiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.slackSigningSecret, endpoints: '/slack/events', logger });
  const clientOptions = config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {};
  const socketReceiver = httpReceiver
    ? undefined
    : new SocketModeReceiver({
        appToken: config.slackAppToken!,
        logger,
        installerOptions: { clientOptions },
      });
  const receiver = httpReceiver ?? socketReceiver!;
  // app.client answers people (views.open, respond, ephemeral); the outbox has a client of its own so that
  // interactive answers never wait behind its rate limits.
  const app = new App({ token: config.slackBotToken, logger, receiver, clientOptions });
  // Work Okra does on its own shares a client that never retries by itself and never waits behind 429s.
  const backgroundClient = createOutboxClient(config.slackBotToken, config.slackApiUrl, logger);
  const outbox = createDeliverer({ db: database.db, client: backgroundClient, clock, logger }, outboxOptions);
  const profiles = createProfileRefresher(
    { db: database.db, client: backgroundClient, logger },
    profileOptions,
  );
  const services: Services = {
    db: database.db,
    clock,
    logger,
    client: app.client,
    outbox,
    settings: { pmoChannel: config.pmoChannel, defaultTimeZone: config.defaultTimeZone },
  };
  // Listener work continues after ack(); shutdown waits for it so no answer or write is cut in half.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerContext(app, { db: database.db, admins: config.admins, clock });
  registerListeners(app, services);

  // A database that does not answer at all must not leave the health check unanswered.
  let lastProblem: string | undefined;
  const checkHealth = async (): Promise<Health> => {
    const health = await withDeadline(database.health(), HEALTH_DEADLINE_MS).catch(
      (): Health => ({ ok: false, problem: `the database did not answer within ${HEALTH_DEADLINE_MS} ms` }),
    );
    const problem = health.ok ? undefined : health.problem;
    if (problem && problem !== lastProblem) logger.error(`health: ${problem}`);
    if (!problem && lastProblem) logger.info('health: the database answers again');
    lastProblem = problem;
    return health;
  };

  let server: Server | undefined;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const health = await checkHealth();
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          health.ok ? { ok: true, database: 'up' } : { ok: false, database: 'down', problem: health.problem },
        ),
      );
      return;
    }
    if (httpReceiver) {
      if (req.method === 'POST') {
        const gate = await gateSlackRequest(req, {
          db: database.db,
          signingSecret: config.slackSigningSecret,
          wallClock,
          warn: (message, error) => logger.warn(message, error),
        });
        if (!gate.pass) {
          logger.warn(`refused a request to ${req.url}: ${gate.reason}`);
          res.writeHead(gate.status).end();
          return;
        }
      }
      httpReceiver.requestListener(req, res);
      return;
    }
    res.writeHead(404).end();
  };

  return {
    app,
    services,
    outbox,
    profiles,
    async start(port = config.port) {
      server = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          logger.error('request failed', error);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      // Keep idle connections open longer than clients (and load balancers, commonly 60 s) keep theirs, so
      // the client always closes first: a server that closes an idle connection just as a client reuses it
      // makes that request fail with ECONNRESET. stop() still closes idle connections at once.
      server.keepAliveTimeout = KEEP_ALIVE_MS;
      server.headersTimeout = KEEP_ALIVE_MS + 1000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, () => resolve());
      });
      if (socketMode) await app.start();
      return (server.address() as AddressInfo).port;
    },
    async idle() {
      // One turn of the event loop first: a request just answered may not have reached its listener yet.
      await new Promise((resolve) => setImmediate(resolve));
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await outbox.idle();
    },
    async stop() {
      // Not app.stop(): Bolt's SocketModeReceiver.stop() starts the disconnect without waiting for it, so
      // events could still arrive after stop() resolved. The client's own disconnect() resolves once the
      // WebSocket close handshake is done (calling both would cut that handshake short).
      if (socketReceiver) await socketReceiver.client.disconnect();
      const closing = server;
      if (!closing) {
        await outbox.stop(OUTBOX_STOP_MS);
        return;
      }
      await new Promise<void>((resolve) => {
        // Idle keep-alive sockets would hold close() open: close them now, and each busy one as soon as its
        // answer has gone out (in-flight requests finish first).
        const sweep = setInterval(() => closing.closeIdleConnections(), 50);
        closing.close(() => {
          clearInterval(sweep);
          resolve();
        });
        closing.closeIdleConnections();
      });
      await Promise.allSettled([...inFlight]);
      // Stops claiming; what is in flight gets a bounded moment, the rest is picked up at the next start.
      await outbox.stop(OUTBOX_STOP_MS);
    },
  };
}
