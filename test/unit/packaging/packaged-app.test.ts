// The packaging check that runs here, without the Electron download: electron-builder packs the built app into a
// folder (`--linux dir`) against a stand-in Electron (an executable script carrying Electron's fuse wire, a
// version file, licences), exactly as it would with the real binary: file selection, asar packing, unpacking of
// native modules, extra resources and the fuses. Then the packed app.asar is read back with @electron/asar.
//
// Two deliberate differences from `npm run dist`:
// - npmRebuild is off: the rebuild recompiles keytar inside node_modules, which other test files load at the same
//   time (keytar is N-API, so the binary already built for Node is the one Electron loads).
// - Until the Electron entry exists (main/index.ts, from the shell branch), electron-builder's own check that
//   package.json `main` is in the archive is switched off and this test does not ask for it either; once
//   main/index.ts exists, the built entry must be packed (and the preload bundle once preload/index.ts exists).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage: (archive: string, options: { isPack: boolean }) => string[];
  statFile: (archive: string, path: string) => { unpacked?: boolean; size?: number; files?: unknown };
  extractFile: (archive: string, path: string) => Buffer;
};
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire: (binary: string) => Promise<Record<string, number | string>>;
  FuseV1Options: Record<string, string | number>;
};
const yaml = require('js-yaml') as { load: (text: string) => unknown };

const root = resolve(import.meta.dirname, '../../..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol. */
const ELECTRON_DEFAULT_WIRE = '10110001';
const ENABLED = 49;
const DISABLED = 48;

interface Packed {
  readonly outDir: string;
  readonly appDir: string;
  readonly archive: string;
  readonly files: readonly string[];
  readonly log: string;
}

let packed: Packed;

/** A folder electron-builder accepts as an unpacked Electron (`electronDist`), made of a few small files. */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\n# stand-in Electron for packaging tests; fuse wire: ${FUSE_SENTINEL}`), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(`${ELECTRON_DEFAULT_WIRE}\nexit 0\n`)]);
  writeFileSync(join(dir, 'electron'), wire, { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  writeFileSync(join(dir, 'version'), readPackage('node_modules/electron/package.json').version);
}

function readPackage(path: string): { version: string; main?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; devDependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(resolve(root, path), 'utf8'));
}

function run(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [require.resolve('electron-builder/cli.js'), ...args], {
      cwd: root,
      // No signing identity or publish token from the developer's environment leaks into this build.
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', GH_TOKEN: '', CSC_LINK: '', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolveRun({ code, output }));
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The packages npm installs for production (package.json dependencies, transitively, resolved as Node does), as
 * `name@version`: electron-builder may hoist a nested copy whose top-level namesake is a dev-only version.
 */
function productionClosure(): Set<string> {
  const found = new Set<string>();
  const visit = (fromDir: string, name: string, optional: boolean): void => {
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as { name: string; version: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
        const key = `${manifest.name}@${manifest.version}`;
        if (found.has(key)) return;
        found.add(key);
        for (const dep of Object.keys(manifest.dependencies ?? {})) visit(candidate, dep, false);
        for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(candidate, dep, true);
        return;
      }
      if (dir === root || dirname(dir) === dir) break;
    }
    if (!optional) throw new Error(`runtime dependency ${name} (needed from ${relative(root, fromDir) || '.'}) is not installed`);
  };
  const manifest = readPackage('package.json');
  for (const dep of Object.keys(manifest.dependencies ?? {})) visit(root, dep, false);
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(root, dep, true);
  return found;
}

/** The packages in the archive (`node_modules/a`, `node_modules/@s/b`, nested ones too), as `name@version`. */
function packedPackages(archive: string, files: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const file of files) {
    if (!/(^|\/)node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(file)) continue;
    const manifest = JSON.parse(asar.extractFile(archive, file).toString('utf8')) as { name?: string; version?: string };
    packages.add(`${manifest.name}@${manifest.version}`);
  }
  return packages;
}

const mainEntrySource = existsSync(join(root, 'main/index.ts'));
const preloadSource = existsSync(join(root, 'preload/index.ts'));

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/main')) || !existsSync(join(root, 'dist/renderer/index.html'))) {
    throw new Error('The packaging check packs the built app: run `npm run build` first (npm test does).');
  }
  const outDir = mkdtempSync(join(tmpdir(), 'wt-pack-'));
  const electronDist = join(outDir, 'electron-stand-in');
  standInElectron(electronDist);
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const testConfig = {
    ...config,
    directories: { ...(config.directories as object), output: join(outDir, 'out') },
    electronDist,
    npmRebuild: false,
    ...(mainEntrySource ? {} : { disableSanityCheckAsar: true }),
  };
  const configFile = join(outDir, 'electron-builder.json');
  writeFileSync(configFile, JSON.stringify(testConfig));
  const { code, output } = await run(['--linux', 'dir', '--config', configFile, '--projectDir', root, '--publish', 'never']);
  if (code !== 0) throw new Error(`electron-builder failed (exit ${code}):\n${output}`);
  const appDir = join(outDir, 'out', 'linux-unpacked');
  const archive = join(appDir, 'resources', 'app.asar');
  // listPackage gives every entry with a leading slash, directories included.
  const files = asar
    .listPackage(archive, { isPack: false })
    .map((entry) => entry.replace(/^[/\\]/, '').split('\\').join('/'))
    .filter((entry) => asar.statFile(archive, entry).files === undefined);
  packed = { outDir, appDir, archive, files, log: output };
}, 180_000);

