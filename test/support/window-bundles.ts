// What each app window can load over its whole life, read from the renderer build's graph (Vite's manifest,
// dist/renderer/.vite/manifest.json): the entry and its static imports, plus the window's chunk
// (renderer/windows/index.ts) and everything it imports, statically or on demand, transitively. Shared by the
// bundle budget test and the bench, so both count the same files.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_WINDOWS, type AppWindowName } from '../../main/core/shell/app-windows.js';

export const RENDERER_DIST = resolve(import.meta.dirname, '../../dist/renderer');
export const RENDERER_MANIFEST = join(RENDERER_DIST, '.vite/manifest.json');

export interface Chunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly isEntry?: boolean;
}

export type Manifest = Record<string, Chunk>;

export function readManifest(): Manifest {
  if (!existsSync(RENDERER_MANIFEST)) throw new Error(`${RENDERER_MANIFEST} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(RENDERER_MANIFEST, 'utf8')) as Manifest;
}

/** renderer/windows/index.ts's chunk of a window. */
export const windowChunk = (window: AppWindowName): string => `windows/${window[0]?.toUpperCase()}${window.slice(1)}Window.svelte`;

/**
 * The chunk and what it imports statically (and, with `lazy`, on demand too), transitively. A window's chunks
 * import shared code from the entry; the entry's own on-demand imports (the other windows) are not the window's.
 */
export function closure(chunks: Manifest, key: string, lazy: boolean, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  const chunk = chunks[key];
  const followLazy = lazy && chunk?.isEntry !== true;
  for (const imported of [...(chunk?.imports ?? []), ...(followLazy ? (chunk?.dynamicImports ?? []) : [])]) closure(chunks, imported, lazy, into);
  return into;
}

export const entryOf = (chunks: Manifest): string => Object.keys(chunks).find((key) => chunks[key]?.isEntry === true) ?? '';

/** Every manifest key a window can load in its life. */
export const windowReach = (chunks: Manifest, window: AppWindowName): Set<string> =>
  new Set([...closure(chunks, entryOf(chunks), false), ...closure(chunks, windowChunk(window), true)]);

export const jsFiles = (chunks: Manifest, keys: Iterable<string>): string[] =>
  [...keys].map((key) => chunks[key]?.file ?? '').filter((file) => file.endsWith('.js'));

export const gzippedBytes = (files: readonly string[]): number =>
  files.reduce((total, file) => total + gzipSync(readFileSync(join(RENDERER_DIST, file))).length, 0);

/** Each window's JavaScript files and their gzipped total. */
export function windowBundles(chunks: Manifest = readManifest()): { readonly window: AppWindowName; readonly files: readonly string[]; readonly bytes: number }[] {
  return APP_WINDOWS.map((window) => {
    const files = jsFiles(chunks, windowReach(chunks, window));
    return { window, files, bytes: gzippedBytes(files) };
  });
}
