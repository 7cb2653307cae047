// The hourly status sweep: evaluates every open item of the current cycles and every KPI, and applies the
// same flag and escalation logic as a check-in. It is what flags silence (no check-in for weeks) when
// nobody does anything. Idempotent by construction: ItemStatus remembers what was seen, claims what was sent.
// At scale (10,000 key results) it reads the cycle as narrow rows (services/status-rows.ts), a batch of
// alignment trees at a time so that memory stays that of one batch, and the stored statuses in one query;
// settles only the items whose status changed, a chunk per transaction with chunked upserts (flags.ts
// settleStatuses), and writes reasons that merely drifted ("13 points behind" → "14") in chunked
// statements: no row-by-row read-and-rewrite of the whole portfolio.

import { statusKey, storedStatuses, updateReasons } from '../db/queries/item-statuses.ts';
import { evaluateKpi, type StatusLevel } from '../domain/status/index.ts';
import { escalateOpenRisks, type KnownStatus, pmoChannelOf } from '../services/escalation.ts';
import {
  announceNewItems,
  type FlagServices,
  keyResultSubject,
  kpiSubject,
  objectiveSubject,
  type StatusSubject,
  settleStatuses,
} from '../services/flags.ts';
import { evaluateCycleInBatches } from '../services/portfolio-status.ts';
import { KPI_STATUS_INCLUDE, kpiInput } from '../services/status-inputs.ts';
import { workspaceSettings } from '../services/stored-settings.ts';
import type { Job } from './scheduler.ts';

const DAY_MS = 86_400_000;

export interface SweepReport {
  /** Items whose status was evaluated and recorded. */
  evaluated: number;
  /** Items that worsened and were flagged (or had a failed flag retried). */
  flagged: number;
  escalated: number;
}

/** The scheduler ticks every minute; this runs at the first tick of each hour (UTC). */
export function statusSweepJob(): Job {
  let lastHour: string | undefined;
  return async (services, at) => {
    const hour = at.toISOString().slice(0, 13);
    if (hour === lastHour) return;
    lastHour = hour;
    const report = await sweepStatuses(services, at);
    if (report.flagged || report.escalated)
      services.logger.info(
        `status sweep: ${report.evaluated} items, ${report.flagged} flagged, ${report.escalated} risks escalated`,
      );
  };
}

export async function sweepStatuses(services: FlagServices, at: Date): Promise<SweepReport> {
  const report: SweepReport = { evaluated: 0, flagged: 0, escalated: 0 };
  const workspaces = await services.db.workspace.findMany({ orderBy: { id: 'asc' } });
  for (const workspace of workspaces) {
    const channel = pmoChannelOf(workspace, services.settings);
    const settings = workspaceSettings(workspace.settings);
    const graceMs = settings.checkInPeriodDays * DAY_MS;
    const seen = new Map<string, StatusLevel>();
    const stored = await storedStatuses(services.db, workspace.id);
    const drifted: Array<{ itemType: string; itemId: number; reasons: string }> = [];
    // Items seen for the first time while in their grace period: told to the PMO in one message.
    const arrived: Array<{ ref: string; status: StatusLevel; createdAt: Date }> = [];
    // Items whose status changed: settled together once everything is evaluated.
    const changed: StatusSubject[] = [];
    const settle = (subject: StatusSubject) => {
      seen.set(`${subject.type}:${subject.id}`, subject.status);
      const before = stored.get(statusKey(subject.type, subject.id));
      if (before && before.status === subject.status) {
        report.evaluated++;
        const reasons = JSON.stringify(subject.reasons);
        if (before.reasons !== reasons) drifted.push({ itemType: subject.type, itemId: subject.id, reasons });
        return;
      }
      changed.push(subject);
    };

    const cycles = await services.db.cycle.findMany({
      where: {
        workspaceId: workspace.id,
        OR: [
          { isCurrent: true },
          { startDate: { lte: at }, endDate: { gte: new Date(at.getTime() - DAY_MS) } },
        ],
      },
    });
    // A batch of alignment trees at a time: a batch's check-ins are let go once its statuses are compared.
    for (const cycle of cycles)
      await evaluateCycleInBatches(services.db, workspace.id, cycle.id, at, (nodes) => {
        for (const node of nodes) {
          for (const kr of node.keyResults) settle(keyResultSubject(workspace.id, kr));
          settle(objectiveSubject(workspace.id, node));
        }
      });

    const kpis = await services.db.kpi.findMany({
      where: { workspaceId: workspace.id, archivedAt: null },
      include: {
        ...KPI_STATUS_INCLUDE,
        owner: { select: { slackUserId: true, ...KPI_STATUS_INCLUDE.owner.select } },
      },
      orderBy: { number: 'asc' },
    });
    for (const kpi of kpis) {
      const verdict = evaluateKpi(kpiInput(kpi), at, settings);
      settle(
        kpiSubject(
          workspace.id,
          {
            id: kpi.id,
            number: kpi.number,
            title: kpi.title,
            ownerSlackId: kpi.owner?.slackUserId ?? null,
            createdAt: kpi.createdAt,
          },
          verdict,
        ),
      );
    }

    for (const { subject, settled } of await settleStatuses(services, changed, at, channel, graceMs)) {
      report.evaluated++;
      if (settled.notices.length > 0) report.flagged++;
      if (settled.inGrace && settled.previous === null && subject.createdAt)
        arrived.push({ ref: subject.ref, status: subject.status, createdAt: subject.createdAt });
    }

    try {
      await updateReasons(services.db, workspace.id, drifted);
    } catch (error) {
      services.logger.error('status sweep: writing reasons failed', error);
    }

    try {
      const newest = Math.max(...arrived.map((item) => item.createdAt.getTime()));
      await announceNewItems(services, workspace.id, arrived, new Date(newest + graceMs), channel, at);
    } catch (error) {
      services.logger.error('status sweep: announcing new items failed', error);
    }

    const known: KnownStatus = (link) => seen.get(`${link.type}:${link.id}`);
    try {
      report.escalated += await escalateOpenRisks(services, workspace.id, at, known);
    } catch (error) {
      services.logger.error('status sweep: escalating risks failed', error);
    }
  }
  return report;
}
