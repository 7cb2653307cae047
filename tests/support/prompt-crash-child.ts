// A process that runs the check-in prompt fan-out and is killed (SIGKILL) in the middle of its second batch
// transaction, for the crash test in tests/integration/check-in-prompts-crash.test.ts.
import { openDatabase } from '../../src/db/client.ts';
import { runPrompts } from '../../src/services/check-in-prompts.ts';
import { enqueue } from '../../src/services/outbox.ts';

const [url, workspaceText, atText] = process.argv.slice(2);
const database = openDatabase(url!);
let batches = 0;
await runPrompts(
  database.db,
  Number(workspaceText),
  new Date(atText!),
  { defaultTimeZone: 'UTC' },
  async (tx, workspaceId, notices) => {
    batches++;
    await enqueue(tx, workspaceId, notices);
    // Half-way through a batch transaction: its rows are written but not committed.
    if (batches === 2) process.kill(process.pid, 'SIGKILL');
  },
  null,
);
process.stdout.write('finished without being killed\n');
await database.close();
