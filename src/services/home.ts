// What one person's App Home shows: the objectives, key results, KPIs and risks they own, and for admins and leaders a
// count of how the current cycle is going. Read-only.
import type { Db } from '../db/client.ts';
import { sortedBy } from '../db/queries/bounded.ts';
import { formatShortId } from '../domain/short-ids.ts';
import {
  evaluateKeyResult,
  evaluateKpi,
  type KpiBand,
  parseStatusLevel,
  type StatusLevel,
} from '../domain/status/index.ts';
import { figuresOf, type TreeKeyResult } from './alignment-tree.ts';
import { loadCalibration } from './calibration.ts';
import { currentCycle } from './cycles.ts';
import { openRisksByScore, type RiskView } from './risks.ts';
import {
  cycleInput,
  KEY_RESULT_STATUS_INCLUDE,
  KPI_STATUS_INCLUDE,
  keyResultInput,
  kpiInput,
} from './status-inputs.ts';
import { workspaceSettings } from './stored-settings.ts';

export interface HomeKeyResult extends TreeKeyResult {
  lastCheckIn: { date: Date; value: number; confidence: number | null } | null;
}

export interface HomeKpi {
  ref: string;
  title: string;
  unit: string;
  latest: { value: number; period: string } | null;
  band: KpiBand | null;
  status: StatusLevel;
  reason: string | undefined;
}

export type StatusCounts = Record<StatusLevel, number>;

export interface HomeObjective {
  ref: string;
  title: string;
  keyResults: number;
  /** As last stored by a check-in or the sweep; null before the first evaluation. */
  status: StatusLevel | null;
}

export interface HomeModel {
  /** The current cycle's name, or null when there is none. */
  cycleName: string | null;
  /** The current cycle's objectives the person owns (leaders own objectives more often than key results). */
  objectives: HomeObjective[];
  keyResultGroups: Array<{ objective: { ref: string; title: string }; keyResults: HomeKeyResult[] }>;
  kpis: HomeKpi[];
  risks: RiskView[];
  /** Only for admins and leaders, and only when there is a current cycle. */
  portfolio: { objectives: StatusCounts; keyResults: StatusCounts } | null;
}

export interface HomeViewer {
  workspaceId: number;
  memberId: number;
  role: string;
}

export async function loadHome(db: Db, viewer: HomeViewer, now: Date): Promise<HomeModel> {
  const { workspaceId, memberId } = viewer;
  const [workspace, cycle] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
    currentCycle(db, workspaceId),
  ]);
  const settings = workspaceSettings(workspace.settings);
  const [objectives, keyResults, kpis, risks, portfolio] = await Promise.all([
    cycle ? ownedObjectives(db, workspaceId, memberId, cycle.id) : Promise.resolve([]),
    cycle
      ? db.keyResult.findMany({
          where: {
            workspaceId,
            ownerId: memberId,
            archivedAt: null,
            objective: { cycleId: cycle.id, archivedAt: null },
          },
          orderBy: { number: 'asc' },
          include: {
            ...KEY_RESULT_STATUS_INCLUDE,
            objective: { select: { number: true, title: true, cycle: true } },
          },
        })
      : Promise.resolve([]),
    db.kpi.findMany({
      where: { workspaceId, ownerId: memberId, archivedAt: null },
      orderBy: { number: 'asc' },
      include: KPI_STATUS_INCLUDE,
    }),
    openRisksByScore(db, workspaceId, { ownerMemberId: memberId }),
    cycle && (await seesPortfolio(db, viewer))
      ? portfolioCounts(db, workspaceId, cycle.id)
      : Promise.resolve(null),
  ]);

  const calibrationOf = await loadCalibration(db, workspaceId, now);
  const groups = new Map<number, HomeModel['keyResultGroups'][number]>();
  for (const row of keyResults) {
    const status = evaluateKeyResult(
      keyResultInput(row, calibrationOf(row.ownerId)),
      cycleInput(row.objective.cycle),
      now,
      settings,
    );
    const last = sortedBy(
      row.checkIns,
      (c) => c.date,
      (c) => c.id,
    ).at(-1);
    const group = groups.get(row.objectiveId) ?? {
      objective: { ref: formatShortId('objective', row.objective.number), title: row.objective.title },
      keyResults: [],
    };
    group.keyResults.push({
      ref: formatShortId('key_result', row.number),
      title: row.title,
      ownerSlackId: null,
      progress: status.progress.measured ? status.progress.raw : null,
      status: status.status,
      reason: status.reasons[0],
      figures: figuresOf(row, status.progress.value),
      lastCheckIn: last ? { date: last.date, value: last.value, confidence: last.confidence } : null,
    });
    groups.set(row.objectiveId, group);
  }

  return {
    cycleName: cycle?.name ?? null,
    objectives,
    keyResultGroups: [...groups.values()],
    kpis: kpis.map((row) => {
      const status = evaluateKpi(kpiInput(row), now, settings);
      const latest = sortedBy(
        row.readings,
        (r) => r.date,
        (r) => r.id,
      ).at(-1);
      return {
        ref: formatShortId('kpi', row.number),
        title: row.title,
        unit: row.unit,
        latest: latest ? { value: latest.value, period: latest.period } : null,
        band: status.band,
        status: status.status,
        reason: status.reasons[0],
      };
    }),
    risks,
    portfolio,
  };
}

