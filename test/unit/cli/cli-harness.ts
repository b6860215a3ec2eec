// Runs the BUILT CLI (`node bin/workspace-tray.js`) as a child process, the way a user runs it, with a private
// settings folder and keychain service and nothing inherited that could carry credentials.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(REPO_ROOT, 'bin/workspace-tray.js');

export function assertBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'dist/main/cli.js'))) {
    throw new Error('The CLI is not built: run `npm run build` first (`npm test` does it).');
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Sandbox {
  readonly configDir: string;
  readonly keychainService: string;
  readonly env: Readonly<Record<string, string>>;
  dispose(): void;
}

/** A fresh settings folder and keychain service; only the variables a child needs to find node and D-Bus. */
export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'workspace-tray-cli-'));
  const configDir = join(root, 'config');
  const keychainService = `workspace-tray-test-${randomUUID()}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: root,
    WORKSPACE_TRAY_CONFIG_DIR: configDir,
    WORKSPACE_TRAY_KEYCHAIN_SERVICE: keychainService,
  };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'DISPLAY']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { configDir, keychainService, env, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RunOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Kills the child after this long: a hung CLI fails the test instead of hanging it. */
  readonly killAfterMs?: number;
}

export function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  const child = startCli(args, options);
  return finished(child, options.killAfterMs ?? 30_000);
}

export function startCli(args: readonly string[], options: RunOptions): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  return Object.assign(child, { output });
}

export function finished(child: ChildProcess & { output: { stdout: string; stderr: string } }, killAfterMs: number): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not finish within ${killAfterMs} ms; stdout so far: ${child.output.stdout.slice(-2000)}; stderr: ${child.output.stderr.slice(-2000)}`));
    }, killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: child.output.stdout, stderr: child.output.stderr });
    });
  });
}

/** Non-empty lines of a stream. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
