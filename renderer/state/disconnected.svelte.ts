// Who is disconnected in the shown group: loaded on demand (a button), never on every poll; a newer request wins,
// a late answer for another group is dropped. The search filters what is loaded, longest disconnected first.
import type { Bridge, DisconnectedList, WorkspaceError } from '../../preload/contract.js';
import { LatestAnswer, type LoadStatus } from './latest-answer.svelte.js';

export type DisconnectedStatus = LoadStatus;
export type DisconnectedRow = DisconnectedList['desktops'][number];

/** Longest disconnected first (oldest `since`); unknown `since` last, then by desktop name. */
export function sortLongestFirst(rows: readonly DisconnectedRow[]): DisconnectedRow[] {
  return [...rows].sort((a, b) => {
    if (a.since !== b.since) {
      if (a.since === null) return 1;
      if (b.since === null) return -1;
      return a.since - b.since;
    }
    return (a.desktopName ?? '').localeCompare(b.desktopName ?? '');
  });
}

/** Rows whose desktop, users, failure reason or client contain every word of the query (case-insensitive). */
export function filterRows(rows: readonly DisconnectedRow[], query: string): DisconnectedRow[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const record = row.lastConnection;
    const haystack = [row.desktopName, ...(row.users ?? []), record?.connectionFailureReason, record?.terminalType, record?.clientVersion]
      .filter((part): part is string => typeof part === 'string')
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export class DisconnectedState {
  query = $state('');
  readonly #latest = new LatestAnswer<DisconnectedList>();
  readonly rows = $derived(this.list === null ? [] : sortLongestFirst(this.list.desktops));
  readonly shown = $derived(filterRows(this.rows, this.query));
  readonly #bridge: Bridge;
  #target: string | null = null;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  get status(): DisconnectedStatus {
    return this.#latest.status;
  }

  get list(): DisconnectedList | null {
    return this.#latest.value;
  }

  get error(): WorkspaceError | null {
    return this.#latest.error;
  }

  /** Forgets the list when the page shows another group (nothing is fetched until asked). */
  show(accountId: string, groupKey: string | null): void {
    const target = JSON.stringify([accountId, groupKey]);
    if (target === this.#target) return;
    this.#target = target;
    this.#latest.reset();
    this.query = '';
  }

  async load(accountId: string, groupKey: string | null): Promise<void> {
    this.show(accountId, groupKey);
    await this.#latest.load(() => this.#bridge.listDisconnected(accountId, groupKey));
  }
}
