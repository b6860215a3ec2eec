// The exporter with the real thing: Debian's Prometheus (2.42) scrapes the BUILT `workspace-tray serve`, which
// polls the simulator over loopback HTTP. Prometheus loads contrib/prometheus's rules as they are, so the alert
// that fires here is the one users install. Everything runs on 127.0.0.1 and is killed in afterAll.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleet, fleetAt } from '../../main/simulator/fleet.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { assertBuilt, sandbox, startCli, type Sandbox } from '../unit/cli/cli-harness.js';

const RULES = resolve(import.meta.dirname, '../../contrib/prometheus/workspace-tray.rules.yml');
const SEED = 7;
const TOKEN = 'test-scrape-token-0123456789abcdef';

type Child = ReturnType<typeof startCli>;

let box: Sandbox;
let folder: string;
let simulator: RunningSimulator;
let serve: Child;
let serveUrl: string;
let prometheus: ChildProcess | null = null;
let prometheusUrl: string;
let prometheusLog = '';
let serveStartedAt: number;

/** A port that was free a moment ago: bind port 0, read it, let it go. Callers retry when someone took it since. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; serve stderr: ${serve?.output.stderr.slice(-2000)}; prometheus: ${prometheusLog.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Sample {
  readonly metric: Record<string, string>;
  readonly value?: [number, string];
  readonly values?: [number, string][];
}

async function query(promql: string): Promise<Sample[]> {
  const response = await fetch(`${prometheusUrl}api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as { status: string; data: { result: Sample[] } };
  if (body.status !== 'success') throw new Error(`query failed: ${promql}`);
  return body.data.result;
}

const scalar = async (promql: string): Promise<number | undefined> => {
  const [first] = await query(promql);
  return first?.value === undefined ? undefined : Number(first.value[1]);
};

/** Starts serve on a free port; retries with another when the port was taken in between. */
async function startServe(): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = startCli(
      ['serve', '--endpoint', simulator.url, '--project-id', simulator.projectId, '--interval', '1', '--listen', `127.0.0.1:${port}`, '--group-metrics', 'all', '--bearer-token-file', join(folder, 'token')],
      { env: { ...box.env, WORKSPACE_TRAY_TOKEN: simulator.token } },
    );
    const outcome = await until('serve to listen or fail', () =>
      child.output.stderr.includes('listening on') ? 'listening' : child.exitCode !== null ? 'exited' : undefined,
    );
    if (outcome === 'listening') {
      serve = child;
      serveUrl = `http://127.0.0.1:${port}/`;
      serveStartedAt = Date.now();
      return;
    }
    if (!child.output.stderr.includes('already in use')) throw new Error(`serve failed: ${child.output.stderr}`);
  }
  throw new Error('no free port for serve after 5 attempts');
}

/** Starts Prometheus scraping serve every second and evaluating the contrib rules every second. */
async function startPrometheus(): Promise<void> {
  const config = join(folder, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${JSON.stringify(RULES)}`,
      'scrape_configs:',
      '  - job_name: workspace-tray',
      '    authorization:',
      `      credentials_file: ${JSON.stringify(join(folder, 'token'))}`,
      '    static_configs:',
      `      - targets: ['${new URL(serveUrl).host}']`,
      '',
    ].join('\n'),
  );
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const storage = mkdtempSync(join(folder, 'tsdb-'));
    const child = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${storage}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    prometheusUrl = `http://127.0.0.1:${port}/`;
    const outcome = await until('prometheus to be ready', async () => {
      if (child.exitCode !== null) return 'exited';
      try {
        return (await fetch(`${prometheusUrl}-/ready`)).status === 200 ? 'ready' : undefined;
      } catch {
        return undefined;
      }
    });
    prometheusLog = log;
    if (outcome === 'ready') {
      prometheus = child;
      child.stderr?.on('data', (chunk: string) => (prometheusLog += chunk));
      return;
    }
    if (!/address already in use/.test(log)) throw new Error(`prometheus failed: ${log}`);
  }
  throw new Error('no free port for prometheus after 5 attempts');
}

/** The Workspace status requests the simulator has seen (its log holds the latest 1,000). */
const statusRequests = () => simulator.requests.filter((request) => /\/connections\/status/.test(request.target)).length;

/** The fleet's disconnected total the simulator served at each poll, from its deterministic model. */
function disconnectedPerPoll(polls: number): number[] {
  const model = createFleet('disconnect-storm', SEED);
  return Array.from({ length: polls }, (_, poll) => fleetAt(model, poll).reduce((sum, group) => sum + group.disconnected_num, 0));
}

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  folder = mkdtempSync(join(tmpdir(), 'workspace-tray-prometheus-'));
  writeFileSync(join(folder, 'token'), `${TOKEN}\n`, { mode: 0o600 });
  simulator = await startSimulator({ scenario: 'disconnect-storm', seed: SEED });
  // serve first (its port must be known for the scrape config), Prometheus right after: the storm comes at the
  // simulator's fifth answer (poll 4), a few seconds in, and scrapes every second see it.
  await startServe();
  await startPrometheus();
}, 180_000);

