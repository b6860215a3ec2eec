// One monitoring service for every front end (tray, dashboard, notifications, IPC, CLI `watch` and `status`,
// the Prometheus exporter): it owns, per monitored account, the authenticator, the poller (through a Monitor),
// the spike detector, the history store, the last snapshot with its revision, and the spike log; it follows
// settings changes without a restart and tells its subscribers what happened through typed events. Front ends
// render; they never build a monitor of their own.
//
// Everything with a side effect comes in through `MonitoringServiceDeps`: the settings and secret stores, the
// HTTP client (Electron's net.fetch in the app, Node's fetch in the CLI), the clock, randomness, the environment,
// the way history is opened, and the demo simulator. The service never reads process state or the real clock.
import type { Counts, CountField, FleetSnapshot, GroupStatus } from '../core/api/fields.js';
import type { Authenticator } from '../core/auth/authenticator.js';
import type { AccountSecret } from '../core/auth/secrets.js';
import type { SnapshotChange } from '../core/engine/snapshot-diff.js';
import type { SpikeNotification } from '../core/engine/notification.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { Clock, HistoryPoint, HistoryStore, HttpClient, Random, SecretStore, SettingsStore, SpikeLogRecord, SpikeLogStore } from '../core/ports.js';
import type { Region, Settings } from '../core/settings/schema.js';
import { MonitoringServiceImpl } from './monitoring-service-impl.js';
import type { AdHocTarget } from './targets.js';

/** The id of the embedded simulator's account (no saved account: the app shows the demo). */
export const DEMO_ACCOUNT_ID = 'demo';

/**
 * The fleet's history series, beside the groups' keys (`GroupStatus.key`). Equal to `FLEET_KEY` of
 * preload/contract.ts; no group key can take this value (see core/api/group-keys.ts).
 */
export { FLEET_KEY } from '../core/api/group-keys.js';

/** What a monitored account is: a saved account, the embedded simulator, or credentials from the environment. */
export type MonitoredKind = 'account' | 'demo' | 'ad-hoc';

/** How current an account's data is (the same union as `Freshness` in preload/contract.ts). */
export type Freshness = 'fresh' | 'refreshing' | 'stale' | 'paused' | 'error';

/**
 * A running simulator, as the demo account needs it. `RunningSimulator` fits: the app passes
 * `() => startDemoSimulator({ clock })` (main/simulator/demo-source.ts), whose storm comes back now and then.
 */
export interface DemoSimulator {
  /** The Workspace endpoint, e.g. `http://127.0.0.1:38211`. */
  readonly url: string;
  readonly projectId: string;
  /** Accepted as X-Auth-Token. */
  readonly token: string;
  close(): Promise<void>;
}

/** Starts the demo's simulator; called when the demo account starts, closed when it stops. */
export type DemoSource = () => Promise<DemoSimulator>;

/** Where an account's history lives: `<configDir>/history/<account id>` (`historyFolder` in main/app/targets.ts). */
export interface HistoryLocation {
  readonly folder: string;
  readonly accountId: string;
  readonly kind: MonitoredKind;
  /** Damage found in the history files (and repaired by the store): the service reports it as a history-error. */
  readonly onDamage: (error: WorkspaceError) => void;
}

/**
 * Opens one account's history; the service then calls its `maintain` (upkeep that piled up) and closes it on
 * removal or stop(). The Node adapter is `fileHistoryOpener` (main/node/file-history-opener.ts), which can put
 * the demo's history in a temporary folder.
 */
export type HistoryOpener = (location: HistoryLocation) => Promise<WorkspaceResult<HistoryStore>>;

/**
 * Opens one account's spike log beside its history, once its history is open (the history's lock makes this
 * process the one writer); `now` is when the bounds apply. Null: spikes stay in memory (a temporary demo). The
 * Node adapter is `fileSpikeLogOpener` (main/node/file-spike-log.ts).
 */
export type SpikeLogOpener = (location: HistoryLocation, now: number) => Promise<WorkspaceResult<SpikeLogStore | null>>;

