// The contrib alert rules against the app's spike detector, case by case: each of the engine's scenarios
// (test/unit/core/engine/spikes.test.ts, same fixtures) runs through SpikeDetector, and the same series, as the
// exporter would export them, go through `promtool test rules` with the expectations the detector produced:
// silence until the detector's first spike, then exactly the groups (and fleet) it named, at its severity.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GroupStatus } from '../../../main/core/api/fields.js';
import { desktopCount } from '../../../main/core/engine/desktops.js';
import { DEFAULT_SPIKE_CONFIG } from '../../../main/core/engine/spike-config.js';
import { SpikeDetector, type SpikeNotification } from '../../../main/core/engine/spikes.js';
import { group, observation } from '../core/engine/spike-fixtures.js';

const RULES = resolve(import.meta.dirname, '../../../contrib/prometheus/workspace-tray.rules.yml');
const folder = mkdtempSync(join(tmpdir(), 'workspace-tray-mirror-'));
copyFileSync(RULES, join(folder, 'workspace-tray.rules.yml'));
afterAll(() => (process.env.KEEP_MIRROR ? undefined : rmSync(folder, { recursive: true, force: true })));

const bystanders = (count: number, desktops = 100, disconnected = 3): GroupStatus[] =>
  Array.from({ length: count }, (_, index) => group(`Pool-${String(index + 1).padStart(2, '0')}`, disconnected, desktops));

interface Scenario {
  readonly name: string;
  readonly minutes: number;
  readonly groups: (minute: number) => GroupStatus[];
  /** What the detector must do, so a change in the engine cannot silently empty this test. */
  readonly engineSpikesAt: number | null;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'sudden storm', minutes: 30, groups: (m) => [...bystanders(20), group('Finance-Shanghai', m < 5 ? 12 : 50, 120)], engineSpikesAt: 5 },
  { name: 'critical storm', minutes: 3, groups: (m) => [...bystanders(20), group('Finance-Shanghai', m < 1 ? 12 : 60, 120)], engineSpikesAt: 1 },
  { name: 'storm just under critical', minutes: 3, groups: (m) => [...bystanders(20), group('Finance-Shanghai', m < 1 ? 12 : 59, 120)], engineSpikesAt: 1 },
  { name: 'flapping group', minutes: 60, groups: (m) => [...bystanders(20), group('Flaky', m % 2 === 0 ? 10 : 50, 120)], engineSpikesAt: 1 },
  {
    name: 'slow end-of-day growth',
    minutes: 90,
    groups: (m) => [8, 40, 120, 200, 500, 1000].map((size) => group(`Pool-${size}`, Math.round(size * (0.05 + (0.45 * Math.min(m, 60)) / 60)), size)),
    engineSpikesAt: null,
  },
  { name: '1 -> 2 in small groups', minutes: 60, groups: (m) => Array.from({ length: 5 }, (_, i) => group(`Tiny-${i}`, (m + i) % 3 === 0 ? 1 : 2, 2)), engineSpikesAt: null },
  { name: 'thin storm over 300 groups', minutes: 10, groups: (m) => Array.from({ length: 300 }, (_, i) => group(`Pool-${i}`, m < 3 ? 1 : 3, 10)), engineSpikesAt: 3 },
  { name: 'group and fleet together', minutes: 4, groups: (m) => [...bystanders(4, 50, 2), group('Finance-Shanghai', m < 2 ? 12 : 80, 120)], engineSpikesAt: 2 },
  { name: 'first observation', minutes: 2, groups: () => [group('Finance-Shanghai', 120, 120), group('Dev', 500, 500)], engineSpikesAt: null },
  { name: 'five groups storming together', minutes: 2, groups: (m) => [
      ...bystanders(40),
      group('Dev-Pool-03', m < 1 ? 1 : 10, 40),
      group('Finance-Shanghai', m < 1 ? 12 : 50, 120),
      group('Ops', m < 1 ? 2 : 32, 100),
      group('Sales', m < 1 ? 0 : 9, 20),
      group('Support', m < 1 ? 0 : 8, 30),
    ], engineSpikesAt: 1 },
];

