// A realistic stand-in for main behind the renderer's bridge: accounts, a fleet of desktop groups that changes
// revision by revision (sent as diffs made by the core's diffSnapshots), history with spikes, settings validated
// by the core's schema, accounts added with their secret kept apart, and a recorded log of every call.
// The renderer's component tests use it directly; the browser tests run it in the test process and wire it to
// the page (test/e2e/fake-bridge-page.ts).
import { COUNT_FIELDS, type Counts } from '../../main/core/api/fields.js';
import { checkProjectId, resolveWorkspaceEndpoint } from '../../main/core/api/endpoint.js';
import { groupKeys } from '../../main/core/api/group-keys.js';
import { diffSnapshots, type KeyedGroup } from '../../main/core/engine/snapshot-diff.js';
import type { LoginRecord } from '../../main/core/api/desktops.js';
import { analyseFailures } from '../../main/core/desktops/failure-analysis.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../../main/core/errors.js';
import { errorFromResponse } from '../../main/core/api/error-response.js';
import { phrase, sayPhrase, wordedError } from '../../main/core/error-wording.js';
import { err, ok } from '../../main/core/result.js';
import { AccountSchema, DEFAULT_SETTINGS, SettingsSchema, type Account, type Settings } from '../../main/core/settings/schema.js';
import {
  FLEET_KEY,
  type AccountDraft,
  type AccountView,
  type AppState,
  type Bridge,
  type BridgeEvents,
  type BridgeRequests,
  type CsvExport,
  type DisconnectedList,
  type Freshness,
  type GroupsSnapshot,
  type HistoryAnswer,
  type HistoryPointView,
  type HistoryRange,
  type HistoryRequest,
  type Route,
  type SettingsPatch,
  type SettingsView,
  type SpikeMark,
} from '../../preload/contract.js';

type DisconnectedRow = DisconnectedList['desktops'][number];

export interface FakeAccountOptions {
  readonly id: string;
  readonly name: string;
  readonly groups: number;
  readonly seed: number;
  /** The account's last poll failed with this error (its groups kept as stale, or none). */
  readonly error?: WorkspaceError;
  readonly halted?: boolean;
  readonly freshness?: Freshness;
  readonly neverFetched?: boolean;
  /** The account was added this many minutes ago: its history holds nothing older (a chart of a few minutes). */
  readonly historyMinutes?: number;
}

export interface FakeBridgeOptions {
  readonly accounts?: readonly FakeAccountOptions[];
  /** No account configured: the embedded simulator's demo data. */
  readonly demo?: boolean;
  readonly systemTheme?: 'light' | 'dark';
  readonly systemLanguage?: 'en' | 'zh-CN';
  /** "Now" for the data; the real time by default, since the page's own clock ages it. */
  readonly now?: number;
}

export const DEMO_ID = 'demo';
export const AUTH_FAIL_PROJECT = 'badbadbadbadbadbadbadbadbadbadba';

const NAMED = [
  'Finance-Shanghai', 'CallCenter-Night', 'Dev-Pool-03', '研发中心-北京-开发测试桌面组', 'HR-Guangzhou', 'Design-Studio-GPU',
  'Regional-Operations-Customer-Support-Overflow-Pool-EMEA-Weekend-Shift', 'Sales-Shenzhen', 'Training-Lab', 'Legal-Archive',
  '客服中心-夜班', 'QA-Automation',
];
const SITES = ['Shanghai', 'Beijing', 'Shenzhen', 'Chengdu', 'Hangzhou', 'Singapore', 'Dubai', 'Mexico', 'Johannesburg', 'Istanbul'];
const TEAMS = ['Finance', 'CallCenter', 'Dev', 'Support', 'Sales', 'Ops', 'QA', 'Design', 'HR', 'Legal', 'Training', 'Data'];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function groupName(index: number, count: number): string | null {
  if (count <= NAMED.length) return NAMED[index] ?? null;
  if (index === 17) return null;
  return `${TEAMS[index % TEAMS.length]}-${SITES[Math.floor(index / TEAMS.length) % SITES.length]}-${String(Math.floor(index / (TEAMS.length * SITES.length)) + 1).padStart(2, '0')}`;
}

