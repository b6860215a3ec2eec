import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Never the real `electron` in a test: outside Electron it tries to download the binary. Every test file that
// reaches an `electron` import gets the typed stand-in instead.
const electronStandIn = fileURLToPath(new URL('./test/fakes/electron/index.ts', import.meta.url));

// Node-side tests: the core, the use-cases, the Node adapters, the simulator and the CLI.
// The renderer's browser tests run under Playwright (test/e2e), not here.
export default defineConfig({
  resolve: { alias: [{ find: /^electron$/, replacement: electronStandIn }] },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // The last line of a run is `Tests: N passed, N failed, N skipped`, for CI's log reader.
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on CI: files that start servers and child processes must not starve each other.
    maxWorkers: 2,
  },
});