/**
 * An account given by an endpoint and credentials from the environment (`HUAWEICLOUD_SDK_AK`..., see
 * core/auth/env-credentials.ts), not saved: the CLI's `--region`/`--endpoint` target. Resolve one with
 * `adHocTarget` (main/app/targets.ts), which checks everything and reads the environment.
 */
export type { AdHocTarget } from './targets.js';

/** Which accounts the service monitors. */
export type MonitoringScope =
  /** The app: every saved account, following the settings; the demo account while none is saved (needs `demo`). */
  | { readonly kind: 'settings' }
  /** Saved accounts by id, as long as the settings keep them (CLI `--account`, `--all`, or the default). */
  | { readonly kind: 'accounts'; readonly ids: readonly string[] }
  /** Only the embedded simulator (CLI `--demo`; needs `demo`). */
  | { readonly kind: 'demo' }
  /** One ad-hoc account (CLI `--region`/`--endpoint`). */
  | { readonly kind: 'ad-hoc'; readonly target: AdHocTarget };

export interface MonitoringOptions {
  readonly scope: MonitoringScope;
  /**
   * `monitor` (default): poll on a schedule, detect spikes, record history. `once`: `start()` polls every account
   * once, concurrently, and resolves when all have answered (CLI `status`): no schedule, detector or history.
   */
  readonly mode?: 'monitor' | 'once';
  /** Overrides `polling.intervalSeconds` (CLI `watch --interval`, which may go down to 1 s). */
  readonly intervalMs?: number;
  /** Overrides `polling.timeoutSeconds` (CLI `--timeout`). */
  readonly timeoutMs?: number;
  /** Overrides every saved account's IAM endpoint (CLI `--iam-endpoint`). */
  readonly iamEndpoint?: string;
  /** Cancels `once` mode's requests (CLI Ctrl-C). */
  readonly signal?: AbortSignal;
}

export interface MonitoringServiceDeps {
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly random: Random;
  /** Read for `HUAWEICLOUD_SDK_IAM_ENDPOINT` (and, by `adHocTarget`, for credentials). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder of the settings file; history lives in its `history/` folder. */
  readonly configDir: string;
  /** Without it nothing is recorded and history queries answer empty. */
  readonly openHistory?: HistoryOpener;
  /**
   * Without it spikes are kept in memory only (this session). With it, each account's spikes and recoveries are
   * appended to its spike log, and the log's last 30 days are loaded when the account's history opens, so charts
   * and `spikeLog` show spikes from before a restart.
   */
  readonly openSpikeLog?: SpikeLogOpener;
  /** The embedded simulator, for the demo account. */
  readonly demo?: DemoSource;
  /** Default: `{ scope: { kind: 'settings' } }` (the app). */
  readonly options?: MonitoringOptions;
}

/** One monitored account, as every window shows it (fits `AccountView` of preload/contract.ts). */
export interface AccountState {
  /** The settings id of a saved account; `demo`; or `ad-hoc-<digest>` (its history folder's name). */
  readonly id: string;
  /** The account's name; `demo`; or the ad-hoc endpoint. */
  readonly name: string;
  readonly kind: MonitoredKind;
  readonly demo: boolean;
  readonly region: Region | null;
  readonly projectId: string;
  /** The Workspace endpoint, or null when it could not be resolved. */
  readonly endpoint: string | null;
  readonly freshness: Freshness;
  /** The latest poll's error, or why the account could not start (keychain, configuration); null after a success. */
  readonly error: WorkspaceError | null;
  /** Retrying cannot help (credentials, permission, configuration): polling waits for refresh() or new settings. */
  readonly halted: boolean;
  readonly lastSuccessAt: number | null;
  readonly nextPollAt: number | null;
  /** The totals of the last good snapshot; null before the first one. */
  readonly totals: Counts | null;
  readonly groupCount: number;
  /** Keys of the groups with an alert that has not recovered yet, worst first. */
  readonly spikingGroupKeys: readonly string[];
  /** The fleet itself has an active alert. */
  readonly fleetSpiking: boolean;
  /** Grows by one per successful poll; 0 before the first. */
  readonly revision: number;
  /** How long the latest poll took (ms), successful or not; null before the first. */
  readonly lastPollDurationMs: number | null;
}