async function ownedObjectives(
  db: Db,
  workspaceId: number,
  memberId: number,
  cycleId: number,
): Promise<HomeObjective[]> {
  const rows = await db.objective.findMany({
    where: { workspaceId, ownerId: memberId, cycleId, archivedAt: null },
    orderBy: { number: 'asc' },
    select: {
      id: true,
      number: true,
      title: true,
      _count: { select: { keyResults: { where: { archivedAt: null } } } },
    },
  });
  const stored = await db.itemStatus.findMany({
    where: { workspaceId, itemType: 'objective', itemId: { in: rows.map((row) => row.id) } },
    select: { itemId: true, status: true },
  });
  const statusOf = new Map(stored.map((row) => [row.itemId, parseStatusLevel(row.status)]));
  return rows.map((row) => ({
    ref: formatShortId('objective', row.number),
    title: row.title,
    keyResults: row._count.keyResults,
    status: statusOf.get(row.id) ?? null,
  }));
}

/** Admins and leaders (of the workspace or of a team) see how the whole cycle is going. */
async function seesPortfolio(db: Db, viewer: HomeViewer): Promise<boolean> {
  if (viewer.role === 'admin' || viewer.role === 'leader') return true;
  const leads = await db.teamMember.count({ where: { memberId: viewer.memberId, role: 'leader' } });
  return leads > 0;
}

/**
 * The cycle's status counts from the stored statuses (the check-ins and the hourly sweep keep them), so
 * opening the Home tab never re-evaluates a 10,000-key-result portfolio. Items not evaluated yet are not counted.
 */
async function portfolioCounts(
  db: Db,
  workspaceId: number,
  cycleId: number,
): Promise<HomeModel['portfolio']> {
  const [objectiveRows, keyResultRows] = await Promise.all([
    db.$queryRaw<Array<{ status: string; n: number | bigint }>>`
      SELECT s."status", COUNT(*) AS "n"
      FROM "ItemStatus" s
      JOIN "Objective" o ON o."id" = s."itemId"
      WHERE s."workspaceId" = ${workspaceId} AND s."itemType" = 'objective'
        AND o."cycleId" = ${cycleId} AND o."archivedAt" IS NULL
      GROUP BY s."status"`,
    db.$queryRaw<Array<{ status: string; n: number | bigint }>>`
      SELECT s."status", COUNT(*) AS "n"
      FROM "ItemStatus" s
      JOIN "KeyResult" k ON k."id" = s."itemId"
      JOIN "Objective" o ON o."id" = k."objectiveId"
      WHERE s."workspaceId" = ${workspaceId} AND s."itemType" = 'key_result'
        AND o."cycleId" = ${cycleId} AND o."archivedAt" IS NULL AND k."archivedAt" IS NULL
      GROUP BY s."status"`,
  ]);
  const counted = (rows: Array<{ status: string; n: number | bigint }>) => {
    const counts = emptyCounts();
    for (const row of rows) {
      const level = parseStatusLevel(row.status);
      if (level) counts[level] = Number(row.n);
    }
    return counts;
  };
  return { objectives: counted(objectiveRows), keyResults: counted(keyResultRows) };
}

const emptyCounts = (): StatusCounts => ({ on_track: 0, at_risk: 0, off_track: 0 });
