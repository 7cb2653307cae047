// Every tick: this period's check-in prompts to whoever's local prompt time has come, and reminders due.
// Both write through the outbox under unique keys, so ticks that repeat, run late or run on two instances
// at once send each prompt and reminder once.
import { runPrompts } from '../services/check-in-prompts.ts';
import { runReminders } from '../services/check-in-reminders.ts';
import { pmoChannelOf } from '../services/escalation.ts';
import { enqueue } from '../services/outbox.ts';
import type { Job } from './scheduler.ts';

export function checkInJob(): Job {
  return async (services, at) => {
    const workspaces = await services.db.workspace.findMany({ select: { id: true, pmoChannelId: true } });
    for (const workspace of workspaces) {
      const pmo = pmoChannelOf(workspace, services.settings) ?? null;
      const prompts = await runPrompts(services.db, workspace.id, at, services.settings, enqueue, pmo);
      const reminders = await runReminders(services.db, workspace.id, at, enqueue);
      if (prompts.prompted + prompts.departed + reminders > 0) services.outbox.wake();
    }
  };
}
