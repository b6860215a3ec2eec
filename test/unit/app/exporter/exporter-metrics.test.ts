// The exporter's metrics from monitor events, rendered by prom-client and checked by the real promtool.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ExporterMetrics, wantsOpenMetrics } from '../../../../main/app/exporter/exporter-metrics.js';
import type { FleetSnapshot, GroupStatus } from '../../../../main/core/api/fields.js';
import { workspaceError } from '../../../../main/core/errors.js';
import { group, keyed, totalsOf } from '../../core/engine/spike-fixtures.js';

const PROJECT = '0123456789abcdef0123456789abcdef';

function snapshot(unkeyed: readonly GroupStatus[], fetchedAt = 1_750_000_000_000): FleetSnapshot {
  const groups = keyed(unkeyed);
  return { groups, totals: totalsOf(groups), projectId: PROJECT, endpoint: 'http://127.0.0.1:1', fetchedAt };
}

function exporter(groupMetrics: ConstructorParameters<typeof ExporterMetrics>[0]['groupMetrics'] = { kind: 'all' }, accounts = ['prod']) {
  return new ExporterMetrics({
    accounts: accounts.map((name) => ({ name, projectId: PROJECT, intervalMs: 60_000 })),
    groupMetrics,
    intervalMs: 60_000,
    version: '1.2.3',
    nodeVersion: 'v20.0.0',
    processMetrics: false,
  });
}

