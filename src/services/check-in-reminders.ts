// Reminders for people prompted who have not checked in: the next working day at the prompt's local time,
// then a few working days later (per schedule), never once the period is over, and not after a check-in,
// a skip or a pause. Each reminder is counted on its prompt row in the same transaction as its notice.
import type { Db } from '../db/client.ts';
import { pausesOf } from '../db/queries/pauses.ts';
import { dueItems, parseScope } from '../domain/check-ins/due-items.ts';
import { isPaused } from '../domain/check-ins/pauses.ts';
import { dueReminder, reminderTimes } from '../domain/check-ins/reminders.ts';
import { localDate } from '../domain/periods.ts';
import { type Enqueue, loadItems, promptKey, promptPayload } from './check-in-prompts.ts';

export async function runReminders(db: Db, workspaceId: number, at: Date, enqueue: Enqueue): Promise<number> {
  const open = await db.checkInPrompt.findMany({
    where: { workspaceId, state: 'prompted', remindersSent: { lt: 2 }, periodEndsAt: { gt: at } },
    include: { schedule: true, member: { select: { slackUserId: true, active: true } } },
  });
  // Only prompts with a reminder due now go further: most ticks end here.
  const due = open.flatMap((prompt) => {
    const plans = reminderTimes(
      prompt.localDate,
      prompt.schedule.localTime,
      prompt.timeZone,
      prompt.periodEndsAt,
      {
        first: prompt.schedule.firstReminderDays,
        second: prompt.schedule.secondReminderDays,
      },
    );
    const reminder = dueReminder(plans, at, prompt.remindersSent);
    return reminder && prompt.schedule.active && prompt.member.active ? [{ prompt, reminder }] : [];
  });
  if (due.length === 0) return 0;
  const { items, details } = await loadItems(db, workspaceId, new Date(at.getTime() - 40 * 86_400_000));
  const pauses = await pausesOf(
    db,
    due.map(({ prompt }) => prompt.memberId),
  );
  let sent = 0;
  for (const { prompt, reminder } of due) {
    if (isPaused(pauses.get(prompt.memberId) ?? [], localDate(at, prompt.timeZone))) continue;
    const left = dueItems(
      items,
      prompt.memberId,
      parseScope(prompt.schedule.scope),
      prompt.period,
      prompt.localDate,
    );
    await db.$transaction(async (tx) => {
      // Claim the reminder number first: a second instance's update matches nothing and sends nothing.
      const claimed = await tx.checkInPrompt.updateMany({
        where: { id: prompt.id, remindersSent: prompt.remindersSent, state: 'prompted' },
        data: left.length === 0 ? { state: 'done', answeredAt: at } : { remindersSent: reminder.number },
      });
      if (claimed.count === 0 || left.length === 0) return;
      const payload = promptPayload(
        prompt.scheduleId,
        prompt.period,
        left.map((item) => details.get(`${item.type}:${item.id}`)!),
        'reminder',
      );
      await enqueue(tx, workspaceId, [
        {
          key: `${promptKey(prompt.scheduleId, prompt.period, prompt.member.slackUserId)}:reminder:${reminder.number}`,
          kind: 'checkin-prompt',
          to: { user: prompt.member.slackUserId },
          payload: { ...payload, reminder: reminder.number },
        },
      ]);
      sent++;
    });
  }
  return sent;
}
