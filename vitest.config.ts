import { defineConfig } from 'vitest/config';

// Files that spend most of their time waiting on real time (Slack's Retry-After pauses, child processes
// starting and stopping) rather than on the CPU. `npm test` (scripts/test.mjs) runs them in a process of
// their own beside the rest, so their waits overlap other files' work; `npx vitest run` runs both projects.
export const WAITING = [
  'tests/e2e/outbox-load.test.ts',
  'tests/e2e/digest-process.test.ts',
  'tests/e2e/outbox-process.test.ts',
  'tests/e2e/npm-start-shutdown.test.ts',
  'tests/e2e/process.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // Generous: CI runs both engines on a loaded 2-core machine; a hung test still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'main', include: ['tests/**/*.test.ts'], exclude: WAITING } },
      { extends: true, test: { name: 'waiting', include: WAITING } },
    ],
  },
});
