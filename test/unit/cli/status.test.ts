// `workspace-tray status` as a user runs it: the built binary, against the embedded demo and against a plain
// node:http server with the documented answers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_FIELDS } from '../../../main/core/api/fields.js';
import { startCannedServer, html, json, type CannedServer } from './canned-server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

const TOKEN = 'canned-token-Zx81-never-printed';
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

let server: CannedServer;
let box: Sandbox;

beforeAll(async () => {
  assertBuilt();
  server = await startCannedServer();
  box = sandbox();
});
afterAll(async () => {
  await server.close();
  box.dispose();
});

const withToken = () => ({ ...box.env, WORKSPACE_TRAY_TOKEN: TOKEN });
const status = (projectId: string, ...extra: string[]) =>
  runCli(['status', '--endpoint', server.url, '--project-id', projectId, ...extra], { env: withToken() });

function expectOneErrorLine(stderr: string): string {
  const found = lines(stderr);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/^workspace-tray: /);
  expect(stderr).not.toContain(TOKEN);
  return found[0] ?? '';
}

describe.concurrent('status --demo', () => {
  it('prints one valid JSON snapshot with ISO time, 13 counts per group and totals that are the sums', async () => {
    const run = await runCli(['status', '--demo', '--json'], { env: box.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    const snapshot = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(snapshot).sort()).toEqual(['endpoint', 'fetched_at', 'groups', 'project_id', 'totals']);
    expect(snapshot.fetched_at).toMatch(ISO_8601);
    expect(new Date(String(snapshot.fetched_at)).toISOString()).toBe(snapshot.fetched_at);
    expect(typeof snapshot.project_id).toBe('string');
    expect(String(snapshot.endpoint)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const groups = snapshot.groups as Record<string, unknown>[];
    expect(groups.length).toBeGreaterThan(5);
    for (const group of groups) {
      expect(Object.keys(group).sort()).toEqual(['key', 'static_name', ...COUNT_FIELDS].sort());
      expect(typeof group.static_name).toBe('string');
      // Every demo group is named once: its key is its name.
      expect(group.key).toBe(group.static_name);
      for (const field of COUNT_FIELDS) expect(Number.isSafeInteger(group[field]) || group[field] === null).toBe(true);
    }
    const totals = snapshot.totals as Record<string, number>;
    expect(Object.keys(totals).sort()).toEqual([...COUNT_FIELDS].sort());
    for (const field of COUNT_FIELDS) expect(totals[field]).toBe(groups.reduce((sum, group) => sum + Number(group[field]), 0));
  });

  it('prints a table with the families, one row per group and a totals row', async () => {
    const [run, wideRun] = await Promise.all([
      runCli(['status', '--demo', '--seed', '7'], { env: box.env }),
      runCli(['status', '--demo', '--seed', '7', '--wide'], { env: box.env }),
    ]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[2]).toMatch(/Power\s+│ Assignment\s+│ Login/);
    expect(out[3]).toMatch(/^Group\s+│\s+Run\s+Stop │\s+Free\s+Fail │\s+InUse\s+Ready\s+Disc\s+Unreg$/);
    expect(out.some((line) => /^TOTAL\s+│/.test(line))).toBe(true);
    const wide = lines(wideRun.stdout);
    expect(wide[3]).toMatch(/^Group\s+│\s+Run\s+Stop\s+Hib\s+Other │/);
  });

  it('reports the auth-failure scenario as exit 3 and throttled as exit 5', async () => {
    const [auth, throttled] = await Promise.all([
      runCli(['status', '--demo', '--scenario', 'auth-failure'], { env: box.env }),
      runCli(['status', '--demo', '--scenario', 'throttled'], { env: box.env }),
    ]);
    expect(auth.code).toBe(3);
    expect(expectOneErrorLine(auth.stderr)).toContain('APIGW.0301');
    expect(throttled.code).toBe(5);
    expect(expectOneErrorLine(throttled.stderr)).toContain('APIGW.0308');
  });
});

describe.concurrent('status against a server we did not write', () => {
  it('shows an absent count as unknown, never 0, in the table and as null in JSON', async () => {
    server.answer('p-absent', (_request, response) =>
      json(response, 200, { statics: [{ static_name: 'Ops', running_num: 3, in_use_num: 2, surprise: true }] }),
    );
    const [table, asJson] = await Promise.all([status('p-absent'), status('p-absent', '--json')]);
    expect(table.code).toBe(0);
    const row = lines(table.stdout).find((line) => line.startsWith('Ops'));
    expect(row).toMatch(/^Ops\s+│\s+3\s+– │\s+–\s+– │/);
    const snapshot = JSON.parse(asJson.stdout) as { groups: Record<string, unknown>[]; totals: Record<string, unknown>; project_id: string };
    expect(snapshot.project_id).toBe('p-absent');
    expect(snapshot.groups[0]).toMatchObject({ static_name: 'Ops', running_num: 3, stop_num: null, in_use_num: 2, disconnected_num: null });
    expect(snapshot.totals).toMatchObject({ running_num: 3, stop_num: null });
    expect(server.requestsFor('p-absent')[0]?.headers['x-auth-token']).toBe(TOKEN);
    expect(table.stdout + asJson.stdout).not.toContain(TOKEN);
  });

  it('takes the project id from HUAWEICLOUD_SDK_PROJECT_ID', async () => {
    server.answer('p-from-env', (_request, response) => json(response, 200, { statics: [] }));
    const run = await runCli(['status', '--endpoint', server.url, '--json'], { env: { ...withToken(), HUAWEICLOUD_SDK_PROJECT_ID: 'p-from-env' } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ project_id: 'p-from-env', groups: [] });
  });

  it('exits 2 without sending anything when there are no credentials, and says how to configure', async () => {
    const run = await runCli(['status', '--endpoint', server.url, '--project-id', 'p-nocreds'], { env: box.env });
    expect(run.code).toBe(2);
    const line = expectOneErrorLine(run.stderr);
    expect(line).toContain('accounts add');
    expect(line).toContain('WORKSPACE_TRAY_TOKEN');
    expect(line).toContain('--demo');
    expect(server.requestsFor('p-nocreds')).toHaveLength(0);
  });

  it('exits 2 with no account and no target at all, pointing at --demo', async () => {
    const run = await runCli(['status'], { env: box.env });
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run.stderr)).toContain('--demo');
  });

  it('exits 2 without sending anything for a bad project id', async () => {
    for (const bad of ['a/b', 'a?b', 'x y', '%2e']) {
      const run = await status(bad);
      expect(run.code).toBe(2);
      expectOneErrorLine(run.stderr);
    }
    expect(server.requestsFor('a')).toHaveLength(0);
    expect(server.requestsFor('x y')).toHaveLength(0);
  });

  it('exits 2 for plain http to a host that is not this machine', async () => {
    const run = await runCli(['status', '--endpoint', 'http://workspace.example.com', '--project-id', 'p1'], { env: withToken() });
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run.stderr)).toContain('plain http');
  });

  it('exits 2 on usage errors', async () => {
    const [unknown, both, badRegion] = await Promise.all([
      runCli(['status', '--frobnicate'], { env: box.env }),
      runCli(['status', '--demo', '--all'], { env: box.env }),
      runCli(['status', '--region', 'mars-1', '--project-id', 'p'], { env: withToken() }),
    ]);
    for (const run of [unknown, both, badRegion]) {
      expect(run.code).toBe(2);
      expectOneErrorLine(run.stderr);
    }
  });

  it('exits 3 on 401 with the code, the message and the request id on one line', async () => {
    server.answer('p401', (_request, response) => json(response, 401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: decrypt token fail' }));
    const run = await status('p401');
    expect(run.code).toBe(3);
    const line = expectOneErrorLine(run.stderr);
    expect(line).toContain('HTTP 401');
    expect(line).toContain('APIGW.0301');
    expect(line).toContain('decrypt token fail');
    expect(line).toContain('req-canned-0001');
  });

  it('exits 3 on 403 WKS.00010099 and says in plain words that Workspace is not enabled', async () => {
    server.answer('p403', (_request, response) => json(response, 403, { error_code: 'WKS.00010099', error_msg: 'The tenant has not subscribed to the service.' }));
    const run = await status('p403');
    expect(run.code).toBe(3);
    const line = expectOneErrorLine(run.stderr);
    expect(line).toContain('WKS.00010099');
    expect(line).toMatch(/not enabled/i);
  });

  it('exits 4 on 404', async () => {
    const run = await status('p-unknown-to-the-server');
    expect(run.code).toBe(4);
    expect(expectOneErrorLine(run.stderr)).toContain('APIGW.0101');
  });

  it('exits 5 on an HTML 500 page, a garbage 200 body and a timeout', async () => {
    server.answer('p500', (_request, response) => html(response, 500, '500 Internal Server Error'));
    server.answer('p-garbage', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"statics": [ {"static_name": "A", "running_num": "7"');
    });
    server.answer('p-silent', () => undefined);
    const [html500, garbage, silent] = await Promise.all([status('p500'), status('p-garbage'), status('p-silent', '--timeout', '0.5')]);
    expect(html500.code).toBe(5);
    expect(expectOneErrorLine(html500.stderr)).toContain('HTTP 500');
    expect(garbage.code).toBe(5);
    expect(expectOneErrorLine(garbage.stderr)).toContain('200');
    expect(silent.code).toBe(5);
    expect(expectOneErrorLine(silent.stderr)).toMatch(/within 0\.5 s/);
  });
});

describe.concurrent('status against a server we did not write: the rest of the rules', () => {
  it('shows an empty fleet (statics: []) as a table that says so, and as valid JSON with zero totals', async () => {
    server.answer('p-empty', (_request, response) => json(response, 200, { statics: [] }));
    const [table, asJson] = await Promise.all([status('p-empty'), status('p-empty', '--json')]);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe('');
    const out = lines(table.stdout);
    expect(out[0]).toMatch(/^0 groups, fetched \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(out[1]).toMatch(/^project p-empty at http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain('(no desktop groups in this project)');
    expect(out.find((line) => line.startsWith('TOTAL'))).toMatch(/^TOTAL\s+│\s+0\s+0 │/);
    expect(asJson.code).toBe(0);
    const snapshot = JSON.parse(asJson.stdout) as { groups: unknown[]; totals: Record<string, unknown> };
    expect(snapshot.groups).toEqual([]);
    expect(Object.values(snapshot.totals)).toEqual(COUNT_FIELDS.map(() => 0));
  });

  it('exits 5 on a count that is not a non-negative whole number, naming its path', async () => {
    server.answer('p-badcount', (_request, response) =>
      json(response, 200, { statics: [{ static_name: 'A', disconnected_num: 1 }, { static_name: 'B', disconnected_num: -2 }] }),
    );
    const run = await status('p-badcount', '--json');
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(expectOneErrorLine(run.stderr)).toContain('statics[1].disconnected_num');
  });

  it('exits 5 on an HTML 502 page and on an empty 500, quoting the status', async () => {
    server.answer('p502', (_request, response) => html(response, 502, '502 Bad Gateway'));
    server.answer('p500-empty', (_request, response) => response.writeHead(500).end());
    const [page, empty] = await Promise.all([status('p502'), status('p500-empty')]);
    expect(page.code).toBe(5);
    const pageLine = expectOneErrorLine(page.stderr);
    expect(pageLine).toContain('HTTP 502');
    expect(pageLine).toContain('502 Bad Gateway');
    expect(pageLine).not.toContain('<');
    expect(empty.code).toBe(5);
    expect(expectOneErrorLine(empty.stderr)).toMatch(/failed \(HTTP 500\)\. .*try again later/);
  });

  it('exits 5 on a timeout (--timeout 1) and on a connection reset, in plain words', async () => {
    server.answer('p-stall', () => undefined);
    server.answer('p-reset', (request) => request.socket.destroy());
    const [stall, reset] = await Promise.all([status('p-stall', '--timeout', '1'), status('p-reset')]);
    expect(stall.code).toBe(5);
    expect(expectOneErrorLine(stall.stderr)).toMatch(/No complete answer from 127\.0\.0\.1:\d+ within 1 s/);
    expect(reset.code).toBe(5);
    expect(expectOneErrorLine(reset.stderr)).toContain('the server closed the connection (UND_ERR_SOCKET)');
  });

  it('takes its default timeout from the settings the app uses, and refuses a broken settings file', async () => {
    server.answer('p-settings-stall', () => undefined);
    const own = sandbox();
    try {
      mkdirSync(own.configDir, { recursive: true });
      writeFileSync(join(own.configDir, 'config.json'), JSON.stringify({ version: 1, polling: { timeoutSeconds: 1 } }));
      const env = { ...own.env, WORKSPACE_TRAY_TOKEN: TOKEN };
      const stalled = await runCli(['status', '--endpoint', server.url, '--project-id', 'p-settings-stall'], { env });
      expect(stalled.code).toBe(5);
      expect(expectOneErrorLine(stalled.stderr)).toMatch(/within 1 s/);

      writeFileSync(join(own.configDir, 'config.json'), '{"version": 1, "polling": {"timeoutSeconds": 0}}');
      const broken = await runCli(['status', '--demo'], { env });
      expect(broken.code).toBe(2);
      expect(expectOneErrorLine(broken.stderr)).toContain('polling.timeoutSeconds');
    } finally {
      own.dispose();
    }
  });

  it('exits 3 on a 403 with an encoded authorization message, shown with how to decode it', async () => {
    server.answer('p403-encoded', (_request, response) =>
      json(response, 403, {
        error_code: 'WKS.00010003',
        error_msg: "Policy doesn't allow workspace:desktops:getConnectStatus to be performed.",
        encoded_authorization_message: 'ENC-4f2a9c0b-authorization-detail',
      }),
    );
    const run = await status('p403-encoded');
    expect(run.code).toBe(3);
    const line = expectOneErrorLine(run.stderr);
    expect(line).toContain('HTTP 403');
    expect(line).toContain('workspace:desktops:getConnectStatus');
    expect(line).toContain('ENC-4f2a9c0b-authorization-detail');
    expect(line).toMatch(/STS decode-authorization-message/);
  });
});

describe.concurrent('help and version', () => {
  it('prints help for every command and the version', async () => {
    const runs = await Promise.all([['--help'], ['status', '--help'], ['watch', '--help'], ['accounts', '--help'], ['simulate', '--help'], ['--version']].map((args) => runCli(args, { env: box.env })));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
    }
    expect(runs[1]?.stdout).toContain('--timeout SECONDS');
    expect(runs[2]?.stdout).toContain('--max-polls N');
    expect(runs[3]?.stdout).toContain('{"ak": "...", "sk": "..."');
    expect(runs[5]?.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown command', async () => {
    const run = await runCli(['frobnicate'], { env: box.env });
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run.stderr)).toContain('Unknown command');
  });
});
