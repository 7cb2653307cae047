import { md } from '../mrkdwn.ts';
import { helpMessage } from '../views/help.ts';
import { textMessage } from '../views/message.ts';
import { suggest } from './router.ts';
import type { CommandDef } from './types.ts';

/** Built with the whole catalog so that help lists exactly what exists. */
export function helpCommand(catalog: () => readonly CommandDef[]): CommandDef {
  return {
    name: 'help',
    summary: 'lists the commands you can use, with an example of each',
    example: '/okr help',
    access: 'everyone',
    async run(ctx) {
      const asked = ctx.args.positional.join(' ').toLowerCase();
      if (asked === '') return ctx.reply(helpMessage(ctx.member.role, catalog()));
      // `/okr help tree`: that command's usage, not the whole list.
      const commands = catalog();
      const name = commands.some((c) => c.name === asked)
        ? asked
        : suggest(
            asked,
            commands.map((c) => c.name),
          );
      const command = commands.find((c) => c.name === name);
      if (!command) return ctx.reply(helpMessage(ctx.member.role, commands));
      return ctx.reply(
        textMessage(md`\`/okr ${command.name}\` ${command.summary}. For example: \`${command.example}\``),
      );
    },
  };
}