afterAll(async () => {
  prometheus?.kill('SIGKILL');
  serve?.kill('SIGKILL');
  await simulator?.close();
  box?.dispose();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

describe.sequential('workspace-tray serve scraped by a real Prometheus', () => {
  it('is scraped (at least twice, with the bearer token) and the fleet totals equal the simulator\'s', async () => {
    await until('two successful scrapes', async () => ((await scalar('sum_over_time(up{job="workspace-tray"}[5m])')) ?? 0) >= 2 || undefined);
    // Every sample Prometheus stored is the simulator's total at one poll, polls in order.
    const [series] = await query('huaweicloud_workspace_fleet_desktops{job="workspace-tray",dimension="login",state="disconnected"}[5m]');
    const stored = (series?.values ?? []).map(([, value]) => Number(value));
    expect(stored.length).toBeGreaterThanOrEqual(2);
    const expected = disconnectedPerPoll(simulator.servedPolls + 1);
    let poll = 0;
    for (const value of stored) {
      while (poll < expected.length && expected[poll] !== value) poll++;
      expect(poll, `${value} is not a total the simulator served (after poll ${poll}): ${expected.join(' ')}`).toBeLessThan(expected.length);
    }
    // The per-group series (--group-metrics all) add up to the fleet series, and so does the recording rule.
    const groupsSum = await scalar('sum(huaweicloud_workspace_desktops{state="disconnected"}) - sum(huaweicloud_workspace_fleet_desktops{state="disconnected"})');
    expect(groupsSum).toBe(0);
    const recorded = await until('the recording rule', () => scalar('workspace:huaweicloud_workspace_fleet_desktops:sum{state="disconnected"}'));
    expect(expected).toContain(recorded);
    expect(await scalar('workspace_tray_account_up')).toBe(1);
  }, 120_000);

  it('shows the storm, and the group spike alert fires for the storm group', async () => {
    // Prometheus started after serve, so the storm may have passed before its first scrape: start the scenario
    // over (same fleet, poll 0 again); the storm comes four polls from now, under Prometheus's eyes.
    simulator.setScenario('disconnect-storm');
    const storm = simulator.storm;
    if (storm === null) throw new Error('disconnect-storm without a storm plan');
    const expected = disconnectedPerPoll(storm.endPoll);
    const stormTotal = Math.max(...expected.slice(storm.startPoll, storm.endPoll));
    await until('the storm in Prometheus', async () => ((await scalar('max_over_time(huaweicloud_workspace_fleet_desktops{state="disconnected"}[5m])')) ?? 0) >= stormTotal || undefined, 60_000);
    expect(await scalar('max_over_time(huaweicloud_workspace_fleet_desktops{state="disconnected"}[5m])')).toBe(stormTotal);

    const alerts = await until('WorkspaceGroupDisconnectSpike to fire', async () => {
      const firing = await query('ALERTS{alertname="WorkspaceGroupDisconnectSpike",alertstate="firing"}');
      return firing.length > 0 ? firing : undefined;
    }, 120_000);
    const groups = new Set(alerts.map((alert) => alert.metric.group));
    expect([...groups].every((group) => storm.groups.includes(group ?? ''))).toBe(true);
    expect(groups.size).toBeGreaterThan(0);
    // The app's own detector agrees: its spike counter went up.
    expect(await until('the spike counter', async () => ((await scalar('sum(workspace_tray_spikes_detected_total)')) ?? 0) > 0 || undefined)).toBe(true);
  }, 150_000);

  it('makes exactly one Workspace request per poll, however often it is scraped', async () => {
    // A burst of scrapes besides Prometheus's: none of them may reach the Workspace API.
    const before = statusRequests();
    const burstStarted = Date.now();
    for (let i = 0; i < 25; i++) {
      const response = await fetch(`${serveUrl}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      await response.text();
    }
    const burstSeconds = (Date.now() - burstStarted) / 1000;
    // At most one poll per 1-second interval went out meanwhile (the bound only loosens on a slow machine).
    expect(statusRequests() - before).toBeLessThanOrEqual(Math.ceil(burstSeconds) + 1);
    // Every request the simulator saw is a poll the exporter counted, and there is at most one per interval.
    const scraped = await (await fetch(`${serveUrl}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    const requestsNow = statusRequests();
    const polls = [...scraped.matchAll(/^workspace_tray_poll_duration_seconds_count\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(Math.abs(requestsNow - polls)).toBeLessThanOrEqual(1); // a poll may be in flight between the two reads
    expect(requestsNow).toBeLessThanOrEqual(Math.ceil((Date.now() - serveStartedAt) / 1000) + 1);
  }, 120_000);

  it('serves a scrape that passes promtool check metrics, in OpenMetrics when asked', async () => {
    const text = await fetch(`${serveUrl}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(text.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: await text.text(), encoding: 'utf8', timeout: 60_000 });
    expect(`${checked.stdout}${checked.stderr}`).toBe('');
    expect(checked.status).toBe(0);
    const open = await fetch(`${serveUrl}metrics`, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5' } });
    expect(open.headers.get('content-type')).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect((await open.text()).endsWith('# EOF\n')).toBe(true);
    // Prometheus itself negotiated and parsed it: the target is healthy.
    const targets = (await (await fetch(`${prometheusUrl}api/v1/targets`)).json()) as { data: { activeTargets: { health: string; lastError: string }[] } };
    expect(targets.data.activeTargets.map((target) => [target.health, target.lastError])).toEqual([['up', '']]);
  }, 120_000);

  it('refuses a scrape without the token, and never shows the token or the Workspace credentials', async () => {
    const refused = await fetch(`${serveUrl}metrics`);
    expect(refused.status).toBe(401);
    const pages = await Promise.all(['', 'metrics', 'healthz', 'readyz'].map(async (path) => (await fetch(`${serveUrl}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text()));
    for (const page of [...pages, serve.output.stdout, serve.output.stderr]) {
      expect(page).not.toContain(TOKEN);
      expect(page).not.toContain(simulator.token);
    }
  }, 120_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolveExit) => serve.once('exit', (code) => resolveExit(code)));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(serve.output.stderr).toContain('stopping');
  }, 120_000);
});
