import { defineConfig } from 'vitest/config';

// Integration tests share one Redis server and spawn CLI processes: keep files in parallel
// but give slow-starting child processes room.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
