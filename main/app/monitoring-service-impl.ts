// The implementation behind main/app/monitoring-service.ts (read that file for what each method promises).
// Per account it keeps one entry: how to reach the account (resolved once, again after new settings or
// credentials), its Monitor (poller → spike detector → history), its last snapshot and revision, and its spike log
// (in memory, and appended to the account's persisted spike log when one is open: `openSpikeLog`).
import { resolveWorkspaceEndpoint, checkProjectId } from '../core/api/endpoint.js';
import type { Counts, FleetSnapshot } from '../core/api/fields.js';
import { FLEET_KEY } from '../core/api/group-keys.js';
import { sumCounts } from '../core/api/parse.js';
import type { Authenticator } from '../core/auth/authenticator.js';
import { diffSnapshots } from '../core/engine/snapshot-diff.js';
import { SpikeDetector, type SpikeNotification } from '../core/engine/spikes.js';
import { phrase, wordedError } from '../core/error-wording.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import { FLEET_SERIES, type HistoryPoint, type HistoryStore, type SpikeLogStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { MAX_SPIKE_RECORDS, SPIKE_LOG_RETENTION_MS } from '../core/spike-log/spike-log-bounds.js';
import { DEFAULT_SETTINGS, type Account, type Region, type Settings } from '../core/settings/schema.js';
import { Accounts } from './accounts.js';
import { Monitor, type MonitorEvent } from './monitor.js';
import type {
  AccountGroups,
  AccountState,
  ConnectionDraft,
  ConnectionTestAnswer,
  DemoSimulator,
  Freshness,
  HistoryAnswer,
  HistoryRequest,
  MonitoredKind,
  MonitoringEvent,
  MonitoringEventOf,
  MonitoringEventType,
  MonitoringOptions,
  MonitoringService,
  MonitoringServiceDeps,
  MonitoringState,
  RequestContext,
  SpikeMark,
} from './monitoring-service.js';
import { DEMO_ACCOUNT_ID } from './monitoring-service.js';
import {
  adHocAccountId,
  chooseIamEndpoint,
  GLOBAL_IAM_ENDPOINT,
  historyFolder,
  noAccountsError,
  resolveSavedAccount,
  unsavedAuthenticator,
  type AuthDeps,
} from './targets.js';
import { fetchConnectionStatus } from './workspace-client.js';

/** The spike log keeps this many marks per account in memory, as on disk (a month of a storm every hour is far below it). */
const SPIKE_LOG_LIMIT = MAX_SPIKE_RECORDS;

/** How to reach an account: what resolution produced. */
interface Connection {
  readonly endpoint: string;
  readonly projectId: string;
  readonly auth: Authenticator;
}

/** What an account is, before resolution: enough to resolve it again. */
type Source =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'demo' }
  | { readonly kind: 'ad-hoc'; readonly target: NonNullable<Extract<MonitoringOptions['scope'], { kind: 'ad-hoc' }>>['target'] };

interface Entry {
  readonly id: string;
  source: Source;
  connection: Connection | null;
  /** Why the account could not be resolved (keychain, configuration, demo start); cleared by a resolution. */
  startError: WorkspaceError | null;
  monitor: Monitor | null;
  unsubscribe: (() => void) | null;
  readonly detector: SpikeDetector;
  history: HistoryStore | null;
  demo: DemoSimulator | null;
  snapshot: FleetSnapshot | null;
  revision: number;
  lastPollDurationMs: number | null;
  /** `once` mode's result (no monitor there). */
  onceError: WorkspaceError | null;
  paused: boolean;
  /** Oldest first: the persisted log's records (loaded when history opens), then this session's. */
  spikes: SpikeMark[];
  /** The persisted spike log; null without `openSpikeLog`, before history opens, or when it could not be opened. */
  spikeLog: SpikeLogStore | null;
  /** Appends to `spikeLog`, one after another; retire() waits for them. */
  spikeWrites: Promise<void>;
  /** The last append failed: the next failure is not reported again, a success resets it. */
  spikeWriteFailing: boolean;
  /** Resolution and monitor (re)starts of this entry run one after another. */
  work: Promise<void>;
  removed: boolean;
}

type Listener = (event: MonitoringEvent) => void;

