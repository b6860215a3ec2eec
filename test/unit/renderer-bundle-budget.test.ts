// The renderer's JavaScript budget: what a window loads to show a view stays at or under 80 KB gzipped. Views are
// separate chunks (renderer/views/index.ts), so each view counts the entry's chunks plus its own. Reads the
// build's manifest (dist/renderer/.vite/manifest.json), building first when there is none.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = resolve('dist/renderer');
const MANIFEST = join(DIST, '.vite/manifest.json');
const BUDGET_BYTES = 80 * 1024;
const VIEWS = ['views/Popup.svelte', 'views/Dashboard.svelte', 'views/GroupPage.svelte', 'views/Settings.svelte'] as const;

interface Chunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly isEntry?: boolean;
}

function manifest(): Record<string, Chunk> {
  if (!existsSync(MANIFEST)) execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
}

/** The chunk and everything it imports statically: what the browser fetches before running it. */
function closure(chunks: Record<string, Chunk>, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of chunks[key]?.imports ?? []) closure(chunks, imported, into);
  return into;
}

const gzipped = (chunks: Record<string, Chunk>, keys: Iterable<string>): number =>
  [...keys].reduce((total, key) => {
    const file = chunks[key]?.file;
    return file?.endsWith('.js') ? total + gzipSync(readFileSync(join(DIST, file))).length : total;
  }, 0);

describe('renderer bundle budget', () => {
  const chunks = manifest();
  const entry = Object.keys(chunks).find((key) => chunks[key]?.isEntry === true);

  it('has one entry whose views are loaded on demand', () => {
    expect(entry).toBe('index.html');
    expect([...(chunks['index.html']?.dynamicImports ?? [])].sort()).toEqual([...VIEWS].sort());
  });

  for (const view of VIEWS) {
    it(`${view}: the window's JavaScript for it is at most 80 KB gzipped`, () => {
      const keys = new Set([...closure(chunks, 'index.html'), ...closure(chunks, view)]);
      const bytes = gzipped(chunks, keys);
      console.info(`${view}: ${(bytes / 1024).toFixed(1)} KB gzipped`);
      expect(bytes).toBeGreaterThan(10 * 1024);
      expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    });
  }

  it('the popup window never loads the chart, the table or the validators', () => {
    const popup = new Set([...closure(chunks, 'index.html'), ...closure(chunks, 'views/Popup.svelte')]);
    const files = [...popup].map((key) => chunks[key]?.file ?? '');
    const source = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(DIST, file), 'utf8')).join('\n');
    expect(source).not.toContain('uPlot');
    expect(source).not.toContain('jitless');
  });
});