function makeGroup(key: string, name: string | null, rand: () => number, unknownLogin: boolean): KeyedGroup {
  const desktops = 8 + Math.floor(rand() * 240);
  const disconnected = Math.floor(desktops * rand() * 0.12);
  const unregistered = Math.floor(desktops * rand() * 0.04);
  const unknown = Math.floor(desktops * rand() * 0.02);
  const inUse = Math.floor((desktops - disconnected - unregistered - unknown) * (0.35 + rand() * 0.5));
  const ready = desktops - disconnected - unregistered - unknown - inUse;
  const stopped = Math.floor(ready * rand() * 0.5);
  const hibernated = Math.floor(ready * rand() * 0.2);
  const other = unknown;
  const running = desktops - stopped - hibernated - other;
  const unattached = Math.floor(desktops * rand() * 0.08);
  const cannot = Math.floor(desktops * rand() * 0.02);
  const inProcess = Math.floor(desktops * rand() * 0.02);
  return {
    key,
    static_name: name,
    running_num: running,
    stop_num: stopped,
    hibernate_num: hibernated,
    other_num: other,
    attached_num: desktops - unattached - cannot - inProcess,
    unattached_num: unattached,
    cannot_attach_num: cannot,
    in_process_num: inProcess,
    in_use_num: unknownLogin ? null : inUse,
    ready_num: unknownLogin ? null : ready,
    disconnected_num: unknownLogin ? null : disconnected,
    unregistered_num: unknownLogin ? null : unregistered,
    unknown_num: unknownLogin ? null : unknown,
  };
}

export function makeFleet(count: number, seed: number): KeyedGroup[] {
  const rand = random(seed);
  const names = Array.from({ length: count }, (_, index) => groupName(index, count));
  // Keys by the core's own rule (unnamed and repeated names get generated keys), as main sends them.
  const keys = groupKeys(names);
  // One group of the 12 reports no login counts: the UI must say "unknown", never 0.
  return names.map((name, index) => makeGroup(keys[index] ?? String(index), name, rand, count <= NAMED.length && index === 9));
}

function sum(groups: readonly KeyedGroup[]): Counts {
  const totals = {} as { -readonly [F in keyof Counts]: number | null };
  for (const field of COUNT_FIELDS) {
    let total: number | null = groups.length === 0 ? 0 : null;
    for (const group of groups) if (group[field] !== null) total = (total ?? 0) + (group[field] ?? 0);
    totals[field] = total;
  }
  return totals;
}

interface FakeAccount {
  view: AccountView;
  settings: Account | null;
  groups: KeyedGroup[];
  revision: number;
  fetchedAt: number;
  spikes: SpikeMark[];
  historyMinutes: number | null;
}

type Listener = (payload: never) => void;
export interface RecordedCall {
  readonly name: keyof BridgeRequests;
  readonly args: readonly unknown[];
}

const RANGE_MS: Readonly<Record<HistoryRange, number>> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };
const RANGE_STEP: Readonly<Record<HistoryRange, number>> = { '1h': 60_000, '24h': 300_000, '7d': 1_800_000, '30d': 7_200_000 };

export class FakeBridge {
  readonly calls: RecordedCall[] = [];
  /** What main would hand the keychain: kept apart from the settings, as the real app does. */
  readonly keychain = new Map<string, unknown>();
  readonly exports: CsvExport[] = [];
  now: number;
  settings: Settings;
  demo: boolean;
  readonly accounts = new Map<string, FakeAccount>();
  readonly #listeners = new Map<keyof BridgeEvents, Set<Listener>>();
  readonly #systemTheme: 'light' | 'dark';
  readonly #systemLanguage: 'en' | 'zh-CN';
  #nextId = 1;

