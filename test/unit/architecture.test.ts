// The layering, checked: the core is pure, only the Electron shell touches `electron`, and the CLI's import
// graph never reaches Electron (it must run in plain Node).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((match) => match[1] ?? '');
}

const rel = (file: string) => relative(root, file).split('\\').join('/');

// Pure modules may compute (crypto, buffers, zod) but not do I/O or read process state.
const IO_MODULES = /^(node:)?(fs|fs\/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|os|readline|process)$/;

describe('layering', () => {
  const mainFiles = sourceFiles(join(root, 'main'));

  it('keeps main/core free of electron and of Node I/O', () => {
    const offenders = sourceFiles(join(root, 'main/core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === 'electron' || spec.startsWith('electron-') || IO_MODULES.test(spec) || spec === 'keytar')
        .map((spec) => `${rel(file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only the Electron shell import electron', () => {
    const offenders = mainFiles
      .filter((file) => !rel(file).startsWith('main/electron/') && rel(file) !== 'main/index.ts')
      .flatMap((file) => importsOf(file).filter((spec) => spec === 'electron' || spec === 'electron-store').map((spec) => `${rel(file)} imports ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('never reaches electron from the CLI entry, even indirectly', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec === 'electron' || spec === 'electron-store') reached.push(`${rel(file)} imports ${spec}`);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(root, 'main/cli.ts'));
    expect(seen.size).toBeGreaterThan(1);
    expect(reached).toEqual([]);
  });
});
