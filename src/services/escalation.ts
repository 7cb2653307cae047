// Risk escalation: a risk scoring at least the workspace's escalation score (15 by default), or linked to
// an item that is off track, is announced ONCE in the PMO channel and stamped with escalatedAt. The stamp
// and the outbox notice are written in one transaction, guarded by `escalatedAt` still being empty, so
// of two evaluations racing only one escalates. Triggered on risk add/edit, when a linked item goes off
// track, and by the hourly sweep (which also catches a change whose escalation a crash cut off).

import { formatShortId } from '../domain/short-ids.ts';
import { isSlackChannelId } from '../domain/slack-ids.ts';
import { type StatusLevel, shouldEscalate } from '../domain/status/index.ts';
import { riskScore } from '../domain/status/risk.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import { type EscalationNotice, NOTICE_KIND } from './notice-payloads.ts';
import { enqueue, type Notice } from './outbox.ts';
import type { Outcome } from './outcome.ts';
import { evaluateCycle, evaluateKeyResultById, evaluateKpiById } from './portfolio-status.ts';
import type { Services } from './services.ts';
import { workspaceSettings } from './stored-settings.ts';

type EscalationServices = Pick<Services, 'db' | 'logger' | 'settings' | 'outbox'>;

/** The status of the item a risk threatens, when the caller already knows it. */
export type KnownStatus = (link: {
  type: 'objective' | 'key_result' | 'kpi';
  id: number;
}) => StatusLevel | undefined;

const linkInclude = {
  owner: { select: { slackUserId: true } },
  objective: { select: { id: true, number: true, title: true, cycleId: true, archivedAt: true } },
  keyResult: { select: { id: true, number: true, title: true, archivedAt: true } },
  kpi: { select: { id: true, number: true, title: true, archivedAt: true } },
  workspace: { select: { id: true, pmoChannelId: true, settings: true } },
} as const;

export const escalationKey = (riskId: number) => `escalation:risk:${riskId}`;

/**
 * Escalates one risk if it deserves it and has not been escalated yet: records the PMO line in the outbox
 * and stamps the risk. Returns whether it escalated now.
 */
export async function escalateRisk(
  services: EscalationServices,
  riskId: number,
  now: Date,
  known?: KnownStatus,
): Promise<boolean> {
  const risk = await loadRisk(services, riskId);
  if (!risk) return false;
  const notice = await escalationNotice(services, risk, now, known);
  if (!notice) return false;
  return (await stampAndRecord(services, risk.workspaceId, [notice], now)) > 0;
}

interface DueEscalation {
  riskId: number;
  notice: Notice;
}

/** The PMO line a risk is due, or null: closed, already escalated, below the bar, or no PMO channel. */
async function escalationNotice(
  services: EscalationServices,
  risk: LoadedRisk,
  now: Date,
  known?: KnownStatus,
): Promise<DueEscalation | null> {
  if (risk.status === 'closed' || risk.escalatedAt) return null;
  const settings = workspaceSettings(risk.workspace.settings);
  const score = riskScore({ likelihood: risk.likelihood, impact: risk.impact });
  const linked = linkOf(risk);
  const linkedStatus = linked
    ? (known?.(linked) ?? (await liveStatus(services, risk.workspaceId, linked, now)))
    : null;
  if (!shouldEscalate({ score, linkedItemStatus: linkedStatus }, settings)) return null;
  const channel = pmoChannelOf(risk.workspace, services.settings);
  if (!channel) {
    services.logger.warn(
      `risk ${formatShortId('risk', risk.number)} should be escalated but no PMO channel is set`,
    );
    return null;
  }
  const payload: EscalationNotice = {
    ref: formatShortId('risk', risk.number),
    title: risk.title,
    score,
    likelihood: risk.likelihood,
    impact: risk.impact,
    ownerSlackId: risk.owner?.slackUserId ?? null,
    linked: linked ? { ref: linked.ref, title: linked.title, status: linkedStatus } : null,
    because: { score: score >= settings.riskEscalationScore, offTrack: linkedStatus === 'off_track' },
  };
  return {
    riskId: risk.id,
    notice: { key: escalationKey(risk.id), kind: NOTICE_KIND.escalation, to: { channel }, payload },
  };
}

/**
 * Stamps the risks and records their lines in one transaction. Only the risks this statement stamped (still
 * unstamped: of two evaluations racing, one wins each risk) get their line. Returns how many.
 */
async function stampAndRecord(
  services: EscalationServices,
  workspaceId: number,
  due: readonly DueEscalation[],
  now: Date,
): Promise<number> {
  if (due.length === 0) return 0;
  const count = await services.db.$transaction(async (tx) => {
    const stamped = await tx.$queryRaw<Array<{ id: number | bigint }>>`
      UPDATE "Risk" SET "escalatedAt" = ${now}
      WHERE "workspaceId" = ${workspaceId} AND "escalatedAt" IS NULL
        AND "id" IN (${Prisma.join(due.map((d) => d.riskId))})
      RETURNING "id"`;
    const ids = new Set(stamped.map((row) => Number(row.id)));
    await enqueue(
      tx,
      workspaceId,
      due.filter((d) => ids.has(d.riskId)).map((d) => d.notice),
    );
    return ids.size;
  });
  if (count > 0) services.outbox.wake();
  return count;
}

