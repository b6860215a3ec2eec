import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer: a Svelte app loaded by the Electron windows from a custom protocol, and by Playwright's
// Chromium in tests. Relative asset paths so the same build works under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    // Read by the bundle-budget test: which chunks each view loads.
    manifest: true,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
