// Who is disconnected in the shown group: loaded on demand (a button), never on every poll; a newer request wins,
// a late answer for another group is dropped. The search filters what is loaded, longest disconnected first.
import type { Bridge, DisconnectedList, WorkspaceError } from '../../preload/contract.js';

export type DisconnectedStatus = 'idle' | 'loading' | 'ready' | 'error';
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
  status = $state<DisconnectedStatus>('idle');
  list = $state.raw<DisconnectedList | null>(null);
  error = $state.raw<WorkspaceError | null>(null);
  query = $state('');
  readonly rows = $derived(this.list === null ? [] : sortLongestFirst(this.list.desktops));
  readonly shown = $derived(filterRows(this.rows, this.query));
  readonly #bridge: Bridge;
  #sequence = 0;
  #target: string | null = null;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  /** Forgets the list when the page shows another group (nothing is fetched until asked). */
  show(accountId: string, groupKey: string | null): void {
    const target = JSON.stringify([accountId, groupKey]);
    if (target === this.#target) return;
    this.#target = target;
    this.#sequence += 1;
    this.status = 'idle';
    this.list = null;
    this.error = null;
    this.query = '';
  }

  async load(accountId: string, groupKey: string | null): Promise<void> {
    this.show(accountId, groupKey);
    const sequence = ++this.#sequence;
    this.status = 'loading';
    try {
      const result = await this.#bridge.listDisconnected(accountId, groupKey);
      if (sequence !== this.#sequence) return;
      if (result.ok) {
        this.list = result.value;
        this.error = null;
        this.status = 'ready';
      } else {
        this.error = result.error;
        this.status = 'error';
      }
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.error = { kind: 'service', message: error instanceof Error ? error.message : String(error) };
      this.status = 'error';
    }
  }
}
