// Every side effect the core and the use-cases need, as small interfaces. Adapters are named after the tool
// behind them (KeytarSecretStore, FileHistoryStore, NetFetchHttpClient) and live in main/node or main/electron.
import type { Counts, GroupStatus } from './api/fields.js';
import type { WorkspaceResult } from './errors.js';
import type { Settings } from './settings/schema.js';

/** Fetch-compatible: Node's global `fetch` and Electron's `net.fetch` both fit. */
export type HttpClient = (url: string, init: RequestInit) => Promise<Response>;

/** Cancels a scheduled callback; calling it twice is harmless. */
export type CancelTimer = () => void;

/** Time, injected so that tests run on fake time and nothing in the core reads the real clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  schedule(callback: () => void, delayMs: number): CancelTimer;
}

/** A uniform random number in [0, 1), injected so backoff jitter is reproducible in tests. */
export type Random = () => number;

/**
 * The OS keychain. Keys are opaque strings chosen by the accounts use-case; values are secrets and must never
 * leave this interface except into an Authorization-type request header.
 */
export interface SecretStore {
  get(key: string): Promise<WorkspaceResult<string | null>>;
  set(key: string, value: string): Promise<WorkspaceResult<void>>;
  /** `true` when something was deleted. */
  delete(key: string): Promise<WorkspaceResult<boolean>>;
}

/** One snapshot as history stores it: the groups, and the fleet (the totals). */
export interface HistorySample {
  readonly at: number;
  readonly groups: readonly GroupStatus[];
  readonly totals: Counts;
}

/** A point of a series: full resolution for recent data, a downsampled bucket beyond. */
export interface HistoryPoint {
  readonly at: number;
  readonly counts: Counts;
  /** Width of the bucket this point summarises, 0 for a full-resolution sample. */
  readonly bucketMs: number;
}

/** The fleet series: the totals of every group. Group names never start with a NUL character. */
export const FLEET_SERIES = '\u0000fleet';

export interface HistoryQuery {
  /** A group's key (`GroupStatus.key`), or FLEET_SERIES. */
  readonly series: string;
  readonly from: number;
  readonly to: number;
}

export interface HistoryStore {
  append(sample: HistorySample): Promise<WorkspaceResult<void>>;
  query(query: HistoryQuery): Promise<WorkspaceResult<readonly HistoryPoint[]>>;
  /**
   * Several series over one range at once (a dashboard's charts), sharing the work per stored file; the map has
   * an entry, possibly empty, per requested series. Optional: without it, call `query` per series.
   */
  queryMany?(series: readonly string[], from: number, to: number): Promise<WorkspaceResult<ReadonlyMap<string, readonly HistoryPoint[]>>>;
  /**
   * Catches up on upkeep that piled up while nothing ran (expired days, hours due for downsampling), so appends go
   * back to one small step each. Optional; the monitoring service calls it once after opening.
   */
  maintain?(now: number): Promise<WorkspaceResult<void>>;
  close(): Promise<void>;
}

/** Diagnostics. Adapters write where the shell decides; callers never pass secrets. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The non-secret settings file. Electron uses electron-store, the CLI a plain file of the same format;
 * both validate with the one schema in core/settings. A failed read never overwrites the file.
 */
export interface SettingsStore {
  read(): Promise<WorkspaceResult<Settings>>;
  /** Applies `change` to the current settings, validates the result and writes it atomically. */
  update(change: (current: Settings) => Settings): Promise<WorkspaceResult<Settings>>;
}

/** A spike or a recovery as the spike log keeps it (the same shape as `SpikeMark` in preload/contract.ts). */
export interface SpikeLogRecord {
  readonly at: number;
  readonly kind: 'spike' | 'recovery';
  readonly severity: 'warning' | 'critical';
  /** The group keys it names; empty for a fleet-only notification. */
  readonly groupKeys: readonly string[];
  readonly fleet: boolean;
  readonly title: string;
}

/**
 * An account's spike log, beside its history: the spikes and recoveries its monitor saw, kept across restarts
 * (format and bounds in core/spike-log). The Node adapter is FileSpikeLog (main/node/file-spike-log.ts). Only the
 * process that holds the account's history lock writes it; readers take no lock.
 */
export interface SpikeLogStore {
  /** Adds one record at the end; a crash while it runs loses at most this record. */
  append(record: SpikeLogRecord): Promise<WorkspaceResult<void>>;
  /** The records with `at` in [from, to], oldest first. */
  read(from: number, to: number): Promise<WorkspaceResult<readonly SpikeLogRecord[]>>;
  /** Waits for appends under way. */
  close(): Promise<void>;
}
