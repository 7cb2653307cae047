// `/okr checkin`: the weekly check-in modal at any time, for every key result and due KPI one owns.
import { actorOf } from '../../services/actor.ts';
import { openSheet } from '../listeners/views/check-in-sheet.ts';
import type { Feature } from './feature.ts';

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
  ],
  forms: [],
};
