// Flags: when an item's status worsens, its owner gets a DM and the PMO channel one line, once per
// transition. The last status seen is kept in ItemStatus; each message is claimed before it is sent.
import type { Db } from '../db/client.ts';
import { periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { isSlackUserId } from '../domain/slack-ids.ts';
import {
  DEFAULT_STATUS_SETTINGS,
  decideFlag,
  type FlagKind,
  flagEpisodeKey,
  inGracePeriod,
  type KpiStatus,
  type StatusLevel,
} from '../domain/status/index.ts';
import type { Services } from '../slack/commands/types.ts';
import {
  type FlaggedType,
  type FlagNotice,
  flagDirectMessage,
  keyResultDetail,
  kpiDetail,
  newItemsSummary,
  objectiveDetail,
  pmoFlagLine,
} from '../slack/views/flags.ts';
import type { SlackMessage } from '../slack/views/message.ts';
import type { CheckInRecorded } from './check-ins.ts';
import { type DeliveryResult, deliverOnce } from './delivery.ts';
import { escalateRisksLinkedTo, pmoChannelOf } from './escalation.ts';
import { evaluateCycle, type ObjectiveNode } from './portfolio-status.ts';
import { workspaceSettings } from './stored-settings.ts';

export type FlagServices = Pick<Services, 'db' | 'client' | 'logger' | 'settings'>;

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
  deliveries: DeliveryResult[];
  /** The item was still in its grace period. */
  inGrace: boolean;
}

/** New items are not flagged in their first check-in period: their owners have not had a chance to check in. */
export const DEFAULT_GRACE_MS = DEFAULT_STATUS_SETTINGS.checkInPeriodDays * 86_400_000;

const LEVELS: readonly string[] = ['on_track', 'at_risk', 'off_track'];
const asLevel = (text: string): StatusLevel | null => (LEVELS.includes(text) ? (text as StatusLevel) : null);

/** The first flag of an item reaching a status in an ISO week; a relapse that week gets flagEpisodeKey. */
export function flagKey(subject: Pick<StatusSubject, 'type' | 'id' | 'status'>): string {
  return `flag:${subject.type}:${subject.id}:${subject.status}`;
}

export const flagPeriod = (now: Date) => periodOf(now, 'weekly', 'UTC');

/**
 * Records the item's status and, when it worsened, flags it. An unchanged status sends nothing and an
 * improvement is only recorded (the digest reports good news). A flag whose send failed earlier this
 * week is retried while the item is still in that status.
 */
export async function settleStatus(
  services: FlagServices,
  subject: StatusSubject,
  now: Date,
  pmoChannel: string | undefined,
  graceMs: number = DEFAULT_GRACE_MS,
): Promise<Settled> {
  const { db } = services;
  const { previous, since } = await recordStatus(db, subject, now);
  const inGrace = inGracePeriod(subject.createdAt, now, graceMs);
  const decision = decideFlag(previous, subject.status, subject.type, inGrace);
  const period = flagPeriod(now);
  // The week's first flag for this status keeps the plain key, so claims keep it single even if the
  // recorded status were lost; a relapse seen after a recorded recovery gets a key of its own.
  const first = flagKey(subject);
  const episode = flagEpisodeKey(subject.type, subject.id, subject.status, since);
  let key = first;
  let retry = false;
  if (decision.flag) {
    if (previous !== null && (await hasClaim(db, subject.workspaceId, first, period))) key = episode;
  } else if (subject.status !== 'on_track') {
    for (const candidate of [first, episode]) {
      if (await hasFailedClaim(db, subject.workspaceId, candidate, period)) {
        key = candidate;
        retry = true;
        break;
      }
    }
  }
  if (!decision.flag && !retry) return { previous, kind: decision.kind, deliveries: [], inGrace };

  const notice: FlagNotice = {
    type: subject.type,
    ref: subject.ref,
    title: subject.title,
    status: subject.status,
    previous,
    reasons: subject.reasons,
    detail: subject.detail,
    ownerSlackId: subject.ownerSlackId,
  };
  const deliveries: DeliveryResult[] = [];
  const target = { workspaceId: subject.workspaceId, key, period };
  if (subject.ownerSlackId && isSlackUserId(subject.ownerSlackId)) {
    const owner = subject.ownerSlackId;
    deliveries.push(
      await deliverOnce(db, { ...target, recipient: owner }, () =>
        post(services, owner, flagDirectMessage(notice)),
      ),
    );
  }
  if (pmoChannel) {
    deliveries.push(
      await deliverOnce(db, { ...target, recipient: pmoChannel }, () =>
        post(services, pmoChannel, pmoFlagLine(notice)),
      ),
    );
  }
  for (const failed of deliveries.filter((d) => d.state === 'failed')) {
    services.logger.warn(`flag ${key} could not be sent: ${failed.state === 'failed' ? failed.error : ''}`);
  }
  // A risk is no longer hypothetical once what it threatens is off track.
  if (subject.status === 'off_track') {
    await escalateRisksLinkedTo(services, subject, now);
  }
  return { previous, kind: decision.kind, deliveries, inGrace };
}

