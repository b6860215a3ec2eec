// `workspace-tray history` shows when spikes happened, after the process that saw them has exited: `watch`
// records a disconnect storm from the simulator over loopback HTTP and exits; then `history` marks the spike and
// the recovery in its table, and `--spikes` lists exactly what `watch` reported, as a table, CSV and NDJSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

interface WatchLine {
  readonly type: string;
  readonly fetched_at?: string;
  readonly severity?: string;
  readonly title?: string;
  readonly groups?: readonly { readonly key: string }[];
  readonly fleet?: unknown;
}

let box: Sandbox;
let simulator: RunningSimulator;
let env: Record<string, string>;
let target: string[];
let watched: WatchLine[];

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  simulator = await startSimulator({ scenario: 'disconnect-storm' });
  env = { ...box.env, WORKSPACE_TRAY_TOKEN: simulator.token, TZ: 'Asia/Shanghai' };
  target = ['--endpoint', simulator.url, '--project-id', simulator.projectId];
  // The storm comes at poll 4 and lasts 3 polls.
  const run = await runCli(['watch', ...target, '--interval', '1', '--max-polls', '9', '--json'], { env, killAfterMs: 90_000 });
  expect(run.code, run.stderr).toBe(0);
  watched = lines(run.stdout).map((line) => JSON.parse(line) as WatchLine);
  expect(watched.filter((line) => line.type === 'spike').length).toBeGreaterThan(0);
}, 120_000);

afterAll(async () => {
  await simulator.close();
  box.dispose();
});

/** `2025-03-01T10:05:00+08:00` for an instant, as Asia/Shanghai shows it, to the second. */
const shanghai = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
const events = () => watched.filter((line) => line.type === 'spike' || line.type === 'recovery');
const snapshotTimes = () => watched.filter((line) => line.type === 'snapshot').map((line) => shanghai(line.fetched_at!));

describe('history and the spike log', () => {
  it('lists with --spikes --json exactly the spikes and recoveries watch reported, at their snapshots’ times', async () => {
    const run = await runCli(['history', ...target, '--spikes', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const rows = lines(run.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual(
      events().map((event) => ({
        time: expect.any(String),
        account: expect.any(String),
        event: event.type,
        severity: event.severity,
        fleet: event.fleet !== null,
        groups: event.groups!.map((group) => group.key),
        title: event.title,
      })),
    );
    for (const row of rows) expect(snapshotTimes()).toContain(row['time']);
  });

  it('marks the spike in the table between the counts, and explains the mark', async () => {
    const run = await runCli(['history', ...target, '--since', '1h'], { env });
    expect(run.code, run.stderr).toBe(0);
    const table = lines(run.stdout);
    const marks = table.filter((line) => / ! (spike \((warning|critical)\)|recovery): /.test(line));
    expect(marks).toHaveLength(events().length);
    const spike = table.findIndex((line) => line.includes('! spike ('));
    // Right after the fleet's row of the same second: the counts that raised it.
    expect(table[spike - 1]!.slice(0, 19)).toBe(table[spike]!.slice(0, 19));
    expect(table[spike - 1]).toMatch(/\(fleet\)/);
    expect(table.at(-1)).toMatch(/^!: a spike or recovery the app or watch raised then \(--spikes lists them alone\)\.$/);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(80);
    // CSV and JSON of the counts keep one row shape: no spike rows in them.
    const json = await runCli(['history', ...target, '--since', '1h', '--json'], { env });
    expect(lines(json.stdout).every((line) => 'resolution' in (JSON.parse(line) as object))).toBe(true);
  });

  it('lists spikes as a table and CSV, and for one group only those naming it', async () => {
    const key = events()[0]!.groups![0]!.key;
    const table = await runCli(['history', ...target, '--spikes'], { env });
    expect(table.code, table.stderr).toBe(0);
    expect(lines(table.stdout)[0]).toMatch(/^Time\s+Event$/);
    expect(table.stdout).toContain(`  ${key}`);
    const csv = await runCli(['history', ...target, '--spikes', '--csv'], { env });
    const [header, ...rows] = lines(csv.stdout);
    expect(header).toBe('time,account,event,severity,fleet,groups,title');
    expect(rows).toHaveLength(events().length);
    const group = await runCli(['history', ...target, '--spikes', '--json', '--group', key], { env });
    const named = lines(group.stdout).map((line) => JSON.parse(line) as { groups: string[] });
    expect(named).toHaveLength(events().filter((event) => event.groups!.some((candidate) => candidate.key === key)).length);
    expect(named.every((row) => row.groups.includes(key))).toBe(true);
    const none = await runCli(['history', ...target, '--spikes', '--group', 'no-such-group'], { env });
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/no spikes recorded for group "no-such-group" in that time range/);
  });

  it('refuses --fields with --spikes', async () => {
    const run = await runCli(['history', ...target, '--spikes', '--fields', 'ready'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--spikes prints no counts/);
  });
});
