// Check-in prompts at scale, each part in a fresh process (its own peak memory):
//   - prompts to 10,000 owners, Slack answering as fast as it can (targets: ≥ 1,000 prompts/s, ≤ 250 MB);
//   - 2,000 owners with Slack enforcing 50 chat.postMessage per second (targets: ≥ 95% of that rate, no
//     duplicates, every 429 honoured).
// OKRA_BENCH_OWNERS and OKRA_BENCH_PACED_OWNERS scale the parts down for a quick run.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface PartResult {
  owners: number;
  prompted: number;
  plannedMs: number;
  deliveredMs: number;
  sent: number;
  delivered: number;
  duplicates: number;
  rateLimited: number;
  posts: number;
  peakRssMb: number;
}

function runPart(args: string[]): PartResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'check-in-prompts-part.ts'), ...args],
    {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as PartResult;
}

const perSecond = (count: number, ms: number) => (ms > 0 ? (count / ms) * 1000 : 0).toFixed(0);

export async function benchCheckInPrompts(): Promise<string[]> {
  const owners = Number(process.env.OKRA_BENCH_OWNERS ?? 10_000);
  const pacedOwners = Number(process.env.OKRA_BENCH_PACED_OWNERS ?? 2_000);
  const rate = 50;
  const unlimited = runPart(['unlimited', String(owners)]);
  const paced = runPart(['paced', String(pacedOwners), String(rate)]);
  return [
    `${unlimited.owners} owners, no rate limit: planned and recorded ${unlimited.prompted} prompts in ${(unlimited.plannedMs / 1000).toFixed(1)} s (${perSecond(unlimited.prompted, unlimited.plannedMs)}/s); delivered ${unlimited.delivered} in ${(unlimited.deliveredMs / 1000).toFixed(1)} s (${perSecond(unlimited.delivered, unlimited.deliveredMs)}/s); end to end ${perSecond(unlimited.delivered, unlimited.plannedMs + unlimited.deliveredMs)}/s; duplicates ${unlimited.duplicates}; peak RSS ${unlimited.peakRssMb.toFixed(0)} MB (targets: ≥ 1,000/s, ≤ 250 MB)`,
    `${paced.owners} owners, Slack at ${rate} chat.postMessage/s: delivered ${paced.delivered} in ${(paced.deliveredMs / 1000).toFixed(1)} s = ${perSecond(paced.delivered, paced.deliveredMs)}/s (${((Number(perSecond(paced.delivered, paced.deliveredMs)) / rate) * 100).toFixed(0)}% of the limit; target ≥ 95%); duplicates ${paced.duplicates}; 429s met ${paced.rateLimited} of ${paced.posts} posts; peak RSS ${paced.peakRssMb.toFixed(0)} MB`,
  ];
}
