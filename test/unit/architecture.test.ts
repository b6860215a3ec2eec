// The layering, checked: one table says which folder may import which, the core is pure and free of import
// cycles, only the Electron shell (and the preload) touch `electron`, and the CLI's import graph never reaches it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Import {
  readonly specifier: string;
  /** `import type …`, `export type …`, or every named specifier marked `type`: erased at run time. */
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const statements = [...text.matchAll(/(?:^|\n)\s*(import|export)\s([^;]*?)from\s+['"]([^'"]+)['"]/g)].map((match): Import => {
    const clause = (match[2] ?? '').trim();
    const named = /^\{([^}]*)\}$/.exec(clause)?.[1];
    const allTypes = named !== undefined && named.split(',').map((part) => part.trim()).filter((part) => part !== '').every((part) => part.startsWith('type '));
    return { specifier: match[3] ?? '', typeOnly: clause.startsWith('type ') || allTypes };
  });
  const bare = [...text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)].map((match): Import => ({ specifier: match[1] ?? '', typeOnly: false }));
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match): Import => ({ specifier: match[1] ?? '', typeOnly: false }));
  return [...statements, ...bare, ...dynamic];
}

const rel = (file: string) => relative(root, file).split('\\').join('/');

/** The project file a relative import names (`.js` in source stands for the `.ts` file). */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const resolved = resolve(dirname(file), specifier);
  const candidates = [resolved.replace(/\.js$/, '.ts'), resolved, `${resolved}.ts`, join(resolved, 'index.ts')];
  return rel(candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? candidates[0] ?? resolved);
}

/** The layer a project file belongs to. */
type Layer = 'core' | 'app' | 'node' | 'electron' | 'simulator' | 'cli' | 'cli-entry' | 'electron-entry' | 'preload' | 'contract' | 'renderer';

function layerOf(path: string): Layer | null {
  if (path === 'main/cli.ts') return 'cli-entry';
  if (path === 'main/index.ts') return 'electron-entry';
  if (path === 'preload/contract.ts') return 'contract';
  const top = /^(main\/[^/]+|preload|renderer)\//.exec(path)?.[1];
  switch (top) {
    case 'main/core':
      return 'core';
    case 'main/app':
      return 'app';
    case 'main/node':
      return 'node';
    case 'main/electron':
      return 'electron';
    case 'main/simulator':
      return 'simulator';
    case 'main/cli':
      return 'cli';
    case 'preload':
      return 'preload';
    case 'renderer':
      return 'renderer';
    default:
      return null;
  }
}

/**
 * Which layer may import which (its own always). `types:` layers may be imported for types only, erased at run
 * time: the preload and the renderer run in a sandboxed page and reach main only through the IPC contract.
 */
// The IPC contract is written once for main, preload and renderer (TEAM.md). The shell registers its channels
// (values: the request and event names); the app's bridge use-case builds what crosses it (types).
const ALLOWED: Readonly<Record<Layer, { readonly values: readonly Layer[]; readonly types?: readonly Layer[] }>> = {
  // The pure view functions (tray, notifications, window position) take the contract's view types (AppState,
  // Route): types only, so nothing of the contract's module runs in the core.
  core: { values: [], types: ['contract'] },
  app: { values: ['core'], types: ['contract'] },
  node: { values: ['app', 'core'] },
  // The Electron main process is Node: its adapters may reuse the Node ones (the settings file's format and folder).
  electron: { values: ['app', 'core', 'node', 'contract'] },
  simulator: { values: ['core'] },
  cli: { values: ['app', 'core', 'node', 'simulator'] },
  'cli-entry': { values: ['cli', 'app', 'core', 'node', 'simulator'] },
  'electron-entry': { values: ['electron', 'app', 'core', 'node', 'simulator', 'contract'] },
  contract: { values: [], types: ['core'] },
  preload: { values: ['contract'], types: ['core'] },
  renderer: { values: ['contract'], types: ['core'] },
};

/** npm packages that drive a runtime: only the layers that live in it may import them. */
const ELECTRON_MODULES = new Set(['electron', 'electron-store']);
const MAY_IMPORT_ELECTRON: readonly Layer[] = ['electron', 'electron-entry', 'preload'];

// Pure modules may compute (crypto, buffers, zod) but not do I/O or read process state.
const IO_MODULES = /^(node:)?(fs|fs\/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|os|readline|process)$/;

