// A 10,000-key-result portfolio: the digest, one `/okr update` and the hourly sweep, each measured in a fresh
// process (bench/portfolio/part.mjs, on the compiled code `npm start` runs, with its Node flags) against a
// database seeded once here.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, TEST_PROVIDER } from '../tests/support/test-database.ts';
import { BENCH_NOW, seedPortfolio } from './portfolio/seed.ts';
import { startFlags } from './start-flags.ts';
import { row, type Summary } from './stats.ts';

interface PartResult {
  part: string;
  peakRssMb: number;
  /** CPU time of the part's process during each timed sample. */
  cpu: Summary;
  [figure: string]: unknown;
}

function runPart(part: string, url: string): PartResult {
  const out = execFileSync(
    process.execPath,
    [...startFlags(), join(import.meta.dirname, 'portfolio', 'part.mjs'), part, url, BENCH_NOW.toISOString()],
    { encoding: 'utf8', env: process.env },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as PartResult;
}

export async function benchPortfolio(
  parts: readonly string[] = ['baseline', 'first-digest', 'digest', 'update', 'sweep'],
): Promise<string[]> {
  // The parts run the compiled code: bring dist/ up to date with src/ first.
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  const database = await createTestDatabase();
  try {
    const seedStarted = performance.now();
    await seedPortfolio(database.db);
    // A running PostgreSQL has statistics: autovacuum analyses a table within about a minute of this many
    // inserts. Measured seconds after a bulk load, the planner would guess blind (no rows seen yet).
    if (TEST_PROVIDER === 'postgresql') await database.db.$executeRawUnsafe('ANALYZE');
    const lines = [
      `seeded 2,000 objectives, 10,000 key results, 120,000 check-ins on ${TEST_PROVIDER} in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    ];
    await database.close();
    let baseline: Summary | undefined;
    for (const part of parts) {
      const result = runPart(part, database.url);
      if (part === 'baseline') {
        baseline = result.baseline as Summary;
        lines.push(row('baseline: one raw query, KRs with check-ins', baseline));
      }
      if (part === 'first-digest')
        lines.push(
          `a subscription's first digest (earlier weeks from every check-in, once): ${(result.firstMs as number).toFixed(0)} ms; chart PNG ${(result.chartMs as number).toFixed(0)} ms; ${result.threadReplies} thread replies`,
        );
      if (part === 'digest') {
        const digest = result.digest as Summary;
        lines.push(
          row('compute and render the weekly digest', digest),
          `weekly digest / baseline at p50: ${baseline ? (digest.p50 / Math.max(baseline.p50, 0.001)).toFixed(2) : '?'}x (targets: ≤ 2x and ≤ 300 ms)`,
        );
      }
      if (part === 'update')
        lines.push(
          `${row('one /okr update with its flag decision', result.update as Summary)} (target p50 ≤ 50 ms)`,
        );
      if (part === 'sweep')
        lines.push(
          `hourly sweep over everything: ${((result.hourlyMs as number) / 1000).toFixed(2)} s (target ≤ 5 s); ${JSON.stringify(result.report)}`,
        );
      lines.push(
        `CPU time of the ${part} process per timed sample, p50: ${result.cpu.p50.toFixed(0)} ms; peak resident memory: ${result.peakRssMb.toFixed(0)} MB (target ≤ 250 MB)`,
      );
    }
    return lines;
  } finally {
    await database.drop().catch(() => undefined);
  }
}
