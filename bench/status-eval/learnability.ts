// The learnability study: could any judge reach the status targets on the held-out families, and what
// would it need to have seen? A nearest-neighbour learner reads the same facts Okra reads
// (observed-features.ts) and is trained three ways, then tested on the same key results (the
// held-out families' seeds 51–100), next to Okra:
// - seen: trained on seeds 1–50 of the held-out families (it has seen these families, not these quarters);
// - unseen family: for each held-out family, trained on every seed of the ten other families;
// - tuned only: trained on every seed of the tuned families (what the engine may be tuned on).
// `npm run bench:learnability` (OKRA_BENCH_SEEDS=40 for a quick look; the reported figures use 100).
import { emptyTally, figures, record, type Tally } from './evaluate.ts';
import { HELD_OUT, seedsFor, TUNED } from './families/index.ts';
import { type Family, snapshot, weekStart } from './model.ts';
import { alarmThreshold, type Example, NearestNeighbours } from './nearest-neighbours.ts';
import { observedFeatures } from './observed-features.ts';
import { calibrationFor, okra } from './rules.ts';

const NEIGHBOURS = 40;
const MAX_FALSE_ALARMS = 0.1;
/** Training key results read (each with itself left out) to choose the alarm threshold. */
const THRESHOLD_SAMPLE = 2_000;
const WEEKS = [6, 8] as const;

interface Row extends Example {
  family: string;
  seedIndex: number;
  okraFlagged: boolean;
  okraForecast: number;
}

function rowsOf(family: Family, seedCount: number, week: number): Row[] {
  const now = weekStart(week);
  return seedsFor(family, seedCount).flatMap((seed, seedIndex) => {
    const quarter = family.generate(seed);
    return quarter.keyResults.map((sim) => {
      const seen = snapshot(sim.keyResult, now);
      const judged = okra.judge(seen, now, sim.owner, quarter.history);
      return {
        family: family.name,
        seedIndex,
        features: observedFeatures(seen, now, calibrationFor(quarter.history, sim.owner)),
        final: Math.min(2, sim.trueFinal),
        okraFlagged: judged.flagged,
        okraForecast: judged.forecast,
      };
    });
  });
}

function learnAndTally(training: readonly Row[], testing: readonly Row[], into: Tally): void {
  const model = new NearestNeighbours(training, NEIGHBOURS);
  const step = Math.max(1, Math.floor(training.length / THRESHOLD_SAMPLE));
  const sample = Array.from({ length: Math.floor(training.length / step) }, (_, i) => i * step);
  const threshold = alarmThreshold(model, training, sample, MAX_FALSE_ALARMS);
  for (const row of testing) {
    const reading = model.read(row.features);
    record(into, row.final, reading.failShare > threshold, reading.forecast);
  }
}

const fmt = (x: number | null, digits = 3) => (x === null ? 'n/a' : x.toFixed(digits));
function line(name: string, t: Tally): string {
  const f = figures(t);
  return `${name.padEnd(34)} recall ${fmt(f.recall)}  false alarms ${fmt(f.falseAlarms)}  MAE ${fmt(f.mae, 1)}`;
}

export function benchLearnability(seedCount = 100): string[] {
  const split = Math.floor(seedCount / 2);
  const heldOut = new Set(HELD_OUT.map((f) => f.name));
  const lines = [
    `${seedCount} seeds per family; tested on the held-out families' seeds ${split + 1}–${seedCount}, pooled;`,
    `k = ${NEIGHBOURS} nearest key results; alarm threshold chosen on training data for ≤ ${MAX_FALSE_ALARMS} false alarms.`,
  ];
  for (const week of WEEKS) {
    const rows = [...TUNED, ...HELD_OUT].flatMap((family) => rowsOf(family, seedCount, week));
    const testing = rows.filter((r) => heldOut.has(r.family) && r.seedIndex >= split);
    const okraTally = emptyTally();
    for (const r of testing) record(okraTally, r.final, r.okraFlagged, r.okraForecast);

    const seen = emptyTally();
    learnAndTally(
      rows.filter((r) => heldOut.has(r.family) && r.seedIndex < split),
      testing,
      seen,
    );
    const unseen = emptyTally();
    for (const family of HELD_OUT) {
      learnAndTally(
        rows.filter((r) => r.family !== family.name),
        testing.filter((r) => r.family === family.name),
        unseen,
      );
    }
    const tunedOnly = emptyTally();
    learnAndTally(
      rows.filter((r) => !heldOut.has(r.family)),
      testing,
      tunedOnly,
    );
    lines.push(
      '',
      `### Week ${week}`,
      line('Okra', okraTally),
      line('learner, seen these families', seen),
      line('learner, unseen family (10 others)', unseen),
      line('learner, tuned families only', tunedOnly),
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const text of benchLearnability(Number(process.env.OKRA_BENCH_SEEDS ?? 100))) console.log(text);
}
