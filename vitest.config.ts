import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that measure (the load test) or kill real processes at chosen moments run after the rest, one file at a
 * time, so they neither skew the other files' timings nor are skewed by them.
 */
const RUN_ALONE = ['test/faults/load.test.ts', 'test/faults/crash-recovery.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...RUN_ALONE] } },
      { extends: true, test: { name: 'alone', include: RUN_ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
