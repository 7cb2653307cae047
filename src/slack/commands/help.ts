import { helpMessage } from '../views/help.ts';
import type { CommandDef } from './types.ts';

/** Built with the whole catalog so that help lists exactly what exists. */
export function helpCommand(catalog: () => readonly CommandDef[]): CommandDef {
  return {
    name: 'help',
    summary: 'lists the commands you can use, with an example of each',
    example: '/okr help',
    access: 'everyone',
    run: (ctx) => ctx.reply(helpMessage(ctx.member.role, catalog())),
  };
}
