// `history --group NAME` for a name several groups share: history knows groups by key (`Pool`, `Pool (#2)`, …), so
// the name alone used to find only the first of them. The built CLI records from a canned server with repeated
// names, then reads them back by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startCannedServer, type CannedServer } from './canned-server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let box: Sandbox;
let server: CannedServer;
let env: Record<string, string>;
const PROJECT = 'shared-name';
const STORM_PROJECT = 'shared-name-storm';
let target: string[];
let stormTarget: string[];

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  server = await startCannedServer();
  server.answer(PROJECT, (_request, response) =>
    json(response, 200, {
      statics: [
        { static_name: 'Pool', in_use_num: 1, disconnected_num: 11 },
        { static_name: 'Ops', in_use_num: 2, disconnected_num: 22 },
        { static_name: 'Pool', in_use_num: 3, disconnected_num: 33 },
        { static_name: 'Pool', in_use_num: 4, disconnected_num: 44 },
      ],
    }),
  );
  // The third group named Pool loses every session at the second poll: a spike recorded under `Pool (#3)`.
  let polls = 0;
  server.answer(STORM_PROJECT, (_request, response) => {
    const storm = ++polls >= 2;
    json(response, 200, {
      statics: [
        { static_name: 'Pool', in_use_num: 200, disconnected_num: 0 },
        { static_name: 'Pool', in_use_num: 200, disconnected_num: 0 },
        { static_name: 'Pool', in_use_num: storm ? 0 : 200, disconnected_num: storm ? 200 : 0 },
      ],
    });
  });
  env = { ...box.env, WORKSPACE_TRAY_TOKEN: 'shared-name-token' };
  target = ['--endpoint', server.url, '--project-id', PROJECT];
  stormTarget = ['--endpoint', server.url, '--project-id', STORM_PROJECT];
  const runs = await Promise.all(
    [target, stormTarget].map((where) => runCli(['watch', ...where, '--interval', '1', '--max-polls', '2', '--json'], { env, killAfterMs: 60_000 })),
  );
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  expect(runs[1]?.stdout).toContain('"type":"spike"');
}, 90_000);

afterAll(async () => {
  await server.close();
  box.dispose();
});

describe.concurrent('history --group with a name several groups share', () => {
  it('exports every group of that name, each under its key, and says so on stderr', async () => {
    const run = await runCli(['history', ...target, '--group', 'Pool', '--fields', 'disconnected_num', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const rows = lines(run.stdout).map((line) => JSON.parse(line) as { group: string; disconnected_num: number });
    const byGroup = new Map<string, number[]>();
    for (const row of rows) byGroup.set(row.group, [...(byGroup.get(row.group) ?? []), row.disconnected_num]);
    expect(Object.fromEntries(byGroup)).toEqual({ Pool: [11, 11], 'Pool (#2)': [33, 33], 'Pool (#3)': [44, 44] });
    expect(run.stderr).toContain('"Pool" is the name of 3 groups, shown under their keys: "Pool", "Pool (#2)", "Pool (#3)" (--group KEY for one of them)');
  });

  it('labels each group with its key in the table', async () => {
    const run = await runCli(['history', ...target, '--group', 'Pool', '--fields', 'disconnected_num'], { env });
    expect(run.code, run.stderr).toBe(0);
    const rows = lines(run.stdout).slice(1);
    expect(rows.map((row) => /\d\d:\d\d:\d\d (.+?) +(\d+)$/.exec(row)?.slice(1))).toEqual([
      ['Pool', '11'],
      ['Pool', '11'],
      ['Pool (#2)', '33'],
      ['Pool (#2)', '33'],
      ['Pool (#3)', '44'],
      ['Pool (#3)', '44'],
    ]);
  });

  it('a key still selects exactly one group; a unique name is not announced as shared', async () => {
    const byKey = await runCli(['history', ...target, '--group', 'Pool (#2)', '--fields', 'disconnected_num', '--csv'], { env });
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(lines(byKey.stdout).slice(1).map((row) => row.split(',').slice(2))).toEqual([
      ['Pool (#2)', 'sample', '33'],
      ['Pool (#2)', 'sample', '33'],
    ]);
    expect(byKey.stderr).toBe('');
    const unique = await runCli(['history', ...target, '--group', 'Ops', '--group', 'Pool (#3)', '--json'], { env });
    expect(unique.code, unique.stderr).toBe(0);
    expect(new Set(lines(unique.stdout).map((line) => (JSON.parse(line) as { group: string }).group))).toEqual(new Set(['Ops', 'Pool (#3)']));
    expect(unique.stderr).toBe('');
  });

  it('lists with --spikes the spikes of every group of that name', async () => {
    const run = await runCli(['history', ...stormTarget, '--spikes', '--group', 'Pool', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const rows = lines(run.stdout).map((line) => JSON.parse(line) as { event: string; groups: string[] });
    expect(rows.filter((row) => row.event === 'spike').map((row) => row.groups)).toEqual([['Pool (#3)']]);
    const other = await runCli(['history', ...stormTarget, '--spikes', '--group', 'Pool (#2)', '--json'], { env });
    expect(other.stdout).toBe('');
    expect(other.stderr).toContain('no spikes recorded for group "Pool (#2)"');
  });
});
