// `/okr cycle add | list | current`

import { actorOf } from '../../services/actor.ts';
import { type CycleView, createCycle, listCycles, setCurrentCycle } from '../../services/cycles.ts';
import { flagText } from '../commands/tokenize.ts';
import { text } from '../forms/read-state.ts';
import { CALLBACK } from '../ids.ts';
import { EMPTY, md } from '../mrkdwn.ts';
import { listMessage } from '../views/list-message.ts';
import { textMessage } from '../views/message.ts';
import { cycleAddModal } from '../views/modals/cycle.ts';
import { confirmationMessage, outcomeMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

const cycleCreated = (cycle: CycleView) =>
  confirmationMessage(
    md`Created cycle *${cycle.name}* (${cycle.start} to ${cycle.end})${cycle.isCurrent ? ', now the current cycle' : ''}.`,
  );

export const cycles: Feature = {
  commands: [
    {
      name: 'cycle add',
      summary: 'creates a cycle (a quarter, say); without arguments opens a form',
      example: '/okr cycle add "2026 Q1" 2026-01-01 2026-03-31 --current',
      access: 'admin',
      async run(ctx) {
        const [name, start, end] = ctx.args.positional;
        if (!name) {
          await ctx.client.views.open({ trigger_id: ctx.triggerId, view: cycleAddModal() });
          return;
        }
        if (/^\d{4}-\d{2}-\d{2}$/.test(name)) {
          // The dates came first: show the order rather than complain about an "end date".
          await ctx.reply(
            textMessage(
              md`The name comes first, then the start and end dates: \`/okr cycle add "2026 Q1" 2026-01-01 2026-03-31\`.`,
            ),
          );
          return;
        }
        const outcome = await createCycle(ctx.db, actorOf(ctx.member), {
          name,
          start: start ?? flagText(ctx.args, 'start'),
          end: end ?? flagText(ctx.args, 'end'),
          current: ctx.args.flags.current === true,
        });
        await ctx.reply(outcomeMessage(outcome, { start: 'start date', end: 'end date' }, cycleCreated));
      },
    },
    {
      name: 'cycle list',
      summary: 'lists the cycles, newest first',
      example: '/okr cycle list',
      access: 'everyone',
      async run(ctx) {
        const all = await listCycles(ctx.db, ctx.workspace.id);
        if (all.length === 0) {
          await ctx.reply({
            text: md`There are no cycles yet. A PMO admin creates one with \`/okr cycle add\`.`,
          });
          return;
        }
        const lines = all.map(
          (c) => md`• *${c.name}* ${c.start} to ${c.end}${c.isCurrent ? md` _(current)_` : EMPTY}`,
        );
        await ctx.reply(
          listMessage(md`*Cycles*`, lines, md`Older cycles are in \`/okr export --cycle "<name>"\`.`),
        );
      },
    },
    {
      name: 'cycle current',
      summary: 'makes a cycle the current one',
      example: '/okr cycle current "2026 Q2"',
      access: 'admin',
      async run(ctx) {
        const name = ctx.args.positional.join(' ');
        if (!name) {
          await ctx.reply({ text: md`Name the cycle: \`/okr cycle current "2026 Q2"\`.` });
          return;
        }
        const outcome = await setCurrentCycle(ctx.db, actorOf(ctx.member), name);
        await ctx.reply(
          outcomeMessage(outcome, { name: 'cycle' }, (cycle) =>
            confirmationMessage(md`*${cycle.name}* is now the current cycle.`),
          ),
        );
      },
    },
  ],
  forms: [
    {
      callbackId: CALLBACK.cycleAdd,
      adminOnly: true,
      toInput: (form) => ({
        name: text(form.name),
        start: text(form.start),
        end: text(form.end),
        current: form.current === true,
      }),
      submit: (services, actor, input) => createCycle(services.db, actor, input),
      confirmation: (cycle: CycleView) => cycleCreated(cycle),
    },
  ],
};
