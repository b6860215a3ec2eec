// `workspace-tray watch` as a user runs it: the built binary polling the demo simulator (in the CLI's own
// process) or a canned server, one JSON object per event line.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../main/core/history/layout.js';
import { startSimulator } from '../../../main/simulator/server.js';
import { json, startCannedServer, type CannedServer } from './canned-server.js';
import { assertBuilt, finished, lines, runCli, sandbox, startCli, type Sandbox } from './cli-harness.js';

interface WatchLine {
  readonly type: string;
  readonly account: string;
  readonly title?: string;
  readonly groups?: readonly { name: string; before: number; after: number }[];
  readonly halted?: boolean;
  readonly exit_code?: number;
  readonly kind?: string;
}

let box: Sandbox;
let server: CannedServer;

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  server = await startCannedServer();
});
afterAll(async () => {
  await server.close();
  box.dispose();
});

/** Waits for a condition on a child's output (polled: the child runs on real time). */
async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const parse = (stdout: string): WatchLine[] => lines(stdout).map((line) => JSON.parse(line) as WatchLine);

/** Where the demo storms for a seed (none: the default one): the simulator is deterministic, so an in-test twin tells us. */
async function stormPlanFor(seed?: number) {
  const twin = await startSimulator({ scenario: 'disconnect-storm', ...(seed === undefined ? {} : { seed }) });
  await twin.close();
  if (twin.storm === null) throw new Error('disconnect-storm without a storm plan');
  return twin.storm;
}

