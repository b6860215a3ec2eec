// The headless poller's idle cost: `workspace-tray watch` (built CLI, history on) against the simulator's steady
// scenario at a 15 s interval for 3 minutes, in a child process that reports its own process.cpuUsage() when
// asked (cpu-probe.mjs). Each 15 s window, starting halfway between two polls, holds exactly one poll; the
// figures are the median window's CPU share and the request count per window. Takes 3 minutes of wall time
// (mostly idle): `npm run bench -- idle` runs it alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bench } from 'tinybench';
import { startSimulator } from '../../main/simulator/server.js';
import { median, type Figures } from './protocol.js';

const INTERVAL_S = 15;
const WINDOWS = 12; // 3 minutes

interface IdleRun {
  /** CPU used in each window, as a percentage of one core. */
  readonly cpuPercent: readonly number[];
  /** Status requests the simulator received in each window. */
  readonly requests: readonly number[];
}

let run: Promise<IdleRun> | null = null;

async function measureIdle(): Promise<IdleRun> {
  const root = resolve(import.meta.dirname, '../..');
  const simulator = await startSimulator({ scenario: 'steady' });
  const configDir = mkdtempSync(join(tmpdir(), 'wt-idle-bench-'));
  const child = spawn(
    process.execPath,
    ['--import', join(import.meta.dirname, 'cpu-probe.mjs'), join(root, 'bin/workspace-tray.js'), 'watch', '--endpoint', simulator.url, '--project-id', simulator.projectId, '--interval', String(INTERVAL_S), '--json'],
    { env: { ...process.env, WORKSPACE_TRAY_TOKEN: simulator.token, WORKSPACE_TRAY_CONFIG_DIR: configDir }, stdio: ['ignore', 'pipe', 'inherit', 'pipe'] },
  );
  const probe = lines(child.stdio[3] as Readable);
  // Read all of stdout (a full pipe would block the child); the first line says it is up.
  let output = '';
  const started = new Promise<string>((resolveStarted) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolveStarted(output.slice(0, output.indexOf('\n')));
    });
    child.on('exit', () => resolveStarted(output));
  });
  try {
    const first = await started;
    if (!first.includes('"type":"snapshot"')) throw new Error(`watch did not start: ${first || 'no output'}`);
    await sleep((INTERVAL_S / 2) * 1000);
    const readCpu = async (): Promise<number> => {
      child.kill('SIGUSR2');
      const line = await probe.next();
      if (line.done) throw new Error('the child stopped answering the CPU probe');
      return Number(line.value);
    };
    let cpuBefore = await readCpu();
    let requestsBefore = simulator.statusRequests;
    const cpuPercent: number[] = [];
    const requests: number[] = [];
    const start = performance.now();
    for (let window = 1; window <= WINDOWS; window++) {
      await sleep(start + window * INTERVAL_S * 1000 - performance.now());
      const cpu = await readCpu();
      const served = simulator.statusRequests;
      cpuPercent.push(((cpu - cpuBefore) / 1e6 / INTERVAL_S) * 100);
      requests.push(served - requestsBefore);
      cpuBefore = cpu;
      requestsBefore = served;
    }
    return { cpuPercent, requests };
  } finally {
    child.kill('SIGTERM');
    await simulator.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** The stream's lines, one at a time. */
async function* lines(stream: Readable): AsyncGenerator<string, void> {
  let buffered = '';
  for await (const chunk of stream) {
    buffered += String(chunk);
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      yield buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
    }
  }
}

export function register(_bench: Bench, figures: Figures): void {
  const idle = () => (run ??= measureIdle());
  figures.measure('idle: CPU of watch, steady scenario, 15 s interval (median 15 s window over 3 min)', '% of one core', { below: 0.1 }, async () => (await idle()).cpuPercent, 1);
  figures.measure('idle: status requests per 15 s interval, one account (median window)', 'requests', { equals: 1 }, async () => median((await idle()).requests), 1);
  figures.measure('idle: 15 s intervals without exactly one request (of 12)', 'intervals', { equals: 0 }, async () => (await idle()).requests.filter((count) => count !== 1).length, 1);
}
