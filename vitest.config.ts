import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Generous: CI runs both engines on a loaded 2-core machine; a hung test still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
