// `status --filter/--sort/--top` as a user runs it: the built binary against a canned server with known groups,
// and the usage errors for bad values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCannedServer, json, type CannedServer } from './canned-server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

const TOKEN = 'canned-token-Sel42-never-printed';

let server: CannedServer;
let box: Sandbox;

const GROUPS = [
  { static_name: 'Finance-Shanghai', running_num: 10, disconnected_num: 3 },
  { static_name: 'Ops', running_num: 40, disconnected_num: 1 },
  { static_name: 'finance-Dubai', running_num: 5, disconnected_num: 9 },
  { static_name: 'Lab', running_num: 20 },
  { static_name: 'Research', running_num: 30, disconnected_num: 0 },
];

beforeAll(async () => {
  assertBuilt();
  server = await startCannedServer();
  box = sandbox();
  server.answer('p-select', (_request, response) => json(response, 200, { statics: GROUPS }));
});
afterAll(async () => {
  await server.close();
  box.dispose();
});

const status = (...extra: string[]) =>
  runCli(['status', '--endpoint', server.url, '--project-id', 'p-select', ...extra], { env: { ...box.env, WORKSPACE_TRAY_TOKEN: TOKEN } });

interface Snapshot {
  readonly groups: { key: string; running_num: number | null; disconnected_num: number | null }[];
  readonly totals: Record<string, number | null>;
}

describe.concurrent('status --filter, --sort, --top', () => {
  it('sorts counts descending with an unknown count last, keeps every group in the totals', async () => {
    const run = await status('--json', '--sort', 'disconnected_num');
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout) as Snapshot;
    expect(snapshot.groups.map((group) => group.key)).toEqual(['finance-Dubai', 'Finance-Shanghai', 'Ops', 'Research', 'Lab']);
    expect(snapshot.totals.running_num).toBe(105);
    expect(snapshot.totals.disconnected_num).toBe(13);
  });

  it('sorts by name ascending, case-insensitively', async () => {
    const snapshot = JSON.parse((await status('--json', '--sort', 'name')).stdout) as Snapshot;
    expect(snapshot.groups.map((group) => group.key)).toEqual(['Finance-Shanghai', 'finance-Dubai', 'Lab', 'Ops', 'Research'].sort((a, b) => a.localeCompare(b, 'en')));
    expect(snapshot.groups[0]?.key.toLowerCase()).toBe('finance-dubai');
  });

  it('--top keeps the first N after sorting; JSON keeps its shape and the totals of all groups', async () => {
    const run = await status('--json', '--sort', 'running_num', '--top', '2');
    const snapshot = JSON.parse(run.stdout) as Snapshot;
    expect(Object.keys(snapshot).sort()).toEqual(['endpoint', 'fetched_at', 'groups', 'project_id', 'totals']);
    expect(snapshot.groups.map((group) => group.key)).toEqual(['Ops', 'Research']);
    expect(snapshot.totals.running_num).toBe(105);
  });

  it('--filter matches the name case-insensitively; the table says how many groups are hidden and TOTAL counts all', async () => {
    const run = await status('--filter', 'FINANCE', '--sort', 'running_num');
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toContain('5 groups');
    const rows = out.filter((line) => /^\S.*│/.test(line) && !/^(Group|TOTAL)\b/.test(line));
    expect(rows.map((line) => line.split(/\s+│/)[0]?.trim())).toEqual(['Finance-Shanghai', 'finance-Dubai']);
    expect(out.find((line) => line.startsWith('TOTAL'))).toMatch(/^TOTAL\s+│\s+105\s/);
    expect(out).toContain('3 groups not shown (--filter/--top); TOTAL counts all groups.');
  });

  it('combines --filter and --top, and says nothing about hidden groups when all are shown', async () => {
    const [both, all] = await Promise.all([status('--json', '--filter', 'finance', '--sort', 'disconnected_num', '--top', '1'), status()]);
    expect((JSON.parse(both.stdout) as Snapshot).groups.map((group) => group.key)).toEqual(['finance-Dubai']);
    expect(all.stdout).not.toContain('not shown');
  });

  it('a filter that matches nothing says so and exits 0', async () => {
    const run = await status('--filter', 'nowhere');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toContain('(no group matches --filter)');
    expect(run.stdout).not.toContain('(no desktop groups in this project)');
    expect(run.stdout).toContain('5 groups not shown');
  });

  it('rejects bad values with exit 2, naming the option and what it accepts', async () => {
    const [sort, top, zero, filter] = await Promise.all([
      runCli(['status', '--demo', '--sort', 'disconnected'], { env: box.env }),
      runCli(['status', '--demo', '--top', 'ten'], { env: box.env }),
      runCli(['status', '--demo', '--top', '0'], { env: box.env }),
      runCli(['status', '--demo', '--filter', ''], { env: box.env }),
    ]);
    for (const run of [sort, top, zero, filter]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toHaveLength(1);
    }
    expect(sort.stderr).toContain('--sort must be one of: running_num,');
    expect(sort.stderr).toContain('unknown_num, name');
    expect(top.stderr).toContain('--top must be a whole number from 1');
    expect(zero.stderr).toContain('--top must be a whole number from 1');
    expect(filter.stderr).toContain('--filter must not be empty');
  });

  it('documents the options in --help', async () => {
    const run = await runCli(['status', '--help'], { env: box.env });
    for (const option of ['--filter TEXT', '--sort FIELD', '--top N']) expect(run.stdout).toContain(option);
  });
});
