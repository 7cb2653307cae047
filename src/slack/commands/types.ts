// What a `/okr` subcommand is: its words, who may use it, how to call it, and what it does.
import type { MemberRow, WorkspaceRow } from '../../db/queries/workspaces.ts';
import type { Services } from '../../services/services.ts';
import type { SlackMessage } from '../views/message.ts';
import type { ParsedArgs } from './tokenize.ts';

// Services moved to src/services/services.ts (services must not import src/slack); re-exported for listeners.
export type { Services };

/** everyone: any member; owner: members for the items they own (checked by the command), admins for all. */
export type Access = 'everyone' | 'owner' | 'admin';

export interface CommandContext extends Services {
  workspace: WorkspaceRow;
  member: MemberRow;
  args: ParsedArgs;
  /** The text after the subcommand's own words, decoded to plain text (references by their labels). */
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
