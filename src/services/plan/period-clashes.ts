// The database keeps one check-in per key result and ISO week, and one reading per KPI and period (its
// cadence's week or month).
// - Two check-ins of a key result in the same week are a mistake in the file: say which two.
// - Several readings in one period are normal for a monthly KPI measured weekly: the latest is the
//   period's value, as when someone updates a KPI in Slack, and a hint says which ones were folded.
import { type Cadence, periodOfDate } from '../../domain/periods.ts';
import { formatPath, type Plan, type PlanKpiReading } from '../../plan/index.ts';
import type { ImportHint } from './import-hints.ts';
import { type ImportProblem, problemAt } from './import-scope.ts';

export function checkInClashes(plan: Plan): ImportProblem[] {
  const problems: ImportProblem[] = [];
  plan.objectives.forEach((objective, i) => {
    objective.key_results.forEach((kr, j) => {
      const firstByPeriod = new Map<string, number>();
      kr.check_ins.forEach((checkIn, c) => {
        const period = periodOfDate(checkIn.date, 'weekly');
        const first = firstByPeriod.get(period);
        if (first === undefined) {
          firstByPeriod.set(period, c);
          return;
        }
        problems.push(
          problemAt(
            ['objectives', i, 'key_results', j, 'check_ins', c, 'date'],
            `${checkIn.date} is in the same week (${period}) as check_ins[${first}] (${kr.check_ins[first]?.date}); ` +
              'Okra keeps one check-in per key result and week, so keep one of them or move it to another week',
          ),
        );
      });
    });
  });
  return problems;
}

/** The readings to write: the latest of each period, in date order. */
export function readingsByPeriod(
  readings: readonly PlanKpiReading[],
  cadence: Cadence,
): Array<PlanKpiReading & { period: string }> {
  const latest = new Map<string, PlanKpiReading & { period: string }>();
  for (const reading of readings) {
    const period = periodOfDate(reading.date, cadence);
    const kept = latest.get(period);
    if (!kept || reading.date >= kept.date) latest.set(period, { ...reading, period });
  }
  return [...latest.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function foldedReadingHints(plan: Plan): ImportHint[] {
  const hints: ImportHint[] = [];
  plan.kpis.forEach((kpi, k) => {
    const cadence = kpi.cadence ?? 'weekly';
    const kept = readingsByPeriod(kpi.readings, cadence);
    if (kept.length === kpi.readings.length) return;
    const span = cadence === 'weekly' ? 'week' : 'month';
    const periods = kept
      .filter((r) => kpi.readings.filter((x) => periodOfDate(x.date, cadence) === r.period).length > 1)
      .map((r) => `${r.period} (kept ${r.date})`);
    hints.push({
      path: formatPath(['kpis', k, 'readings']),
      ...(kpi.ref ? { ref: kpi.ref } : {}),
      message:
        `This ${cadence} KPI keeps one reading per ${span}; where the file has several, the latest is kept: ` +
        `${periods.join(', ')}.`,
    });
  });
  return hints;
}
