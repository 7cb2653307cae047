// Flags: when an item's status worsens, its owner gets a DM and the PMO channel one line, once per
// transition. The last status seen is kept in ItemStatus; each message is claimed before it is sent.
import type { Db } from '../db/client.ts';
import { periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import { isSlackUserId } from '../domain/slack-ids.ts';
import { decideFlag, type FlagKind, type KpiStatus, type StatusLevel } from '../domain/status/index.ts';
import type { Services } from '../slack/commands/types.ts';
import {
  type FlaggedType,
  type FlagNotice,
  flagDirectMessage,
  keyResultDetail,
  kpiDetail,
  objectiveDetail,
  pmoFlagLine,
} from '../slack/views/flags.ts';
import type { SlackMessage } from '../slack/views/message.ts';
import type { CheckInRecorded } from './check-ins.ts';
import { type DeliveryResult, deliverOnce } from './delivery.ts';
import { escalateRisksLinkedTo, pmoChannelOf } from './escalation.ts';
import { evaluateCycle, type ObjectiveNode } from './portfolio-status.ts';

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
}

export interface Settled {
  previous: StatusLevel | null;
  kind: FlagKind;
  deliveries: DeliveryResult[];
}

const LEVELS: readonly string[] = ['on_track', 'at_risk', 'off_track'];
const asLevel = (text: string): StatusLevel | null => (LEVELS.includes(text) ? (text as StatusLevel) : null);

/** Flag keys are per transition (item and the status it reached), claimed per ISO week. */
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
): Promise<Settled> {
  const { db } = services;
  const previous = await recordStatus(db, subject, now);
  const decision = decideFlag(previous, subject.status, subject.type);
  const key = flagKey(subject);
  const period = flagPeriod(now);
  const retry =
    !decision.flag &&
    subject.status !== 'on_track' &&
    (await hasFailedClaim(db, subject.workspaceId, key, period));
  if (!decision.flag && !retry) return { previous, kind: decision.kind, deliveries: [] };

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
  return { previous, kind: decision.kind, deliveries };
}

async function post(
  services: FlagServices,
  channel: string,
  message: SlackMessage,
): Promise<{ ts?: string }> {
  const answer = await services.client.chat.postMessage({ channel, ...message });
  return answer.ts ? { ts: answer.ts } : {};
}

/** Writes the new status and returns the one recorded before (null the first time). */
async function recordStatus(db: Db, subject: StatusSubject, now: Date): Promise<StatusLevel | null> {
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
    await db.itemStatus.update({
      where,
      data: { status: subject.status, reasons, ...(previous !== subject.status ? { changedAt: now } : {}) },
    });
    return previous;
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
    await db.itemStatus.update({ where, data: { status: subject.status, reasons } });
  }
  return null;
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
  };
}

export function kpiSubject(
  workspaceId: number,
  kpi: { id: number; number: number; title: string; ownerSlackId: string | null },
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
    if (recorded.evaluation.type === 'kpi') {
      const kpi = await db.kpi.findUniqueOrThrow({
        where: { id: recorded.item.id },
        include: { owner: { select: { slackUserId: true } } },
      });
      const subject = kpiSubject(
        workspace.id,
        { id: kpi.id, number: kpi.number, title: kpi.title, ownerSlackId: kpi.owner?.slackUserId ?? null },
        recorded.evaluation.status,
      );
      await settleStatus(services, subject, now, channel);
      return;
    }
    const kr = await db.keyResult.findUniqueOrThrow({
      where: { id: recorded.item.id },
      select: { objectiveId: true, objective: { select: { cycleId: true } } },
    });
    // Only the alignment tree the key result sits in: nothing else can change because of this check-in.
    const cycle = await evaluateCycle(db, workspace.id, kr.objective.cycleId, now, {
      treeOf: kr.objectiveId,
    });
    const node = cycle.objectives.get(kr.objectiveId);
    const krNode = node?.keyResults.find((k) => k.id === recorded.item.id);
    const krSettled = krNode
      ? await settleStatus(services, keyResultSubject(workspace.id, krNode), now, channel)
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
      );
  } catch (error) {
    services.logger.error(`flags after the check-in of ${recorded.item.ref} failed`, error);
  }
}
