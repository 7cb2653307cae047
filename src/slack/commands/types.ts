// What a `/okr` subcommand is: its words, who may use it, how to call it, and what it does.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/client.ts';
import type { MemberRow, WorkspaceRow } from '../../db/queries/workspaces.ts';
import type { OutboxSignal } from '../../services/outbox.ts';
import type { SlackMessage } from '../views/message.ts';
import type { ParsedArgs } from './tokenize.ts';

/** everyone: any member; owner: members for the items they own (checked by the command), admins for all. */
export type Access = 'everyone' | 'owner' | 'admin';

export interface Services {
  db: Db;
  clock: Clock;
  logger: Logger;
  client: WebClient;
  /** Woken after a commit that enqueued notices, so they go out now rather than at the next tick. */
  outbox: OutboxSignal;
  /** Settings that come from the environment rather than the database. */
  settings: { pmoChannel: string | undefined; defaultTimeZone: string };
}

export interface CommandContext extends Services {
  workspace: WorkspaceRow;
  member: MemberRow;
  args: ParsedArgs;
  /** The text after the subcommand's own words, as typed. */
  text: string;
  triggerId: string;
  channelId: string;
  /** An ephemeral answer to the person who typed the command. */
  reply(message: SlackMessage): Promise<void>;
}

export interface CommandDef {
  /** The words after /okr, e.g. "kr add". */
  name: string;
  summary: string;
  example: string;
  access: Access;
  run(ctx: CommandContext): Promise<void>;
}
