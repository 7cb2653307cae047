// What every service, job and listener is given: the composition root (src/app.ts) builds it once. Neutral
// ground: services and jobs import it from here, never from src/slack.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import type { OutboxSignal } from './outbox.ts';

export interface Services {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** For answering people (views, ephemeral replies, profiles); notices go through the outbox instead. */
  client: WebClient;
  /** What services tell people on their own: enqueue in the transaction, then wake the deliverer. */
  outbox: OutboxSignal;
  /** Settings that come from the environment rather than the database. */
  settings: { pmoChannel: string | undefined; defaultTimeZone: string };
}
