import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Never the real `electron` in a test: outside Electron it tries to download the binary. Every test file that
// reaches an `electron` import gets the typed stand-in instead.
const electronStandIn = fileURLToPath(new URL('./test/fakes/electron/index.ts', import.meta.url));

// Two projects: Node-side tests (core, use-cases, adapters, simulator, CLI, the Electron shell against the
// stand-in), and browser tests (test/e2e: the built app in the full-stack harness, Chromium through Playwright),
// one file at a time because each starts a browser and the app. `npm test` builds first; the e2e tests use dist/.
export default defineConfig({
  resolve: { alias: [{ find: /^electron$/, replacement: electronStandIn }] },
  test: {
    // The last line of a run is `Tests: N passed, N failed, N skipped`, for CI's log reader.
    reporters: ['default', './test/summary-reporter.ts'],
    // Two cores on CI: files that start servers and child processes must not starve each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
