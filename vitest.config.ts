import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Two projects: Node-side tests (the core, use-cases, adapters, simulator, CLI, and the browser tests under
// test/e2e, which drive Chromium from Node), and the renderer's component and state tests in jsdom with the
// Svelte plugin (runes in .svelte and .svelte.ts files) and the browser build of Svelte.
export default defineConfig({
  test: {
    // The last line of a run is `Tests: N passed, N failed, N skipped`, for CI's log reader.
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on CI: files that start servers and child processes must not starve each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
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
        },
      },
    ],
  },
});
