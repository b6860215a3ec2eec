// `workspace-tray serve` as a user runs it: the built CLI against the simulator, on loopback ports it picks itself
// (--listen 127.0.0.1:0; serve prints the address it bound).
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { assertBuilt, runCli, sandbox, startCli, type Sandbox } from './cli-harness.js';

let box: Sandbox;
let folder: string;
const running: ReturnType<typeof startCli>[] = [];
const simulators: RunningSimulator[] = [];

beforeAll(() => {
  assertBuilt();
  box = sandbox();
  folder = mkdtempSync(join(tmpdir(), 'workspace-tray-serve-'));
});
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(simulators.map((simulator) => simulator.close()));
  box.dispose();
  rmSync(folder, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts serve on an ephemeral port and returns its base URL once it listens. */
async function serve(args: readonly string[], env: Record<string, string> = {}) {
  const child = startCli(['serve', '--listen', '127.0.0.1:0', ...args], { env: { ...box.env, ...env } });
  running.push(child);
  const url = await until('serve to listen', () => /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(child.output.stderr)?.[1] ?? (child.exitCode !== null ? 'exited' : undefined));
  if (url === 'exited') throw new Error(`serve exited: ${child.output.stderr}`);
  return { child, url };
}

describe.concurrent('serve', () => {
  it('serves an index page linking the metrics, health and readiness pages, and 404s the rest', async () => {
    const { url } = await serve(['--demo', '--interval', '1']);
    const index = await fetch(url);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await index.text();
    for (const page of ['/metrics', '/healthz', '/readyz']) expect(html).toContain(`<a href="${page}">`);
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    await until('readiness', async () => ((await fetch(`${url}readyz`)).status === 200 ? true : undefined));
    expect((await fetch(`${url}nope`)).status).toBe(404);
    expect((await fetch(`${url}metrics`, { method: 'POST' })).status).toBe(405);
    const metrics = await (await fetch(`${url}metrics`)).text();
    expect(metrics).toMatch(/^workspace_tray_build_info\{version="\d+\.\d+\.\d+",node_version="v\d+/m);
    expect(metrics).toMatch(/^huaweicloud_workspace_fleet_desktops\{account="demo",project_id="[0-9a-f]{32}",dimension="login",state="disconnected"\} \d+$/m);
  }, 120_000);

  it('is not ready, reports the account down and counts auth errors by kind and HTTP status when the credentials are refused', async () => {
    const simulator = await startSimulator({ scenario: 'auth-failure' });
    simulators.push(simulator);
    const { url, child } = await serve(['--endpoint', simulator.url, '--project-id', simulator.projectId, '--interval', '1'], { WORKSPACE_TRAY_TOKEN: simulator.token });
    const metrics = await until('the auth error in the metrics', async () => {
      const text = await (await fetch(`${url}metrics`)).text();
      return /workspace_tray_poll_errors_total\{[^}]*kind="auth",http_status="401"\} 1/.test(text) ? text : undefined;
    });
    expect(metrics).toMatch(/^workspace_tray_account_up\{account="http:\/\/127\.0\.0\.1:\d+"\} 0$/m);
    expect(metrics).not.toMatch(/^huaweicloud_workspace_fleet_desktops\{/m);
    expect(metrics).not.toMatch(/^workspace_tray_last_successful_poll_timestamp_seconds\{/m);
    const ready = await fetch(`${url}readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toBe('not ready: 1 of 1 accounts not polled successfully yet\n');
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    // Polling stopped (retrying cannot heal credentials): said once, and the simulator saw one request.
    await until('the log line', () => (child.output.stderr.includes('polling stopped') ? true : undefined));
    expect(simulator.statusRequests).toBe(1);
    expect(child.output.stderr).not.toContain(simulator.token);
  }, 120_000);

  it('exports a 5,000-group fleet with --group-metrics all in a scrape that passes promtool check metrics', async () => {
    const { url } = await serve(['--demo', '--scenario', 'large-fleet', '--interval', '60', '--group-metrics', 'all']);
    // Formatting 65,000 series takes seconds on a busy machine: scrape no more often than that.
    const text = await until('the first snapshot', async () => {
      const body = await (await fetch(`${url}metrics`)).text();
      return body.includes('huaweicloud_workspace_groups{') ? body : undefined;
    }, 150_000);
    expect(text).toMatch(/^huaweicloud_workspace_groups\{account="demo",project_id="[0-9a-f]+"\} 5000$/m);
    expect(text).toMatch(/^workspace_tray_exported_groups\{account="demo"\} 5000$/m);
    expect(text.split('\n').filter((line) => line.startsWith('huaweicloud_workspace_desktops{'))).toHaveLength(5000 * 13);
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', timeout: 60_000 });
    expect(`${checked.stdout}${checked.stderr}`).toBe('');
    expect(checked.status).toBe(0);
  }, 180_000);

  it('keeps the N largest groups with --group-metrics top:N', async () => {
    const { url } = await serve(['--demo', '--interval', '60', '--group-metrics', 'top:5']);
    const text = await until('the first snapshot', async () => {
      const body = await (await fetch(`${url}metrics`)).text();
      return body.includes('huaweicloud_workspace_groups{') ? body : undefined;
    });
    expect(text).toMatch(/^workspace_tray_exported_groups\{account="demo"\} 5$/m);
    const sizes = [...text.matchAll(/^huaweicloud_workspace_group_size_desktops\{[^}]*\} (\d+)$/gm)].map((m) => Number(m[1]));
    expect(sizes).toHaveLength(5);
  }, 120_000);

  it('refuses a bad --listen, a bad --group-metrics, and a token on the command line, before binding anything', async () => {
    const badListen = await runCli(['serve', '--demo', '--listen', 'localhost'], { env: box.env });
    expect(badListen.code).toBe(2);
    expect(badListen.stderr).toContain('--listen must be HOST:PORT (IPv6 in brackets)');
    const badPort = await runCli(['serve', '--demo', '--listen', '127.0.0.1:70000'], { env: box.env });
    expect(badPort.stderr).toContain('--listen port must be from 0 to 65535');
    const badHost = await runCli(['serve', '--demo', '--listen', 'bad_host!:9464'], { env: box.env });
    expect(badHost.stderr).toContain("host 'bad_host!' is not an IP address or host name");
    const badPolicy = await runCli(['serve', '--demo', '--group-metrics', 'top:0'], { env: box.env });
    expect(badPolicy.code).toBe(2);
    expect(badPolicy.stderr).toContain('--group-metrics must be all, none or top:N');
    const tokenArg = await runCli(['serve', '--demo', '--bearer-token', 'abc'], { env: box.env });
    expect(tokenArg.code).toBe(2);
    expect(tokenArg.stderr).toContain("Unknown option '--bearer-token'");
  }, 120_000);

  it('says clearly when the port is taken or the address is not this machine\'s', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const taken = await runCli(['serve', '--demo', '--listen', `127.0.0.1:${port}`], { env: box.env });
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: the port is already in use`);
      expect(taken.stderr).toContain('--listen HOST:PORT');
    } finally {
      blocker.close();
    }
    // 192.0.2.1 (TEST-NET-1) is never an address of this machine.
    const foreign = await runCli(['serve', '--demo', '--listen', '192.0.2.1:0'], { env: box.env });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('Cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine');
  }, 120_000);

  it('requires the bearer token from a file, and refuses an empty or short one', async () => {
    const tokenFile = join(folder, 'token');
    const token = 'file-token-abcdefghijklmnop';
    writeFileSync(tokenFile, `${token}\n`);
    chmodSync(tokenFile, 0o644);
    const { url, child } = await serve(['--demo', '--interval', '1', '--bearer-token-file', tokenFile]);
    expect(child.output.stderr).toContain('is readable by every user of this machine');
    expect((await fetch(`${url}metrics`)).status).toBe(401);
    expect((await fetch(`${url}metrics`, { headers: { Authorization: 'Bearer wrong-token-abcdefghij' } })).status).toBe(401);
    expect((await fetch(`${url}metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${url}healthz`)).status).toBe(200);

    const short = join(folder, 'short');
    writeFileSync(short, 'abc', { mode: 0o600 });
    const refused = await runCli(['serve', '--demo', '--bearer-token-file', short], { env: box.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is shorter than 16 characters');
    expect(refused.stderr).not.toContain('abc\n');
    const missing = await runCli(['serve', '--demo', '--bearer-token-file', join(folder, 'absent')], { env: box.env });
    expect(missing.stderr).toContain('Cannot read --bearer-token-file');
  }, 120_000);

  it('stops cleanly on SIGTERM, closing the port', async () => {
    const { url, child } = await serve(['--demo', '--interval', '1']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}healthz`)).rejects.toThrow();
  }, 120_000);
});
