// `workspace-tray watch` as a user runs it: the built binary polling the demo simulator (in the CLI's own
// process) or a canned server, one JSON object per event line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../main/simulator/server.js';
import { json, startCannedServer, type CannedServer } from './canned-server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

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

const parse = (stdout: string): WatchLine[] => lines(stdout).map((line) => JSON.parse(line) as WatchLine);

/** Where the demo storms for a seed: the simulator is deterministic, so an in-test twin tells us. */
async function stormPlanFor(seed: number) {
  const twin = await startSimulator({ scenario: 'disconnect-storm', seed });
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
    for (const line of out) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z {2}http:\/\/127\.0\.0\.1:\d+ {2}snapshot {2}1 group, in use 4, ready –, disconnected 1$/);
  });

  it('rejects an interval under 1 second', async () => {
    const run = await runCli(['watch', '--demo', '--interval', '0.5'], { env: box.env });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
  });
});
