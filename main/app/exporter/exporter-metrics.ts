// The Prometheus exporter's metrics: the latest snapshot of every account as gauges, and the exporter's own
// health (polls, errors, spikes, up). prom-client formats both the Prometheus text format and OpenMetrics.
//
// Two parts, each with a registry per format:
// - the fleet: the count gauges, up to 14 series per group (65,000 for 5,000 groups, which takes prom-client
//   seconds to format on a busy machine). They change only when a poll lands, so each format's text is rendered
//   once per change and served from that cache to every scrape in between; one set of gauges serves both formats.
// - the health: the exporter's own metrics and the process metrics, small, rendered on every scrape. Each format
//   has its own metric objects here: prom-client renames counters in place when it renders OpenMetrics (it strips
//   `_total` from the metric's name), so counters shared by both formats would lose `_total` in the text format
//   after the first OpenMetrics scrape. Counters and the histogram are updated in both sets as events arrive.
//
// Labels carry account names, project ids, group names and error kinds: never a secret, a token, a key id or
// anything derived from one.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import type { FleetSnapshot } from '../../core/api/fields.js';
import { desktopCount } from '../../core/engine/desktops.js';
import type { SpikeNotification } from '../../core/engine/spikes.js';
import type { WorkspaceError } from '../../core/errors.js';
import { countSamples, selectGroups, type ExportedGroup, type GroupMetricsPolicy } from '../../core/metrics/desktop-series.js';

