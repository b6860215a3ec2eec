// The CLI's stated Node version (package.json `engines`, README) is true: the built CLI, run on this Node, never
// loads electron, electron-store or conf (which declare Node >= 22 and run only inside Electron's own Node), and
// every package it does load declares an engines range that admits the minimum we state.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, assertBuilt, sandbox, type Sandbox } from './cli-harness.js';

const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const RECORDER = join(REPO_ROOT, 'test/fixtures/record-modules.mjs');
const APP_ONLY = ['electron', 'electron-store', 'conf'];

let box: Sandbox;
let logDir: string;
beforeAll(() => {
  assertBuilt();
  box = sandbox();
  logDir = mkdtempSync(join(tmpdir(), 'workspace-tray-modules-'));
  // A saved account without a secret: `status --account` reads the keychain (loading keytar), finds nothing, exits 2.
  mkdirSync(box.configDir, { recursive: true });
  const account = { id: '123e4567-e89b-42d3-a456-426614174099', name: 'prod', region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', auth: 'token' };
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, accounts: [account] }));
});
afterAll(() => {
  box.dispose();
  rmSync(logDir, { recursive: true, force: true });
});

/** The module files one CLI run loaded. */
function modulesLoadedBy(args: readonly string[], name: string): Promise<string[]> {
  const log = join(logDir, `${name}.log`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RECORDER, join(REPO_ROOT, 'bin/workspace-tray.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...box.env, WT_MODULE_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        const entries = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
        resolve([...new Set(entries.map((entry) => (entry.startsWith('file:') ? fileURLToPath(entry) : entry)))]);
      } catch (error) {
        reject(new Error(`no module log for ${args.join(' ')}: ${String(error)}; stderr: ${stderr}`));
      }
    });
  });
}

/** The packages (their folders under node_modules) those files belong to. */
function packagesOf(files: readonly string[]): Set<string> {
  const marker = `${sep}node_modules${sep}`;
  const packages = new Set<string>();
  for (const file of files) {
    const at = file.lastIndexOf(marker);
    if (at < 0) continue;
    const rest = file.slice(at + marker.length).split(sep);
    const name = rest[0]?.startsWith('@') ? `${rest[0]}${sep}${rest[1]}` : rest[0];
    if (name !== undefined) packages.add(file.slice(0, at + marker.length) + name);
  }
  return packages;
}

const RUNS: readonly (readonly string[])[] = [
  ['status', '--demo', '--json'],
  ['watch', '--demo', '--interval', '1', '--max-polls', '1'],
  ['disconnected', '--demo'],
  ['history', '--help'],
  ['accounts', 'list'],
  ['status', '--account', 'prod'],
  ['serve', '--help'],
  ['simulate', '--help'],
];

describe('the CLI on the Node version it states', () => {
  it(`states Node ${packageJson.engines.node}, and this run is on a Node that satisfies it`, () => {
    expect(packageJson.engines.node).toBe('>=20.12');
    expect(semver.satisfies(process.versions.node, packageJson.engines.node)).toBe(true);
  });

  it('never loads electron, electron-store or conf, and every package it loads admits the stated minimum', async () => {
    const minimum = semver.minVersion(packageJson.engines.node)?.version ?? '';
    const loaded = await Promise.all(RUNS.map((args, i) => modulesLoadedBy(args, `run-${i}`)));
    const packages = packagesOf(loaded.flat());
    // The runs reach the packages the CLI needs (the keychain module for accounts, the exporter's client, zod).
    const names = [...packages].map((folder) => folder.split(`node_modules${sep}`).at(-1));
    expect(names).toEqual(expect.arrayContaining(['zod', 'keytar', 'prom-client']));
    for (const name of APP_ONLY) expect(names, `${name} loaded`).not.toContain(name);
    const tooNew = [...packages].flatMap((folder) => {
      const range = (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      return range === undefined || semver.satisfies(minimum, range) ? [] : [`${folder}: node ${range}`];
    });
    expect(tooNew).toEqual([]);
  }, 180_000);
});
