// `workspace-tray disconnected` as a user runs it: the built binary against the simulator's storm over loopback,
// twice (a restart), with the since memory in the sandbox's history folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let simulator: RunningSimulator;
let box: Sandbox;

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 11 });
  // Up to the storm: each run polls status once (the storm's polls 4 and 5), and the lists describe that poll.
  for (let i = 0; i < 4; i++) await fetch(`${simulator.url}/v2/${simulator.projectId}/connections/status`, { headers: { 'X-Auth-Token': simulator.token } });
});
afterAll(async () => {
  await simulator.close();
  box.dispose();
});

const env = () => ({ ...box.env, WORKSPACE_TRAY_TOKEN: simulator.token });
const disconnected = (...extra: string[]) => runCli(['disconnected', '--endpoint', simulator.url, '--project-id', simulator.projectId, ...extra], { env: env() });

interface DesktopJson {
  desktop_id: string;
  desktop_name: string;
  group: string | null;
  users: string[];
  since: string | null;
  disconnected_since: string | null;
  last_connection: { connection_failure_reason: string | null; network_rtt: number | null; client_version: string | null } | null;
}

describe('disconnected', () => {
  it('lists the storm\'s desktops with their users and groups, and a since that survives a restart', async () => {
    const statusBefore = simulator.statusRequests;
    const first = await disconnected('--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const answer = JSON.parse(first.stdout) as { state: string; complete: boolean; desktops: DesktopJson[] };
    expect(answer).toMatchObject({ state: 'disconnected', complete: true });
    const storm = simulator.storm?.groups[0] ?? '';
    const victims = answer.desktops.filter((desktop) => desktop.desktop_name.startsWith(`${storm}-`));
    expect(victims.length).toBeGreaterThan(50);
    for (const desktop of victims) {
      expect(desktop.group).toBe(storm);
      expect(desktop.users.length).toBeGreaterThan(0);
      expect(desktop.since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(desktop.disconnected_since).toBe(desktop.since);
    }
    const sinces = answer.desktops.map((desktop) => Date.parse(desktop.since ?? '9999-12-31'));
    expect(sinces).toEqual([...sinces].sort((a, b) => a - b));

    const [historyFolder] = readdirSync(join(box.configDir, 'history'));
    const file = readFileSync(join(box.configDir, 'history', historyFolder ?? '', 'disconnected-since.json'), 'utf8');
    for (const desktop of victims) expect(file).toContain(desktop.desktop_id);
    // Ids only: no user name reaches the file.
    for (const desktop of victims) for (const user of desktop.users) expect(file).not.toContain(user);

    // A new process: the storm goes on (one status request per run, to resolve the account and name the groups).
    const second = await disconnected('--json');
    const again = JSON.parse(second.stdout) as { desktops: DesktopJson[] };
    const before = new Map(answer.desktops.map((desktop) => [desktop.desktop_id, desktop.since]));
    const both = again.desktops.filter((desktop) => before.has(desktop.desktop_id));
    expect(both.length).toBeGreaterThan(50);
    for (const desktop of both) expect(desktop.since).toBe(before.get(desktop.desktop_id));
    expect(simulator.statusRequests).toBe(statusBefore + 2);
  });

  it('prints a table, longest first, and narrows to one user', async () => {
    const all = await disconnected();
    expect(all.code).toBe(0);
    const table = lines(all.stdout);
    expect(table[0]).toMatch(/^\d+ disconnected desktops, fetched /);
    // Fitted to 80 columns (no terminal, no COLUMNS): who, how long, why; the rest with --wide.
    expect(table[1]).toMatch(/^Desktop\s+User\(s\)\s+Disconnected\s+Failure reason/);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(80);
    expect(table.join(' ')).toMatch(/Not shown to fit 80 columns: .*--wide shows every column/);
    const someone = /^\S+\s+(\S+)/.exec(table[3] ?? '')?.[1] ?? '';
    const mine = await disconnected('--user', someone, '--json');
    const answer = JSON.parse(mine.stdout) as { desktops: DesktopJson[] };
    expect(answer.desktops.length).toBeGreaterThanOrEqual(1);
    expect(answer.desktops.every((desktop) => desktop.users.includes(someone))).toBe(true);
  });

  it('shows every column with --wide', async () => {
    const wide = await disconnected('--state', 'ready', '--wide');
    expect(wide.code).toBe(0);
    expect(lines(wide.stdout)[1]).toMatch(/^Desktop\s+Group\s+User\(s\)\s+Last ended\s+Failure reason\s+RTT net \/ e2e\s+Client$/);
    expect(wide.stdout).not.toContain('--wide shows');
  });

  it('lists another state, and exports CSV that says what it holds', async () => {
    const ready = await disconnected('--state', 'ready', '--csv');
    expect(ready.code).toBe(0);
    const rows = ready.stdout.split('\n');
    expect(rows[0]).toMatch(/^# Contains personal data: user names and terminal IP addresses/);
    expect(rows[1]).toMatch(/^desktop_name,desktop_id,connect_status,users,disconnected_since/);
    expect(rows.slice(2).filter((row) => row.trim() !== '').every((row) => row.includes(',REGISTERED,'))).toBe(true);
  });

  it('refuses a bad state, a bad page limit and two formats before sending anything', async () => {
    const sent = simulator.drillDownRequests + simulator.statusRequests;
    for (const args of [['--state', 'asleep'], ['--max-pages', '0'], ['--json', '--csv'], ['--user', ' ']]) {
      const run = await disconnected(...args);
      expect(run.code).toBe(2);
      expect(lines(run.stderr)).toHaveLength(1);
    }
    expect(simulator.drillDownRequests + simulator.statusRequests).toBe(sent);
  });

  it('stops at the page limit and says so on stderr', async () => {
    const run = await runCli(['disconnected', '--demo', '--scenario', 'large-fleet', '--max-pages', '1', '--json'], { env: box.env });
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { complete: boolean; desktops: unknown[]; notes: string[] };
    expect(answer.complete).toBe(false);
    expect(answer.desktops).toHaveLength(2000);
    expect(run.stderr).toMatch(/^workspace-tray: Desktops: stopped after 1 page \(2000 of \d+ listed\); raise the page limit/m);
  });

  it('shows the storm on the demo', async () => {
    const run = await runCli(['disconnected', '--demo', '--scenario', 'disconnect-storm', '--json'], { env: box.env });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { desktops: unknown[] }).desktops.length).toBeGreaterThan(50);
  });
});
