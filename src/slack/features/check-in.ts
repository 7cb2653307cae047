// `/okr checkin`: the weekly check-in modal at any time, for every key result and due KPI one owns.
import { localDate, periodOf } from '../../domain/periods.ts';
import { actorOf } from '../../services/actor.ts';
import { checkInStatus } from '../../services/check-in-status.ts';
import { zoneOf } from '../../services/check-ins.ts';
import type { CommandContext } from '../commands/types.ts';
import { openSheet } from '../listeners/views/check-in-sheet.ts';
import { checkInStatusMessage } from '../views/check-ins/status.ts';
import type { Feature } from './feature.ts';

async function statusCommand(ctx: CommandContext): Promise<void> {
  // The admin's own week: with people across zones, "this week" is the week of whoever asks.
  const now = ctx.clock.now();
  const zone = zoneOf(ctx.member, undefined, ctx.settings.defaultTimeZone);
  const status = await checkInStatus(
    ctx.db,
    ctx.workspace.id,
    periodOf(now, 'weekly', zone),
    localDate(now, zone),
  );
  await ctx.reply(checkInStatusMessage(status));
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
  ],
  forms: [],
};
