// `npm run bench`: prints figures, each next to a baseline measured in the same run.
// OKRA_TEST_DB=postgresql runs the database benchmarks on PostgreSQL (OKRA_TEST_PG_URL).
import { benchAck } from './ack.ts';
import { benchCheckInPrompts } from './check-in-prompts.ts';
import { benchCycleStatus } from './cycle-status.ts';
import { benchPlanImport } from './plan-import.ts';
import { benchPortfolio } from './portfolio.ts';
import { benchLearnability } from './status-eval/learnability.ts';
import { benchStatusEvaluation } from './status-eval/run.ts';

const sections: Array<[string, () => Promise<string[]>]> = [
  ['Acknowledging slash commands', () => benchAck()],
  ['Status of a 200-objective cycle', () => benchCycleStatus()],
  ['Importing a quarter', () => benchPlanImport()],
  ['A 10,000-key-result portfolio (each part in a fresh process)', () => benchPortfolio()],
  [
    'Status evaluation: simulated quarters (see bench/status-eval/README.md)',
    async () => benchStatusEvaluation(),
  ],
  [
    'Status learnability: what a learner reaches on the held-out families, by what it has seen',
    async () => benchLearnability(),
  ],
  ['Check-in prompts', () => benchCheckInPrompts()],
];

for (const [title, run] of sections) {
  console.log(`\n## ${title}`);
  for (const line of await run()) console.log(line);
}
