// The one IPC contract between main, preload and renderer: every request and event, written once as a map of
// function signatures. Types only (plus the list of names the preload needs at run time): main validates every
// payload at run time, because types are erased there, and checks that the sender is one of our windows.
//
// Data crosses as plain objects (structured clone). A group list is sent in full once per window (and after a
// reset), then as the smallest change between two polls, so a 5,000-group fleet is not copied on every poll.
import type { AccountSecret } from '../main/core/auth/secrets.js';
import type { Counts, CountField, GroupStatus } from '../main/core/api/fields.js';
import type { SnapshotChange } from '../main/core/engine/snapshot-diff.js';
import type { SpikeNotification } from '../main/core/engine/notification.js';
import type { WorkspaceError } from '../main/core/errors.js';
import type { Result } from '../main/core/result.js';
import type { Account, Region, AuthMethod, Settings } from '../main/core/settings/schema.js';
import type { LoginRecord } from '../main/core/api/desktops.js';
import type { DesktopRowView, DisconnectedList, ListNote } from '../main/core/desktops/rows.js';
import type { FailureAnalysis } from '../main/core/desktops/failure-analysis.js';

export type { AccountSecret, Counts, CountField, GroupStatus, SnapshotChange, SpikeNotification, WorkspaceError, Result, Region, AuthMethod };

/** Everything that can fail answers with the core's one error type; it carries no secret. */
export type BridgeResult<T> = Result<T, WorkspaceError>;

/** Where a window is, and where a notification click or a tray menu item sends it. */
export type Route =
  | { readonly view: 'popup' }
  | { readonly view: 'dashboard'; readonly accountId?: string }
  | { readonly view: 'group'; readonly accountId: string; readonly groupKey: string }
  /** `accountId` with section `accounts`: that account's form (the popup's "Reconnect the account"). */
  | { readonly view: 'settings'; readonly section?: 'accounts' | 'add-account' | 'alerts' | 'general'; readonly accountId?: string };

/** How current an account's data is, in the order a person cares: an error beats stale beats refreshing. */
export type Freshness = 'fresh' | 'refreshing' | 'stale' | 'paused' | 'error';

/** One monitored account, as every window shows it. The groups travel separately (`getGroups`, `groupsChanged`). */
export interface AccountView {
  /** The settings id of a saved account; `demo` for the embedded simulator. */
  readonly id: string;
  readonly name: string;
  readonly demo: boolean;
  readonly region: Region | null;
  readonly projectId: string;
  readonly freshness: Freshness;
  /** The latest poll's error (kept while the last good data is shown as stale). */
  readonly error: WorkspaceError | null;
  /** Retrying cannot help (credentials, permission, configuration): polling waits for the user. */
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
}

/** What the popup and the dashboard start from and are sent again whenever any part of it changes. */
export interface AppState {
  /** True when no account is configured and the embedded simulator is shown. */
  readonly demo: boolean;
  readonly accounts: readonly AccountView[];
  readonly badgeMetric: CountField;
  /** Spike notifications are held back until then (epoch ms); null when they are not paused. */
  readonly notificationsPausedUntil: number | null;
  /** The fleet of all accounts together (sum of each account's totals). */
  readonly totals: Counts | null;
  readonly theme: 'light' | 'dark';
  readonly language: 'en' | 'zh-CN';
  readonly platform: 'darwin' | 'win32' | 'linux';
  readonly appVersion: string;
}

/** An account's full group list; `revision` grows by one per poll so a window can tell a missed change. */
export interface GroupsSnapshot {
  readonly accountId: string;
  readonly revision: number;
  readonly fetchedAt: number;
  readonly groups: readonly GroupStatus[];
  readonly totals: Counts;
}

/** The step from `revision - 1` to `revision`. A window that holds another revision asks for `getGroups` again. */
export interface GroupsChange {
  readonly accountId: string;
  readonly revision: number;
  readonly fetchedAt: number;
  readonly change: SnapshotChange;
  readonly totals: Counts;
}

export type HistoryRange = '1h' | '24h' | '7d' | '30d';

/** The fleet of an account as a series key, beside the groups' stable keys. */
export const FLEET_KEY = '(fleet)';

export interface HistoryRequest {
  readonly accountId: string;
  /** Group keys, or FLEET_KEY. At most 24 per request. */
  readonly series: readonly string[];
  readonly range: HistoryRange;
}

export interface HistoryPointView {
  readonly at: number;
  readonly counts: Counts;
  /** 0 for a full-resolution sample; the bucket width for a downsampled peak. */
  readonly bucketMs: number;
}

export interface SpikeMark {
  readonly at: number;
  readonly kind: 'spike' | 'recovery';
  readonly severity: 'warning' | 'critical';
  /** The group keys it names; empty for a fleet-only spike. */
  readonly groupKeys: readonly string[];
  readonly fleet: boolean;
  readonly title: string;
}

export interface HistoryAnswer {
  readonly from: number;
  readonly to: number;
  readonly series: readonly { readonly key: string; readonly points: readonly HistoryPointView[] }[];
  readonly spikes: readonly SpikeMark[];
}

/** The non-secret settings the renderer may read and change (accounts are changed through their own calls). */
export type SettingsView = Omit<Settings, 'accounts' | 'version'> & { readonly accounts: readonly Account[] };

