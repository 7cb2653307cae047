// Pauses and skipped weeks: nobody is prompted or reminded while paused, and a paused or skipped week does
// not count as silence in the status engine. Anyone may pause themselves; PMO admins may pause anyone.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { recordAudit } from '../db/queries/audit.ts';
import { zIsoDate } from '../domain/numbers/index.ts';
import { localDate } from '../domain/periods.ts';
import { type Actor, isAdmin } from './actor.ts';
import { settlePrompts } from './check-in-prompts.ts';
import { memberZone } from './check-in-zone.ts';
import { enqueue } from './outbox.ts';
import { failure, fieldErrorsFrom, type Outcome, success } from './outcome.ts';

export interface PauseChange {
  memberId: number;
  slackUserId: string;
  from: string;
  until: string;
}

const PauseFields = z.object({ until: zIsoDate() });

async function memberToday(db: Db, memberId: number, now: Date, fallbackZone: string) {
  const member = await db.member.findUniqueOrThrow({ where: { id: memberId } });
  return { member, today: localDate(now, await memberZone(db, memberId, fallbackZone)) };
}

/** A pause (or a skipped week) of one member, with its audit entry; `noted` leads the entry's after. */
async function writePause(
  tx: Tx,
  actor: Actor,
  member: { id: number; slackUserId: string },
  pause: { kind: 'pause' | 'skip'; from: string; until: string },
  now: Date,
  noted: Record<string, unknown> = {},
): Promise<void> {
  const { kind, from, until } = pause;
  await tx.checkInPause.create({
    data: {
      workspaceId: actor.workspaceId,
      memberId: member.id,
      fromDate: from,
      untilDate: until,
      kind,
      createdBy: actor.slackUserId,
      createdAt: now,
    },
  });
  await recordAudit(tx, actor, {
    action: kind,
    entityType: 'member',
    entityId: member.id,
    entityRef: member.slackUserId,
    after: { ...noted, from, until },
  });
}

export async function pauseCheckIns(
  db: Db,
  actor: Actor,
  input: { memberId: number; until: string | undefined },
  clock: { now: Date; defaultTimeZone: string },
): Promise<Outcome<PauseChange>> {
  if (input.memberId !== actor.memberId && !isAdmin(actor))
    return failure({
      who: 'Only PMO admins can pause someone else; pause yourself with `/okr pause me until …`.',
    });
  const parsed = PauseFields.safeParse({ until: input.until });
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const { member, today } = await memberToday(db, input.memberId, clock.now, clock.defaultTimeZone);
  const until = parsed.data.until;
  if (until < today) return failure({ until: `${until} has passed already: give a date from ${today} on.` });
  await db.$transaction((tx) =>
    writePause(tx, actor, member, { kind: 'pause', from: today, until }, clock.now),
  );
  return success({ memberId: member.id, slackUserId: member.slackUserId, from: today, until });
}

/** Ends every pause (and skipped week) covering today or later: prompts resume from the next one. */
export async function resumeCheckIns(
  db: Db,
  actor: Actor,
  memberId: number,
  clock: { now: Date; defaultTimeZone: string },
): Promise<Outcome<{ slackUserId: string; ended: number }>> {
  if (memberId !== actor.memberId && !isAdmin(actor))
    return failure({
      who: 'Only PMO admins can resume someone else; resume yourself with `/okr resume me`.',
    });
  const { member, today } = await memberToday(db, memberId, clock.now, clock.defaultTimeZone);
  const yesterday = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
  const ended = await db.$transaction(async (tx) => {
    const open = await tx.checkInPause.findMany({ where: { memberId, untilDate: { gte: today } } });
    for (const pause of open) {
      if (pause.fromDate >= today) await tx.checkInPause.delete({ where: { id: pause.id } });
      else await tx.checkInPause.update({ where: { id: pause.id }, data: { untilDate: yesterday } });
    }
    if (open.length > 0)
      await recordAudit(tx, actor, {
        action: 'restore',
        entityType: 'member',
        entityId: member.id,
        entityRef: member.slackUserId,
        before: {
          pausedUntil: open
            .map((pause) => pause.untilDate)
            .sort()
            .at(-1),
        },
        after: { resumed: today },
      });
    return open.length;
  });
  return success({ slackUserId: member.slackUserId, ended });
}

/**
 * "Skip this week": a pause from today to the Sunday of the prompted week, and the week's prompts marked
 * skipped so no reminder follows.
 */
export async function skipWeek(
  db: Db,
  actor: Actor,
  period: string,
  clock: { now: Date; defaultTimeZone: string },
): Promise<Outcome<{ period: string; until: string }>> {
  const match = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!match) return failure({ period: `"${period.slice(0, 20)}" is not a week.` });
  const sunday = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 7 },
    { zone: 'UTC' },
  ).toISODate()!;
  const { today } = await memberToday(db, actor.memberId, clock.now, clock.defaultTimeZone);
  if (sunday < today) return failure({ period: `The week ${period} is over; nothing to skip.` });
  await db.$transaction(async (tx) => {
    const me = { id: actor.memberId, slackUserId: actor.slackUserId };
    await writePause(tx, actor, me, { kind: 'skip', from: today, until: sunday }, clock.now, { period });
    await settlePrompts(tx, actor.workspaceId, actor, period, 'skipped', clock.now, enqueue);
  });
  return success({ period, until: sunday });
}