describe.concurrent('watch', () => {
  it('reports the demo storm exactly once, naming the storm group, between silent snapshots', async () => {
    const seed = 11;
    const plan = await stormPlanFor(seed);
    const polls = plan.endPoll + 2;
    const run = await runCli(
      ['watch', '--demo', '--scenario', 'disconnect-storm', '--seed', String(seed), '--interval', '1', '--max-polls', String(polls), '--json'],
      { env: box.env, killAfterMs: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const events = parse(run.stdout);
    expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(polls);
    const spikes = events.filter((event) => event.type === 'spike');
    expect(spikes).toHaveLength(1);
    const spike = spikes[0];
    const worst = spike?.groups?.[0];
    expect(worst).toBeDefined();
    expect(plan.groups).toContain(worst?.name);
    expect(spike?.title).toContain(worst?.name);
    for (const group of spike?.groups ?? []) {
      expect(plan.groups).toContain(group.name);
      expect(group.after).toBeGreaterThan(group.before);
    }
    // Silent on the baseline and the drift before the storm: the spike follows the storm's first snapshot.
    const spikeIndex = events.findIndex((event) => event.type === 'spike');
    expect(events.slice(0, spikeIndex).filter((event) => event.type === 'snapshot')).toHaveLength(plan.startPoll + 1);
    expect(events.every((event) => event.account === 'demo')).toBe(true);
  });

  it('as in the issue: the default demo storm gives exactly one spike, after a silent baseline', async () => {
    const plan = await stormPlanFor();
    const polls = 10;
    expect(plan.startPoll).toBeGreaterThan(0);
    expect(plan.startPoll).toBeLessThan(polls);
    const run = await runCli(['watch', '--demo', '--scenario', 'disconnect-storm', '--interval', '1', '--max-polls', String(polls), '--json'], {
      env: box.env,
      killAfterMs: 60_000,
    });
    expect(run.code).toBe(0);
    const events = parse(run.stdout);
    expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(polls);
    const spikes = events.filter((event) => event.type === 'spike');
    expect(spikes).toHaveLength(1);
    expect(plan.groups).toContain(spikes[0]?.groups?.[0]?.name);
    const spikeIndex = events.findIndex((event) => event.type === 'spike');
    expect(events.slice(0, spikeIndex).filter((event) => event.type === 'snapshot')).toHaveLength(plan.startPoll + 1);
  });

  it('stays silent on the steady demo: baseline and gentle drift only', async () => {
    const polls = 15;
    const run = await runCli(['watch', '--demo', '--scenario', 'steady', '--interval', '1', '--max-polls', String(polls), '--json'], {
      env: box.env,
      killAfterMs: 60_000,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const types = parse(run.stdout).map((event) => event.type);
    expect(types).toEqual(Array.from({ length: polls }, () => 'snapshot'));
  }, 120_000); // fifteen real one-second polls: 14 s at best

  it('keeps polling through the flaky scenario errors and stops after --max-polls attempts', async () => {
    const run = await runCli(['watch', '--demo', '--scenario', 'flaky', '--interval', '1', '--max-polls', '7', '--timeout', '1', '--json'], {
      env: box.env,
      killAfterMs: 60_000,
    });
    expect(run.code).toBe(0);
    const events = parse(run.stdout);
    const attempts = events.filter((event) => event.type === 'snapshot' || event.type === 'error');
    expect(attempts).toHaveLength(7);
    const errors = events.filter((event) => event.type === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === 'snapshot').length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.halted).toBe(false);
      expect(error.exit_code).toBe(5);
    }
    // Polling went on after an error: some snapshot comes after the first error.
    const firstError = events.findIndex((event) => event.type === 'error');
    expect(events.slice(firstError).some((event) => event.type === 'snapshot')).toBe(true);
  });

  it('stops on a 401 instead of retrying, and exits 3', async () => {
    server.answer('watch-401', (_request, response) => json(response, 401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: x-auth-token not found' }));
    const run = await runCli(['watch', '--endpoint', server.url, '--project-id', 'watch-401', '--interval', '1', '--json'], {
      env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'watch-token-secret-7781' },
    });
    expect(run.code).toBe(3);
    const events = parse(run.stdout);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', kind: 'auth', halted: true, exit_code: 3 });
    expect(server.requestsFor('watch-401')).toHaveLength(1);
    expect(run.stdout + run.stderr).not.toContain('watch-token-secret-7781');
  });

  it('prints one readable line per event without --json', async () => {
    server.answer('watch-text', (_request, response) => json(response, 200, { statics: [{ static_name: 'Ops', in_use_num: 4, disconnected_num: 1 }] }));
    const run = await runCli(['watch', '--endpoint', server.url, '--project-id', 'watch-text', '--interval', '1', '--max-polls', '2'], {
      env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'watch-token' },
    });
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(2);
    for (const line of out) expect(line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} {2}http:\/\/127\.0\.0\.1:\d+ {2}snapshot {2}1 group, in use 4, ready –, disconnected 1$/);
  });

  it('warns once when the history folder cannot be written, and monitors without it', async () => {
    const own = sandbox();
    try {
      // A file where the history folder should be: refused even for root, unlike a read-only mode.
      mkdirSync(own.configDir, { recursive: true });
      writeFileSync(join(own.configDir, 'history'), 'not a folder');
      server.answer('watch-no-history', (_request, response) => json(response, 200, { statics: [{ static_name: 'Ops', in_use_num: 4, disconnected_num: 1 }] }));
      const run = await runCli(['watch', '--endpoint', server.url, '--project-id', 'watch-no-history', '--interval', '1', '--max-polls', '3', '--json'], {
        env: { ...own.env, WORKSPACE_TRAY_TOKEN: 'watch-token' },
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const events = parse(run.stdout);
      expect(events.map((event) => event.type)).toEqual(['history-error', 'snapshot', 'snapshot', 'snapshot']);
      expect(events[0]).toMatchObject({ kind: 'config', exit_code: 2 });
    } finally {
      own.dispose();
    }
  });

  it('catches up on history upkeep at start: every expired day goes, not one per poll', async () => {
    const own = sandbox();
    try {
      server.answer('watch-upkeep', (_request, response) => json(response, 200, { statics: [{ static_name: 'Ops', in_use_num: 4, disconnected_num: 1 }] }));
      const args = ['watch', '--endpoint', server.url, '--project-id', 'watch-upkeep', '--interval', '1', '--max-polls', '1', '--json'];
      const env = { ...own.env, WORKSPACE_TRAY_TOKEN: 'watch-token' };
      expect((await runCli(args, { env })).code).toBe(0);
      const [folderName, ...others] = readdirSync(join(own.configDir, 'history'));
      expect(others).toEqual([]);
      const folder = join(own.configDir, 'history', folderName ?? '');
      // Days of ten-minute buckets older than the 30 days kept, as left by a machine that was off for weeks.
      const today = Date.now() - (Date.now() % DAY_MS);
      const expired = [40, 41, 42].map((days) => `10m-${String(today - days * DAY_MS).padStart(15, '0')}.wth`);
      for (const name of expired) writeFileSync(join(folder, name), '');
      expect((await runCli(args, { env })).code).toBe(0);
      const left = readdirSync(folder);
      for (const name of expired) expect(left).not.toContain(name);
      expect(left.some((name) => name.startsWith('raw-'))).toBe(true);
    } finally {
      own.dispose();
    }
  });

  it('on Ctrl-C stops polling, closes history and exits 0', async () => {
    const own = sandbox();
    const tmp = join(own.configDir, '..', 'tmp');
    mkdirSync(tmp, { recursive: true });
    try {
      const child = startCli(['watch', '--demo', '--interval', '1', '--json'], { env: { ...own.env, TMPDIR: tmp } });
      const done = finished(child, 30_000);
      await until(() => child.output.stdout.includes('"type":"snapshot"'));
      // The demo's history lives in a temporary folder (with its writer lock beside it) while watch runs.
      expect(readdirSync(tmp).some((name) => name.startsWith('workspace-tray-demo-'))).toBe(true);
      child.kill('SIGINT');
      const run = await done;
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      for (const event of parse(run.stdout)) expect(event.type).toBe('snapshot');
      // Removed only after history was closed (which releases the lock).
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      own.dispose();
    }
  });

  it('rejects an interval under 1 second', async () => {
    const run = await runCli(['watch', '--demo', '--interval', '0.5'], { env: box.env });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
  });
});
