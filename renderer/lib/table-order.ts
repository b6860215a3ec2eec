// The dashboard table's order: by any column, unknown counts last in either direction, ties by name in the
// language's collation (NameOrder), then by place in the input. Sorted in full once, then kept up across polls by
// merging only the changed rows (SortedRows).
import { compareValues, displayName, type AccountGroup, type SortColumn, type SortOrder } from './groups.js';
import type { NameOrder } from './name-order.js';

/** A row with what the sort compares: the column's value, the name's rank, its place in the input. */
interface SortEntry {
  readonly row: AccountGroup;
  readonly name: number;
  readonly value: number | null;
  readonly index: number;
}

function sortEntry(row: AccountGroup, index: number, column: SortColumn, ranks: ReadonlyMap<string, number>): SortEntry {
  const name = ranks.get(displayName(row.group)) ?? 0;
  const value = column === 'name' ? null : column === 'account' ? (ranks.get(row.accountName) ?? 0) : row.group[column];
  return { row, name, value, index };
}

/** The names a sort on `column` needs ranked. */
function namesToRank(rows: readonly AccountGroup[], column: SortColumn): string[] {
  const names = rows.map((row) => displayName(row.group));
  return column === 'account' ? [...names, ...rows.map((row) => row.accountName)] : names;
}

/**
 * The table's order: null counts always go last, in either direction, so "unknown" never poses as 0; ties by name
 * (ascending, in either direction), then by place in the input (what a stable sort keeps), so the order is total.
 */
function compareEntries(order: SortOrder): (a: SortEntry, b: SortEntry) => number {
  const direction = order.descending ? -1 : 1;
  if (order.column === 'name') return (a, b) => direction * (a.name - b.name) || a.index - b.index;
  return (a, b) => {
    const x = a.value;
    const y = b.value;
    if (x === null || y === null) return compareValues(x, y, false) || a.name - b.name || a.index - b.index;
    return direction * (x - y) || a.name - b.name || a.index - b.index;
  };
}

function sortedEntries(rows: readonly AccountGroup[], order: SortOrder, ranks: ReadonlyMap<string, number>): SortEntry[] {
  return rows.map((row, index) => sortEntry(row, index, order.column, ranks)).sort(compareEntries(order));
}

/** Sorts for the table (see compareEntries). */
export function sortGroups(rows: readonly AccountGroup[], order: SortOrder, names: NameOrder): AccountGroup[] {
  return sortedEntries(rows, order, names.ranks(namesToRank(rows, order.column))).map((entry) => entry.row);
}

/**
 * `sortGroups` kept up across polls. A poll changes a few of 5,000 groups, and after it the rows are the same row
 * objects in the same places but for the changed ones (see AccountRows): those are taken out, sorted, and merged
 * back into the previous order, n + k log k on numbers instead of sorting everything. The order compared is total
 * (compareEntries), so the result is exactly `sortGroups`'s. A new column or direction, a name the ranking lacks,
 * a list of another length or a change to many rows sorts in full.
 */
export class SortedRows {
  readonly #names: NameOrder;
  #input: readonly AccountGroup[] = [];
  #order: SortOrder | null = null;
  #ranks: ReadonlyMap<string, number> | null = null;
  #entries: SortEntry[] = [];
  #sorted: AccountGroup[] = [];

  constructor(names: NameOrder) {
    this.#names = names;
  }

  /** The rows in `order`; the same array as last time when nothing it depends on changed. */
  sort(rows: readonly AccountGroup[], order: SortOrder): readonly AccountGroup[] {
    const previous = this.#order;
    if (previous !== null && previous.column === order.column && previous.descending === order.descending && rows.length === this.#input.length) {
      const changed = changedPlaces(this.#input, rows, Math.max(16, rows.length >> 2));
      if (changed !== null && changed.length === 0) {
        this.#input = rows;
        return this.#sorted;
      }
      if (changed !== null && this.#merge(rows, changed)) return this.#sorted;
    }
    const ranks = this.#names.ranks(namesToRank(rows, order.column));
    this.#keep(rows, { column: order.column, descending: order.descending }, ranks, sortedEntries(rows, order, ranks));
    return this.#sorted;
  }

  /** Re-sorts the rows at `changed` into the previous order; false when the ranking of names had to be redone. */
  #merge(rows: readonly AccountGroup[], changed: readonly number[]): boolean {
    const order = this.#order as SortOrder;
    const fresh = changed.map((index) => rows[index] as AccountGroup);
    const ranks = this.#names.ranks(namesToRank(fresh, order.column));
    if (ranks !== this.#ranks) return false;
    const compare = compareEntries(order);
    const moved = changed.map((index, at) => sortEntry(fresh[at] as AccountGroup, index, order.column, ranks)).sort(compare);
    const isChanged = new Uint8Array(rows.length);
    for (const index of changed) isChanged[index] = 1;
    const merged: SortEntry[] = new Array(this.#entries.length);
    let at = 0;
    let next = 0;
    for (const entry of this.#entries) {
      if (isChanged[entry.index] === 1) continue;
      while (next < moved.length && compare(moved[next] as SortEntry, entry) < 0) merged[at++] = moved[next++] as SortEntry;
      merged[at++] = entry;
    }
    while (next < moved.length) merged[at++] = moved[next++] as SortEntry;
    this.#keep(rows, order, ranks, merged);
    return true;
  }

  #keep(rows: readonly AccountGroup[], order: SortOrder, ranks: ReadonlyMap<string, number>, entries: SortEntry[]): void {
    this.#input = rows;
    this.#order = order;
    this.#ranks = ranks;
    this.#entries = entries;
    this.#sorted = entries.map((entry) => entry.row);
  }
}

/** The places where `after` holds another row than `before` (same length); null when there are more than `limit`. */
function changedPlaces(before: readonly AccountGroup[], after: readonly AccountGroup[], limit: number): number[] | null {
  const changed: number[] = [];
  for (let index = 0; index < after.length; index++) {
    if (after[index] === before[index]) continue;
    if (changed.length === limit) return null;
    changed.push(index);
  }
  return changed;
}

