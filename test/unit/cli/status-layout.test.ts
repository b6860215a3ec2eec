// `status` as read on an 80-column terminal: a compact table that fits, the legend on demand, every count with
// --wide, local time in the headline, colour only on a terminal; the JSON the same whatever the table looks like.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type FleetSnapshot, type GroupStatus } from '../../../main/core/api/fields.js';
import { DEFAULT_SPIKE_CONFIG } from '../../../main/core/engine/spike-config.js';
import { COMPACT_FIELDS, SHORT_HEADERS, attentionTint, snapshotLegend, snapshotTable } from '../../../main/cli/format.js';
import { displayWidth } from '../../../main/cli/terminal-text.js';
import { REPO_ROOT, assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

const ESCAPE = /\u001b\[[0-9;]*m/g;
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
/** The built CLI, several runs per test, on two shared cores. */
const CLI_TIMEOUT = 120_000;

let box: Sandbox;
beforeAll(() => {
  assertBuilt();
  box = sandbox();
  return () => box.dispose();
});

const status = (args: readonly string[], env: Record<string, string> = {}) => runCli(['status', '--demo', ...args], { env: { ...box.env, ...env }, killAfterMs: 100_000 });

describe.concurrent('status on an 80-column terminal', () => {
  it('fits 80 columns, even for a large fleet with long names and six-digit totals', async () => {
    for (const args of [[], ['--scenario', 'large-fleet', '--sort', 'disconnected_num', '--top', '30'], ['--legend'], ['--scenario', 'large-fleet', '--top', '5', '--sort', 'hibernate_num', '--legend']]) {
      const run = await status(args);
      expect(run.code, run.stderr).toBe(0);
      for (const line of lines(run.stdout)) expect(displayWidth(line), `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
    }
  }, CLI_TIMEOUT);

  it('shows the compact counts, plus the one sorted by; --wide shows all 13', async () => {
    const [compact, sorted, wide] = await Promise.all([status([]), status(['--sort', 'hibernate_num']), status(['--wide'])]);
    const heads = (stdout: string) => lines(stdout).find((line) => line.startsWith('Group'))?.split(/[\s│]+/).slice(1);
    expect(heads(compact.stdout)).toEqual(COMPACT_FIELDS.map((field) => SHORT_HEADERS[field]));
    expect(heads(sorted.stdout)).toEqual(['Run', 'Stop', 'Hib', 'Free', 'Fail', 'InUse', 'Ready', 'Disc', 'Unreg']);
    expect(heads(wide.stdout)).toEqual(COUNT_FIELDS.map((field) => SHORT_HEADERS[field]));
  }, CLI_TIMEOUT);

  it('ends with a one-line hint, or with --legend the legend of the heads shown', async () => {
    const [plain, legend, wide] = await Promise.all([status([]), status(['--legend']), status(['--wide'])]);
    expect(lines(plain.stdout).at(-1)).toBe('– = not reported; --legend explains the heads; --wide shows all 13 counts.');
    expect(lines(wide.stdout).at(-1)).toBe('– = not reported; --legend explains the heads.');
    const text = lines(legend.stdout).slice(-3).join(' ');
    expect(text).toContain('Power: Run running, Stop stopped. Assignment: Free unattached, Fail cannot attach.');
    expect(text).toContain('Disc disconnected');
    expect(text).not.toContain('Hib');
  }, CLI_TIMEOUT);

  it('prints the JSON unchanged by --wide and --legend', async () => {
    const [plain, wide] = await Promise.all([status(['--seed', '5', '--json']), status(['--seed', '5', '--json', '--wide', '--legend'])]);
    const strip = (stdout: string) => ({ ...(JSON.parse(stdout) as Record<string, unknown>), fetched_at: null, endpoint: null });
    expect(strip(wide.stdout)).toEqual(strip(plain.stdout));
    expect(Object.keys(JSON.parse(plain.stdout) as object)).toEqual(['project_id', 'endpoint', 'fetched_at', 'groups', 'totals']);
  }, CLI_TIMEOUT);

  it('says when it fetched in local time, not UTC', async () => {
    // Kathmandu: +05:45 all year, so UTC and a whole-hour mistake both show.
    const run = await status([], { TZ: 'Asia/Kathmandu' });
    const shown = /fetched (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}):\d{2}$/.exec(lines(run.stdout)[0] ?? '');
    expect(shown).not.toBeNull();
    const at = Date.parse(`${shown![1]}T${shown![2]}:00+05:45`);
    expect(Math.abs(at - Date.now())).toBeLessThan(10 * 60_000);
  }, CLI_TIMEOUT);

  it('has no colour when piped, with NO_COLOR or with --no-color', async () => {
    const runs = await Promise.all([status(['--scenario', 'disconnect-storm']), status(['--no-color'], { NO_COLOR: '1' }), status(['--no-color'])]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain('\u001b[');
    }
  }, CLI_TIMEOUT);

  const pty = existsSync('/usr/bin/script') ? it : it.skip;
  pty('colours on a terminal (through script(1)), and not with --no-color there', () => {
    const command = (extra: string) => `node bin/workspace-tray.js status --demo --scenario large-fleet --sort cannot_attach_num --top 3 ${extra}`;
    const run = (extra: string) => spawnSync('script', ['-qec', command(extra), '/dev/null'], { cwd: REPO_ROOT, env: { ...box.env, TERM: 'xterm' }, encoding: 'utf8', timeout: 100_000 });
    const coloured = run('');
    expect(coloured.status, coloured.stderr).toBe(0);
    expect(coloured.stdout).toContain(YELLOW);
    const plain = run('--no-color');
    expect(plain.stdout).not.toContain('\u001b[3');
    expect(coloured.stdout.replace(ESCAPE, '').split('\n').slice(2)).toEqual(plain.stdout.split('\n').slice(2));
  }, CLI_TIMEOUT);
});

const counts = (overrides: Partial<Counts>): Counts => ({ ...(Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Counts), ...overrides });
const group = (key: string, overrides: Partial<Counts>): GroupStatus => ({ key, static_name: key, ...counts(overrides) });

describe('status colours (attentionTint)', () => {
  // 100 desktops each; the default thresholds: a warning takes 5 and 20 %, critical twice that or half.
  const groups = [
    group('Calm', { in_use_num: 96, disconnected_num: 4 }),
    group('Warning', { in_use_num: 75, disconnected_num: 25 }),
    group('Critical', { in_use_num: 50, disconnected_num: 50 }),
    group('Unattachable', { in_use_num: 100, cannot_attach_num: 2 }),
  ];
  const snapshot: FleetSnapshot = { projectId: 'p', endpoint: 'https://e', fetchedAt: 0, groups, totals: counts({ in_use_num: 321, disconnected_num: 90, cannot_attach_num: 2 }) };
  const table = snapshotTable(snapshot, { fields: COMPACT_FIELDS, width: 80, tint: attentionTint(DEFAULT_SPIKE_CONFIG), colour: true });
  const row = (name: string) => table.find((line) => line.startsWith(name)) ?? '';

  it('paints disconnected by the alert levels, cannot-attach when any, and nothing else', () => {
    expect(row('Calm')).not.toContain('\u001b[');
    expect(row('Warning')).toContain(`${YELLOW}25\u001b[0m`);
    expect(row('Critical')).toContain(`${RED}50\u001b[0m`);
    expect(row('Unattachable')).toContain(`${YELLOW}2\u001b[0m`);
    // The fleet: 90 of 411 clears the fleet's warning (25 and 10 %) and its critical level (50 and 20 %).
    expect(row('TOTAL')).toContain(`${RED}90\u001b[0m`);
  });

  it('takes no columns: without the codes it is the plain table', () => {
    const plain = snapshotTable(snapshot, { fields: COMPACT_FIELDS, width: 80, tint: attentionTint(DEFAULT_SPIKE_CONFIG), colour: false });
    expect(table.map((line) => line.replace(ESCAPE, ''))).toEqual(plain);
  });

  it('is explained by the legend only when it is on', () => {
    expect(snapshotLegend(COMPACT_FIELDS, true)).toContain('Disc yellow');
    expect(snapshotLegend(COMPACT_FIELDS, false)).not.toContain('yellow');
  });
});