afterAll(() => {
  if (packed !== undefined) rmSync(packed.outDir, { recursive: true, force: true });
});

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  it('packs every built main-process file, the renderer, and the preload bundle', () => {
    const expected = [...filesUnder(join(root, 'dist/main')), ...filesUnder(join(root, 'dist/renderer'))]
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => !file.endsWith('.map'));
    if (preloadSource) expected.push('dist/preload/index.cjs');
    const packedDist = packed.files.filter((file) => file.startsWith('dist/'));
    expect(packedDist.sort()).toEqual(expected.sort());
    expect(packed.files).toContain('dist/renderer/index.html');
    expect(packed.files).toContain('dist/main/cli.js');
  });

  it('packs the Electron entry named by package.json `main` once main/index.ts exists', () => {
    const manifest = JSON.parse(asar.extractFile(packed.archive, 'package.json').toString('utf8')) as { main?: string; devDependencies?: unknown; scripts?: unknown };
    expect(manifest.main).toBe('dist/main/index.js');
    if (mainEntrySource) expect(packed.files).toContain(manifest.main);
    else expect(packed.files, 'no stand-in entry is faked before the shell lands').not.toContain(manifest.main);
  });

  it('packs exactly the production dependencies: no dev dependency, nothing missing', () => {
    const expected = productionClosure();
    const actual = packedPackages(packed.archive, packed.files);
    expect([...actual].sort()).toEqual([...expected].sort());
    const names = new Set([...actual].map((entry) => entry.slice(0, entry.lastIndexOf('@'))));
    const devOnly = Object.keys(readPackage('package.json').devDependencies ?? {}).filter((dev) => names.has(dev));
    expect(devOnly).toEqual([]);
    expect(names.has('electron')).toBe(false);
  });

  it('contains no sources, tests, source maps, secrets or build tooling', () => {
    const offenders = packed.files.filter(
      (file) =>
        /\.(ts|mts|cts|tsx|svelte|map)$/.test(file) ||
        /(^|\/)(test|tests|__tests__)\//.test(file) && !file.startsWith('node_modules/') ||
        /\.(test|spec)\.[cm]?js$/.test(file) ||
        /^(main|preload|renderer|scripts|test|build|bin|docs|\.github|\.ci)\//.test(file) ||
        /(^|\/)(\.env(\..*)?|\.npmrc|\.netrc|id_rsa.*|.*\.(pem|key|p12|pfx|keystore))$/.test(file),
    );
    expect(offenders).toEqual([]);
    // No private key material in anything we wrote, whatever its name.
    for (const file of packed.files.filter((name) => name.startsWith('dist/'))) {
      expect(asar.extractFile(packed.archive, file).toString('latin1'), file).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
  });

  it('keeps keytar’s native module outside the archive, where the OS can load it', () => {
    const nativeModules = packed.files.filter((file) => file.endsWith('.node'));
    expect(nativeModules).toContain('node_modules/keytar/build/Release/keytar.node');
    for (const file of nativeModules) {
      expect(asar.statFile(packed.archive, file).unpacked, `${file} must be unpacked`).toBe(true);
      expect(existsSync(join(packed.appDir, 'resources', 'app.asar.unpacked', file))).toBe(true);
    }
  });

  it('ships the tray images beside the archive', () => {
    for (const name of ['trayTemplate.png', 'trayTemplate@2x.png', 'tray.png', 'tray@2x.png', 'tray.ico']) {
      expect(existsSync(join(packed.appDir, 'resources', 'tray', name)), name).toBe(true);
    }
  });

  it('writes the hardened fuses into the Electron binary', async () => {
    const wire = await fuses.getCurrentFuseWire(join(packed.appDir, 'workspace-tray'));
    const state = (name: string) => wire[String(fuses.FuseV1Options[name])];
    expect({
      RunAsNode: state('RunAsNode'),
      EnableNodeOptionsEnvironmentVariable: state('EnableNodeOptionsEnvironmentVariable'),
      EnableNodeCliInspectArguments: state('EnableNodeCliInspectArguments'),
      OnlyLoadAppFromAsar: state('OnlyLoadAppFromAsar'),
      EnableEmbeddedAsarIntegrityValidation: state('EnableEmbeddedAsarIntegrityValidation'),
      EnableCookieEncryption: state('EnableCookieEncryption'),
      GrantFileProtocolExtraPrivileges: state('GrantFileProtocolExtraPrivileges'),
    }).toEqual({
      RunAsNode: DISABLED,
      EnableNodeOptionsEnvironmentVariable: DISABLED,
      EnableNodeCliInspectArguments: DISABLED,
      OnlyLoadAppFromAsar: ENABLED,
      EnableEmbeddedAsarIntegrityValidation: ENABLED,
      EnableCookieEncryption: ENABLED,
      GrantFileProtocolExtraPrivileges: DISABLED,
    });
  });
});
