// `workspace-tray history` as a user runs it: `watch` records from the simulator over loopback HTTP, then
// `history` exports exactly that, as CSV and NDJSON, also while `watch` is still recording.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../main/core/api/fields.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { assertBuilt, finished, lines, runCli, sandbox, startCli, type Sandbox } from './cli-harness.js';

interface SnapshotLine {
  readonly type: string;
  readonly fetched_at: string;
  readonly totals: Counts;
  readonly groups: readonly ({ static_name: string | null } & Counts)[];
}

let box: Sandbox;
let simulator: RunningSimulator;
let env: Record<string, string>;
let target: string[];
let snapshots: SnapshotLine[];

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  simulator = await startSimulator({ scenario: 'steady' });
  // A zone with an offset and no daylight saving, so the expected text is fixed.
  env = { ...box.env, WORKSPACE_TRAY_TOKEN: simulator.token, TZ: 'Asia/Shanghai' };
  target = ['--endpoint', simulator.url, '--project-id', simulator.projectId];
  const run = await runCli(['watch', ...target, '--interval', '1', '--max-polls', '3', '--json'], { env, killAfterMs: 60_000 });
  expect(run.code, run.stderr).toBe(0);
  snapshots = lines(run.stdout)
    .map((line) => JSON.parse(line) as SnapshotLine)
    .filter((line) => line.type === 'snapshot');
  expect(snapshots).toHaveLength(3);
}, 90_000);

afterAll(async () => {
  await simulator.close();
  box.dispose();
});

/** `2025-03-01T10:05:00+08:00` for an instant, as Asia/Shanghai shows it. */
const shanghai = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
/** History keeps milliseconds of the poll time; the watch line shows them too, so compare to the second. */
const toSecond = (iso: string): string => iso.replace(/\.\d{3}/, '');

describe('history', () => {
  it('exports what watch recorded as CSV with a header row, times in ISO 8601 with the local offset', async () => {
    const run = await runCli(['history', ...target, '--since', '1h', '--csv'], { env });
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = lines(run.stdout);
    expect(header).toBe(['time', 'account', 'group', 'resolution', ...COUNT_FIELDS].join(','));
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      const cells = row.split(',');
      const snapshot = snapshots[i]!;
      expect(cells[0]).toBe(toSecond(shanghai(snapshot.fetched_at)));
      expect(cells[2]).toBe('(fleet)');
      expect(cells[3]).toBe('sample');
      expect(cells.slice(4)).toEqual(COUNT_FIELDS.map((field) => String(snapshot.totals[field] ?? '')));
    });
  });

  it('exports a group by name as NDJSON, with only the fields asked for', async () => {
    const name = snapshots[0]!.groups.find((group) => group.static_name !== null)!.static_name!;
    const run = await runCli(['history', ...target, '--group', name, '--fields', 'disconnected_num,ready', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const rows = lines(run.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual(
      snapshots.map((snapshot) => {
        const group = snapshot.groups.find((candidate) => candidate.static_name === name)!;
        return {
          time: toSecond(shanghai(snapshot.fetched_at)),
          account: expect.any(String),
          group: name,
          resolution: 'sample',
          bucket_seconds: 0,
          disconnected_num: group.disconnected_num,
          ready_num: group.ready_num,
        };
      }),
    );
  });

  it('prints a table in local time, and says when a group has no history', async () => {
    const run = await runCli(['history', ...target, '--group', 'no-such-group'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/no history of group "no-such-group" in that time range/);
    const table = await runCli(['history', ...target], { env });
    expect(table.code, table.stderr).toBe(0);
    const [header, ...rows] = lines(table.stdout);
    expect(header).toMatch(/^Time\s+Group\s+Disc\s+InUse\s+Ready\s+Unreg$/);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(new RegExp(`^${toSecond(shanghai(snapshots[0]!.fetched_at)).slice(0, 19).replace('T', ' ')} +\\(fleet\\)`));
    for (const line of [header!, ...rows]) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('reads while watch is recording (no writer lock taken)', async () => {
    const child = startCli(['watch', ...target, '--interval', '1', '--max-polls', '4', '--json'], { env });
    const done = finished(child, 60_000);
    const deadline = Date.now() + 30_000;
    while (!child.output.stdout.includes('"snapshot"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const run = await runCli(['history', ...target, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout).length).toBeGreaterThanOrEqual(4);
    const watch = await done;
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stdout).not.toContain('history-error');
  }, 90_000);

  it('refuses bad options before reading anything', async () => {
    for (const [args, message] of [
      [['--since', '2w'], /--since must be a span/],
      [['--from', 'yesterday'], /--from must be an ISO 8601/],
      [['--since', '1h', '--from', '2025-01-01'], /--since cannot be used with --from/],
      [['--csv', '--json'], /--csv|--json/],
      [['--fields', 'nope'], /Unknown field 'nope'/],
      [['--demo'], /--demo keeps no history/],
    ] as const) {
      const run = await runCli(['history', ...target, ...args], { env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('accounts remove asks about the history (or takes --keep-history / --delete-history) instead of leaving it behind', async () => {
    const own = sandbox();
    try {
      const ids = ['123e4567-e89b-42d3-a456-426614174011', '123e4567-e89b-42d3-a456-426614174012'];
      const account = (id: string, name: string) => ({ id, name, region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', auth: 'token' });
      mkdirSync(own.configDir, { recursive: true });
      writeFileSync(join(own.configDir, 'config.json'), JSON.stringify({ version: 1, accounts: [account(ids[0]!, 'keep'), account(ids[1]!, 'drop')] }));
      for (const id of ids) {
        mkdirSync(join(own.configDir, 'history', id), { recursive: true });
        writeFileSync(join(own.configDir, 'history', id, 'raw-000001740823200000.wth'), '');
      }
      const refused = await runCli(['accounts', 'remove', 'keep'], { env: own.env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/has history at .*: pass --keep-history or --delete-history/);
      expect(readFileSync(join(own.configDir, 'config.json'), 'utf8')).toContain('"keep"');

      const kept = await runCli(['accounts', 'remove', 'keep', '--keep-history'], { env: own.env });
      expect(kept.code, kept.stderr).toBe(0);
      expect(kept.stdout).toMatch(/its history is kept at/);
      expect(existsSync(join(own.configDir, 'history', ids[0]!))).toBe(true);

      const dropped = await runCli(['accounts', 'remove', 'drop', '--delete-history'], { env: own.env });
      expect(dropped.code, dropped.stderr).toBe(0);
      expect(existsSync(join(own.configDir, 'history', ids[1]!))).toBe(false);
      expect(readFileSync(join(own.configDir, 'config.json'), 'utf8')).not.toMatch(/"keep"|"drop"/);
    } finally {
      own.dispose();
    }
  });
});
