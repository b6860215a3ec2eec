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
    // Error wording and the small components the popup and dashboard share go into one chunk with what they need:
    // fewer, larger chunks compress better, and each window then loads 0.5–0.8 KB (gzipped) less. The settings
    // window's own error phrases (error-phrases-zh-forms.ts) stay out of it, with the settings window.
    rollupOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'shared', test: /renderer\/(lib\/error-(?!phrases-zh-forms)|lib\/phrase|components\/(AccountSwitcher|DisconnectedSince|Spinner))|main\/core\/phrase-fill/ }],
        },
      },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