/** Every account together (fits the service's part of `AppState`). */
export interface MonitoringState {
  /** The demo account is shown because no account is saved. */
  readonly demo: boolean;
  readonly accounts: readonly AccountState[];
  readonly badgeMetric: CountField;
  /** Spike notifications are held back until then; null when they are not (or no longer) paused. */
  readonly notificationsPausedUntil: number | null;
  /** Sum of every account's totals (a count no account reports stays null); null before any snapshot. */
  readonly totals: Counts | null;
  /** pause() is in effect (system sleep, offline). */
  readonly paused: boolean;
}

/** An account's full group list (fits `GroupsSnapshot` of preload/contract.ts). */
export interface AccountGroups {
  readonly accountId: string;
  readonly revision: number;
  readonly fetchedAt: number;
  readonly groups: readonly GroupStatus[];
  readonly totals: Counts;
  readonly endpoint: string;
  readonly projectId: string;
}

/** A spike or a recovery, for marking charts (fits `SpikeMark` of preload/contract.ts): what the spike log keeps. */
export type SpikeMark = SpikeLogRecord;

export interface HistoryRequest {
  readonly accountId: string;
  /** Group keys, or FLEET_KEY. */
  readonly series: readonly string[];
  readonly from: number;
  readonly to: number;
}

/** Fits `HistoryAnswer` of preload/contract.ts. */
export interface HistoryAnswer {
  readonly from: number;
  readonly to: number;
  /** One entry per requested series, in the order asked, possibly with no points. */
  readonly series: readonly { readonly key: string; readonly points: readonly HistoryPoint[] }[];
  /** The account's spikes and recoveries within the range, oldest first. */
  readonly spikes: readonly SpikeMark[];
}

/** An account not saved yet ("Test connection" in the settings). Nothing is stored while testing it. */
export interface ConnectionDraft {
  readonly region?: Region;
  readonly endpoint?: string;
  readonly projectId: string;
  readonly iamEndpoint?: string;
  readonly credentials: AccountSecret;
}

/** Fits `ConnectionTestAnswer` of preload/contract.ts. */
export interface ConnectionTestAnswer {
  readonly groupCount: number;
  readonly totals: Counts;
  readonly endpoint: string;
  readonly elapsedMs: number;
}

/**
 * What an on-demand request for an account needs (issue 14's lookups): where, which project, and an authenticator
 * that signs requests without exposing the secret behind it.
 */
export interface RequestContext {
  readonly accountId: string;
  readonly endpoint: string;
  readonly projectId: string;
  readonly auth: Authenticator;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly timeoutMs: number;
}

interface AccountEvent {
  readonly accountId: string;
  /** The account's display name (AccountState.name), for output lines. */
  readonly account: string;
}

export type MonitoringEvent =
  /** A successful poll. `durationMs`: the request's wall time by the injected clock. */
  | (AccountEvent & { readonly type: 'snapshot'; readonly snapshot: FleetSnapshot; readonly revision: number; readonly durationMs: number })
  /** Sent right after each snapshot: the step from `revision - 1` (the first one: from no groups). Fits `GroupsChange`. */
  | (AccountEvent & {
      readonly type: 'change';
      readonly revision: number;
      readonly fetchedAt: number;
      readonly change: SnapshotChange;
      readonly totals: Counts;
    })
  /** A spike notification (`notification.kind === 'spike'`), after the snapshot that caused it. Not sent while snoozed. */
  | (AccountEvent & { readonly type: 'spike'; readonly notification: SpikeNotification })
  /** A recovery notification (`notification.kind === 'recovery'`). */
  | (AccountEvent & { readonly type: 'recovery'; readonly notification: SpikeNotification })
  /**
   * A failed poll, or an account that could not start (then `halted`, `durationMs` null). `error.kind` and
   * `error.httpStatus` say what failed.
   */
  | (AccountEvent & {
      readonly type: 'error';
      readonly error: WorkspaceError;
      /** When polling tries again by itself; null when it waits for refresh(), resume() or new settings. */
      readonly nextAttemptAt: number | null;
      readonly halted: boolean;
      readonly durationMs: number | null;
    })
  /** No successful poll for two intervals. */
  | (AccountEvent & { readonly type: 'stale'; readonly lastSuccessAt: number | null })
  /** History could not be opened or written; monitoring goes on. Once per run of failures. */
  | (AccountEvent & { readonly type: 'history-error'; readonly error: WorkspaceError })
  /** Anything in state() changed (sent after the events above, at most once per change). */
  | { readonly type: 'state'; readonly state: MonitoringState };

