import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Slow suites: the compiled build, the load test, the crash tests and the browser test, which kill real processes at chosen moments.
 * They run after the rest, one file at a time, so they neither skew the other files' timings nor are skewed by
 * them, and only where everything must run: in CI (`CI` set, as `.ci/run` does) or with `npm run test:all`.
 * `npm test` during development skips them.
 */
const SLOW = ['test/build.test.ts', 'test/faults/load.test.ts', 'test/faults/crash-recovery.test.ts', 'test/web/browser.test.ts'];
const runSlow = Boolean(process.env.CI) || process.env.PIVOT_SLOW_TESTS === '1';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SLOW] } },
      ...(runSlow ? [{ extends: true as const, test: { name: 'slow', include: SLOW, maxWorkers: 1, sequence: { groupOrder: 1 } } }] : []),
    ],
  },
});