export class MonitoringServiceImpl implements MonitoringService {
  private readonly options: MonitoringOptions;
  private readonly accounts: Accounts;
  private settings: Settings = DEFAULT_SETTINGS;
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<Listener>();
  private started = false;
  private stopped = false;
  private paused = false;
  private lastStateJson = '';
  private stateCheckQueued = false;
  private cancelSnoozeTimer: (() => void) | null = null;

  constructor(readonly deps: MonitoringServiceDeps) {
    this.options = deps.options ?? { scope: { kind: 'settings' } };
    this.accounts = new Accounts(deps.settings, deps.secrets);
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  async start(): Promise<WorkspaceResult<void>> {
    if (this.started) return ok(undefined);
    const read = await this.deps.settings.read();
    if (!read.ok) return read;
    const scope = this.options.scope;
    if (scope.kind === 'accounts') {
      const known = new Set(read.value.accounts.map((account) => account.id));
      const unknown = scope.ids.find((id) => !known.has(id));
      if (unknown !== undefined) return err(wordedError('config', phrase('account.no-such-id', { id: JSON.stringify(unknown) }), [], { action: { do: 'add-account' } }));
      if (scope.ids.length === 0) return err(noAccountsError());
    }
    if ((scope.kind === 'demo' || (scope.kind === 'settings' && read.value.accounts.length === 0)) && this.deps.demo === undefined) {
      return err(noAccountsError());
    }
    this.started = true;
    this.settings = read.value;
    this.applyNotificationPause();
    const sources = this.sourcesFor(read.value);
    for (const [id, source] of sources) this.entries.set(id, this.newEntry(id, source));
    if (this.mode === 'once') {
      await Promise.all([...this.entries.values()].map((entry) => this.pollOnce(entry)));
    } else {
      await Promise.all([...this.entries.values()].map((entry) => this.enqueue(entry, () => this.bringUp(entry))));
    }
    this.queueStateCheck();
    return ok(undefined);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelSnoozeTimer?.();
    await Promise.all([...this.entries.values()].map((entry) => this.retire(entry)));
  }

  async applySettings(settings: Settings): Promise<void> {
    this.settings = settings;
    if (!this.started || this.stopped) return;
    this.applyNotificationPause();
    const wanted = this.sourcesFor(settings);
    const work: Promise<void>[] = [];
    for (const [id, entry] of this.entries) {
      if (!wanted.has(id)) {
        this.entries.delete(id);
        work.push(this.retire(entry));
      }
    }
    for (const [id, source] of wanted) {
      const entry = this.entries.get(id);
      if (entry === undefined) {
        const added = this.newEntry(id, source);
        this.entries.set(id, added);
        work.push(this.mode === 'once' ? this.pollOnce(added) : this.enqueue(added, () => this.bringUp(added)));
        continue;
      }
      const before = entry.source;
      entry.source = source;
      if (needsReconnect(before, source)) work.push(this.enqueue(entry, () => this.reconnect(entry)));
    }
    for (const entry of this.entries.values()) {
      entry.detector.configure(settings.alerts);
      entry.monitor?.setIntervalMs(this.intervalMs);
    }
    await Promise.all(work);
    this.queueStateCheck();
  }

  async credentialsChanged(accountId: string): Promise<void> {
    const entry = this.entries.get(accountId);
    if (entry === undefined || this.stopped) return;
    await this.enqueue(entry, () => this.reconnect(entry));
  }

  // ---- state ---------------------------------------------------------------------------------------------

  state(): MonitoringState {
    const accounts = [...this.entries.values()].map((entry) => this.viewOf(entry));
    const withTotals = accounts.map((account) => account.totals).filter((totals): totals is Counts => totals !== null);
    const pausedUntil = this.settings.notifications.pausedUntil;
    return {
      demo: this.options.scope.kind === 'settings' && this.entries.has(DEMO_ACCOUNT_ID),
      accounts,
      badgeMetric: this.settings.badge.metric,
      notificationsPausedUntil: this.followsNotificationPause && pausedUntil !== null && pausedUntil > this.deps.clock.now() ? pausedUntil : null,
      totals: withTotals.length === 0 ? null : sumCounts(withTotals),
      paused: this.paused,
    };
  }

  accountState(accountId: string): AccountState | null {
    const entry = this.entries.get(accountId);
    return entry === undefined ? null : this.viewOf(entry);
  }

  groups(accountId: string): AccountGroups | null {
    const entry = this.entries.get(accountId);
    const snapshot = entry?.snapshot ?? null;
    if (entry === undefined || snapshot === null) return null;
    return {
      accountId,
      revision: entry.revision,
      fetchedAt: snapshot.fetchedAt,
      groups: snapshot.groups,
      totals: snapshot.totals,
      endpoint: snapshot.endpoint,
      projectId: snapshot.projectId,
    };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<T extends MonitoringEventType>(type: T, listener: (event: MonitoringEventOf<T>) => void): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as MonitoringEventOf<T>);
    });
  }

  // ---- control -------------------------------------------------------------------------------------------

  async refresh(accountId?: string): Promise<void> {
    const chosen = accountId === undefined ? [...this.entries.values()] : [this.entries.get(accountId)].filter((entry) => entry !== undefined);
    await Promise.all(
      chosen.map(async (entry) => {
        if (this.mode === 'once') return this.pollOnce(entry);
        // An account that could not start is tried again from the start: its secret may be back in the keychain.
        if (entry.monitor === null) return this.enqueue(entry, () => this.bringUp(entry));
        return entry.monitor.refresh();
      }),
    );
  }

  pause(accountId?: string): void {
    for (const entry of this.chosen(accountId)) {
      entry.paused = true;
      entry.monitor?.pause();
    }
    if (accountId === undefined) this.paused = true;
    this.queueStateCheck();
  }

  async resume(accountId?: string): Promise<void> {
    if (accountId === undefined) this.paused = false;
    const resumed = this.chosen(accountId).map((entry) => {
      entry.paused = false;
      return entry.monitor?.resume();
    });
    this.queueStateCheck();
    await Promise.all(resumed);
  }

  async snooze(until: number | null): Promise<WorkspaceResult<void>> {
    const updated = await this.deps.settings.update((current) => ({ ...current, notifications: { ...current.notifications, pausedUntil: until } }));
    if (!updated.ok) return updated;
    this.settings = { ...this.settings, notifications: { ...this.settings.notifications, pausedUntil: updated.value.notifications.pausedUntil } };
    this.applyNotificationPause();
    this.queueStateCheck();
    return ok(undefined);
  }

  // ---- queries -------------------------------------------------------------------------------------------

  async queryHistory(request: HistoryRequest): Promise<WorkspaceResult<HistoryAnswer>> {
    const entry = this.entries.get(request.accountId);
    if (entry === undefined) return err(unknownAccount(request.accountId));
    if (!(request.from <= request.to)) return err(workspaceError('usage', `The history range ends (${request.to}) before it starts (${request.from})`));
    const spikes = this.spikeLog(request.accountId, request.from, request.to);
    const history = entry.history;
    if (history === null) return ok({ from: request.from, to: request.to, series: request.series.map((key) => ({ key, points: [] })), spikes });
    const stored = request.series.map((key) => (key === FLEET_KEY ? FLEET_SERIES : key));
    let found: ReadonlyMap<string, readonly HistoryPoint[]>;
    if (history.queryMany !== undefined) {
      const many = await history.queryMany(stored, request.from, request.to);
      if (!many.ok) return many;
      found = many.value;
    } else {
      const map = new Map<string, readonly HistoryPoint[]>();
      for (const series of stored) {
        const points = await history.query({ series, from: request.from, to: request.to });
        if (!points.ok) return points;
        map.set(series, points.value);
      }
      found = map;
    }
    return ok({
      from: request.from,
      to: request.to,
      series: request.series.map((key, index) => ({ key, points: found.get(stored[index] as string) ?? [] })),
      spikes,
    });
  }

  spikeLog(accountId: string, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): readonly SpikeMark[] {
    const log = this.entries.get(accountId)?.spikes ?? [];
    return log.filter((mark) => mark.at >= from && mark.at <= to);
  }

  async testConnection(target: ConnectionDraft | { readonly accountId: string }): Promise<WorkspaceResult<ConnectionTestAnswer>> {
    let connection: WorkspaceResult<Connection>;
    if ('accountId' in target) {
      const entry = this.entries.get(target.accountId);
      if (entry !== undefined && entry.connection !== null) connection = ok(entry.connection);
      else {
        const account = this.settings.accounts.find((candidate) => candidate.id === target.accountId);
        connection = account === undefined ? err(unknownAccount(target.accountId)) : await resolveSavedAccount(account, this.options.iamEndpoint, this.accounts, this.deps.secrets, this.authDeps);
      }
    } else {
      connection = this.draftConnection(target);
    }
    if (!connection.ok) return connection;
    const startedAt = this.deps.clock.now();
    const answer = await fetchConnectionStatus(connection.value, { http: this.deps.http, auth: connection.value.auth, clock: this.deps.clock, timeoutMs: this.timeoutMs });
    if (!answer.ok) return answer;
    return ok({ groupCount: answer.value.groups.length, totals: answer.value.totals, endpoint: answer.value.endpoint, elapsedMs: this.deps.clock.now() - startedAt });
  }

  requestContext(accountId: string): WorkspaceResult<RequestContext> {
    const entry = this.entries.get(accountId);
    if (entry === undefined) return err(unknownAccount(accountId));
    if (entry.connection === null) return err(entry.startError ?? wordedError('config', phrase('account.not-connected', { name: JSON.stringify(this.nameOf(entry)) })));
    const { endpoint, projectId, auth } = entry.connection;
    // Only the authenticator's methods leave: the object behind them holds the secret, and a caller that logs or
    // serialises the context must not find it there.
    const signer: Authenticator = {
      method: auth.method,
      authorize: (request, signal) => auth.authorize(request, signal),
      handleUnauthorized: (error, serverDate, signal) => auth.handleUnauthorized(error, serverDate, signal),
    };
    return ok({ accountId, endpoint, projectId, auth: signer, http: this.deps.http, clock: this.deps.clock, timeoutMs: this.timeoutMs });
  }

  // ---- accounts ------------------------------------------------------------------------------------------

  private get mode(): 'monitor' | 'once' {
    return this.options.mode ?? 'monitor';
  }

  private get intervalMs(): number {
    return this.options.intervalMs ?? this.settings.polling.intervalSeconds * 1000;
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? this.settings.polling.timeoutSeconds * 1000;
  }

  /** Only the app follows the tray's "pause notifications": a script's `watch` reports every spike. */
  private get followsNotificationPause(): boolean {
    return this.options.scope.kind === 'settings';
  }

  private get authDeps(): AuthDeps {
    return { http: this.deps.http, clock: this.deps.clock, timeoutMs: this.timeoutMs, env: this.deps.env };
  }

  /** Which accounts the scope asks for under these settings, by id, in display order. */
  private sourcesFor(settings: Settings): Map<string, Source> {
    const scope = this.options.scope;
    const sources = new Map<string, Source>();
    switch (scope.kind) {
      case 'settings':
        for (const account of settings.accounts) sources.set(account.id, { kind: 'account', account });
        if (settings.accounts.length === 0 && this.deps.demo !== undefined) sources.set(DEMO_ACCOUNT_ID, { kind: 'demo' });
        break;
      case 'accounts':
        for (const id of scope.ids) {
          const account = settings.accounts.find((candidate) => candidate.id === id);
          if (account !== undefined) sources.set(id, { kind: 'account', account });
        }
        break;
      case 'demo':
        sources.set(DEMO_ACCOUNT_ID, { kind: 'demo' });
        break;
      case 'ad-hoc':
        sources.set(adHocAccountId(scope.target.endpoint, scope.target.projectId), { kind: 'ad-hoc', target: scope.target });
        break;
    }
    return sources;
  }

  private newEntry(id: string, source: Source): Entry {
    const detector = new SpikeDetector(this.settings.alerts);
    return {
      id, source, connection: null, startError: null, monitor: null, unsubscribe: null, detector, history: null, demo: null,
      snapshot: null, revision: 0, lastPollDurationMs: null, onceError: null, paused: this.paused, spikes: [], spikeLog: null, spikeWrites: Promise.resolve(), spikeWriteFailing: false, work: Promise.resolve(), removed: false,
    };
  }

  /** Runs `step` after the entry's earlier steps, so a quick edit-then-remove never leaves a monitor running. */
  private enqueue(entry: Entry, step: () => Promise<void>): Promise<void> {
    const run = entry.work.then(() => (entry.removed ? undefined : step()));
    entry.work = run.catch(() => undefined);
    return run;
  }

  private async resolve(entry: Entry): Promise<WorkspaceResult<Connection>> {
    const source = entry.source;
    switch (source.kind) {
      case 'account':
        return resolveSavedAccount(source.account, this.options.iamEndpoint, this.accounts, this.deps.secrets, this.authDeps);
      case 'ad-hoc': {
        const { target } = source;
        return ok({ endpoint: target.endpoint, projectId: target.projectId, auth: unsavedAuthenticator(target.secret, target.projectId, target.iamEndpoint, this.authDeps) });
      }
      case 'demo': {
        if (entry.demo === null) {
          const demo = this.deps.demo;
          if (demo === undefined) return err(noAccountsError());
          try {
            entry.demo = await demo();
          } catch (cause) {
            return err(wordedError('network', phrase('demo.start-failed', { detail: cause instanceof Error ? cause.message : String(cause) })));
          }
          // Removed while the simulator was starting: nobody will close it later.
          if (entry.removed) {
            await entry.demo.close();
            entry.demo = null;
            return err(wordedError('aborted', phrase('demo.stopped')));
          }
        }
        const { url, projectId, token } = entry.demo;
        return ok({ endpoint: url, projectId, auth: unsavedAuthenticator({ method: 'token', secret: { token } }, projectId, GLOBAL_IAM_ENDPOINT, this.authDeps) });
      }
    }
  }

  /** Resolves the account, opens its history (first time only) and starts its monitor. */
  private async bringUp(entry: Entry): Promise<void> {
    const connection = await this.resolve(entry);
    if (entry.removed) return;
    if (!connection.ok) {
      entry.connection = null;
      entry.startError = connection.error;
      this.emit({ type: 'error', accountId: entry.id, account: this.nameOf(entry), error: connection.error, nextAttemptAt: null, halted: true, durationMs: null });
      this.queueStateCheck();
      return;
    }
    entry.connection = connection.value;
    entry.startError = null;
    if (entry.history === null && this.deps.openHistory !== undefined) await this.openHistory(entry);
    if (entry.removed) return;
    this.startMonitor(entry);
  }

  /** New settings or credentials: a fresh authenticator and monitor; history, baselines, snapshot and log stay. */
  private async reconnect(entry: Entry): Promise<void> {
    await this.stopMonitor(entry);
    entry.connection = null;
    await this.bringUp(entry);
  }

  private async openHistory(entry: Entry): Promise<void> {
    const open = this.deps.openHistory;
    if (open === undefined) return;
    const kind: MonitoredKind = entry.source.kind;
    const opened = await open({
      folder: historyFolder(this.deps.configDir, entry.id),
      accountId: entry.id,
      kind,
      // Damage costs a record and is repaired, but the person should hear of it (a failing disk repeats).
      onDamage: (error) => this.emit({ type: 'history-error', accountId: entry.id, account: this.nameOf(entry), error }),
    });
    if (!opened.ok) {
      this.emit({ type: 'history-error', accountId: entry.id, account: this.nameOf(entry), error: opened.error });
      return;
    }
    if (entry.removed || this.stopped) {
      await opened.value.close();
      return;
    }
    entry.history = opened.value;
    const maintained = await opened.value.maintain?.(this.deps.clock.now());
    // Appends may still work (e.g. only an old file is undeletable): keep the store, the monitor reports its failures.
    if (maintained !== undefined && !maintained.ok) this.emit({ type: 'history-error', accountId: entry.id, account: this.nameOf(entry), error: maintained.error });
    // Beside the history, and only once its lock is held: this process is then the log's one writer.
    await this.openSpikeLog(entry);
  }

  /** Opens the account's persisted spike log and puts its last 30 days before this session's marks. */
  private async openSpikeLog(entry: Entry): Promise<void> {
    const open = this.deps.openSpikeLog;
    if (open === undefined || entry.spikeLog !== null) return;
    const now = this.deps.clock.now();
    const report = (error: WorkspaceError): void => this.emit({ type: 'history-error', accountId: entry.id, account: this.nameOf(entry), error });
    const opened = await open({ folder: historyFolder(this.deps.configDir, entry.id), accountId: entry.id, kind: entry.source.kind, onDamage: report }, now);
    if (!opened.ok) return report(opened.error);
    const log = opened.value;
    if (log === null) return;
    if (entry.removed || this.stopped) {
      await log.close();
      return;
    }
    const persisted = await log.read(now - SPIKE_LOG_RETENTION_MS, Number.POSITIVE_INFINITY);
    // Unreadable now (it opened a moment ago): keep appending, the next start reads what was written.
    if (!persisted.ok) report(persisted.error);
    else if (persisted.value.length > 0) {
      entry.spikes = [...persisted.value, ...entry.spikes].sort((a, b) => a.at - b.at);
      if (entry.spikes.length > SPIKE_LOG_LIMIT) entry.spikes.splice(0, entry.spikes.length - SPIKE_LOG_LIMIT);
      this.queueStateCheck();
    }
    entry.spikeLog = log;
  }

  private startMonitor(entry: Entry): void {
    const connection = entry.connection;
    if (connection === null || this.stopped) return;
    const monitor = new Monitor({
      account: this.nameOf(entry),
      detector: entry.detector,
      ...(entry.history === null ? {} : { history: entry.history }),
      fetch: (signal) => this.timedFetch(entry, connection, signal),
      clock: this.deps.clock,
      random: this.deps.random,
      intervalMs: this.intervalMs,
    });
    entry.monitor = monitor;
    entry.unsubscribe = monitor.subscribe((event) => this.handle(entry, event));
    if (entry.paused) monitor.pause();
    monitor.start();
    this.queueStateCheck();
  }

  private async stopMonitor(entry: Entry): Promise<void> {
    const monitor = entry.monitor;
    if (monitor === null) return;
    entry.monitor = null;
    entry.unsubscribe?.();
    entry.unsubscribe = null;
    await monitor.stop();
  }

  /** Stops everything of an entry that leaves (removed account, stop()). */
  private async retire(entry: Entry): Promise<void> {
    entry.removed = true;
    await this.stopMonitor(entry);
    await entry.work;
    await this.stopMonitor(entry);
    const spikeLog = entry.spikeLog;
    entry.spikeLog = null;
    await entry.spikeWrites;
    await spikeLog?.close();
    const history = entry.history;
    entry.history = null;
    await history?.close();
    const demo = entry.demo;
    entry.demo = null;
    await demo?.close();
    this.queueStateCheck();
  }

  /** One request, timed; the duration travels on the snapshot or error event that follows. */
  private async timedFetch(entry: Entry, connection: Connection, signal: AbortSignal): Promise<WorkspaceResult<FleetSnapshot>> {
    // The poller marked the poll in flight before calling: windows may now show "refreshing".
    this.queueStateCheck();
    const startedAt = this.deps.clock.now();
    const previous = entry.snapshot ?? undefined;
    const result = await fetchConnectionStatus(connection, { http: this.deps.http, auth: connection.auth, clock: this.deps.clock, timeoutMs: this.timeoutMs, signal }, previous);
    entry.lastPollDurationMs = this.deps.clock.now() - startedAt;
    return result;
  }

  /** `once` mode: one request per account, no schedule, detector or history. */
  private async pollOnce(entry: Entry): Promise<void> {
    const connection = await this.resolve(entry);
    if (!connection.ok) {
      entry.startError = connection.error;
      this.emit({ type: 'error', accountId: entry.id, account: this.nameOf(entry), error: connection.error, nextAttemptAt: null, halted: true, durationMs: null });
      return;
    }
    entry.connection = connection.value;
    entry.startError = null;
    const startedAt = this.deps.clock.now();
    const signal = this.options.signal;
    const result = await fetchConnectionStatus(connection.value, {
      http: this.deps.http, auth: connection.value.auth, clock: this.deps.clock, timeoutMs: this.timeoutMs, ...(signal === undefined ? {} : { signal }),
    });
    const durationMs = this.deps.clock.now() - startedAt;
    entry.lastPollDurationMs = durationMs;
    if (result.ok) {
      entry.onceError = null;
      this.delivered(entry, result.value, durationMs);
    } else {
      entry.onceError = result.error;
      this.emit({ type: 'error', accountId: entry.id, account: this.nameOf(entry), error: result.error, nextAttemptAt: null, halted: false, durationMs });
    }
    this.queueStateCheck();
  }

  // ---- events --------------------------------------------------------------------------------------------

  private handle(entry: Entry, event: MonitorEvent): void {
    if (entry.removed) return;
    const base = { accountId: entry.id, account: this.nameOf(entry) };
    switch (event.type) {
      case 'snapshot':
        this.delivered(entry, event.snapshot, entry.lastPollDurationMs ?? 0);
        break;
      case 'spike':
        this.noteSpike(entry, event.notification);
        this.emit({ ...base, type: event.notification.kind === 'spike' ? 'spike' : 'recovery', notification: event.notification });
        break;
      case 'error':
        this.emit({ ...base, type: 'error', error: event.error, nextAttemptAt: event.nextAttemptAt, halted: event.halted, durationMs: entry.lastPollDurationMs });
        break;
      case 'stale':
        this.emit({ ...base, type: 'stale', lastSuccessAt: event.lastSuccessAt });
        break;
      case 'history-error':
        this.emit({ ...base, type: 'history-error', error: event.error });
        break;
    }
    this.queueStateCheck();
  }

  private delivered(entry: Entry, snapshot: FleetSnapshot, durationMs: number): void {
    const previous = entry.snapshot;
    entry.snapshot = snapshot;
    entry.revision += 1;
    const base = { accountId: entry.id, account: this.nameOf(entry) };
    this.emit({ ...base, type: 'snapshot', snapshot, revision: entry.revision, durationMs });
    this.emit({
      ...base,
      type: 'change',
      revision: entry.revision,
      fetchedAt: snapshot.fetchedAt,
      change: diffSnapshots(previous?.groups ?? [], snapshot.groups),
      totals: snapshot.totals,
    });
  }

  private noteSpike(entry: Entry, notification: SpikeNotification): void {
    const mark: SpikeMark = {
      at: notification.at,
      kind: notification.kind,
      severity: notification.severity,
      groupKeys: notification.groups.map((group) => group.key),
      fleet: notification.fleet !== null,
      title: notification.title,
    };
    entry.spikes.push(mark);
    if (entry.spikes.length > SPIKE_LOG_LIMIT) entry.spikes.splice(0, entry.spikes.length - SPIKE_LOG_LIMIT);
    const log = entry.spikeLog;
    if (log === null) return;
    entry.spikeWrites = entry.spikeWrites.then(async () => {
      const appended = await log.append(mark);
      if (appended.ok) entry.spikeWriteFailing = false;
      else if (!entry.spikeWriteFailing && !entry.removed) {
        // Once per run of failures, like history writes: a full disk must not repeat on every spike.
        entry.spikeWriteFailing = true;
        this.emit({ type: 'history-error', accountId: entry.id, account: this.nameOf(entry), error: appended.error });
        this.queueStateCheck();
      }
    });
  }

  private emit(event: MonitoringEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A throwing listener is a bug to surface, but it must not starve the others or stop monitoring.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Sends `state` once the current turn's changes have settled, and only when something in it changed. */
  private queueStateCheck(): void {
    if (this.stateCheckQueued) return;
    this.stateCheckQueued = true;
    queueMicrotask(() => {
      this.stateCheckQueued = false;
      const state = this.state();
      const json = JSON.stringify(state);
      if (json === this.lastStateJson) return;
      this.lastStateJson = json;
      this.emit({ type: 'state', state });
    });
  }

  private applyNotificationPause(): void {
    this.cancelSnoozeTimer?.();
    this.cancelSnoozeTimer = null;
    const until = this.followsNotificationPause ? this.settings.notifications.pausedUntil : null;
    for (const entry of this.entries.values()) {
      if (until === null) entry.detector.cancelSnooze();
      else entry.detector.snooze(until);
    }
    const now = this.deps.clock.now();
    // The state says "paused until" only while it lasts: tell the windows when it ends.
    if (until !== null && until > now) this.cancelSnoozeTimer = this.deps.clock.schedule(() => this.queueStateCheck(), until - now);
  }

  // ---- views ---------------------------------------------------------------------------------------------

  private nameOf(entry: Entry): string {
    switch (entry.source.kind) {
      case 'account':
        return entry.source.account.name;
      case 'demo':
        return 'demo';
      case 'ad-hoc':
        return entry.source.target.endpoint;
    }
  }

  private viewOf(entry: Entry): AccountState {
    const source = entry.source;
    const status = entry.monitor?.status() ?? null;
    const snapshot = entry.snapshot;
    const error = entry.startError ?? status?.lastError ?? entry.onceError;
    const halted = entry.startError !== null || (status?.halted ?? false);
    const alerts = entry.detector.activeAlerts();
    const present = new Set(snapshot?.groups.map((group) => group.key) ?? []);
    const region: Region | null = source.kind === 'account' ? (source.account.region ?? null) : source.kind === 'ad-hoc' ? source.target.region : null;
    return {
      id: entry.id,
      name: this.nameOf(entry),
      kind: source.kind,
      demo: source.kind === 'demo',
      region,
      projectId: entry.connection?.projectId ?? (source.kind === 'account' ? source.account.projectId : source.kind === 'ad-hoc' ? source.target.projectId : ''),
      endpoint: entry.connection?.endpoint ?? null,
      freshness: freshnessOf({
        paused: entry.paused || (status?.paused ?? false),
        error,
        halted,
        stale: status?.stale ?? false,
        polling: status?.polling ?? false,
        hasData: snapshot !== null,
      }),
      error,
      halted,
      lastSuccessAt: status?.lastSuccessAt ?? (snapshot === null ? null : snapshot.fetchedAt),
      nextPollAt: status?.nextPollAt ?? null,
      totals: snapshot?.totals ?? null,
      groupCount: snapshot?.groups.length ?? 0,
      spikingGroupKeys: alerts.groupKeys.filter((key) => present.has(key)),
      fleetSpiking: alerts.fleet,
      revision: entry.revision,
      lastPollDurationMs: entry.lastPollDurationMs,
    };
  }

  private chosen(accountId: string | undefined): Entry[] {
    if (accountId === undefined) return [...this.entries.values()];
    const entry = this.entries.get(accountId);
    return entry === undefined ? [] : [entry];
  }

  private draftConnection(draft: ConnectionDraft): WorkspaceResult<Connection> {
    const endpoint = resolveWorkspaceEndpoint(draft);
    if (!endpoint.ok) return endpoint;
    const projectId = checkProjectId(draft.projectId);
    if (!projectId.ok) return projectId;
    const iamEndpoint = chooseIamEndpoint(undefined, draft.iamEndpoint, this.deps.env, draft.region);
    if (!iamEndpoint.ok) return iamEndpoint;
    return ok({ endpoint: endpoint.value, projectId: projectId.value, auth: unsavedAuthenticator(draft.credentials, projectId.value, iamEndpoint.value.url, this.authDeps) });
  }
}