export type MonitoringEventType = MonitoringEvent['type'];
export type MonitoringEventOf<T extends MonitoringEventType> = Extract<MonitoringEvent, { readonly type: T }>;

export interface MonitoringService {
  /**
   * Reads the settings, resolves every account in scope (its secret from the keychain, its authenticator, its
   * history) and starts polling. An account that cannot start (keychain locked, no secret) is kept with its
   * error, halted, and reported by an `error` event; the others run. Fails only when the settings cannot be
   * read or the scope is impossible (no saved account and no demo; an unknown account id).
   * In `once` mode, resolves after every account has answered once.
   */
  start(): Promise<WorkspaceResult<void>>;

  /** Stops polling, waits for history writes under way, closes history and the demo simulator. Idempotent. */
  stop(): Promise<void>;

  /**
   * New settings, applied live: accounts diffed by id (added ones start, removed ones stop and close their
   * history, edited ones get a new authenticator and keep their history and baselines; a rename only relabels),
   * interval, timeout, spike thresholds, badge metric, `notifications.pausedUntil`. With the `settings` scope the
   * demo account comes and goes with the first and last saved account.
   */
  applySettings(settings: Settings): Promise<void>;

  /** The account's secret changed in the keychain: rebuilds its authenticator and polls now. */
  credentialsChanged(accountId: string): Promise<void>;

  state(): MonitoringState;
  accountState(accountId: string): AccountState | null;

  /** The account's last good snapshot with its revision; null before the first one or for an unknown id. */
  groups(accountId: string): AccountGroups | null;

  /** Every event; returns the unsubscribe function. A throwing listener never stops monitoring. */
  subscribe(listener: (event: MonitoringEvent) => void): () => void;
  /** Events of one type; returns the unsubscribe function. */
  on<T extends MonitoringEventType>(type: T, listener: (event: MonitoringEventOf<T>) => void): () => void;

  /**
   * Polls now: one account, or every account. Also restarts an account halted by an error, and retries one
   * that could not start (its secret is read again). Resolves when the poll(s) completed; never rejects.
   */
  refresh(accountId?: string): Promise<void>;

  /** Stops polling (system sleep, offline) until resume(); one account, or all. State says `paused`. */
  pause(accountId?: string): void;
  /** Polls at once and goes back to the schedule. */
  resume(accountId?: string): Promise<void>;

  /**
   * Holds spike and recovery notifications until `until` (epoch ms); null resumes them. Saved as
   * `notifications.pausedUntil` in the settings (which is what drives it), so the pause survives a restart.
   */
  snooze(until: number | null): Promise<WorkspaceResult<void>>;

  /** Group keys (or FLEET_KEY) of one account over a range, several series in one call, with its spike marks. */
  queryHistory(request: HistoryRequest): Promise<WorkspaceResult<HistoryAnswer>>;

  /**
   * The account's spikes and recoveries, oldest first, within the range: those this service saw, and (with
   * `openSpikeLog`) those of the last 30 days persisted before it started.
   */
  spikeLog(accountId: string, from?: number, to?: number): readonly SpikeMark[];

  /** One real status request with a draft (nothing stored; a password draft's token stays in memory) or a saved account. */
  testConnection(target: ConnectionDraft | { readonly accountId: string }): Promise<WorkspaceResult<ConnectionTestAnswer>>;

  /** What an on-demand request needs for a monitored account; an error when it is unknown or could not start. */
  requestContext(accountId: string): WorkspaceResult<RequestContext>;
}

export function createMonitoringService(deps: MonitoringServiceDeps): MonitoringService {
  return new MonitoringServiceImpl(deps);
}