/** The app's severity rule for one rise (spikes.ts `isCritical`), to know which alerts Prometheus must fire. */
function critical(rise: number, desktops: number | null, minRise: number, minShare: number): boolean {
  const clears = desktops === null || rise >= 2 * minShare * desktops - 1e-9;
  return (rise >= 2 * minRise && clears) || (desktops !== null && desktops > 0 && 2 * rise >= desktops);
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function promtoolCase(scenario: Scenario): { yaml: string; engine: SpikeNotification | null; firstSpike: number | null } {
  const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
  const perGroup = new Map<string, { name: string; values: (number | null)[]; sizes: (number | null)[] }>();
  const fleet: (number | null)[] = [];
  const fleetSizes: (number | null)[] = [];
  let first: { minute: number; note: SpikeNotification } | null = null;
  for (let minute = 0; minute < scenario.minutes; minute++) {
    const groups = scenario.groups(minute);
    const obs = observation(minute, groups);
    const note = detector.observe(obs);
    if (first === null && note?.kind === 'spike') first = { minute, note };
    obs.groups.forEach((g) => {
      const key = g.key;
      const entry = perGroup.get(key) ?? { name: g.static_name ?? key, values: Array(scenario.minutes).fill(null), sizes: Array(scenario.minutes).fill(null) };
      entry.values[minute] = g.disconnected_num;
      entry.sizes[minute] = desktopCount(g);
      perGroup.set(key, entry);
    });
    fleet.push(obs.totals.disconnected_num);
    fleetSizes.push(desktopCount(obs.totals));
  }
  const values = (list: readonly (number | null)[]) => list.map((v) => (v === null ? '_' : String(v))).join(' ');
  const series: string[] = [];
  for (const [key, entry] of perGroup) {
    const labels = `account="a",project_id="p",group=${JSON.stringify(entry.name)},group_key=${JSON.stringify(key)}`;
    series.push(`      - series: ${quote(`huaweicloud_workspace_desktops{${labels},dimension="login",state="disconnected"}`)}\n        values: ${quote(values(entry.values))}`);
    series.push(`      - series: ${quote(`huaweicloud_workspace_group_size_desktops{${labels}}`)}\n        values: ${quote(values(entry.sizes))}`);
  }
  series.push(`      - series: 'huaweicloud_workspace_fleet_desktops{account="a",project_id="p",dimension="login",state="disconnected"}'\n        values: ${quote(values(fleet))}`);
  series.push(`      - series: 'huaweicloud_workspace_fleet_size_desktops{account="a",project_id="p"}'\n        values: ${quote(values(fleetSizes))}`);

  const checks: string[] = [];
  const silentUntil = first?.minute ?? scenario.minutes;
  for (let minute = 0; minute < silentUntil; minute++) {
    for (const alertname of ['WorkspaceGroupDisconnectSpike', 'WorkspaceFleetDisconnectSpike']) checks.push(`      - eval_time: ${minute}m\n        alertname: ${alertname}\n        exp_alerts: []`);
  }
  if (first !== null) {
    const config = DEFAULT_SPIKE_CONFIG;
    const groupAlerts = first.note.groups.flatMap((changed) => {
      const rise = changed.after - changed.before;
      const key = [...perGroup.entries()].find(([, entry]) => entry.name === changed.name)?.[0] ?? changed.name;
      const severities = critical(rise, changed.desktops, config.groupMinRise, config.groupMinShare) ? ['warning', 'critical'] : ['warning'];
      return severities.map(
        (severity) =>
          `          - exp_labels: {alertname: WorkspaceGroupDisconnectSpike, severity: ${severity}, account: a, project_id: p, group: ${quote(changed.name)}, group_key: ${quote(key)}}\n` +
          `            exp_annotations: {summary: ${quote(`Disconnected sessions spiked in ${changed.name} (a): +${rise}`)}}`,
      );
    });
    checks.push(`      - eval_time: ${first.minute}m\n        alertname: WorkspaceGroupDisconnectSpike\n        exp_alerts:${groupAlerts.length === 0 ? ' []' : `\n${groupAlerts.join('\n')}`}`);
    const fleetChange = first.note.fleet;
    const fleetAlerts =
      fleetChange === null
        ? []
        : (critical(fleetChange.after - fleetChange.before, fleetChange.desktops, config.fleetMinRise, config.fleetMinShare) ? ['warning', 'critical'] : ['warning']).map(
            (severity) =>
              `          - exp_labels: {alertname: WorkspaceFleetDisconnectSpike, severity: ${severity}, account: a, project_id: p}\n` +
              `            exp_annotations: {summary: ${quote(`Disconnected sessions spiked across the fleet of a: +${fleetChange.after - fleetChange.before}`)}}`,
          );
    checks.push(`      - eval_time: ${first.minute}m\n        alertname: WorkspaceFleetDisconnectSpike\n        exp_alerts:${fleetAlerts.length === 0 ? ' []' : `\n${fleetAlerts.join('\n')}`}`);
  }
  const yaml = [
    'rule_files: [workspace-tray.rules.yml]',
    'evaluation_interval: 1m',
    'tests:',
    `  - name: ${quote(scenario.name)}`,
    '    interval: 1m',
    '    input_series:',
    ...series,
    '    alert_rule_test:',
    ...checks,
    '',
  ].join('\n');
  return { yaml, engine: first?.note ?? null, firstSpike: first?.minute ?? null };
}

describe('contrib alert rules mirror the spike detector', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    const { yaml, firstSpike } = promtoolCase(scenario);
    expect(firstSpike).toBe(scenario.engineSpikesAt);
    const file = join(folder, `${scenario.name.replace(/[^a-z0-9]+/gi, '-')}.test.yml`);
    writeFileSync(file, yaml);
    const run = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8', timeout: 60_000 });
    expect(`${run.stdout}${run.stderr}`).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});