/** A partial change: each present section replaces the fields it names. Validated in main with the core schema. */
export type SettingsPatch = {
  readonly [K in keyof Omit<SettingsView, 'accounts'>]?: SettingsView[K] extends object ? Partial<SettingsView[K]> : SettingsView[K];
};

/** A new account, or new details for one. The secret goes to main once and is never readable again. */
export interface AccountDraft {
  readonly name: string;
  readonly region?: Region;
  readonly endpoint?: string;
  readonly projectId: string;
  readonly iamEndpoint?: string;
  readonly credentials: AccountSecret;
}

/** What "Test connection" shows: the real answer, summed up. */
export interface ConnectionTestAnswer {
  readonly groupCount: number;
  readonly totals: Counts;
  readonly endpoint: string;
  readonly elapsedMs: number;
}

export type CsvExport =
  | { readonly kind: 'groups'; readonly accountId: string }
  | { readonly kind: 'history'; readonly accountId: string; readonly series: readonly string[]; readonly range: HistoryRange }
  | { readonly kind: 'disconnected'; readonly accountId: string; readonly groupKey: string | null };

export type { DesktopRowView, DisconnectedList, FailureAnalysis, ListNote, LoginRecord };

export type SaveAnswer = { readonly saved: true; readonly path: string } | { readonly saved: false };

/** Renderer → main. Each key is a method of the bridge object; the IPC channel is `wt:<key>`. */
export interface BridgeRequests {
  getState(): AppState;
  /** The account's current groups; null before its first snapshot. */
  getGroups(accountId: string): GroupsSnapshot | null;
  queryHistory(request: HistoryRequest): BridgeResult<HistoryAnswer>;
  /** Polls now; null refreshes every account. */
  refresh(accountId: string | null): void;
  /** Holds spike notifications until then; null resumes them. */
  pauseNotifications(until: number | null): void;
  getSettings(): SettingsView;
  updateSettings(patch: SettingsPatch): BridgeResult<SettingsView>;
  addAccount(draft: AccountDraft): BridgeResult<Account>;
  /** Replaces an account's details; `credentials` may be left out to keep the stored secret. */
  editAccount(accountId: string, draft: Omit<AccountDraft, 'credentials'> & { readonly credentials?: AccountSecret }): BridgeResult<Account>;
  /** Tests a draft before saving it (nothing is stored), or a saved account by id. */
  testConnection(target: AccountDraft | { readonly accountId: string }): BridgeResult<ConnectionTestAnswer>;
  removeAccount(accountId: string, options: { readonly deleteHistory: boolean }): BridgeResult<void>;
  exportCsv(request: CsvExport): BridgeResult<SaveAnswer>;
  /** Who is disconnected in a group (or the whole account, null), since when, and their last connection. */
  listDisconnected(accountId: string, groupKey: string | null): BridgeResult<DisconnectedList>;
  /** Opens the Huawei Cloud Workspace console of the account's region in the browser. */
  openConsole(accountId: string): void;
  /**
   * Opens (or brings forward) the window that shows `route`, which main picks with core/shell/app-windows.ts: the
   * dashboard (null: its table), or the settings window for a settings route. The name predates that window.
   */
  openDashboard(route: Route | null): void;
  /** Hides the window that asks (the popup on Escape). */
  closeWindow(): void;
}

/** Main → renderer. */
export interface BridgeEvents {
  state: AppState;
  groupsChanged: GroupsChange;
  navigate: Route;
  notification: SpikeNotification & { readonly accountId: string };
}

/** The request names at run time, for the preload and main; the type below fails to compile if one is missing. */
export const BRIDGE_REQUESTS = [
  'getState', 'getGroups', 'queryHistory', 'refresh', 'pauseNotifications', 'getSettings', 'updateSettings',
  'addAccount', 'editAccount', 'testConnection', 'removeAccount', 'exportCsv', 'listDisconnected', 'openConsole', 'openDashboard', 'closeWindow',
] as const satisfies readonly (keyof BridgeRequests)[];
export const BRIDGE_EVENTS = ['state', 'groupsChanged', 'navigate', 'notification'] as const satisfies readonly (keyof BridgeEvents)[];

type Missing<All, Listed> = Exclude<All, Listed>;
/** Compile-time check that the lists above name every request and event. */
export type BridgeListsAreComplete = [Missing<keyof BridgeRequests, (typeof BRIDGE_REQUESTS)[number]>, Missing<keyof BridgeEvents, (typeof BRIDGE_EVENTS)[number]>] extends [never, never] ? true : never;
const listsAreComplete: BridgeListsAreComplete = true;
void listsAreComplete;

export const requestChannel = (name: keyof BridgeRequests): string => `wt:${name}`;
export const eventChannel = (name: keyof BridgeEvents): string => `wt:event:${name}`;

/** The object the preload exposes as `window.workspaceTray`; the renderer reaches it only via renderer/lib/bridge.ts. */
export type Bridge = {
  readonly [K in keyof BridgeRequests]: (...args: Parameters<BridgeRequests[K]>) => Promise<ReturnType<BridgeRequests[K]>>;
} & {
  /** Returns the unsubscribe function. */
  on<E extends keyof BridgeEvents>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void;
};

export const BRIDGE_GLOBAL = 'workspaceTray';
