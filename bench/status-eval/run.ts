// The status evaluation: every family, every judge, weeks 4, 6 and 8, pooled over seeds.
// `npm run bench:status` (OKRA_BENCH_SEEDS=20 for a quick look; the reported figures use 100).
// OKRA_BENCH_SPLIT=tuned runs the tuned families alone (what tuning may look at);
// OKRA_BENCH_SPLIT=held-out-pooled prints only the pooled held-out rows (a report after a change).
import { addTally, emptyTally, evaluateFamily, figures, type Tally } from './evaluate.ts';
import { HELD_OUT, seedsFor, TUNED } from './families/index.ts';
import type { Family } from './model.ts';
import { JUDGES } from './rules.ts';

export const WEEKS_REPORTED = [4, 6, 8] as const;

const fmt = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits)).padStart(5);

function cells(t: Tally): string {
  const f = figures(t);
  return `${fmt(f.recall)} ${fmt(f.falseAlarms)} ${fmt(f.mae, 1)}`;
}

export type Split = 'all' | 'tuned' | 'held-out-pooled';

export function benchStatusEvaluation(seedCount = 100, split: Split = 'all'): string[] {
  const families: Array<[Family, 'tuned' | 'held out']> = [
    ...(split === 'held-out-pooled' ? [] : TUNED.map((f): [Family, 'tuned'] => [f, 'tuned'])),
    ...(split === 'tuned' ? [] : HELD_OUT.map((f): [Family, 'held out'] => [f, 'held out'])),
  ];
  const results = families.map(([family, split]) => ({
    family,
    split,
    tallies: evaluateFamily(family, seedsFor(family, seedCount), WEEKS_REPORTED, JUDGES),
  }));
  const lines: string[] = [
    `${seedCount} seeds per family; recall = flagged among KRs ending < 70%, FA = flagged among KRs ending ≥ 100%,`,
    'MAE = forecast mean absolute error in attainment points. Columns per judge: recall  FA  MAE.',
  ];
  WEEKS_REPORTED.forEach((week, wi) => {
    lines.push('', `### Week ${week}`);
    lines.push(
      `${'family'.padEnd(20)} ${'split'.padEnd(9)} ${JUDGES.map((j) => j.name.padEnd(18)).join(' | ')}`,
    );
    for (const r of results) {
      if (split === 'held-out-pooled') break;
      const row = JUDGES.map((_, ji) => cells(r.tallies[wi]?.[ji] ?? emptyTally()).padEnd(18)).join(' | ');
      lines.push(`${r.family.name.padEnd(20)} ${r.split.padEnd(9)} ${row}`);
    }
    for (const pool of ['tuned', 'held out'] as const) {
      if (!results.some((r) => r.split === pool)) continue;
      const pooled = JUDGES.map((_, ji) =>
        results
          .filter((r) => r.split === pool)
          .reduce((sum, r) => addTally(sum, r.tallies[wi]?.[ji] ?? emptyTally()), emptyTally()),
      );
      lines.push(`${`POOLED ${pool}`.padEnd(30)} ${pooled.map((t) => cells(t).padEnd(18)).join(' | ')}`);
    }
  });
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = Number(process.env.OKRA_BENCH_SEEDS ?? 100);
  const split = (process.env.OKRA_BENCH_SPLIT ?? 'all') as Split;
  if (!['all', 'tuned', 'held-out-pooled'].includes(split))
    throw new Error(`unknown OKRA_BENCH_SPLIT ${split}`);
  for (const line of benchStatusEvaluation(seeds, split)) console.log(line);
}
