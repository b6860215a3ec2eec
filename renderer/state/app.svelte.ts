// The window's state: AppState from main (sent again whenever it changes), each account's groups, the route and
// the ticking clock. One instance per window, built from a Bridge so tests can pass a fake.
import type { AccountView, AppState, Bridge, Counts } from '../../preload/contract.js';
import type { AccountGroups } from './groups.svelte.js';
import type { BannerAction } from '../lib/banners.js';
import { AccountRows } from '../lib/account-rows.js';
import { combineTotals, rankBy, displayName, type AccountGroup } from '../lib/groups.js';
import { i18n } from '../lib/i18n.svelte.js';
import { Clock } from './clock.svelte.js';
import { GroupsState } from './groups.svelte.js';
import { HistoryState } from './history.svelte.js';
import { Router, type HashLocation } from './router.svelte.js';
import { SettingsState } from './settings.svelte.js';

/** The account a view shows: one id, or every account together. */
export type AccountScope = string | 'all';
export const ALL_ACCOUNTS = 'all';

export class AppStore {
  state = $state.raw<AppState | null>(null);
  /** Set when `getState` failed: the page then says so instead of spinning forever. */
  loadError = $state<string | null>(null);
  /** The popup's and dashboard's account choice; "all" when several accounts are shown together. */
  scope = $state<AccountScope>(ALL_ACCOUNTS);
  readonly bridge: Bridge;
  readonly groups: GroupsState;
  readonly router: Router;
  readonly clock = new Clock();
  readonly settings: SettingsState;
  readonly history: HistoryState;
  /** Each account's rows, kept across polls (see AccountRows). */
  readonly #rows = new Map<string, AccountRows>();

  constructor(bridge: Bridge, location?: HashLocation, target?: EventTarget) {
    this.bridge = bridge;
    this.groups = new GroupsState(bridge);
    this.router = new Router(bridge, location, target);
    this.settings = new SettingsState(bridge);
    this.history = new HistoryState(bridge);
  }

  /** Subscribes first (so no change is missed), then fetches. Returns the function that stops everything. */
  async start(options: { readonly tick?: boolean } = {}): Promise<() => void> {
    const stops = [
      ...(this.#showsGroups ? [this.groups.listen()] : []),
      this.router.listen(),
      this.bridge.on('state', (state) => this.#receive(state)),
      ...(options.tick === false ? [] : [this.clock.start()]),
    ];
    try {
      this.#receive(await this.bridge.getState());
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
    return () => stops.forEach((stop) => stop());
  }

  get accounts(): readonly AccountView[] {
    return this.state?.accounts ?? [];
  }

  /** The accounts the current scope covers. */
  get scopedAccounts(): readonly AccountView[] {
    const scope = this.scope;
    return scope === ALL_ACCOUNTS ? this.accounts : this.accounts.filter((account) => account.id === scope);
  }

  account(accountId: string): AccountView | undefined {
    return this.accounts.find((account) => account.id === accountId);
  }

  /**
   * Every group of the scoped accounts, tagged with its account. After a poll an unchanged group keeps its row
   * object (AccountRows), so the table's keyed rows and its sort see only what changed.
   */
  get scopedGroups(): readonly AccountGroup[] {
    const lists: (readonly AccountGroup[])[] = [];
    for (const { account, held } of this.#scopedLists()) {
      let rows = this.#rows.get(account.id);
      if (rows === undefined) this.#rows.set(account.id, (rows = new AccountRows()));
      lists.push(rows.rows(account.id, account.name, held.groups));
    }
    return lists.length === 1 ? (lists[0] as readonly AccountGroup[]) : lists.flat();
  }

  /** The totals of `scopedGroups`, from each list's totals as main sent them with it (no 5,000-group sum). */
  get scopedGroupTotals(): Counts {
    return combineTotals(this.#scopedLists().map(({ held }) => ({ groupCount: held.groups.length, totals: held.totals })));
  }

  #scopedLists(): { readonly account: AccountView; readonly held: AccountGroups }[] {
    return this.scopedAccounts.flatMap((account) => {
      const held = this.groups.get(account.id);
      return held === undefined ? [] : [{ account, held }];
    });
  }

  /** The popup's list: ranked by the badge metric, spiking groups first. */
  get rankedGroups(): AccountGroup[] {
    const metric = this.state?.badgeMetric ?? 'disconnected_num';
    const spiking = new Set(this.scopedAccounts.flatMap((account) => account.spikingGroupKeys.map((key) => `${account.id}\u0000${key}`)));
    const ranked = rankBy(this.scopedGroups, (row) => row.group[metric], (row) => displayName(row.group));
    return [...ranked.filter((row) => spiking.has(`${row.accountId}\u0000${row.group.key}`)), ...ranked.filter((row) => !spiking.has(`${row.accountId}\u0000${row.group.key}`))];
  }

  isSpiking(accountId: string, groupKey: string): boolean {
    return this.account(accountId)?.spikingGroupKeys.includes(groupKey) ?? false;
  }

  /** True while any scoped account polls. */
  get refreshing(): boolean {
    return this.scopedAccounts.some((account) => account.freshness === 'refreshing');
  }

  /** The oldest last success among the scoped accounts that have one: the honest age of what is shown. */
  get lastUpdatedAt(): number | null {
    const times = this.scopedAccounts.flatMap((account) => (account.lastSuccessAt === null ? [] : [account.lastSuccessAt]));
    return times.length === 0 ? null : Math.min(...times);
  }

  /** The totals of the scoped accounts (the fleet of all of them, or one account's). */
  get scopedTotals(): Counts | null {
    if (this.scope === ALL_ACCOUNTS) return this.state?.totals ?? null;
    return this.account(this.scope)?.totals ?? null;
  }

  /** What a banner's button does. */
  act(action: BannerAction): void {
    switch (action.kind) {
      case 'retry':
        void this.bridge.refresh(action.accountId);
        return;
      case 'open':
        this.router.open(action.route);
        return;
      case 'resume-notifications':
        void this.bridge.pauseNotifications(null);
        return;
    }
  }

  refresh(): void {
    void this.bridge.refresh(this.scope === ALL_ACCOUNTS ? null : this.scope);
  }

  /** The settings window shows accounts, never their groups: it neither fetches nor follows 5,000 of them. */
  get #showsGroups(): boolean {
    return this.router.window !== 'settings';
  }

  #receive(state: AppState): void {
    this.state = state;
    this.loadError = null;
    i18n.lang = state.language;
    if (this.scope !== ALL_ACCOUNTS && !state.accounts.some((account) => account.id === this.scope)) this.scope = ALL_ACCOUNTS;
    this.groups.retain(state.accounts.map((account) => account.id));
    for (const id of this.#rows.keys()) if (!state.accounts.some((account) => account.id === id)) this.#rows.delete(id);
    if (!this.#showsGroups) return;
    for (const account of state.accounts) {
      if (this.groups.get(account.id) === undefined && account.lastSuccessAt !== null) void this.groups.load(account.id);
    }
  }
}
