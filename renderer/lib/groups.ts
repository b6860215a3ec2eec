// Pure helpers over group lists: identity, ranking, sorting, filtering and totals. No runes: tested in Node.
import { ASSIGNMENT_FIELDS, COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, type CountField, type Counts } from '../../main/core/api/fields.js';
import { sumCounts } from '../../main/core/api/parse.js';
import type { KeyedGroup } from '../../main/core/engine/snapshot-diff.js';

export type { KeyedGroup, Counts, CountField };
export { COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, ASSIGNMENT_FIELDS };
/** Each field summed over the groups that report it; null when groups exist and none reports it (the core's). */
export { sumCounts };

export type Family = 'login' | 'power' | 'assignment';
export const FAMILIES: readonly { readonly family: Family; readonly fields: readonly CountField[] }[] = [
  { family: 'login', fields: LOGIN_FIELDS },
  { family: 'power', fields: POWER_FIELDS },
  { family: 'assignment', fields: ASSIGNMENT_FIELDS },
];

/** The table's column order: login first (what an admin watches), then power, then assignment. */
export const TABLE_FIELDS: readonly CountField[] = [...LOGIN_FIELDS, ...POWER_FIELDS, ...ASSIGNMENT_FIELDS];

/** A group in a list that may span several accounts. */
export interface AccountGroup {
  readonly accountId: string;
  readonly accountName: string;
  readonly group: KeyedGroup;
}

/** Desktops of a group: the first count family it reports in full (the families partition the same desktops). */
export function desktopCount(counts: Counts): number | null {
  for (const { fields } of FAMILIES) {
    let sum = 0;
    let complete = true;
    for (const field of fields) {
      const value = counts[field];
      if (value === null) complete = false;
      else sum += value;
    }
    if (complete) return sum;
  }
  return null;
}

/**
 * The totals of several lists from each list's own totals (main's, sent with the list), equal to `sumCounts` over
 * all their groups without reading 5,000 of them. A list without groups adds nothing: its true zeros would turn a
 * field that no group of the others reports into 0 instead of unknown.
 */
export function combineTotals(lists: readonly { readonly groupCount: number; readonly totals: Counts }[]): Counts {
  const totals = {} as { -readonly [F in CountField]: number | null };
  const withGroups = lists.filter((list) => list.groupCount > 0);
  for (const field of COUNT_FIELDS) {
    let sum: number | null = withGroups.length === 0 ? 0 : null;
    for (const { totals: counts } of withGroups) {
      const value = counts[field];
      if (value !== null) sum = (sum ?? 0) + value;
    }
    totals[field] = sum;
  }
  return totals;
}

/** Highest first; unknown (null) after every known value; ties by name so the order is stable. */
export function rankBy<T>(items: readonly T[], value: (item: T) => number | null, name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareValues(value(b), value(a), true) || name(a).localeCompare(name(b)));
}

export type SortColumn = 'name' | 'account' | CountField;
export interface SortOrder {
  readonly column: SortColumn;
  readonly descending: boolean;
}

/**
 * Names in a collator's order, remembered: comparing names with Intl.Collator is slow (about a microsecond each)
 * and ties on a count are many. Names rarely change, so the ranking is made once and reused while it covers every
 * name asked for; a new name orders them all again.
 */
export class NameOrder {
  readonly #collator: Intl.Collator;
  #ranks = new Map<string, number>();

  constructor(collator: Intl.Collator) {
    this.#collator = collator;
  }

  /**
   * The rank of each of `names` (equal names, as the collator sees them, share a rank). The same map is returned
   * until a name it lacks is asked for: a new map means every rank may have moved.
   */
  ranks(names: readonly string[]): ReadonlyMap<string, number> {
    if (names.every((name) => this.#ranks.has(name))) return this.#ranks;
    const compare = this.#collator.compare;
    // Code-unit order first (cheap). Names are mostly in the collator's order already that way (ASCII letters,
    // digits below 10, dashes), which one collator comparison per pair of neighbours proves, and those same
    // comparisons give the ties: 5,000 names cost ~5,000 comparisons. Otherwise a stable sort with the collator
    // (TimSort on an almost sorted list) and the neighbours compared again. Same ranks either way.
    const unique = [...new Set([...this.#ranks.keys(), ...names])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ties = neighbourTies(unique, compare) ?? neighbourTies(unique.sort(compare), compare);
    if (ties === null) throw new Error('the collator does not order names consistently');
    const ranks = new Map<string, number>();
    let rank = 0;
    unique.forEach((name, index) => {
      if (ties[index] !== 1) rank = index;
      ranks.set(name, rank);
    });
    this.#ranks = ranks;
    return ranks;
  }
}

/** For a list in order, 1 where a name equals the one before it; null when two neighbours are out of order. */
function neighbourTies(sorted: readonly string[], compare: (a: string, b: string) => number): Uint8Array | null {
  const ties = new Uint8Array(sorted.length);
  for (let index = 1; index < sorted.length; index++) {
    const order = compare(sorted[index - 1] as string, sorted[index] as string);
    if (order > 0) return null;
    if (order === 0) ties[index] = 1;
  }
  return ties;
}

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

/**
 * Sorts for the table (see compareEntries). Decorated once (the column's value and the name's rank per row), so
 * comparisons are on numbers.
 */
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

/**
 * An account's groups as rows of a list that may span accounts. A row object is kept while its group object is the
 * same (applySnapshotChange keeps every unchanged group), so after a poll only the changed groups get new rows:
 * keyed lists leave the other rows alone and SortedRows re-sorts only the new ones.
 */
export class AccountRows {
  #accountId = '';
  #accountName = '';
  #groups: readonly KeyedGroup[] = [];
  #rows: readonly AccountGroup[] = [];

  /** The rows of `groups`; the same array as last time when nothing changed. */
  rows(accountId: string, accountName: string, groups: readonly KeyedGroup[]): readonly AccountGroup[] {
    const sameAccount = accountId === this.#accountId && accountName === this.#accountName;
    if (sameAccount && groups === this.#groups) return this.#rows;
    const before = sameAccount ? this.#groups : [];
    const beforeRows = this.#rows;
    // Built only when groups moved (added, removed or reordered ones shift the rest).
    let rowOf: Map<KeyedGroup, AccountGroup> | null = null;
    const rows: AccountGroup[] = new Array(groups.length);
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index] as KeyedGroup;
      if (before[index] === group) {
        rows[index] = beforeRows[index] as AccountGroup;
        continue;
      }
      rowOf ??= new Map(before.map((old, at) => [old, beforeRows[at] as AccountGroup]));
      rows[index] = rowOf.get(group) ?? { accountId, accountName, group };
    }
    this.#accountId = accountId;
    this.#accountName = accountName;
    this.#groups = groups;
    this.#rows = rows;
    return rows;
  }
}

function compareValues(x: number | null, y: number | null, nullsLastWhenDescending: boolean): number {
  if (x === null && y === null) return 0;
  if (x === null) return nullsLastWhenDescending ? -1 : 1;
  if (y === null) return nullsLastWhenDescending ? 1 : -1;
  return x - y;
}

/** Case-insensitive substring match on the name (Chinese names match as typed); no filter gives `rows` itself. */
export function filterGroups(rows: readonly AccountGroup[], filter: string): readonly AccountGroup[] {
  const needle = filter.trim().toLocaleLowerCase();
  if (needle === '') return rows;
  return rows.filter((row) => displayName(row.group).toLocaleLowerCase().includes(needle));
}

/** The name to show; an unnamed group shows its key (stable, unique) in brackets. */
export function displayName(group: KeyedGroup): string {
  return group.static_name ?? group.key;
}