/**
 * One PMO message for items first seen together while still in their grace period (a plan loaded or
 * imported): how many are in each status, instead of a line per item. Sent once per batch.
 */
export async function announceNewItems(
  services: FlagServices,
  workspaceId: number,
  items: ReadonlyArray<{ ref: string; status: StatusLevel }>,
  graceEnds: Date,
  pmoChannel: string | undefined,
  now: Date,
): Promise<DeliveryResult | null> {
  if (!pmoChannel || items.length < NEW_ITEMS_SUMMARY_AT_LEAST) return null;
  const message = newItemsSummary({ items, graceEnds: graceEnds.toISOString().slice(0, 10) });
  return deliverOnce(
    services.db,
    { workspaceId, key: `new-items:${now.toISOString()}`, period: 'once', recipient: pmoChannel },
    () => post(services, pmoChannel, message),
  );
}

/** Fewer new items than this at once is someone adding an item, not a plan being loaded: no summary. */
export const NEW_ITEMS_SUMMARY_AT_LEAST = 2;

async function post(
  services: FlagServices,
  channel: string,
  message: SlackMessage,
): Promise<{ ts?: string }> {
  const answer = await services.client.chat.postMessage({ channel, ...message });
  return answer.ts ? { ts: answer.ts } : {};
}

/**
 * Writes the new status and returns the one recorded before (null the first time) and since when the
 * item has been in its current status.
 */
async function recordStatus(
  db: Db,
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
  const existing = await db.itemStatus.findUnique({ where });
  if (existing) {
    const previous = asLevel(existing.status);
    const changed = previous !== subject.status;
    await db.itemStatus.update({
      where,
      data: { status: subject.status, reasons, ...(changed ? { changedAt: now } : {}) },
    });
    return { previous, since: changed ? now : existing.changedAt };
  }
  try {
    await db.itemStatus.create({
      data: {
        workspaceId: subject.workspaceId,
        itemType: subject.type,
        itemId: subject.id,
        status: subject.status,
        reasons,
        changedAt: now,
      },
    });
  } catch {
    // Another evaluation recorded the first status at the same moment; the claims keep the flag single.
    const row = await db.itemStatus.update({ where, data: { status: subject.status, reasons } });
    return { previous: null, since: row.changedAt };
  }
  return { previous: null, since: now };
}

async function hasClaim(db: Db, workspaceId: number, key: string, period: string): Promise<boolean> {
  return (await db.deliveryClaim.count({ where: { workspaceId, key, period } })) > 0;
}

async function hasFailedClaim(db: Db, workspaceId: number, key: string, period: string): Promise<boolean> {
  const failed = await db.deliveryClaim.count({ where: { workspaceId, key, period, state: 'failed' } });
  return failed > 0;
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
    status: kr.status.status,
    reasons: kr.status.reasons,
    detail: keyResultDetail(kr.status),
    createdAt: kr.createdAt,
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
    status: node.status.status,
    reasons: node.status.reasons,
    detail: objectiveDetail(node.status),
    createdAt: node.createdAt,
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
    status: status.status,
    reasons: status.reasons,
    detail: kpiDetail(status),
    createdAt: kpi.createdAt,
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
    const cycle = await evaluateCycle(db, workspace.id, kr.objective.cycleId, now);
    const node = cycle.objectives.get(kr.objectiveId);
    const krNode = node?.keyResults.find((k) => k.id === recorded.item.id);
    const krSettled = krNode
      ? await settleStatus(services, keyResultSubject(workspace.id, krNode), now, channel, graceMs)
      : undefined;
    // One event, one PMO line: when the key result was flagged, its objective's owner still hears of the
    // objective, but the channel already has the line that explains the cause.
    const krFlagged = (krSettled?.deliveries.length ?? 0) > 0;
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
