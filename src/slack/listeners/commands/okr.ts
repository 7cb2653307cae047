// The `/okr` slash command: acknowledge at once, then route to the subcommand and answer ephemerally.

import type { App } from '@slack/bolt';
import { plainDatabaseFailure } from '../../../db/errors.ts';
import { can } from '../../../domain/permissions.ts';
import { buildCatalog } from '../../commands/catalog.ts';
import { decodeCommandText, decodeToPlainText } from '../../commands/decode.ts';
import { unknownFlagMessage } from '../../commands/known-flags.ts';
import { route } from '../../commands/router.ts';
import { splitFlags, tokenize } from '../../commands/tokenize.ts';
import type { CommandContext, Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { md } from '../../mrkdwn.ts';
import { refusalMessage } from '../../views/errors.ts';
import { fitMessage } from '../../views/fit.ts';
import { helpMessage, unknownCommandMessage } from '../../views/help.ts';
import { type SlackMessage, textMessage } from '../../views/message.ts';

/** Longer than any command a person types; reading more would only cost time (a 1 MB word took 2.9 s). */
const MAX_COMMAND_TEXT = 4_000;

export function register(app: App, services: Services): void {
  const catalog = buildCatalog();
  app.command('/okr', async ({ command, ack, respond, context, logger }) => {
    await ack();
    const { workspace, member } = okraContext(context);
    const reply = async (message: SlackMessage) => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...fitMessage(message) });
    };
    if (command.text.length > MAX_COMMAND_TEXT) {
      await reply({
        text: md`That command is ${command.text.length.toLocaleString('en-US')} characters long; Okra reads commands of up to ${MAX_COMMAND_TEXT.toLocaleString('en-US')} characters. Nothing was changed.`,
      });
      return;
    }
    if (command.text.trim() === '') {
      await reply(helpMessage(member.role, catalog));
      return;
    }
    const found = route(catalog, command.text);
    if (found.kind === 'unknown') {
      await reply(unknownCommandMessage(found.typed, found.suggestion));
      return;
    }
    if (found.command.access === 'admin' && !can({ memberId: member.id, role: member.role }, 'structure')) {
      await reply(refusalMessage(`\`/okr ${found.command.name}\``, 'PMO admins'));
      return;
    }
    // Slack's escaping ends here: from now on, plain text plus the references kept in args.refs.
    const tokens = tokenize(decodeCommandText(found.rest));
    if (!tokens.ok) {
      await reply({ text: md`${tokens.error}` });
      return;
    }
    const args = splitFlags(tokens.tokens, tokens.refs);
    const unknownFlag = unknownFlagMessage(found.command.name, args);
    if (unknownFlag) {
      await reply(textMessage(md`${unknownFlag}`));
      return;
    }
    const ctx: CommandContext = {
      ...services,
      workspace,
      member,
      args,
      text: decodeToPlainText(found.rest),
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      reply,
    };
    try {
      await found.command.run(ctx);
    } catch (error) {
      logger.error(`/okr ${found.command.name} failed`, error);
      await reply({
        text: md`${
          plainDatabaseFailure(error) ??
          'Something went wrong on our side and nothing was changed. Please try again in a moment.'
        }`,
      });
    }
  });
}