interface FreshnessFacts {
  readonly paused: boolean;
  readonly error: WorkspaceError | null;
  readonly halted: boolean;
  readonly stale: boolean;
  readonly polling: boolean;
  readonly hasData: boolean;
}

/**
 * Paused beats everything (nothing is polled); then an error, but only once it matters: the poller halted, the
 * data went stale, or there is no data at all. A single failed poll with fresh data still on screen reads as fresh
 * (or refreshing while the retry runs): one blip of a flaky network does not turn the tray red. Then stale, then
 * refreshing.
 */
export function freshnessOf(facts: FreshnessFacts): Freshness {
  if (facts.paused) return 'paused';
  if (facts.error !== null && (facts.halted || facts.stale || !facts.hasData)) return 'error';
  if (facts.stale) return 'stale';
  return facts.polling ? 'refreshing' : 'fresh';
}

/** Anything but a rename needs a new authenticator (or a new simulator target). */
function needsReconnect(before: Source, after: Source): boolean {
  if (before.kind !== 'account' || after.kind !== 'account') return false;
  const { name: _before, ...a } = before.account;
  const { name: _after, ...b } = after.account;
  return JSON.stringify(sortedEntries(a)) !== JSON.stringify(sortedEntries(b));
}

function sortedEntries(value: object): [string, unknown][] {
  return Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

function unknownAccount(accountId: string): WorkspaceError {
  return wordedError('config', phrase('account.not-monitored', { id: JSON.stringify(accountId) }));
}