function loadRisk(services: EscalationServices, id: number) {
  return services.db.risk.findUnique({ where: { id }, include: linkInclude });
}
type LoadedRisk = NonNullable<Awaited<ReturnType<typeof loadRisk>>>;

/** The PMO channel: the workspace's own when set, otherwise the one from the environment. */
export function pmoChannelOf(
  workspace: { pmoChannelId: string | null },
  settings: Services['settings'],
): string | undefined {
  const channel = workspace.pmoChannelId ?? settings.pmoChannel;
  return channel && isSlackChannelId(channel) ? channel : undefined;
}

interface Link {
  type: 'objective' | 'key_result' | 'kpi';
  id: number;
  ref: string;
  title: string;
  cycleId?: number;
}

/** The item a risk threatens while it is live: its key result first, then its KPI, then its objective. */
function linkOf(risk: LoadedRisk): Link | null {
  return (
    liveLink('key_result', risk.keyResult) ??
    liveLink('kpi', risk.kpi) ??
    liveLink('objective', risk.objective)
  );
}

function liveLink(
  type: Link['type'],
  item: { id: number; number: number; title: string; archivedAt: Date | null; cycleId?: number } | null,
): Link | null {
  if (!item || item.archivedAt) return null;
  return {
    type,
    id: item.id,
    ref: formatShortId(type, item.number),
    title: item.title,
    cycleId: item.cycleId,
  };
}

async function liveStatus(
  services: EscalationServices,
  workspaceId: number,
  link: Link,
  now: Date,
): Promise<StatusLevel | null> {
  const { db } = services;
  if (link.type === 'key_result') return (await evaluateKeyResultById(db, link.id, now)).status;
  if (link.type === 'kpi') return (await evaluateKpiById(db, link.id, now)).status;
  if (link.cycleId === undefined) return null;
  const cycle = await evaluateCycle(db, workspaceId, link.cycleId, now, { below: link.id });
  return cycle.objectives.get(link.id)?.status.status ?? null;
}

/** Called from the flag path: the item just went off track, so risks on it escalate now. */
export async function escalateRisksLinkedTo(
  services: EscalationServices,
  item: { workspaceId: number; type: 'objective' | 'key_result' | 'kpi'; id: number; status: StatusLevel },
  now: Date,
): Promise<void> {
  const column = item.type === 'key_result' ? 'keyResultId' : item.type === 'kpi' ? 'kpiId' : 'objectiveId';
  const risks = await services.db.risk.findMany({
    where: { workspaceId: item.workspaceId, status: { not: 'closed' }, escalatedAt: null, [column]: item.id },
    select: { id: true },
  });
  const known: KnownStatus = (link) =>
    link.type === item.type && link.id === item.id ? item.status : undefined;
  for (const risk of risks) await escalateRisk(services, risk.id, now, known);
}

/** The sweep: every open risk not yet escalated, using the statuses the sweep has just computed. */
export async function escalateOpenRisks(
  services: EscalationServices,
  workspaceId: number,
  now: Date,
  known?: KnownStatus,
): Promise<number> {
  const risks = await services.db.risk.findMany({
    where: { workspaceId, status: { not: 'closed' }, escalatedAt: null },
    include: linkInclude,
    orderBy: { id: 'asc' },
  });
  const due: DueEscalation[] = [];
  for (const risk of risks) {
    const notice = await escalationNotice(services, risk, now, known);
    if (notice) due.push(notice);
  }
  // A transaction per chunk of risks, not per risk.
  let escalated = 0;
  for (let i = 0; i < due.length; i += ESCALATE_CHUNK)
    escalated += await stampAndRecord(services, workspaceId, due.slice(i, i + ESCALATE_CHUNK), now);
  return escalated;
}

/** Risks stamped per statement: far below every engine's parameter limit. */
const ESCALATE_CHUNK = 200;

/**
 * For the risk commands and forms: after a successful add or edit, escalate if due. Never fails the
 * change that was just saved; problems are logged.
 */
export async function withEscalation<T extends { id: number }>(
  services: EscalationServices & Pick<Services, 'clock'>,
  outcome: Outcome<T>,
): Promise<Outcome<T>> {
  if (outcome.ok) await escalateSafely(services, outcome.value.id);
  return outcome;
}

/** Escalates a saved risk when it qualifies; a failure is logged, never shown to the person who saved it. */
export async function escalateSafely(
  services: EscalationServices & Pick<Services, 'clock'>,
  riskId: number,
): Promise<void> {
  try {
    await escalateRisk(services, riskId, services.clock.now());
  } catch (error) {
    services.logger.error(`escalating risk ${riskId} failed`, error);
  }
}
