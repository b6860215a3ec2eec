// contrib/grafana's dashboard: valid JSON of the shape Grafana imports, panels laid out on its 24-column grid,
// and every query valid PromQL (parsed by the real promtool) over metrics the exporter really exports or the
// contrib recording rules record.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExporterMetrics } from '../../../main/app/exporter/exporter-metrics.js';
import { workspaceError } from '../../../main/core/errors.js';
import { group, totalsOf } from '../core/engine/spike-fixtures.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const DASHBOARD = join(ROOT, 'contrib/grafana/workspace-tray-dashboard.json');
const RULES = join(ROOT, 'contrib/prometheus/workspace-tray.rules.yml');

interface Target {
  readonly refId: string;
  readonly expr: string;
}
interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly targets?: readonly Target[];
}
interface Dashboard {
  readonly title: string;
  readonly uid: string;
  readonly schemaVersion: number;
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { readonly name: string }[] };
  readonly annotations: { readonly list: readonly { readonly expr?: string }[] };
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));

/** The names a scrape of the exporter carries (histograms with their series suffixes). */
async function exportedNames(): Promise<Set<string>> {
  const metrics = new ExporterMetrics({ accounts: [{ name: 'a', projectId: 'p', intervalMs: 60_000 }], groupMetrics: { kind: 'all' }, intervalMs: 60_000, version: '0', nodeVersion: 'v20', processMetrics: false });
  const groups = [group('g', 1, 10)];
  metrics.record({ type: 'snapshot', account: 'a', snapshot: { groups, totals: totalsOf(groups), projectId: 'p', endpoint: 'e', fetchedAt: 0 } });
  metrics.recordPoll('a', 1, 'success');
  metrics.record({ type: 'error', account: 'a', error: workspaceError('network', 'x') });
  const { body } = await metrics.render(undefined);
  return new Set(body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split(/[{ ]/)[0] ?? ''));
}

const recordedNames = new Set([...readFileSync(RULES, 'utf8').matchAll(/^\s*- record: (\S+)$/gm)].map((m) => m[1] ?? ''));

/** Grafana's variables, replaced by values Prometheus accepts, so promtool can parse the query. */
const substituteVariables = (expr: string): string =>
  expr.replaceAll('$account', '.*').replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h').replaceAll('$top', '10');

describe('contrib/grafana dashboard', () => {
  it('is a dashboard Grafana can import: title, uid, schema version, unique panel ids on the 24-column grid', () => {
    expect(dashboard.title).toBe('Huawei Cloud Workspace (Workspace Tray)');
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { gridPos, title } of dashboard.panels) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      expect(gridPos.w * gridPos.h, title).toBeGreaterThan(0);
    }
    expect(dashboard.templating.list.map((variable) => variable.name)).toEqual(['datasource', 'account', 'top']);
  });

  it('shows the fleet by login, power and assignment over time, the top groups by disconnected, and per-account health', () => {
    const titles = dashboard.panels.map((panel) => panel.title);
    for (const title of ['Login states over time (fleet)', 'Power states over time (fleet)', 'Assignment states over time (fleet)', 'Top groups by disconnected sessions', 'Per-account health']) {
      expect(titles).toContain(title);
    }
    const byTitle = (title: string) => dashboard.panels.find((panel) => panel.title === title)?.targets?.map((t) => t.expr).join('\n') ?? '';
    expect(byTitle('Login states over time (fleet)')).toContain('dimension="login"');
    expect(byTitle('Power states over time (fleet)')).toContain('dimension="power"');
    expect(byTitle('Assignment states over time (fleet)')).toContain('dimension="assignment"');
    expect(byTitle('Top groups by disconnected sessions')).toMatch(/topk\(\$top, huaweicloud_workspace_desktops\{[^}]*state="disconnected"/);
    expect(byTitle('Per-account health')).toContain('workspace_tray_account_up');
  });

  it('queries only metrics the exporter exports or the contrib rules record', async () => {
    const known = new Set([...(await exportedNames()), ...recordedNames]);
    expect(known.has('huaweicloud_workspace_fleet_desktops')).toBe(true);
    expect(queries.length).toBeGreaterThan(10);
    for (const { panel, expr } of queries) {
      const names = [...expr.matchAll(/\b((?:huaweicloud_workspace|workspace_tray|workspace:|group:|account:)[A-Za-z0-9_:]*)/g)].map((m) => m[1] ?? '');
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      for (const name of names) expect(known.has(name), `${panel} queries ${name}, which nothing exports`).toBe(true);
    }
  });

  it('has queries that are valid PromQL (parsed by promtool)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'workspace-tray-dashboard-'));
    try {
      const all = [...queries.map((q) => q.expr), ...dashboard.annotations.list.flatMap((a) => (a.expr === undefined ? [] : [a.expr]))];
      const rules = ['groups:', '  - name: dashboard_queries', '    rules:', ...all.flatMap((expr, index) => [`      - record: dashboard:query_${index}`, `        expr: ${JSON.stringify(substituteVariables(expr))}`])];
      writeFileSync(join(folder, 'queries.yml'), `${rules.join('\n')}\n`);
      const checked = spawnSync('promtool', ['check', 'rules', join(folder, 'queries.yml')], { encoding: 'utf8', timeout: 60_000 });
      expect(`${checked.stdout}${checked.stderr}`).toContain(`SUCCESS: ${all.length} rules found`);
      expect(checked.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