  constructor(options: FakeBridgeOptions = {}) {
    this.now = options.now ?? Date.now();
    this.#systemTheme = options.systemTheme ?? 'light';
    this.#systemLanguage = options.systemLanguage ?? 'en';
    this.demo = options.demo ?? options.accounts === undefined;
    this.settings = DEFAULT_SETTINGS;
    const accounts = options.accounts ?? [{ id: DEMO_ID, name: 'Demo', groups: 12, seed: 7 }];
    for (const account of accounts) this.#addFake(account);
    if (!this.demo) {
      this.settings = {
        ...this.settings,
        accounts: accounts.map((account, index) => ({ id: account.id, name: account.name, region: index % 2 === 0 ? 'cn-north-4' : 'ap-southeast-1', projectId: `0a1b2c3d4e5f60718293a4b5c6d7e8f${index}`, auth: 'aksk' as const })),
      };
    }
  }

  #addFake(options: FakeAccountOptions): void {
    const groups = options.neverFetched ? [] : makeFleet(options.groups, options.seed);
    const totals = sum(groups);
    const error = options.error ?? null;
    const spikes: SpikeMark[] = [
      { at: this.now - 5 * 3_600_000, kind: 'spike', severity: 'warning', groupKeys: groups[1] ? [groups[1].key] : [], fleet: false, title: `Disconnected sessions spiked in ${groups[1]?.static_name ?? 'a group'} (+9)` },
      { at: this.now - 4.5 * 3_600_000, kind: 'recovery', severity: 'warning', groupKeys: groups[1] ? [groups[1].key] : [], fleet: false, title: `${groups[1]?.static_name ?? 'A group'} is back to normal` },
    ];
    this.accounts.set(options.id, {
      view: {
        id: options.id,
        name: options.name,
        demo: options.id === DEMO_ID,
        region: 'cn-north-4',
        projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        freshness: options.freshness ?? (error === null ? 'fresh' : 'error'),
        error,
        halted: options.halted ?? false,
        lastSuccessAt: options.neverFetched ? null : this.now - 20_000,
        nextPollAt: this.now + 40_000,
        totals: options.neverFetched ? null : totals,
        groupCount: groups.length,
        spikingGroupKeys: [],
        fleetSpiking: false,
      },
      settings: null,
      groups,
      revision: 1,
      fetchedAt: this.now - 20_000,
      spikes,
      historyMinutes: options.historyMinutes ?? null,
    });
  }

  /** The bridge object the renderer sees: every method recorded and answered asynchronously, like IPC. */
  get bridge(): Bridge {
    const handle = <K extends keyof BridgeRequests>(name: K) =>
      (...args: Parameters<BridgeRequests[K]>): Promise<ReturnType<BridgeRequests[K]>> => Promise.resolve(this.handle(name, args));
    const methods = Object.fromEntries(
      (['getState', 'getGroups', 'queryHistory', 'refresh', 'pauseNotifications', 'getSettings', 'updateSettings', 'addAccount', 'editAccount', 'testConnection', 'removeAccount', 'exportCsv', 'listDisconnected', 'openConsole', 'openDashboard', 'closeWindow'] as const).map((name) => [name, handle(name)]),
    );
    return { ...methods, on: (event, listener) => this.on(event, listener) } as Bridge;
  }

  on<E extends keyof BridgeEvents>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set<Listener>();
    this.#listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  emit<E extends keyof BridgeEvents>(event: E, payload: BridgeEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (payload: BridgeEvents[E]) => void)(payload);
  }

  /** Answers one request: the same dispatch serves the in-process bridge and the page binding of the e2e tests. */
  handle<K extends keyof BridgeRequests>(name: K, args: readonly unknown[]): ReturnType<BridgeRequests[K]> {
    this.calls.push({ name, args });
    const answer = (this[`request_${name}` as const] as (...values: readonly unknown[]) => unknown).apply(this, args as unknown[]);
    return answer as ReturnType<BridgeRequests[K]>;
  }

  request_getState(): AppState {
    return this.state();
  }

  request_getGroups(accountId: string): GroupsSnapshot | null {
    const account = this.accounts.get(accountId);
    if (account === undefined || account.view.lastSuccessAt === null) return null;
    return { accountId, revision: account.revision, fetchedAt: account.fetchedAt, groups: account.groups, totals: sum(account.groups) };
  }

  request_queryHistory(request: HistoryRequest): ReturnType<BridgeRequests['queryHistory']> {
    const account = this.accounts.get(request.accountId);
    if (account === undefined) return err(workspaceError('not-found', `No account ${request.accountId}`));
    return ok(this.history(account, request.series, request.range));
  }

  request_refresh(accountId: string | null): void {
    for (const account of this.accounts.values()) {
      if (accountId !== null && account.view.id !== accountId) continue;
      account.view = { ...account.view, freshness: 'refreshing' };
    }
    this.emit('state', this.state());
  }

  request_pauseNotifications(until: number | null): void {
    this.settings = { ...this.settings, notifications: { ...this.settings.notifications, pausedUntil: until } };
    this.emit('state', this.state());
  }

  request_getSettings(): SettingsView {
    const { version: _version, ...view } = this.settings;
    return view;
  }

  request_updateSettings(patch: SettingsPatch): ReturnType<BridgeRequests['updateSettings']> {
    const merged: Record<string, unknown> = { ...this.settings };
    for (const [section, value] of Object.entries(patch)) {
      const current = merged[section];
      merged[section] = typeof value === 'object' && value !== null && typeof current === 'object' ? { ...current, ...value } : value;
    }
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success) return err(workspaceError('config', `Settings not saved: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')} not valid`));
    this.settings = parsed.data;
    this.emit('state', this.state());
    return ok(this.request_getSettings());
  }

  request_addAccount(draft: AccountDraft): ReturnType<BridgeRequests['addAccount']> {
    const checked = this.#checkDraft(draft);
    if (!checked.ok) return checked;
    // Main's own error for a taken name (app/accounts.ts), worded the same way.
    if (this.settings.accounts.some((account) => account.name === draft.name)) return err(wordedError('config', phrase('account.name-taken', { name: JSON.stringify(draft.name) }), [phrase('hint.name-taken')]));
    const id = `00000000-0000-4000-8000-${String(this.#nextId++).padStart(12, '0')}`;
    const account = AccountSchema.parse({ id, name: draft.name, region: draft.region, endpoint: draft.endpoint, projectId: draft.projectId, auth: draft.credentials.method, iamEndpoint: draft.iamEndpoint });
    this.keychain.set(id, draft.credentials);
    this.settings = { ...this.settings, accounts: [...this.settings.accounts, account] };
    if (this.demo) {
      this.demo = false;
      this.accounts.clear();
    }
    this.#addFake({ id, name: account.name, groups: 12, seed: 99 });
    this.emit('state', this.state());
    return ok(account);
  }

  request_editAccount(accountId: string, draft: Omit<AccountDraft, 'credentials'> & { readonly credentials?: AccountDraft['credentials'] }): ReturnType<BridgeRequests['editAccount']> {
    const existing = this.settings.accounts.find((account) => account.id === accountId);
    if (existing === undefined) return err(workspaceError('not-found', 'No such account'));
    const account = AccountSchema.parse({ ...existing, name: draft.name, region: draft.region, endpoint: draft.endpoint, projectId: draft.projectId, auth: draft.credentials?.method ?? existing.auth });
    if (draft.credentials !== undefined) this.keychain.set(accountId, draft.credentials);
    this.settings = { ...this.settings, accounts: this.settings.accounts.map((candidate) => (candidate.id === accountId ? account : candidate)) };
    const fake = this.accounts.get(accountId);
    if (fake !== undefined) fake.view = { ...fake.view, name: account.name, error: null, halted: false, freshness: 'fresh' };
    this.emit('state', this.state());
    return ok(account);
  }

  request_testConnection(target: AccountDraft | { readonly accountId: string }): ReturnType<BridgeRequests['testConnection']> {
    if ('accountId' in target) {
      const account = this.accounts.get(target.accountId);
      return account?.view.error ? err(account.view.error) : ok({ groupCount: account?.groups.length ?? 0, totals: sum(account?.groups ?? []), endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com', elapsedMs: 184 });
    }
    const checked = this.#checkDraft(target);
    if (!checked.ok) return checked;
    if (target.projectId === AUTH_FAIL_PROJECT) return err(AUTH_ERROR);
    const groups = makeFleet(12, 99);
    return ok({ groupCount: groups.length, totals: sum(groups), endpoint: checked.value, elapsedMs: 231 });
  }

  request_removeAccount(accountId: string): ReturnType<BridgeRequests['removeAccount']> {
    this.settings = { ...this.settings, accounts: this.settings.accounts.filter((account) => account.id !== accountId) };
    this.accounts.delete(accountId);
    this.emit('state', this.state());
    return ok(undefined);
  }

  request_exportCsv(request: CsvExport): ReturnType<BridgeRequests['exportCsv']> {
    this.exports.push(request);
    return ok({ saved: true, path: `/home/admin/Downloads/workspace-${request.kind}.csv` });
  }

  /** Answered instead of the list when set (the group page's error banner). */
  disconnectedError: WorkspaceError | null = null;

  /**
   * The group's disconnected desktops (all the account's for null), as DisconnectedService answers them: one row per
   * disconnected desktop up to a page budget of 50 (then `complete: false` with a note), users, a `since` from a few
   * minutes to days ago (some only from the login record, one unknown), login records whose failure reasons, round-trip
   * times and clients vary; network failures mostly from one office network (10.21.7.0/24) and the web client 7.1.4
   * failing more than its share. Three user-named desktops match no group (`unmatched`; listed on the fleet page
   * with no group). `failures` is the core's analyseFailures over these records and as many good sessions.
   * Deterministic for a group and "now".
   */
  request_listDisconnected(accountId: string, groupKey: string | null): ReturnType<BridgeRequests['listDisconnected']> {
    if (this.disconnectedError !== null) return err(this.disconnectedError);
    const account = this.accounts.get(accountId);
    if (account === undefined) return err(workspaceError('not-found', `No account ${accountId}`));
    const groups = groupKey === null ? account.groups : account.groups.filter((group) => group.key === groupKey);
    if (groupKey !== null && groups.length === 0) return err(workspaceError('not-found', `No group ${groupKey} in the account's latest data`));
    const BUDGET = 50;
    const REASONS = [null, 'Network disconnected', 'Client closed unexpectedly', 'Session timed out (idle)', 'Gateway unreachable', null, 'Network disconnected'];
    const CLIENTS = [['Windows', '7.3.1'], ['macOS', '7.2.0'], ['Linux', '7.3.1'], ['Web', '7.1.4'], ['Windows', '7.1.4']] as const;
    const USERS = ['alice', 'bob', 'chen.wei', 'li.na', 'wang.fang', 'zhang.min', 'omar', 'priya', 'sofia', 'kenji', 'liu.yang', 'maria'];
    const desktops: DisconnectedRow[] = [];
    const records: LoginRecord[] = [];
    const record = (index: number, user: string, computer: string, end: number, rand: () => number, reason: string | null, client: readonly [string, string]): LoginRecord => ({
      transactionId: `tx-${computer}-${index}`,
      computerName: computer,
      userName: user,
      terminalName: `PC-${user.toUpperCase()}`,
      // Network failures come mostly from one office network: what the fleet page's analysis should point at.
      terminalIp: reason === 'Network disconnected' || reason === 'Gateway unreachable' ? `10.21.7.${10 + (index % 200)}` : `10.${20 + (index % 3)}.${index % 7}.${10 + (index % 200)}`,
      terminalType: client[0],
      clientVersion: client[1],
      agentVersion: '7.3.0',
      desktopIp: `192.168.${index % 4}.${20 + (index % 200)}`,
      connectionStartTime: end - Math.round(3_600_000 * (0.5 + rand() * 6)),
      connectionSetupTime: 1800 + Math.round(rand() * 2000),
      connectionEndTime: end,
      isReconnect: index % 5 === 0,
      connectionFailureReason: reason,
      networkRtt: index % 9 === 4 ? null : Math.round(12 + rand() * 180),
      e2eRtt: index % 9 === 4 ? null : Math.round(30 + rand() * 260),
    });
    let total = 0;
    // Desktops named after their user ($DomainUser$ name policies): no group can be matched to them by name.
    const unmatchedRows: DisconnectedRow[] = ['KENJI-PC01', 'MARIA-PC02', 'OMAR-PC01'].map((name, index) => ({
      desktopId: `ffff${String(index).padStart(4, '0')}-8d2e-4c1b-9a77-3f5e6d7c8b90`,
      desktopName: name,
      connectStatus: 'DISCONNECTED',
      users: [name.split('-')[0]?.toLowerCase() ?? 'user'],
      since: this.now - (index + 1) * 47 * 60_000,
      sinceSource: 'seen',
      groupKey: null,
      lastConnection: null,
    }));
    if (groupKey === null) {
      total += unmatchedRows.length;
      desktops.push(...unmatchedRows);
    }
    for (const group of groups) {
      const count = group.disconnected_num ?? 0;
      total += count;
      const rand = random(group.key.length * 131 + count);
      const prefix = (group.static_name ?? group.key).replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase() || 'DESK';
      for (let index = 0; index < count && desktops.length < BUDGET; index += 1) {
        const ageMs = Math.round(60_000 * (2 + rand() * rand() * 60 * 24 * 3));
        const client = CLIENTS[Math.floor(rand() * CLIENTS.length)] ?? CLIENTS[0];
        const end = this.now - ageMs - Math.round(rand() * 30_000);
        const user = USERS[(index * 7 + group.key.length) % USERS.length] ?? 'user';
        const users = index % 11 === 5 ? [user, USERS[(index + 3) % USERS.length] ?? 'user'] : [user];
        const name = `${prefix}-${String(index + 1).padStart(3, '0')}`;
        const reason = client[0] === 'Web' && index % 2 === 0 ? 'Client closed unexpectedly' : (REASONS[Math.floor(rand() * REASONS.length)] ?? null);
        const last = index % 13 !== 12 ? record(index, user, name, end, rand, reason, client) : null;
        if (last !== null) records.push(last);
        desktops.push({
          desktopId: `${String(account.groups.indexOf(group)).padStart(4, '0')}${String(index).padStart(4, '0')}-8d2e-4c1b-9a77-3f5e6d7c8b90`,
          desktopName: name,
          connectStatus: 'DISCONNECTED',
          users,
          since: index % 17 === 16 ? null : this.now - ageMs,
          sinceSource: index % 17 === 16 ? null : index % 3 === 0 ? 'login-record' : 'seen',
          groupKey: group.key,
          lastConnection: last,
        });
      }
    }
    // Sessions that went well, so a value's share of failures can be set against its share of all sessions.
    const good = random(account.groups.length * 17 + 3);
    const goodSessions = records.length + 20;
    for (let index = 0; index < goodSessions; index += 1) {
      const client = CLIENTS[Math.floor(good() * CLIENTS.length)] ?? CLIENTS[0];
      records.push(record(1000 + index, USERS[index % USERS.length] ?? 'user', `OK-${index}`, this.now - Math.round(good() * 86_400_000), good, null, client));
    }
    desktops.sort((a, b) => (a.since ?? Infinity) - (b.since ?? Infinity));
    const complete = total <= BUDGET;
    // As main words a list the page budget cut short (app/disconnected-lookup.ts).
    const cut = phrase('note.desktops', { cause: phrase('list.cut-of', { pages: phrase('list.pages', { count: Math.ceil(BUDGET / 100) }), listed: BUDGET, total }) });
    const notes = complete ? [] : [{ text: sayPhrase(cut), wording: cut }];
    return ok({ accountId, groupKey, at: this.now, complete, notes, desktops, unmatched: unmatchedRows.length, failures: analyseFailures(records) });
  }

  request_openConsole(): void {}
  request_openDashboard(_route: Route | null): void {}
  request_closeWindow(): void {}

  #checkDraft(draft: AccountDraft): WorkspaceResult<string> {
    const projectId = checkProjectId(draft.projectId);
    if (!projectId.ok) return projectId;
    return resolveWorkspaceEndpoint(draft);
  }

  state(): AppState {
    const accounts = [...this.accounts.values()].map((account) => account.view);
    const totals = accounts.every((account) => account.totals === null) ? null : sum([...this.accounts.values()].flatMap((account) => account.groups));
    return {
      demo: this.demo,
      accounts,
      badgeMetric: this.settings.badge.metric,
      notificationsPausedUntil: this.settings.notifications.pausedUntil,
      totals,
      theme: this.settings.appearance.theme === 'system' ? this.#systemTheme : this.settings.appearance.theme,
      language: this.settings.appearance.language === 'system' ? this.#systemLanguage : this.settings.appearance.language,
      platform: 'linux',
      appVersion: '0.1.0',
    };
  }

  /** One poll: the groups change, the window gets the diff. */
  poll(accountId: string, change: (groups: KeyedGroup[]) => KeyedGroup[], options: { readonly skipEvent?: boolean } = {}): void {
    const account = this.#account(accountId);
    const before = account.groups;
    const after = change(before.map((group) => ({ ...group })));
    account.groups = after;
    account.revision += 1;
    this.now += 60_000;
    account.fetchedAt = this.now;
    account.view = { ...account.view, freshness: 'fresh', error: null, lastSuccessAt: this.now, totals: sum(after), groupCount: after.length };
    if (!options.skipEvent) {
      this.emit('groupsChanged', { accountId, revision: account.revision, fetchedAt: account.fetchedAt, change: diffSnapshots(before, after), totals: sum(after) });
    }
    this.emit('state', this.state());
  }

  /** A disconnect storm in one group: its count jumps, a spike is recorded and notified. */
  storm(accountId: string, groupKey: string, rise = 40): SpikeMark {
    const account = this.#account(accountId);
    this.poll(accountId, (groups) =>
      groups.map((group) => {
        if (group.key !== groupKey) return group;
        const moved = Math.min(rise, group.in_use_num ?? 0);
        return { ...group, in_use_num: (group.in_use_num ?? 0) - moved, disconnected_num: (group.disconnected_num ?? 0) + moved };
      }),
    );
    const group = account.groups.find((candidate) => candidate.key === groupKey);
    const name = group?.static_name ?? groupKey;
    const mark: SpikeMark = { at: this.now, kind: 'spike', severity: 'critical', groupKeys: [groupKey], fleet: false, title: `Disconnected sessions spiked in ${name} (+${rise})` };
    account.spikes.push(mark);
    account.view = { ...account.view, spikingGroupKeys: [groupKey, ...account.view.spikingGroupKeys.filter((key) => key !== groupKey)] };
    this.emit('state', this.state());
    this.emit('notification', {
      accountId,
      kind: 'spike',
      severity: 'critical',
      title: mark.title,
      body: `${name}: disconnected sessions rose by ${rise}`,
      at: this.now,
      groups: [{ key: groupKey, name, before: (group?.disconnected_num ?? rise) - rise, after: group?.disconnected_num ?? rise, desktops: null }],
      fleet: null,
    });
    return mark;
  }

  setFailure(accountId: string, error: WorkspaceError | null, halted: boolean): void {
    const account = this.#account(accountId);
    account.view = { ...account.view, error, halted, freshness: error === null ? 'fresh' : 'error' };
    this.emit('state', this.state());
  }

  #account(accountId: string): FakeAccount {
    const account = this.accounts.get(accountId);
    if (account === undefined) throw new Error(`fake bridge: no account ${accountId}`);
    return account;
  }

  history(account: FakeAccount, series: readonly string[], range: HistoryRange): HistoryAnswer {
    const to = this.now;
    const from = to - RANGE_MS[range];
    const step = RANGE_STEP[range];
    const oldest = account.historyMinutes === null ? from : Math.max(from, to - account.historyMinutes * 60_000);
    const answerSeries = series.map((key) => {
      const current = key === FLEET_KEY ? sum(account.groups) : account.groups.find((group) => group.key === key);
      const points: HistoryPointView[] = [];
      if (current !== undefined) {
        const rand = random(key.length * 31 + range.length);
        for (let at = from + step; at <= to; at += step) {
          if (at < oldest) continue;
          const hour = new Date(at).getUTCHours();
          const daytime = hour >= 1 && hour <= 10 ? 1 : 0.35;
          const base = current.in_use_num ?? 0;
          const wave = (value: number | null, scale: number) => (value === null ? null : Math.max(0, Math.round(value * scale)));
          const spikeBoost = account.spikes.some((mark) => mark.kind === 'spike' && (key === FLEET_KEY || mark.groupKeys.includes(key)) && at >= mark.at && at < mark.at + 1_800_000) ? 2.4 : 1;
          const disconnectedNow = at + step > to ? current.disconnected_num : wave(current.disconnected_num, (0.6 + rand() * 0.5) * spikeBoost);
          points.push({
            at,
            bucketMs: step > 60_000 ? step : 0,
            counts: { ...current, in_use_num: at + step > to ? current.in_use_num : Math.round(base * daytime * (0.9 + rand() * 0.2)), disconnected_num: disconnectedNow, ready_num: at + step > to ? current.ready_num : wave(current.ready_num, 0.9 + rand() * 0.2) },
          });
        }
      }
      return { key, points };
    });
    return { from, to, series: answerSeries, spikes: account.spikes.filter((mark) => mark.at >= from && mark.at <= to) };
  }
}