export const OPENMETRICS_CONTENT_TYPE = Registry.OPENMETRICS_CONTENT_TYPE;
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Every metric name this exporter writes (besides prom-client's process_* and nodejs_* defaults). */
export const METRIC_NAMES = {
  desktops: 'huaweicloud_workspace_desktops',
  fleetDesktops: 'huaweicloud_workspace_fleet_desktops',
  groupSize: 'huaweicloud_workspace_group_size_desktops',
  fleetSize: 'huaweicloud_workspace_fleet_size_desktops',
  groups: 'huaweicloud_workspace_groups',
  exportedGroups: 'workspace_tray_exported_groups',
  up: 'workspace_tray_account_up',
  lastSuccess: 'workspace_tray_last_successful_poll_timestamp_seconds',
  interval: 'workspace_tray_poll_interval_seconds',
  pollDuration: 'workspace_tray_poll_duration_seconds',
  pollErrors: 'workspace_tray_poll_errors_total',
  spikes: 'workspace_tray_spikes_detected_total',
  buildInfo: 'workspace_tray_build_info',
} as const;

/** Workspace answers take from tens of milliseconds (a few groups) to seconds (5,000 groups, a slow gateway). */
const POLL_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/**
 * The monitoring events the metrics follow. Both the per-account Monitor's events and MonitoringService's
 * (which also say how long each poll took) fit; events of other types are ignored.
 */
export type ExporterEvent =
  | { readonly type: 'snapshot'; readonly account: string; readonly snapshot: FleetSnapshot; readonly durationMs?: number }
  | { readonly type: 'spike'; readonly account: string; readonly notification: SpikeNotification }
  | { readonly type: 'error'; readonly account: string; readonly error: WorkspaceError; readonly durationMs?: number | null }
  | { readonly type: 'stale'; readonly account: string }
  | { readonly type: 'recovery' | 'history-error' | 'change'; readonly account: string }
  | { readonly type: 'state' };

export interface ExportedAccount {
  /** The account's display name (`demo`, a saved account's name, or an ad-hoc endpoint). */
  readonly name: string;
  readonly projectId: string;
  readonly intervalMs: number;
}

interface AccountState extends Omit<ExportedAccount, 'projectId'> {
  projectId: string;
  snapshot: FleetSnapshot | null;
  exported: readonly ExportedGroup[];
  /** No success for two intervals: the counts are no longer exported (the timestamp still says how old). */
  stale: boolean;
  up: boolean;
  lastSuccessAt: number | null;
}

export interface ExporterMetricsOptions {
  /** The accounts known at start; others are added as their first event arrives (see `addAccount`). */
  readonly accounts: readonly ExportedAccount[];
  /** The poll interval of accounts added later. */
  readonly intervalMs: number;
  readonly groupMetrics: GroupMetricsPolicy;
  readonly version: string;
  /** The runtime's version for build info (`process.version`), passed in: the app layer reads no process state. */
  readonly nodeVersion: string;
  /** prom-client's process_* and nodejs_* metrics (CPU, memory, event loop). Default true. */
  readonly processMetrics?: boolean;
}

type MetricSet = ReturnType<typeof createHealthSet>;
type AnyRegistry = Registry<RegistryContentType>;

export interface Readiness {
  readonly ready: boolean;
  readonly accounts: number;
  /** Accounts without a successful poll yet. */
  readonly waiting: number;
}

export class ExporterMetrics {
  private readonly accounts = new Map<string, AccountState>();
  private readonly groupMetrics: GroupMetricsPolicy;
  private readonly intervalMs: number;
  /** Bumped whenever a snapshot or staleness changes what the count gauges hold, so scrapes refill only then. */
  private version = 0;
  private readonly text: Format;
  private readonly openMetrics: Format;

  constructor(options: ExporterMetricsOptions) {
    this.groupMetrics = options.groupMetrics;
    this.intervalMs = options.intervalMs;
    const textRegistry: AnyRegistry = new Registry<RegistryContentType>();
    const openRegistry: AnyRegistry = openMetricsRegistry();
    const fleetText: AnyRegistry = new Registry<RegistryContentType>();
    const fleetOpen: AnyRegistry = openMetricsRegistry();
    createFleetGauges([fleetText, fleetOpen], this);
    this.text = { registry: textRegistry, metrics: createHealthSet(textRegistry, this), fleet: fleetText, cache: null, requested: false };
    this.openMetrics = { registry: openRegistry, metrics: createHealthSet(openRegistry, this), fleet: fleetOpen, cache: null, requested: false };
    for (const { metrics } of this.sets()) {
      metrics.buildInfo.set({ version: options.version, node_version: options.nodeVersion }, 1);
    }
    for (const account of options.accounts) this.addAccount(account);
    if (options.processMetrics !== false) {
      for (const registry of [textRegistry, openRegistry]) {
        collectDefaultMetrics({ register: registry });
        // prom-client names three gauges `nodejs_active_*_total`, which `promtool check metrics` rejects (only
        // counters end in `_total`); they add nothing the process_* metrics do not say.
        for (const metric of registry.getMetricsAsArray()) {
          if (metric.name.endsWith('_total') && !(metric instanceof Counter)) registry.removeSingleMetric(metric.name);
        }
      }
    }
  }

  /** Starts exporting an account (down until its first successful poll). Known accounts are left as they are. */
  addAccount(account: ExportedAccount): void {
    if (this.accounts.has(account.name)) return;
    this.accounts.set(account.name, { ...account, snapshot: null, exported: [], stale: false, up: false, lastSuccessAt: null });
    // Zero from the start, so `increase()` sees the first spike rather than a series appearing at 1.
    for (const { metrics } of this.sets()) {
      for (const severity of ['warning', 'critical']) metrics.spikes.inc({ account: account.name, severity }, 0);
    }
  }

  /** Feeds one monitoring event (snapshot, spike, error, stale; the rest are ignored) into the metrics. */
  record(event: ExporterEvent): void {
    if (!('account' in event)) return;
    if (!this.accounts.has(event.account)) {
      const projectId = event.type === 'snapshot' ? event.snapshot.projectId : '';
      this.addAccount({ name: event.account, projectId, intervalMs: this.intervalMs });
    }
    const state = this.accounts.get(event.account);
    if (state === undefined) return;
    switch (event.type) {
      case 'snapshot': {
        const { snapshot } = event;
        state.snapshot = snapshot;
        state.projectId = snapshot.projectId;
        state.exported = selectGroups(snapshot.groups, this.groupMetrics);
        state.stale = false;
        state.up = true;
        state.lastSuccessAt = snapshot.fetchedAt;
        this.version++;
        this.prerender();
        if (event.durationMs !== undefined) this.recordPoll(event.account, event.durationMs / 1000, 'success');
        return;
      }
      case 'spike':
        this.countSpike(event.account, event.notification);
        return;
      case 'error':
        this.countError(event.account, event.error);
        if (event.durationMs !== undefined && event.durationMs !== null && event.error.kind !== 'aborted') this.recordPoll(event.account, event.durationMs / 1000, 'error');
        return;
      case 'stale':
        state.stale = true;
        state.up = false;
        this.version++;
        return;
      default:
        return;
    }
  }

  /** One request to the Workspace API, successful or not, and how long it took. */
  recordPoll(account: string, seconds: number, outcome: 'success' | 'error'): void {
    for (const { metrics } of this.sets()) metrics.pollDuration.observe({ account, outcome }, seconds);
  }

  readiness(): Readiness {
    const all = [...this.accounts.values()];
    const waiting = all.filter((account) => account.lastSuccessAt === null).length;
    return { ready: all.length > 0 && waiting === 0, accounts: all.length, waiting };
  }

  /** The exposition in the format the scraper's Accept header asks for (OpenMetrics, else the text format). */
  async render(accept: string | undefined): Promise<{ readonly contentType: string; readonly body: string }> {
    const format = wantsOpenMetrics(accept) ? this.openMetrics : this.text;
    format.requested = true;
    const [fleet, health] = await Promise.all([this.fleetText(format), format.registry.metrics()]);
    // OpenMetrics ends with one `# EOF`: the fleet part's is dropped, the health part's ends the exposition.
    const body = format === this.openMetrics ? `${fleet.replace(/# EOF\n$/, '')}${health}` : `${fleet}\n${health}`;
    return { contentType: format.registry.contentType, body };
  }

  /** For the metric set's collect callbacks: the current state and its version. */
  current(): { readonly version: number; readonly accounts: readonly AccountState[] } {
    return { version: this.version, accounts: [...this.accounts.values()] };
  }

  /** The fleet's exposition in `format` for the current state, rendered at most once per state version. */
  private fleetText(format: Format): Promise<string> {
    if (format.cache !== null && format.cache.version === this.version) return format.cache.text;
    const rendering = format.fleet.metrics();
    format.cache = { version: this.version, text: rendering };
    // A failed render is not kept: the next scrape tries again.
    rendering.catch(() => {
      if (format.cache?.text === rendering) format.cache = null;
    });
    return rendering;
  }

  /**
   * After a snapshot, renders the formats scrapers have asked for so far, on the next turn of the event loop:
   * a scrape then finds the text ready instead of waiting for it (Prometheus's scrape timeout defaults to 10 s).
   */
  private prerender(): void {
    const version = this.version;
    setImmediate(() => {
      for (const format of [this.text, this.openMetrics]) {
        if (format.requested && version === this.version) void this.fleetText(format).catch(() => undefined);
      }
    });
  }

  private countError(account: string, error: WorkspaceError): void {
    // Our own shutdown cancelling a poll is not a Workspace failure.
    if (error.kind === 'aborted') return;
    const state = this.accounts.get(account);
    if (state === undefined) return;
    state.up = false;
    const labels = { account, kind: error.kind, http_status: error.httpStatus === undefined ? '' : String(error.httpStatus) };
    for (const { metrics } of this.sets()) metrics.pollErrors.inc(labels);
  }

  private countSpike(account: string, notification: SpikeNotification): void {
    if (notification.kind !== 'spike') return;
    for (const { metrics } of this.sets()) metrics.spikes.inc({ account, severity: notification.severity });
  }

  private sets() {
    return [this.text, this.openMetrics];
  }
}

interface Format {
  /** The health metrics, rendered on every scrape. */
  readonly registry: AnyRegistry;
  readonly metrics: MetricSet;
  /** The fleet's gauges, rendered once per state version. */
  readonly fleet: AnyRegistry;
  cache: { readonly version: number; readonly text: Promise<string> } | null;
  /** A scraper asked for this format: it is rendered ahead after each snapshot. */
  requested: boolean;
}

function openMetricsRegistry(): AnyRegistry {
  const registry: AnyRegistry = new Registry<RegistryContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

/** `Accept: application/openmetrics-text; version=1.0.0,text/plain;q=0.5` (Prometheus's own) asks for OpenMetrics. */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .some((part) => part.startsWith('application/openmetrics-text') && !/;\s*q=0(\.0*)?\s*(;|$)/.test(part));
}

/** The count gauges, registered in both formats' fleet registries (gauges render the same in both). */
function createFleetGauges(registers: AnyRegistry[], exporter: ExporterMetrics): void {
  /** Refills the count gauges only when the state changed since this gauge's last scrape. */
  const refillWhenChanged = (fill: (accounts: readonly AccountState[]) => void) => {
    let seen = -1;
    return () => {
      const { version, accounts } = exporter.current();
      if (version === seen) return;
      seen = version;
      fill(accounts.filter((account) => account.snapshot !== null && !account.stale));
    };
  };

  const desktops: Gauge<'account' | 'project_id' | 'group' | 'group_key' | 'dimension' | 'state'> = new Gauge({
    name: METRIC_NAMES.desktops,
    help: 'Desktops of a desktop group in each login, power or assignment state (the API\'s counts); absent when the API did not report the count',
    labelNames: ['account', 'project_id', 'group', 'group_key', 'dimension', 'state'],
    registers,
    collect: refillWhenChanged((accounts) => {
      desktops.reset();
      for (const account of accounts) {
        for (const { group, key } of account.exported) {
          const base = { account: account.name, project_id: account.projectId, group: group.static_name ?? key, group_key: key };
          for (const sample of countSamples(group)) desktops.set({ ...base, dimension: sample.dimension, state: sample.state }, sample.value);
        }
      }
    }),
  });
  const fleetDesktops: Gauge<'account' | 'project_id' | 'dimension' | 'state'> = new Gauge({
    name: METRIC_NAMES.fleetDesktops,
    help: 'Desktops of the whole account (every group, exported or not) in each login, power or assignment state',
    labelNames: ['account', 'project_id', 'dimension', 'state'],
    registers,
    collect: refillWhenChanged((accounts) => {
      fleetDesktops.reset();
      for (const account of accounts) {
        const totals = account.snapshot?.totals;
        if (totals === undefined) continue;
        for (const sample of countSamples(totals)) {
          fleetDesktops.set({ account: account.name, project_id: account.projectId, dimension: sample.dimension, state: sample.state }, sample.value);
        }
      }
    }),
  });
  const groupSize: Gauge<'account' | 'project_id' | 'group' | 'group_key'> = new Gauge({
    name: METRIC_NAMES.groupSize,
    help: 'Desktops in a desktop group, as the spike rules count them (the login family, else the largest known family)',
    labelNames: ['account', 'project_id', 'group', 'group_key'],
    registers,
    collect: refillWhenChanged((accounts) => {
      groupSize.reset();
      for (const account of accounts) {
        for (const { group, key, desktops: size } of account.exported) {
          if (size !== null) groupSize.set({ account: account.name, project_id: account.projectId, group: group.static_name ?? key, group_key: key }, size);
        }
      }
    }),
  });
  const fleetSize: Gauge<'account' | 'project_id'> = new Gauge({
    name: METRIC_NAMES.fleetSize,
    help: 'Desktops in the whole account, as the spike rules count them',
    labelNames: ['account', 'project_id'],
    registers,
    collect: refillWhenChanged((accounts) => {
      fleetSize.reset();
      for (const account of accounts) {
        const size = account.snapshot === null ? null : desktopCount(account.snapshot.totals);
        if (size !== null) fleetSize.set({ account: account.name, project_id: account.projectId }, size);
      }
    }),
  });
  const groups: Gauge<'account' | 'project_id'> = new Gauge({
    name: METRIC_NAMES.groups,
    help: 'Desktop groups in the account\'s latest answer',
    labelNames: ['account', 'project_id'],
    registers,
    collect: refillWhenChanged((accounts) => {
      groups.reset();
      for (const account of accounts) groups.set({ account: account.name, project_id: account.projectId }, account.snapshot?.groups.length ?? 0);
    }),
  });
  const exportedGroups: Gauge<'account'> = new Gauge({
    name: METRIC_NAMES.exportedGroups,
    help: 'Desktop groups exported with per-group series (see --group-metrics)',
    labelNames: ['account'],
    registers,
    collect: refillWhenChanged((accounts) => {
      exportedGroups.reset();
      for (const account of accounts) exportedGroups.set({ account: account.name }, account.exported.length);
    }),
  });
}

/** The exporter's own health, one set per format (see the comment at the top about counters). */
function createHealthSet(registry: AnyRegistry, exporter: ExporterMetrics) {
  const registers = [registry];
  const up: Gauge<'account'> = new Gauge({
    name: METRIC_NAMES.up,
    help: '1 when the account\'s latest poll succeeded and its data is fresh, else 0',
    labelNames: ['account'],
    registers,
    collect() {
      for (const account of exporter.current().accounts) up.set({ account: account.name }, account.up && !account.stale ? 1 : 0);
    },
  });
  const lastSuccess: Gauge<'account'> = new Gauge({
    name: METRIC_NAMES.lastSuccess,
    help: 'When the account was last polled successfully (Unix time); absent before the first success',
    labelNames: ['account'],
    registers,
    collect() {
      for (const account of exporter.current().accounts) {
        if (account.lastSuccessAt !== null) lastSuccess.set({ account: account.name }, account.lastSuccessAt / 1000);
      }
    },
  });
  const interval: Gauge<'account'> = new Gauge({
    name: METRIC_NAMES.interval,
    help: 'How often the account is polled: one Workspace request per interval, however often this is scraped',
    labelNames: ['account'],
    registers,
    collect() {
      for (const account of exporter.current().accounts) interval.set({ account: account.name }, account.intervalMs / 1000);
    },
  });
  const pollDuration = new Histogram({
    name: METRIC_NAMES.pollDuration,
    help: 'How long each request to the Workspace API took, by outcome',
    labelNames: ['account', 'outcome'] as const,
    buckets: POLL_DURATION_BUCKETS,
    registers,
  });
  const pollErrors = new Counter({
    name: METRIC_NAMES.pollErrors,
    help: 'Failed polls by error kind (auth, permission, throttled, service, network, timeout, ...) and HTTP status (empty when there was no answer)',
    labelNames: ['account', 'kind', 'http_status'] as const,
    registers,
  });
  const spikes = new Counter({
    name: METRIC_NAMES.spikes,
    help: 'Disconnected-session spikes the app\'s own rules detected (one per notification, groups coalesced)',
    labelNames: ['account', 'severity'] as const,
    registers,
  });
  const buildInfo = new Gauge({
    name: METRIC_NAMES.buildInfo,
    help: 'Always 1; the labels say which Workspace Tray and Node.js versions are running',
    labelNames: ['version', 'node_version'] as const,
    registers,
  });
  return { up, lastSuccess, interval, pollDuration, pollErrors, spikes, buildInfo };
}
