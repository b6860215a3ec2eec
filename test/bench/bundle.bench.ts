// The renderer JavaScript a window loads, gzipped, read from the built dist/renderer (`npm run bench` builds
// first): the module scripts and modulepreloads of index.html and every chunk they import, statically or
// lazily (a route's chunk is loaded by the window that shows it), each file counted once. Popup and dashboard
// windows load the same index.html (they pick their view from the URL hash), so this bounds both.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Bench } from 'tinybench';
import type { Figures } from './protocol.js';

const RENDERER = resolve(import.meta.dirname, '../../dist/renderer');

/** The JS files index.html reaches, as absolute paths. */
function reachableScripts(): string[] {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const pending: string[] = [];
  for (const match of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)) {
    pending.push(resolve(RENDERER, match[1] as string));
  }
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`index.html or a chunk refers to ${relative(RENDERER, file)}, which the build did not write`);
    seen.add(file);
    // Vite's output imports chunks by relative specifier: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`.
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import\(?)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      pending.push(resolve(dirname(file), match[1] as string));
    }
  }
  return [...seen];
}

export function register(_bench: Bench, figures: Figures): void {
  figures.measure(
    'renderer JavaScript a window loads, gzipped',
    'KB',
    { max: 80 },
    () => {
      if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('dist/renderer/index.html is missing: run `npm run build` first');
      let bytes = 0;
      for (const file of reachableScripts()) bytes += gzipSync(readFileSync(file), { level: 9 }).length;
      return Math.round((bytes / 1024) * 10) / 10;
    },
    1,
  );
}