/** The value of the one line starting with `prefix` (metric name and labels), or undefined. */
function valueOf(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

export function promtoolCheckMetrics(text: string): { code: number; output: string } {
  try {
    const output = execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { code: failed.status ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('ExporterMetrics', () => {
  it('exports every known count per group and for the fleet, and no sample for a null count', async () => {
    const metrics = exporter();
    metrics.record({ type: 'snapshot', account: 'prod', snapshot: snapshot([group('Finance', 4, 40), group('Dev', null, 10)]) });
    const { body, contentType } = await metrics.render(undefined);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const base = 'huaweicloud_workspace_desktops{account="prod",project_id="0123456789abcdef0123456789abcdef"';
    expect(valueOf(body, `${base},group="Finance",group_key="Finance",dimension="login",state="disconnected"}`)).toBe(4);
    expect(valueOf(body, `${base},group="Finance",group_key="Finance",dimension="login",state="in_use"}`)).toBe(36);
    expect(valueOf(body, `${base},group="Dev",group_key="Dev",dimension="login",state="in_use"}`)).toBe(10);
    expect(body).not.toContain('group="Dev",group_key="Dev",dimension="login",state="disconnected"');
    // The fleet: every group summed (Dev's unknown count is left out of the sum, as the parser does).
    expect(valueOf(body, 'huaweicloud_workspace_fleet_desktops{account="prod",project_id="0123456789abcdef0123456789abcdef",dimension="login",state="disconnected"}')).toBe(4);
    expect(valueOf(body, 'huaweicloud_workspace_fleet_size_desktops{account="prod"')).toBe(50);
    expect(valueOf(body, 'huaweicloud_workspace_group_size_desktops{account="prod",project_id="0123456789abcdef0123456789abcdef",group="Finance"')).toBe(40);
    expect(valueOf(body, 'workspace_tray_account_up{account="prod"}')).toBe(1);
    expect(valueOf(body, 'workspace_tray_last_successful_poll_timestamp_seconds{account="prod"}')).toBe(1_750_000_000);
    expect(valueOf(body, 'workspace_tray_poll_interval_seconds{account="prod"}')).toBe(60);
    expect(valueOf(body, 'workspace_tray_build_info{version="1.2.3",node_version="v20.0.0"}')).toBe(1);
  });

  it('keeps groups with the same name apart by their key', async () => {
    const metrics = exporter();
    metrics.record({ type: 'snapshot', account: 'prod', snapshot: snapshot([group('Pool', 1, 10), group('Pool', 2, 10), group(null, 3, 10)]) });
    const { body } = await metrics.render(undefined);
    const disconnected = body.split('\n').filter((l) => l.startsWith('huaweicloud_workspace_desktops{') && l.includes('state="disconnected"'));
    expect(disconnected.map((l) => /group="([^"]*)",group_key="([^"]*)".* (\d+)$/.exec(l)?.slice(1))).toEqual([
      ['Pool', 'Pool', '1'],
      ['Pool', 'Pool (#2)', '2'],
      ['(unnamed group #1)', '(unnamed group #1)', '3'],
    ]);
  });

  it('always exports the fleet, and per-group series only as --group-metrics says', async () => {
    const groups = [group('a', 1, 10), group('b', 1, 200), group('c', 1, 30)];
    const none = exporter({ kind: 'none' });
    none.record({ type: 'snapshot', account: 'prod', snapshot: snapshot(groups) });
    const noneText = (await none.render(undefined)).body;
    expect(noneText).not.toMatch(/^huaweicloud_workspace_desktops\{/m);
    expect(valueOf(noneText, 'huaweicloud_workspace_fleet_desktops{account="prod",project_id="0123456789abcdef0123456789abcdef",dimension="login",state="disconnected"}')).toBe(3);
    expect(valueOf(noneText, 'huaweicloud_workspace_groups{account="prod"')).toBe(3);
    expect(valueOf(noneText, 'workspace_tray_exported_groups{account="prod"}')).toBe(0);

    const top = exporter({ kind: 'top', count: 2 });
    top.record({ type: 'snapshot', account: 'prod', snapshot: snapshot(groups) });
    const topText = (await top.render(undefined)).body;
    const exportedGroups = new Set([...topText.matchAll(/^huaweicloud_workspace_desktops\{[^}]*group="([^"]+)"/gm)].map((m) => m[1]));
    expect(exportedGroups).toEqual(new Set(['b', 'c']));
    expect(valueOf(topText, 'workspace_tray_exported_groups{account="prod"}')).toBe(2);
  });

  it('counts errors by kind and HTTP status, marks the account down, and drops stale counts', async () => {
    const metrics = exporter();
    metrics.record({ type: 'snapshot', account: 'prod', snapshot: snapshot([group('a', 1, 10)]) });
    const error = workspaceError('throttled', 'Too many requests', { httpStatus: 429 });
    metrics.record({ type: 'error', account: 'prod', error });
    metrics.record({ type: 'error', account: 'prod', error });
    metrics.record({ type: 'error', account: 'prod', error: workspaceError('network', 'Connection reset') });
    metrics.record({ type: 'error', account: 'prod', error: workspaceError('aborted', 'Stopped') });
    let text = (await metrics.render(undefined)).body;
    expect(valueOf(text, 'workspace_tray_poll_errors_total{account="prod",kind="throttled",http_status="429"}')).toBe(2);
    expect(valueOf(text, 'workspace_tray_poll_errors_total{account="prod",kind="network",http_status=""}')).toBe(1);
    expect(text).not.toContain('kind="aborted"');
    expect(valueOf(text, 'workspace_tray_account_up{account="prod"}')).toBe(0);
    // Still fresh: the last counts stay until the data goes stale.
    expect(text).toMatch(/^huaweicloud_workspace_fleet_desktops\{/m);
    metrics.record({ type: 'stale', account: 'prod' });
    text = (await metrics.render(undefined)).body;
    expect(text).not.toMatch(/^huaweicloud_workspace_(fleet_)?desktops\{/m);
    expect(valueOf(text, 'workspace_tray_last_successful_poll_timestamp_seconds{account="prod"}')).toBe(1_750_000_000);
    metrics.record({ type: 'snapshot', account: 'prod', snapshot: snapshot([group('a', 2, 10)]) });
    text = (await metrics.render(undefined)).body;
    expect(valueOf(text, 'workspace_tray_account_up{account="prod"}')).toBe(1);
    expect(text).toMatch(/^huaweicloud_workspace_fleet_desktops\{/m);
  });

  it('counts spikes by severity from zero, and poll durations by outcome', async () => {
    const metrics = exporter();
    let text = (await metrics.render(undefined)).body;
    expect(valueOf(text, 'workspace_tray_spikes_detected_total{account="prod",severity="critical"}')).toBe(0);
    metrics.record({ type: 'spike', account: 'prod', notification: { kind: 'spike', severity: 'critical', title: 't', body: 'b', at: 1, groups: [], fleet: null } });
    metrics.record({ type: 'spike', account: 'prod', notification: { kind: 'recovery', severity: 'warning', title: 't', body: 'b', at: 2, groups: [], fleet: null } });
    metrics.recordPoll('prod', 0.3, 'success');
    metrics.recordPoll('prod', 12, 'error');
    text = (await metrics.render(undefined)).body;
    expect(valueOf(text, 'workspace_tray_spikes_detected_total{account="prod",severity="critical"}')).toBe(1);
    expect(valueOf(text, 'workspace_tray_spikes_detected_total{account="prod",severity="warning"}')).toBe(0);
    expect(valueOf(text, 'workspace_tray_poll_duration_seconds_bucket{le="0.5",account="prod",outcome="success"}')).toBe(1);
    expect(valueOf(text, 'workspace_tray_poll_duration_seconds_count{account="prod",outcome="error"}')).toBe(1);
  });

  it('times polls from the durations the monitoring service reports with its snapshots and errors', async () => {
    const metrics = exporter();
    metrics.record({ type: 'snapshot', account: 'prod', snapshot: snapshot([group('a', 1, 10)]), durationMs: 80 });
    metrics.record({ type: 'error', account: 'prod', error: workspaceError('timeout', 'No answer'), durationMs: 20_000 });
    metrics.record({ type: 'error', account: 'prod', error: workspaceError('keychain', 'Locked'), durationMs: null });
    metrics.record({ type: 'state' });
    const text = (await metrics.render(undefined)).body;
    expect(valueOf(text, 'workspace_tray_poll_duration_seconds_bucket{le="0.1",account="prod",outcome="success"}')).toBe(1);
    expect(valueOf(text, 'workspace_tray_poll_duration_seconds_bucket{le="20",account="prod",outcome="error"}')).toBe(1);
    expect(valueOf(text, 'workspace_tray_poll_duration_seconds_count{account="prod",outcome="error"}')).toBe(1);
    expect(valueOf(text, 'workspace_tray_poll_errors_total{account="prod",kind="keychain",http_status=""}')).toBe(1);
  });

  it('adds an account it did not know on its first event, with the project id of its snapshot', async () => {
    const metrics = exporter({ kind: 'all' }, []);
    expect(metrics.readiness()).toEqual({ ready: false, accounts: 0, waiting: 0 });
    metrics.record({ type: 'error', account: 'late', error: workspaceError('keychain', 'No secret'), durationMs: null });
    expect(metrics.readiness()).toEqual({ ready: false, accounts: 1, waiting: 1 });
    metrics.record({ type: 'snapshot', account: 'late', snapshot: snapshot([group('a', 1, 10)]) });
    const text = (await metrics.render(undefined)).body;
    expect(valueOf(text, 'workspace_tray_account_up{account="late"}')).toBe(1);
    expect(valueOf(text, 'workspace_tray_poll_interval_seconds{account="late"}')).toBe(60);
    expect(text).toContain(`huaweicloud_workspace_fleet_size_desktops{account="late",project_id="${PROJECT}"} 10`);
    expect(metrics.readiness().ready).toBe(true);
  });

  it('is ready once every account has had a successful poll', () => {
    const metrics = exporter({ kind: 'all' }, ['a', 'b']);
    expect(metrics.readiness()).toEqual({ ready: false, accounts: 2, waiting: 2 });
    metrics.record({ type: 'snapshot', account: 'a', snapshot: snapshot([group('x', 1, 10)]) });
    expect(metrics.readiness()).toEqual({ ready: false, accounts: 2, waiting: 1 });
    metrics.record({ type: 'snapshot', account: 'b', snapshot: snapshot([group('x', 1, 10)]) });
    expect(metrics.readiness().ready).toBe(true);
  });

  it('speaks OpenMetrics when asked, without breaking the text format afterwards', async () => {
    expect(wantsOpenMetrics('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1')).toBe(true);
    expect(wantsOpenMetrics('text/plain;version=0.0.4')).toBe(false);
    expect(wantsOpenMetrics('application/openmetrics-text;q=0')).toBe(false);
    expect(wantsOpenMetrics(undefined)).toBe(false);
    const metrics = exporter();
    metrics.record({ type: 'snapshot', account: 'prod', snapshot: snapshot([group('a', 1, 10)]) });
    metrics.record({ type: 'error', account: 'prod', error: workspaceError('service', 'Bad gateway', { httpStatus: 502 }) });
    const open = await metrics.render('application/openmetrics-text; version=1.0.0');
    expect(open.contentType).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(open.body.endsWith('# EOF\n')).toBe(true);
    expect(open.body).toContain('# TYPE workspace_tray_poll_errors counter');
    expect(open.body).toContain('workspace_tray_poll_errors_total{account="prod",kind="service",http_status="502"} 1');
    const text = (await metrics.render(undefined)).body;
    expect(text).toContain('# TYPE workspace_tray_poll_errors_total counter');
    expect(text).toContain('workspace_tray_poll_errors_total{account="prod",kind="service",http_status="502"} 1');
  });

  it('passes promtool check metrics, with the process metrics and 5,000 groups exported', async () => {
    const metrics = new ExporterMetrics({ accounts: [{ name: 'big "fleet"\\', projectId: PROJECT, intervalMs: 15_000 }], groupMetrics: { kind: 'all' }, intervalMs: 15_000, version: '0.1.0', nodeVersion: process.version });
    const groups = Array.from({ length: 5_000 }, (_, index) => group(`Pool-${index} "quoted" \\ ü`, index % 7, 40));
    metrics.record({ type: 'snapshot', account: 'big "fleet"\\', snapshot: snapshot(groups) });
    metrics.recordPoll('big "fleet"\\', 1.2, 'success');
    const { body } = await metrics.render(undefined);
    expect(body.split('\n').filter((l) => l.startsWith('huaweicloud_workspace_desktops{'))).toHaveLength(5_000 * 13);
    const checked = promtoolCheckMetrics(body);
    expect(checked.output).toBe('');
    expect(checked.code).toBe(0);
  }, 180_000);
});
