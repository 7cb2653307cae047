// KPIs of an imported plan, matched by ref, and their readings, one per KPI and period (its cadence's week
// or month). Readings are written as the KPI's owner.
import { nextNumber } from '../../db/queries/counters.ts';
import { dateFromIso, isoFromDate } from '../../domain/dates.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import type { Plan, PlanKpi } from '../../plan/index.ts';
import { kpiMeasure } from '../item-measures.ts';
import type { WrittenItem } from './import-objectives.ts';
import { type ImportScope, recordCreated, type Snapshot, settleItem } from './import-scope.ts';
import { readingsByPeriod } from './period-clashes.ts';
import { RefIndex } from './ref-match.ts';

/** `plan` must carry a ref on every KPI (withGeneratedRefs). */
export async function importKpis(
  scope: ImportScope,
  plan: Plan,
  teamIds: ReadonlyMap<string, number>,
): Promise<Map<string, WrittenItem>> {
  const { tx, workspaceId } = scope;
  const rows = await tx.kpi.findMany({
    where: { workspaceId },
    include: { owner: { select: { slackUserId: true } }, team: { select: { name: true } } },
  });
  const index = new RefIndex(rows, 'kpi');
  const written = new Map<string, WrittenItem>();
  for (const kpi of plan.kpis) {
    const ref = kpi.ref!;
    const ownerId = await scope.ownerId(kpi.owner);
    const measure = kpiMeasure({ ...kpi, unit: kpi.unit ?? '', cadence: kpi.cadence ?? 'weekly' });
    const desired: Snapshot = {
      ref,
      title: kpi.title,
      owner: kpi.owner ?? null,
      team: kpi.team ?? null,
      ...measure,
      archived: false,
    };
    const data = {
      ref,
      title: kpi.title,
      ownerId,
      teamId: kpi.team === undefined ? null : (teamIds.get(kpi.team) ?? null),
      ...measure,
    };
    const row = index.find(ref);
    let item: WrittenItem;
    if (!row) {
      const number = await nextNumber(tx, workspaceId, 'kpi');
      const made = await tx.kpi.create({ data: { workspaceId, number, ...data, createdAt: scope.now } });
      await recordCreated(
        scope,
        'kpis',
        'kpi',
        { id: made.id, entityRef: formatShortId('kpi', number) },
        desired,
      );
      item = { id: made.id, number };
    } else {
      const existing = {
        id: row.id,
        entityRef: formatShortId('kpi', row.number),
        snapshot: {
          ref: row.ref,
          title: row.title,
          owner: row.owner?.slackUserId ?? null,
          team: row.team?.name ?? null,
          ...kpiMeasure(row),
          archived: row.archivedAt !== null,
        },
      };
      await settleItem(scope, 'kpis', 'kpi', existing, desired, async () => {
        await tx.kpi.update({ where: { id: row.id }, data: { ...data, archivedAt: null } });
      });
      item = { id: row.id, number: row.number };
    }
    written.set(ref, item);
    await importReadings(scope, kpi, item, ownerId);
  }
  return written;
}

async function importReadings(scope: ImportScope, kpi: PlanKpi, item: WrittenItem, ownerId: number | null) {
  const { tx } = scope;
  if (kpi.readings.length === 0) return;
  const rows = await tx.kpiReading.findMany({ where: { kpiId: item.id } });
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  for (const reading of readingsByPeriod(kpi.readings, kpi.cadence ?? 'weekly')) {
    const { period } = reading;
    const entityRef = `${formatShortId('kpi', item.number)} ${period}`;
    const desired: Snapshot = { date: reading.date, value: reading.value };
    const row = byPeriod.get(period);
    if (!row) {
      const made = await tx.kpiReading.create({
        data: {
          kpiId: item.id,
          period,
          date: dateFromIso(reading.date),
          value: reading.value,
          authorId: ownerId,
        },
      });
      await recordCreated(scope, 'kpiReadings', 'kpi_reading', { id: made.id, entityRef }, desired);
      continue;
    }
    const snapshot = { date: isoFromDate(row.date), value: row.value };
    await settleItem(
      scope,
      'kpiReadings',
      'kpi_reading',
      { id: row.id, entityRef, snapshot },
      desired,
      async () => {
        await tx.kpiReading.update({
          where: { id: row.id },
          data: { date: dateFromIso(reading.date), value: reading.value },
        });
      },
    );
  }
}