const allFiles = [...sourceFiles(join(root, 'main')), ...sourceFiles(join(root, 'preload')), ...sourceFiles(join(root, 'renderer'))];

describe('layering', () => {
  it('sees every source folder as a layer', () => {
    expect(allFiles.length).toBeGreaterThan(50);
    expect(allFiles.map(rel).filter((path) => layerOf(path) === null)).toEqual([]);
  });

  it('keeps every import within the table of allowed layers', () => {
    const offenders: string[] = [];
    for (const file of allFiles) {
      const from = layerOf(rel(file));
      if (from === null) continue;
      for (const { specifier, typeOnly } of importsOf(file)) {
        const path = target(file, specifier);
        if (path === null) continue;
        const to = layerOf(path);
        if (to === null) {
          offenders.push(`${rel(file)} imports ${path}, outside every layer`);
          continue;
        }
        const rule = ALLOWED[from];
        const allowed = to === from || rule.values.includes(to) || (typeOnly && (rule.types ?? []).includes(to));
        if (!allowed) offenders.push(`${rel(file)} (${from}) imports ${path} (${to})${typeOnly ? ' for types' : ''}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps main/core free of electron and of Node I/O', () => {
    const offenders = sourceFiles(join(root, 'main/core')).flatMap((file) =>
      importsOf(file)
        .map((entry) => entry.specifier)
        .filter((spec) => ELECTRON_MODULES.has(spec) || spec.startsWith('electron-') || IO_MODULES.test(spec) || spec === 'keytar')
        .map((spec) => `${rel(file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only the Electron shell and the preload import electron', () => {
    const offenders = allFiles
      .filter((file) => !MAY_IMPORT_ELECTRON.includes(layerOf(rel(file)) as Layer))
      .flatMap((file) => importsOf(file).filter((entry) => ELECTRON_MODULES.has(entry.specifier)).map((entry) => `${rel(file)} imports ${entry.specifier}`));
    expect(offenders).toEqual([]);
  });

  it('has no import cycle between the folders of main/core (each top-level file counts on its own)', () => {
    const unitOf = (path: string): string => /^main\/core\/([^/]+)\//.exec(path)?.[1] ?? path;
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles(join(root, 'main/core'))) {
      const from = unitOf(rel(file));
      for (const { specifier } of importsOf(file)) {
        const path = target(file, specifier);
        if (path === null) continue;
        const to = unitOf(path);
        if (to !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from))?.add(to);
      }
    }
    const cycles: string[] = [];
    const visit = (unit: string, trail: readonly string[]): void => {
      for (const next of edges.get(unit) ?? []) {
        const at = trail.indexOf(next);
        if (at >= 0) cycles.push([...trail.slice(at), next].join(' → '));
        else visit(next, [...trail, next]);
      }
    };
    for (const unit of edges.keys()) visit(unit, [unit]);
    expect([...new Set(cycles)]).toEqual([]);
  });

  it('lets the front ends reach the engine and history only through main/app (types aside)', () => {
    const engine = /^main\/core\/(engine|history)\//;
    const offenders = allFiles
      .filter((file) => ['cli', 'cli-entry', 'electron', 'electron-entry'].includes(layerOf(rel(file)) ?? ''))
      .flatMap((file) =>
        importsOf(file)
          .filter((entry) => !entry.typeOnly && engine.test(target(file, entry.specifier) ?? ''))
          .map((entry) => `${rel(file)} imports ${entry.specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps CLI flags and commands out of the words of main/core and main/app (the app shows them too)', () => {
    const cliWords = /(?:^|[\s(`'"])--[a-z][a-z-]+|workspace-tray (?:accounts|status|watch|simulate|serve)/;
    const offenders = [...sourceFiles(join(root, 'main/core')), ...sourceFiles(join(root, 'main/app'))].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, number: index + 1 }))
        // Code only: comments may well explain which CLI flag feeds an option.
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && cliWords.test(line.replace(/\/\/.*$/, '')))
        .map(({ line, number }) => `${rel(file)}:${number}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never reaches electron from the CLI entry, even indirectly', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { specifier } of importsOf(file)) {
        if (ELECTRON_MODULES.has(specifier)) reached.push(`${rel(file)} imports ${specifier}`);
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(root, 'main/cli.ts'));
    expect(seen.size).toBeGreaterThan(1);
    expect(reached).toEqual([]);
  });
});