/**
 * Workspace's gateway rejecting an AK/SK signature, as the core maps the real error body (APIGW.0301): the windows
 * are tested with an error as main words and names it.
 */
export const AUTH_ERROR: WorkspaceError = errorFromResponse({
  status: 401,
  bodyText: JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' }),
  headers: new Headers({ 'X-Request-Id': 'b7c1e0d2a9f84e3c' }),
  now: 0,
});

/** Saved accounts have UUID ids (the keychain is keyed by them); the settings schema checks it. */
export const PROD_ID = '6f1c2b9e-4d3a-4e8b-9a71-2c5d8e0f1a01';
export const BRANCH_ID = '0b7e4f3a-9c2d-4a1e-8f60-5d3c2b1a0e02';

/** Named set-ups shared by the component and browser tests. */
export const SCENARIOS = {
  demo: (): FakeBridgeOptions => ({ demo: true }),
  twelve: (): FakeBridgeOptions => ({ accounts: [{ id: PROD_ID, name: 'Production', groups: 12, seed: 7 }] }),
  /** An account added four minutes ago: a chart of a few minutes. */
  young: (): FakeBridgeOptions => ({ accounts: [{ id: PROD_ID, name: 'Production', groups: 12, seed: 7, historyMinutes: 4 }] }),
  large: (): FakeBridgeOptions => ({ accounts: [{ id: PROD_ID, name: 'Production', groups: 5000, seed: 11 }] }),
  several: (): FakeBridgeOptions => ({
    accounts: [
      { id: PROD_ID, name: 'Production', groups: 12, seed: 7 },
      { id: BRANCH_ID, name: 'Branch offices', groups: 12, seed: 3, error: AUTH_ERROR, halted: true },
    ],
  }),
  authError: (): FakeBridgeOptions => ({ accounts: [{ id: PROD_ID, name: 'Production', groups: 12, seed: 7, error: AUTH_ERROR, halted: true }] }),
} as const;
export type ScenarioName = keyof typeof SCENARIOS;
