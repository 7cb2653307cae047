// Flags: when an item's status worsens, its owner gets a DM and the PMO channel one line, once per
// transition and ISO week. The new status and the notices are written in one transaction: a crash either
// keeps both or neither (and the next sweep sees the change again). The outbox delivers them.

import type { Tx } from '../db/client.ts';
import { upsertStatuses } from '../db/queries/item-statuses.ts';
import { insertUnlessPresent } from '../db/savepoint.ts';
import { periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { isSlackUserId } from '../domain/slack-ids.ts';
import { keyResultDetail, kpiDetail, objectiveDetail } from '../domain/status/flag-detail.ts';
import {
  DEFAULT_STATUS_SETTINGS,
  decideFlag,
  type FlagKind,
  flagEpisodeKey,
  inGracePeriod,
  type KpiStatus,
  parseStatusLevel,
  type StatusLevel,
} from '../domain/status/index.ts';
import type { CheckInRecorded } from './check-ins.ts';
import { escalateRisksLinkedTo, pmoChannelOf } from './escalation.ts';
import { type FlaggedType, type FlagNotice, type NewItemsNotice, NOTICE_KIND } from './notice-payloads.ts';
import { enqueue, type Notice } from './outbox.ts';
import { evaluateCycle, type ObjectiveNode } from './portfolio-status.ts';
import type { Services } from './services.ts';
import { workspaceSettings } from './stored-settings.ts';

export type FlagServices = Pick<Services, 'db' | 'logger' | 'settings' | 'outbox'>;

/** An item as the flag logic sees it: who answers for it and what the engine says about it now. */
export interface StatusSubject {
  workspaceId: number;
  type: FlaggedType;
  id: number;
  ref: string;
  title: string;
  ownerSlackId: string | null;
  status: StatusLevel;
  reasons: string[];
  detail: string;
  /** When the item was created, if known; young items get a grace period before they are flagged. */
  createdAt: Date | null;
}

export interface Settled {
  previous: StatusLevel | null;
  kind: FlagKind;
  /** What was recorded for delivery (nothing when the status did not worsen). */
  notices: Notice[];
  /** The item was still in its grace period. */
  inGrace: boolean;
}

/** New items are not flagged in their first check-in period: their owners have not had a chance to check in. */
export const DEFAULT_GRACE_MS = DEFAULT_STATUS_SETTINGS.checkInPeriodDays * 86_400_000;

const asLevel = (text: string): StatusLevel | null => parseStatusLevel(text);

/**
 * The first flag of an item reaching a status in an ISO week: one outbox key per recipient under it. A relapse
 * that week (after a recorded recovery) gets flagEpisodeKey instead.
 */
export function flagKey(subject: Pick<StatusSubject, 'type' | 'id' | 'status'>, now: Date): string {
  return `flag:${subject.type}:${subject.id}:${subject.status}:${flagPeriod(now)}`;
}

export const flagPeriod = (now: Date) => periodOf(now, 'weekly', 'UTC');

/**
 * Records the item's status and, when it worsened, the flag notices, in one transaction; then wakes the
 * outbox. An unchanged status sends nothing and an improvement is only recorded (the digest reports good news).
 */
export async function settleStatus(
  services: FlagServices,
  subject: StatusSubject,
  now: Date,
  pmoChannel: string | undefined,
  graceMs: number = DEFAULT_GRACE_MS,
): Promise<Settled> {
  const settled = await services.db.$transaction(async (tx): Promise<Settled> => {
    const { previous, since } = await recordStatus(tx, subject, now);
    const inGrace = inGracePeriod(subject.createdAt, now, graceMs);
    const decision = decideFlag(previous, subject.status, subject.type, inGrace);
    if (!decision.flag) return { previous, kind: decision.kind, notices: [], inGrace };
    // The week's first flag for this status keeps the plain key, so the outbox keeps it single even if the
    // recorded status were lost; a relapse seen after a recorded recovery gets a key of its own.
    const first = flagKey(subject, now);
    const relapse =
      previous !== null &&
      (await tx.outbox.count({
        where: { workspaceId: subject.workspaceId, key: { in: [`${first}:owner`, `${first}:pmo`] } },
      })) > 0;
    const key = relapse
      ? `${flagEpisodeKey(subject.type, subject.id, subject.status, since)}:${flagPeriod(now)}`
      : first;
    const notices = flagNotices(subject, previous, key, pmoChannel);
    await enqueue(tx, subject.workspaceId, notices);
    return { previous, kind: decision.kind, notices, inGrace };
  });
  if (settled.notices.length > 0) services.outbox.wake();
  // A risk is no longer hypothetical once what it threatens is off track.
  if (subject.status === 'off_track') {
    await escalateRisksLinkedTo(services, subject, now);
  }
  return settled;
}

/** Items per transaction on the batch path: a few statements each, whatever the chunk's size. */
const SETTLE_CHUNK = 200;

/**
 * settleStatus for many items of one workspace at once (the sweep, where time moved many statuses): per
 * chunk, one transaction reads the recorded statuses, writes the new ones in chunked upserts and records
 * the flags' notices together, instead of a transaction per item. Risks linked to items now off track are
 * not escalated here: the caller (the sweep) escalates every open risk with the statuses it computed.
 * A chunk that fails is retried item by item, so one item's trouble does not hold back the rest; those
 * failures are logged and left out of the result.
 */
export async function settleStatuses(
  services: FlagServices,
  subjects: readonly StatusSubject[],
  now: Date,
  pmoChannel: string | undefined,
  graceMs: number = DEFAULT_GRACE_MS,
): Promise<Array<{ subject: StatusSubject; settled: Settled }>> {
  const results: Array<{ subject: StatusSubject; settled: Settled }> = [];
  for (let i = 0; i < subjects.length; i += SETTLE_CHUNK) {
    const chunk = subjects.slice(i, i + SETTLE_CHUNK);
    try {
      results.push(...(await settleChunk(services, chunk, now, pmoChannel, graceMs)));
    } catch (error) {
      services.logger.warn(`settling ${chunk.length} statuses at once failed; one by one instead`, error);
      for (const subject of chunk) {
        try {
          results.push({ subject, settled: await settleStatus(services, subject, now, pmoChannel, graceMs) });
        } catch (itemError) {
          services.logger.error(`settling the status of ${subject.ref} failed`, itemError);
        }
      }
    }
  }
  if (results.some((r) => r.settled.notices.length > 0)) services.outbox.wake();
  return results;
}

async function settleChunk(
  services: FlagServices,
  subjects: readonly StatusSubject[],
  now: Date,
  pmoChannel: string | undefined,
  graceMs: number,
): Promise<Array<{ subject: StatusSubject; settled: Settled }>> {
  const workspaceId = subjects[0]?.workspaceId;
  if (workspaceId === undefined) return [];
  if (subjects.some((s) => s.workspaceId !== workspaceId))
    throw new Error('settleStatuses: one workspace at a time');
  return services.db.$transaction(async (tx) => {
    const byType = new Map<string, number[]>();
    for (const s of subjects) byType.set(s.type, [...(byType.get(s.type) ?? []), s.id]);
    const recorded = await tx.itemStatus.findMany({
      where: {
        workspaceId,
        OR: [...byType].map(([itemType, ids]) => ({ itemType, itemId: { in: ids } })),
      },
      select: { itemType: true, itemId: true, status: true, changedAt: true },
    });
    const before = new Map(recorded.map((row) => [`${row.itemType}:${row.itemId}`, row]));
    await upsertStatuses(
      tx,
      workspaceId,
      subjects.map((s) => ({
        itemType: s.type,
        itemId: s.id,
        status: s.status,
        reasons: JSON.stringify(s.reasons),
      })),
      now,
    );
    const decided = subjects.map((subject) => {
      const row = before.get(`${subject.type}:${subject.id}`);
      const previous = row ? asLevel(row.status) : null;
      const since = row && previous === subject.status ? row.changedAt : now;
      const inGrace = inGracePeriod(subject.createdAt, now, graceMs);
      return {
        subject,
        previous,
        since,
        inGrace,
        decision: decideFlag(previous, subject.status, subject.type, inGrace),
      };
    });
    // Which of the flags are relapses this week (their first key is already in the outbox): one query.
    const firsts = decided
      .filter((d) => d.decision.flag && d.previous !== null)
      .flatMap((d) => {
        const first = flagKey(d.subject, now);
        return [`${first}:owner`, `${first}:pmo`];
      });
    const seen =
      firsts.length === 0
        ? new Set<string>()
        : new Set(
            (
              await tx.outbox.findMany({ where: { workspaceId, key: { in: firsts } }, select: { key: true } })
            ).map((row) => row.key.replace(/:(owner|pmo)$/, '')),
          );
    const all: Notice[] = [];
    const results = decided.map(({ subject, previous, since, inGrace, decision }) => {
      if (!decision.flag)
        return { subject, settled: { previous, kind: decision.kind, notices: [], inGrace } };
      const first = flagKey(subject, now);
      const key =
        previous !== null && seen.has(first)
          ? `${flagEpisodeKey(subject.type, subject.id, subject.status, since)}:${flagPeriod(now)}`
          : first;
      const notices = flagNotices(subject, previous, key, pmoChannel);
      all.push(...notices);
      return { subject, settled: { previous, kind: decision.kind, notices, inGrace } };
    });
    await enqueue(tx, workspaceId, all);
    return results;
  });
}

function flagNotices(
  subject: StatusSubject,
  previous: StatusLevel | null,
  key: string,
  pmoChannel: string | undefined,
): Notice[] {
  const payload: FlagNotice = {
    type: subject.type,
    ref: subject.ref,
    title: subject.title,
    status: subject.status,
    previous,
    reasons: subject.reasons,
    detail: subject.detail,
    ownerSlackId: subject.ownerSlackId,
  };
  const notices: Notice[] = [];
  if (subject.ownerSlackId && isSlackUserId(subject.ownerSlackId))
    notices.push({
      key: `${key}:owner`,
      kind: NOTICE_KIND.flagOwner,
      to: { user: subject.ownerSlackId },
      payload,
    });
  if (pmoChannel)
    notices.push({ key: `${key}:pmo`, kind: NOTICE_KIND.flagPmo, to: { channel: pmoChannel }, payload });
  return notices;
}

/**
 * One PMO message for items first seen together while still in their grace period (a plan loaded or
 * imported): how many are in each status, instead of a line per item. Recorded once per batch.
 */
export async function announceNewItems(
  services: FlagServices,
  workspaceId: number,
  items: ReadonlyArray<{ ref: string; status: StatusLevel }>,
  graceEnds: Date,
  pmoChannel: string | undefined,
  now: Date,
): Promise<Notice | null> {
  if (!pmoChannel || items.length < NEW_ITEMS_SUMMARY_AT_LEAST) return null;
  const payload: NewItemsNotice = {
    items: items.map((item) => ({ ref: item.ref, status: item.status })),
    graceEnds: graceEnds.toISOString().slice(0, 10),
  };
  const notice: Notice = {
    key: `new-items:${now.toISOString()}`,
    kind: NOTICE_KIND.newItems,
    to: { channel: pmoChannel },
    payload,
  };
  await services.db.$transaction((tx) => enqueue(tx, workspaceId, [notice]));
  services.outbox.wake();
  return notice;
}

/** Fewer new items than this at once is someone adding an item, not a plan being loaded: no summary. */
export const NEW_ITEMS_SUMMARY_AT_LEAST = 2;

/**
 * Writes the new status and returns the one recorded before (null the first time) and since when the
 * item has been in its current status.
 */
async function recordStatus(
  tx: Tx,
  subject: StatusSubject,
  now: Date,
): Promise<{ previous: StatusLevel | null; since: Date }> {
  const where = {
    workspaceId_itemType_itemId: {
      workspaceId: subject.workspaceId,
      itemType: subject.type,
      itemId: subject.id,
    },
  };
  const reasons = JSON.stringify(subject.reasons);
  const existing = await tx.itemStatus.findUnique({ where });
  if (!existing) {
    const created = await insertUnlessPresent(tx, () =>
      tx.itemStatus.create({
        data: {
          workspaceId: subject.workspaceId,
          itemType: subject.type,
          itemId: subject.id,
          status: subject.status,
          reasons,
          changedAt: now,
        },
      }),
    );
    if (created) return { previous: null, since: now };
    // Another evaluation recorded the first status a moment ago: it stands as the first.
    const row = await tx.itemStatus.update({ where, data: { status: subject.status, reasons } });
    return { previous: null, since: row.changedAt };
  }
  const previous = asLevel(existing.status);
  const changed = previous !== subject.status;
  await tx.itemStatus.update({
    where,
    data: { status: subject.status, reasons, ...(changed ? { changedAt: now } : {}) },
  });
  return { previous, since: changed ? now : existing.changedAt };
}

// ---------------------------------------------------------------------------------------------------------
// Subjects from the engine's results

type KeyResultNode = ObjectiveNode['keyResults'][number];

export function keyResultSubject(workspaceId: number, kr: KeyResultNode): StatusSubject {
  return {
    workspaceId,
    type: 'key_result',
    id: kr.id,
    ref: kr.ref,
    title: kr.title,
    ownerSlackId: kr.ownerSlackId,
    createdAt: kr.createdAt,
    status: kr.status.status,
    reasons: kr.status.reasons,
    detail: keyResultDetail(kr.status),
  };
}

export function objectiveSubject(workspaceId: number, node: ObjectiveNode): StatusSubject {
  return {
    workspaceId,
    type: 'objective',
    id: node.id,
    ref: node.ref,
    title: node.title,
    ownerSlackId: node.ownerSlackId,
    createdAt: node.createdAt,
    status: node.status.status,
    reasons: node.status.reasons,
    detail: objectiveDetail(node.status),
  };
}

export function kpiSubject(
  workspaceId: number,
  kpi: { id: number; number: number; title: string; ownerSlackId: string | null; createdAt: Date | null },
  status: KpiStatus,
): StatusSubject {
  return {
    workspaceId,
    type: 'kpi',
    id: kpi.id,
    ref: formatShortId('kpi', kpi.number),
    title: kpi.title,
    ownerSlackId: kpi.ownerSlackId,
    createdAt: kpi.createdAt,
    status: status.status,
    reasons: status.reasons,
    detail: kpiDetail(status),
  };
}

// ---------------------------------------------------------------------------------------------------------
// After a check-in

/**
 * Settles the statuses a check-in can change: the key result and its objective, or the KPI. Runs after
 * the check-in committed and after its reply; failures are logged, never shown to the person.
 */
export async function flagAfterCheckIn(
  services: FlagServices,
  recorded: CheckInRecorded,
  now: Date,
): Promise<void> {
  try {
    const { db } = services;
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: recorded.workspaceId } });
    const channel = pmoChannelOf(workspace, services.settings);
    const graceMs = workspaceSettings(workspace.settings).checkInPeriodDays * 86_400_000;
    if (recorded.evaluation.type === 'kpi') {
      const kpi = await db.kpi.findUniqueOrThrow({
        where: { id: recorded.item.id },
        include: { owner: { select: { slackUserId: true } } },
      });
      const subject = kpiSubject(
        workspace.id,
        {
          id: kpi.id,
          number: kpi.number,
          title: kpi.title,
          ownerSlackId: kpi.owner?.slackUserId ?? null,
          createdAt: kpi.createdAt,
        },
        recorded.evaluation.status,
      );
      await settleStatus(services, subject, now, channel, graceMs);
      return;
    }
    const kr = await db.keyResult.findUniqueOrThrow({
      where: { id: recorded.item.id },
      select: { objectiveId: true, objective: { select: { cycleId: true } } },
    });
    // The key result's objective and what is aligned below it (what that objective's status is made of):
    // the two statuses settled here. The objectives above it follow at the next hourly sweep.
    const cycle = await evaluateCycle(db, workspace.id, kr.objective.cycleId, now, {
      below: kr.objectiveId,
    });
    const node = cycle.objectives.get(kr.objectiveId);
    const krNode = node?.keyResults.find((k) => k.id === recorded.item.id);
    const krSettled = krNode
      ? await settleStatus(services, keyResultSubject(workspace.id, krNode), now, channel, graceMs)
      : undefined;
    // One event, one PMO line: when the key result was flagged, its objective's owner still hears of the
    // objective, but the channel already has the line that explains the cause.
    const krFlagged = (krSettled?.notices.length ?? 0) > 0;
    if (node)
      await settleStatus(
        services,
        objectiveSubject(workspace.id, node),
        now,
        krFlagged ? undefined : channel,
        graceMs,
      );
  } catch (error) {
    services.logger.error(`flags after the check-in of ${recorded.item.ref} failed`, error);
  }
}
