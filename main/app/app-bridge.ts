// What each bridge request does, over the monitoring service, the saved accounts and the settings. The Electron
// shell registers these as IPC handlers (main/electron/ipc.ts) after checking the sender and the payload, and
// supplies the few effects that need a window or the OS (`BridgeShell`). No Electron here, so it is tested in Node.
import type { AccountView, AppState, BridgeRequests, BridgeResult, GroupsSnapshot, Route, SaveAnswer, SettingsPatch, SettingsView } from '../../preload/contract.js';
import { FLEET_KEY } from '../core/api/group-keys.js';
import { phrase, withConsistentWording, wordedError } from '../core/error-wording.js';
import type { WorkspaceError } from '../core/errors.js';
import type { Clock, SecretStore, SettingsStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { groupsToCsv, historyToCsv } from '../core/history/csv.js';
import { disconnectedToCsv } from '../core/desktops/rows.js';
import { workspaceConsoleUrl } from '../core/shell/external-links.js';
import type { Settings } from '../core/settings/schema.js';
import { Accounts, secretKey } from './accounts.js';
import type { DisconnectedService } from './disconnected-service.js';
import type { AccountState, MonitoringService, MonitoringState } from './monitoring-service.js';

/** The requests' effects outside the service: windows, dialogs, the browser. `S` identifies the asking window. */
export interface BridgeShell<S> {
  /** Opens the window that shows the route (see BridgeRequests.openDashboard). */
  openDashboard(route: Route | null): void;
  closeWindow(sender: S): void;
  /** Opens a Huawei Cloud console page in the browser (refused for anything else). */
  openConsole(url: string): Promise<boolean>;
  /** Asks where to save (a save dialog) and writes the file; `saved: false` when the person cancels. */
  saveText(sender: S, suggestedName: string, text: string): Promise<BridgeResult<SaveAnswer>>;
  /** The parts of the app state the service does not know. */
  presentation(): Pick<AppState, 'theme' | 'language' | 'platform' | 'appVersion'>;
  /** Settings were saved: theme, language, launch at login follow. */
  settingsChanged(settings: Settings): void;
  /** Removes an account's history folder. */
  deleteHistory(accountId: string): Promise<BridgeResult<void>>;
}

export interface AppBridgeDeps<S> {
  readonly service: MonitoringService;
  /** Who is disconnected (issue 14): the drill-down lists, fetched on demand. */
  readonly disconnected: Pick<DisconnectedService, 'list'>;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly shell: BridgeShell<S>;
}

type Handlers<S> = { readonly [K in keyof BridgeRequests]: (sender: S, ...args: Parameters<BridgeRequests[K]>) => Promise<ReturnType<BridgeRequests[K]>> | ReturnType<BridgeRequests[K]> };

const RANGE_MS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;

export function accountView(account: AccountState): AccountView {
  return {
    id: account.id,
    name: account.name,
    demo: account.demo,
    region: account.region,
    projectId: account.projectId,
    freshness: account.freshness,
    error: account.error === null ? null : withConsistentWording(account.error),
    halted: account.halted,
    lastSuccessAt: account.lastSuccessAt,
    nextPollAt: account.nextPollAt,
    totals: account.totals,
    groupCount: account.groupCount,
    spikingGroupKeys: account.spikingGroupKeys,
    fleetSpiking: account.fleetSpiking,
  };
}

export function appState(state: MonitoringState, presentation: Pick<AppState, 'theme' | 'language' | 'platform' | 'appVersion'>): AppState {
  return {
    demo: state.demo,
    accounts: state.accounts.map(accountView),
    badgeMetric: state.badgeMetric,
    notificationsPausedUntil: state.notificationsPausedUntil,
    totals: state.totals,
    ...presentation,
  };
}

/** A settings patch applied section by section; the settings store validates the result with the one schema. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Record<string, unknown> = { ...current };
  for (const [section, value] of Object.entries(patch)) {
    const existing = next[section];
    next[section] = value !== null && typeof value === 'object' && existing !== null && typeof existing === 'object' ? { ...existing, ...value } : value;
  }
  return next as Settings;
}

const settingsView = (settings: Settings): SettingsView => {
  const { version: _version, ...view } = settings;
  return view;
};

export function appBridgeHandlers<S>(deps: AppBridgeDeps<S>): Handlers<S> {
  return withCheckedErrors(bridgeHandlers(deps));
}

/**
 * Every error a request answers with keeps its wording only while the wording still says what its message and hint
 * say (an error reworded in English after it was worded would otherwise be shown in other words by the windows).
 */
function withCheckedErrors<S>(handlers: Handlers<S>): Handlers<S> {
  const checked = (answer: unknown): unknown => (isFailure(answer) ? { ...answer, error: withConsistentWording(answer.error) } : answer);
  const wrapped = Object.entries(handlers).map(([name, handler]) => [
    name,
    (...args: unknown[]) => {
      const answer: unknown = (handler as (...args: unknown[]) => unknown)(...args);
      return answer instanceof Promise ? answer.then(checked) : checked(answer);
    },
  ]);
  return Object.fromEntries(wrapped) as Handlers<S>;
}

function isFailure(answer: unknown): answer is { readonly ok: false; readonly error: WorkspaceError } {
  return typeof answer === 'object' && answer !== null && 'ok' in answer && answer.ok === false && 'error' in answer;
}

function bridgeHandlers<S>(deps: AppBridgeDeps<S>): Handlers<S> {
  const { service, settings, secrets, clock, shell, disconnected } = deps;
  const accounts = new Accounts(settings, secrets);
  const reapply = async (): Promise<void> => {
    const read = await settings.read();
    if (!read.ok) return;
    await service.applySettings(read.value);
    shell.settingsChanged(read.value);
  };
  const accountById = async (accountId: string) => {
    const list = await accounts.list();
    if (!list.ok) return list;
    const found = list.value.find((account) => account.id === accountId);
    return found === undefined ? err(wordedError('config', phrase('account.no-such-id', { id: JSON.stringify(accountId) }))) : ok(found);
  };

  return {
    getState: () => appState(service.state(), shell.presentation()),
    getGroups: (_sender, accountId): GroupsSnapshot | null => {
      const groups = service.groups(accountId);
      return groups === null ? null : { accountId, revision: groups.revision, fetchedAt: groups.fetchedAt, groups: groups.groups, totals: groups.totals };
    },
    queryHistory: async (_sender, request) => {
      const to = clock.now();
      const answer = await service.queryHistory({ accountId: request.accountId, series: request.series, from: to - RANGE_MS[request.range], to });
      return answer;
    },
    refresh: async (_sender, accountId) => {
      await service.refresh(accountId ?? undefined);
    },
    pauseNotifications: async (_sender, until) => {
      await service.snooze(until);
    },
    getSettings: async () => {
      const read = await settings.read();
      if (!read.ok) throw new Error(read.error.message);
      return settingsView(read.value);
    },
    updateSettings: async (_sender, patch) => {
      const updated = await settings.update((current) => applySettingsPatch(current, patch));
      if (!updated.ok) return updated;
      await service.applySettings(updated.value);
      shell.settingsChanged(updated.value);
      return ok(settingsView(updated.value));
    },
    addAccount: async (_sender, draft) => {
      const { credentials, ...fields } = draft;
      const added = await accounts.add({ ...fields, auth: credentials.method }, credentials);
      if (added.ok) await reapply();
      return added;
    },
    editAccount: async (_sender, accountId, draft) => {
      const found = await accountById(accountId);
      if (!found.ok) return found;
      const { credentials, ...fields } = draft;
      const auth = credentials?.method ?? found.value.auth;
      if (credentials !== undefined) {
        const stored = await secrets.set(secretKey(found.value), JSON.stringify(credentials.secret));
        if (!stored.ok) return stored;
      }
      const { region, endpoint, iamEndpoint, ...rest } = fields;
      const edited = { id: accountId, ...rest, auth, ...(region === undefined ? {} : { region }), ...(endpoint === undefined ? {} : { endpoint }), ...(iamEndpoint === undefined ? {} : { iamEndpoint }) };
      const updated = await settings.update((current) => ({ ...current, accounts: current.accounts.map((account) => (account.id === accountId ? edited : account)) }));
      if (!updated.ok) return updated;
      await service.applySettings(updated.value);
      if (credentials !== undefined) await service.credentialsChanged(accountId);
      return ok(edited);
    },
    testConnection: (_sender, target) => {
      if ('accountId' in target) return service.testConnection({ accountId: target.accountId });
      const { name: _name, ...draft } = target;
      return service.testConnection(draft);
    },
    removeAccount: async (_sender, accountId, options) => {
      const found = await accountById(accountId);
      if (!found.ok) return found;
      const removed = await accounts.remove(found.value.name);
      if (!removed.ok) return removed;
      await reapply();
      return options.deleteHistory ? shell.deleteHistory(accountId) : ok(undefined);
    },
    exportCsv: async (sender, request) => {
      switch (request.kind) {
        case 'groups': {
          const groups = service.groups(request.accountId);
          if (groups === null) return err(wordedError('config', phrase('export.no-data'), [phrase('hint.wait-first-poll')]));
          return shell.saveText(sender, 'workspace-groups.csv', groupsToCsv(groups.groups, groups.totals));
        }
        case 'disconnected': {
          const list = await disconnected.list(request.accountId, request.groupKey);
          if (!list.ok) return list;
          return shell.saveText(sender, 'workspace-disconnected.csv', disconnectedToCsv(list.value.desktops));
        }
        case 'history': {
          const to = clock.now();
          const answer = await service.queryHistory({ accountId: request.accountId, series: request.series, from: to - RANGE_MS[request.range], to });
          if (!answer.ok) return answer;
          const text = answer.value.series.map((series) => historyToCsv(series.points, series.key === FLEET_KEY ? '(fleet)' : series.key)).join('');
          return shell.saveText(sender, `workspace-tray-${request.range}.csv`, text);
        }
      }
    },
    listDisconnected: (_sender, accountId, groupKey) => disconnected.list(accountId, groupKey),
    openConsole: async (_sender, accountId) => {
      const account = service.accountState(accountId);
      await shell.openConsole(workspaceConsoleUrl(account?.region ?? null));
    },
    openDashboard: (_sender, route) => shell.openDashboard(route),
    closeWindow: (sender) => shell.closeWindow(sender),
  };
}
