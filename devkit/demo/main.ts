// `npm run demo` (and `okra demo`): Okra's real app, database, scheduler and handlers through one quarter's
// week, against a stand-in for Slack. Options: --seed N (default 42), --out DIR (default ./demo-output).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDemo } from './run.ts';
import { WEEK_ENDS, WEEK_STARTS } from './scenario/week.ts';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '42' }, out: { type: 'string', default: 'demo-output' } },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  process.stderr.write('--seed takes a whole number, e.g. --seed 7\n');
  process.exit(2);
}
const outDir = resolve(values.out ?? 'demo-output');
// performance.now() counts from the process start, so the duration includes loading the app.
const tty = process.stdout.isTTY === true;
const span = Date.parse(WEEK_ENDS) - Date.parse(WEEK_STARTS);
let lastDay = '';
const progress = (at: Date) => {
  const share = Math.min(1, (at.getTime() - Date.parse(WEEK_STARTS)) / span);
  const bar = `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${Math.round(share * 100)}% · ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (tty) process.stdout.write(`\r${bar}\r`);
  else if (at.toISOString().slice(0, 10) !== lastDay) process.stdout.write(`${bar}\n`);
  lastDay = at.toISOString().slice(0, 10);
};
const print = (line: string) => process.stdout.write(`${tty ? '\x1b[2K' : ''}${line}\n`);

const result = await runDemo({ seed, outDir, print, progress });
const seconds = (performance.now() / 1000).toFixed(1);
const row = (name: string, what: string) => print(`  ${name.padEnd(32)} ${what}`);
print('');
print(`Wrote to ${outDir}:`);
row('okra.db', `the database (try: DATABASE_URL=file:${outDir}/okra.db npm run okra -- export)`);
row(
  'messages/',
  `${result.outputs.messages} messages and views as Block Kit JSON, each linked to the Block Kit Builder`,
);
for (const chart of result.outputs.charts) row(chart.slice(outDir.length + 1), 'the digest chart');
row('slack-calls.jsonl', `every Web API call (${result.app.slack.calls.length})`);
row('transcript.txt', 'this transcript');
print(`Done in ${seconds} s.`);
