// `/okr checkin`: the weekly check-in modal at any time, for every key result and due KPI one owns.
import { localDate, periodOf } from '../../domain/periods.ts';
import { actorOf } from '../../services/actor.ts';
import { runPrompts } from '../../services/check-in-prompts.ts';
import { checkInStatus } from '../../services/check-in-status.ts';
import { memberZone } from '../../services/check-in-zone.ts';
import { pmoChannelOf } from '../../services/escalation.ts';
import { enqueue } from '../../services/outbox.ts';
import type { CommandContext } from '../commands/types.ts';
import { openSheet } from '../listeners/views/check-in-sheet.ts';
import { md } from '../mrkdwn.ts';
import { checkInStatusMessage } from '../views/check-ins/status.ts';
import { confirmationMessage } from '../views/replies.ts';
import type { Feature } from './feature.ts';

async function statusCommand(ctx: CommandContext): Promise<void> {
  // The admin's own week: with people across zones, "this week" is the week of whoever asks.
  const now = ctx.clock.now();
  const zone = await memberZone(ctx.db, ctx.member.id, ctx.settings.defaultTimeZone);
  const status = await checkInStatus(
    ctx.db,
    ctx.workspace.id,
    periodOf(now, 'weekly', zone),
    localDate(now, zone),
  );
  await ctx.reply(checkInStatusMessage(status));
}

async function sendCommand(ctx: CommandContext): Promise<void> {
  // Each active schedule's prompt for the current week of each person, now, to those not prompted yet.
  const result = await runPrompts(
    ctx.db,
    ctx.workspace.id,
    ctx.clock.now(),
    ctx.settings,
    enqueue,
    pmoChannelOf(ctx.workspace, ctx.settings) ?? null,
    { now: true },
  );
  ctx.outbox.wake();
  await ctx.reply(
    confirmationMessage(
      result.prompted === 0
        ? md`Nobody left to prompt this week: everyone with something due has been prompted already (or is paused).`
        : md`Sent ${result.prompted} check-in prompt${result.prompted === 1 ? '' : 's'} for this week.`,
    ),
  );
}

export const checkIn: Feature = {
  commands: [
    {
      name: 'checkin',
      summary:
        'opens your weekly check-in: every key result you own (value, confidence, comment), due KPI readings, blockers and risks',
      example: '/okr checkin',
      access: 'everyone',
      run: (ctx) => openSheet(ctx, ctx.client, actorOf(ctx.member), ctx.triggerId),
    },
    {
      name: 'checkin status',
      summary: 'who has checked in this week and who has not, per team, with counts (PMO admins)',
      example: '/okr checkin status',
      access: 'admin',
      run: statusCommand,
    },
    {
      name: 'checkin send',
      summary:
        "sends this week's check-in prompts now, to everyone due who has not been prompted yet (PMO admins)",
      example: '/okr checkin send',
      access: 'admin',
      run: sendCommand,
    },
  ],
  forms: [],
};
