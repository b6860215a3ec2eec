// Each account's groups, kept current from `groupsChanged` with the core's `applySnapshotChange`. A change is
// applied only on the revision it was made from; any gap (a missed change, a window opened mid-stream) refetches
// the whole list with `getGroups`. Lists are `$state.raw`: 5,000 groups are replaced, never deeply proxied.
import { applySnapshotChange } from '../../main/core/engine/snapshot-diff.js';
import type { Bridge, GroupsChange, GroupsSnapshot } from '../../preload/contract.js';
import type { Counts, KeyedGroup } from '../lib/groups.js';

export interface AccountGroups {
  readonly accountId: string;
  readonly revision: number;
  readonly fetchedAt: number;
  readonly groups: readonly KeyedGroup[];
  readonly totals: Counts;
}

export class GroupsState {
  byAccount = $state.raw<Readonly<Record<string, AccountGroups>>>({});
  /** How many full fetches were made (each gap costs one): tests and diagnostics read it. */
  fetches = $state(0);
  readonly #bridge: Bridge;
  readonly #loading = new Map<string, GroupsChange[]>();

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  listen(): () => void {
    return this.#bridge.on('groupsChanged', (change) => this.apply(change));
  }

  get(accountId: string): AccountGroups | undefined {
    return this.byAccount[accountId];
  }

  /** Fetches the account's full list (unless a fetch is already under way). */
  async load(accountId: string): Promise<void> {
    if (this.#loading.has(accountId)) return;
    this.#loading.set(accountId, []);
    try {
      this.fetches += 1;
      const snapshot = await this.#bridge.getGroups(accountId);
      if (snapshot !== null) this.#store(snapshot);
    } finally {
      const buffered = this.#loading.get(accountId) ?? [];
      this.#loading.delete(accountId);
      for (const change of buffered) this.apply(change);
    }
  }

  apply(change: GroupsChange): void {
    const buffered = this.#loading.get(change.accountId);
    if (buffered !== undefined) {
      buffered.push(change);
      return;
    }
    const held = this.byAccount[change.accountId];
    if (held !== undefined && change.revision <= held.revision) return;
    if (held === undefined || change.revision !== held.revision + 1) {
      void this.load(change.accountId);
      return;
    }
    this.#set({
      accountId: change.accountId,
      revision: change.revision,
      fetchedAt: change.fetchedAt,
      groups: applySnapshotChange(held.groups, change.change),
      totals: change.totals,
    });
  }

  /** Forgets accounts that are no longer configured. */
  retain(accountIds: readonly string[]): void {
    const keep = new Set(accountIds);
    if (Object.keys(this.byAccount).every((id) => keep.has(id))) return;
    this.byAccount = Object.fromEntries(Object.entries(this.byAccount).filter(([id]) => keep.has(id)));
  }

  #store(snapshot: GroupsSnapshot): void {
    const held = this.byAccount[snapshot.accountId];
    if (held !== undefined && held.revision > snapshot.revision) return;
    this.#set(snapshot);
  }

  #set(groups: AccountGroups): void {
    this.byAccount = { ...this.byAccount, [groups.accountId]: groups };
  }
}
