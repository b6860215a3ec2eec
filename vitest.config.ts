import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Never the real `electron` in a test: outside Electron it tries to download the binary. Every test file that
// reaches an `electron` import gets the typed stand-in instead.
const electronStandIn = fileURLToPath(new URL('./test/fakes/electron/index.ts', import.meta.url));

// Three projects: Node-side tests (core, use-cases, adapters, simulator, CLI, the Electron shell against the
// stand-in); browser tests (test/e2e: the built app in the full-stack harness, and the built renderer against a
// fake bridge, Chromium through Playwright), one file at a time because each starts a browser; and the
// renderer's component and state tests in jsdom with the Svelte plugin (runes in .svelte and .svelte.ts files)
// and the browser build of Svelte. `npm test` builds first; the e2e tests use dist/. The browser tests run after
// the others (groupOrder), so Chromium does not starve the timing-sensitive CLI and server tests of the two cores.
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
          // Timeouts catch hangs, never slowness: CLI tests start several Node processes in turn, and on two
          // shared cores under load one start can take seconds (20 s timed out in a run beside other builds).
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 1 },
          // Room for several of the tests' waits (test/e2e/support/waits.ts); a hang still ends the test.
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        plugins: [svelte({ compilerOptions: { dev: false } })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'jsdom',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
