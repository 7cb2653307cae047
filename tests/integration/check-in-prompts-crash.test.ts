// A process killed (SIGKILL) in the middle of the prompt fan-out, then restarted: nobody missed, nobody
// doubled. Prompt rows and their outbox notices commit together, batch by batch.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { runPrompts } from '../../src/services/check-in-prompts.ts';
import { enqueue } from '../../src/services/outbox.ts';
import { H1_2026, seedCycle, seedOwnersInUtc } from '../support/seed.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { withTestWorkspace } from '../support/test-workspace.ts';

const CHILD = join(import.meta.dirname, '../support/prompt-crash-child.ts');
const TSX = import.meta.resolve('tsx');
const OWNERS = 500;
const AT = '2026-03-02T09:00:00Z';

let database: TestDatabase;
let db: Db;
let workspaceId: number;

// A new workspace has the one default prompt schedule: weekly, Monday 09:00 local time.
withTestWorkspace('T0CRASH', (fresh) => ({ database, db, workspaceId } = fresh));
beforeAll(async () => {
  const { objectiveId } = await seedCycle(db, workspaceId, H1_2026);
  const owners = Array.from({ length: OWNERS }, (_, n) => `U0C${n}`);
  await seedOwnersInUtc(db, workspaceId, objectiveId, owners);
});

describe('SIGKILL mid fan-out', () => {
  it('the restarted run prompts exactly those the killed one did not', async () => {
    const child = spawnSync(
      process.execPath,
      ['--import', TSX, CHILD, database.url, String(workspaceId), AT],
      {
        encoding: 'utf8',
        timeout: 150_000,
      },
    );
    expect(child.signal, `${child.stdout}${child.stderr}`.slice(0, 2000)).toBe('SIGKILL');
    const before = await db.checkInPrompt.count({ where: { workspaceId } });
    // The first batch committed; the second died with its transaction.
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(OWNERS);
    expect(await db.outbox.count({ where: { workspaceId } })).toBe(before);

    const restarted = await runPrompts(
      db,
      workspaceId,
      new Date(AT),
      { defaultTimeZone: 'UTC' },
      enqueue,
      null,
    );
    expect(restarted.prompted).toBe(OWNERS - before);
    expect(await db.checkInPrompt.count({ where: { workspaceId } })).toBe(OWNERS);
    const notices = await db.outbox.findMany({ where: { workspaceId }, select: { key: true, toId: true } });
    expect(notices).toHaveLength(OWNERS);
    expect(new Set(notices.map((n) => n.toId)).size).toBe(OWNERS);
  }, 240_000);
});
