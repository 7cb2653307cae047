// A check-in or KPI reading dated after today has not happened: taken in, it would become the item's
// value today and skew its status, so the import refuses it and says where it is.
import { isoFromDate } from '../../domain/dates.ts';
import type { Plan } from '../../plan/index.ts';
import { type ImportProblem, problemAt } from './import-scope.ts';

export function futureDated(plan: Plan, now: Date): ImportProblem[] {
  const today = isoFromDate(now);
  const problems: ImportProblem[] = [];
  const refuse = (at: ReadonlyArray<string | number>, date: string, what: string) =>
    problems.push(
      problemAt(
        [...at, 'date'],
        `${date} is in the future (today is ${today}); a ${what} records what has happened, so date it today or earlier`,
      ),
    );
  plan.objectives.forEach((objective, i) => {
    objective.key_results.forEach((kr, j) => {
      kr.check_ins.forEach((checkIn, c) => {
        if (checkIn.date > today)
          refuse(['objectives', i, 'key_results', j, 'check_ins', c], checkIn.date, 'check-in');
      });
    });
  });
  plan.kpis.forEach((kpi, k) => {
    kpi.readings.forEach((reading, r) => {
      if (reading.date > today) refuse(['kpis', k, 'readings', r], reading.date, 'reading');
    });
  });
  return problems;
}
