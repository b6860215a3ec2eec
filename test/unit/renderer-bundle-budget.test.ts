// The renderer's JavaScript budget: everything a window can load over its whole life stays at or under 80 KB
// gzipped. Each window is a chunk (renderer/windows/index.ts) that imports only its own views
// (main/core/shell/app-windows.ts), so what a window can ever reach is read from the build graph itself: the
// entry's static imports plus the window chunk and everything it imports, statically or on demand, transitively.
// Reads the build's manifest (dist/renderer/.vite/manifest.json), building first when there is none.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_WINDOWS, viewsOfWindow, type AppWindowName } from '../../main/core/shell/app-windows.js';
import { RENDERER_DIST as DIST, RENDERER_MANIFEST, closure, entryOf, gzippedBytes as gzipped, jsFiles, readManifest, windowChunk, windowReach, type Manifest } from '../support/window-bundles.js';

const BUDGET_BYTES = 80 * 1024;

/** The view component of a route's view (renderer/views). */
const VIEW_COMPONENTS: Readonly<Record<string, string>> = { popup: 'Popup', dashboard: 'Dashboard', group: 'GroupPage', settings: 'Settings' };

function manifest(): Manifest {
  if (!existsSync(RENDERER_MANIFEST)) execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  return readManifest();
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

describe('renderer bundle budget', () => {
  const chunks = manifest();
  const entry = entryOf(chunks);
  /** Everything a window can load in its life: the entry, its static imports, and all the window chunk reaches. */
  const reach = (window: AppWindowName): Set<string> => windowReach(chunks, window);

  it('has one entry that loads nothing on demand but the windows', () => {
    expect(entry).toBe('index.html');
    expect([...(chunks[entry]?.dynamicImports ?? [])].sort()).toEqual(APP_WINDOWS.map(windowChunk).sort());
    // Nothing reachable from the entry's static part loads code lazily behind the windows' backs.
    for (const key of closure(chunks, entry, false)) if (key !== entry) expect(chunks[key]?.dynamicImports ?? [], key).toEqual([]);
  });

  it("each window reaches exactly the views app-windows.ts gives it", () => {
    const allViews = Object.values(VIEW_COMPONENTS).map((name) => `views/${name}.svelte`);
    for (const window of APP_WINDOWS) {
      const own = viewsOfWindow(window).map((view) => `views/${VIEW_COMPONENTS[view]}.svelte`);
      expect(allViews.filter((view) => reach(window).has(view)).sort(), window).toEqual(own.sort());
    }
  });

  for (const window of APP_WINDOWS) {
    it(`the ${window} window: all the JavaScript it can load in its life is at most 80 KB gzipped`, () => {
      const files = jsFiles(chunks, reach(window));
      const bytes = gzipped(files);
      console.info(`${window} window: ${kb(bytes)} gzipped (${files.map((file) => `${file.replace(/^assets\//, '')} ${kb(gzipped([file]))}`).join(', ')})`);
      expect(bytes).toBeGreaterThan(10 * 1024);
      expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    });
  }

  it('the popup window never loads the chart, the table or the validators; the dashboard window never the validators', () => {
    const source = (window: AppWindowName) => jsFiles(chunks, reach(window)).map((file) => readFileSync(join(DIST, file), 'utf8')).join('\n');
    const popup = source('popup');
    expect(popup.includes('uPlot'), 'uPlot in the popup window').toBe(false);
    expect(popup.includes('jitless'), 'zod in the popup window').toBe(false);
    expect(source('dashboard').includes('jitless'), 'zod in the dashboard window').toBe(false);
    expect(source('settings').includes('uPlot'), 'uPlot in the settings window').toBe(false);
  });

  it("only the settings window carries the Chinese of the settings window's error phrases (error-phrases-zh-forms.ts)", () => {
    const source = (window: AppWindowName) => jsFiles(chunks, reach(window)).map((file) => readFileSync(join(DIST, file), 'utf8')).join('\n');
    // Two of its phrases: saving an account, and the settings file.
    for (const text of ['账号名称为空', '设置文件 ']) {
      expect(source('settings').includes(text), `${text} in the settings window`).toBe(true);
      expect(source('popup').includes(text), `${text} in the popup window`).toBe(false);
      expect(source('dashboard').includes(text), `${text} in the dashboard window`).toBe(false);
    }
  });

  it("no window loads main's English error phrases (main says them; a window needs only the Chinese) nor the settings window's words outside it", () => {
    const source = (window: AppWindowName) => jsFiles(chunks, reach(window)).map((file) => readFileSync(join(DIST, file), 'utf8')).join('\n');
    for (const window of APP_WINDOWS) {
      // Two phrases of main/core/error-phrases.ts: a check's (the form's) and an answer's.
      for (const english of ['uses plain http to a remote host', 'Workspace is throttling requests']) expect(source(window).includes(english), `${english} in the ${window} window`).toBe(false);
    }
    // A word of messages-settings.ts (the account form's Test connection button).
    expect(source('settings').includes('测试连接'), 'the form in the settings window').toBe(true);
    for (const window of ['popup', 'dashboard'] as const) expect(source(window).includes('测试连接'), `the settings words in the ${window} window`).toBe(false);
  });
});
