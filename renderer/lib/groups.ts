// Pure helpers over group lists: identity, ranking, sorting, filtering and totals. No runes: tested in Node.
import { ASSIGNMENT_FIELDS, COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, type CountField, type Counts } from '../../main/core/api/fields.js';
import type { KeyedGroup } from '../../main/core/engine/snapshot-diff.js';

export type { KeyedGroup, Counts, CountField };
export { COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, ASSIGNMENT_FIELDS };

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

/** Each field summed over the groups that report it; null when groups exist and none reports it. */
export function sumCounts(list: readonly Counts[]): Counts {
  const totals = {} as { -readonly [F in CountField]: number | null };
  for (const field of COUNT_FIELDS) {
    let sum: number | null = list.length === 0 ? 0 : null;
    for (const counts of list) {
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

/** Sorts for the table; null counts always go last, in either direction, so "unknown" never poses as 0. */
export function sortGroups(rows: readonly AccountGroup[], order: SortOrder, collator: Intl.Collator): AccountGroup[] {
  const direction = order.descending ? -1 : 1;
  const byName = (a: AccountGroup, b: AccountGroup) => collator.compare(displayName(a.group), displayName(b.group));
  const column = order.column;
  if (column === 'name') return [...rows].sort((a, b) => direction * byName(a, b));
  if (column === 'account') return [...rows].sort((a, b) => direction * collator.compare(a.accountName, b.accountName) || byName(a, b));
  return [...rows].sort((a, b) => {
    const x = a.group[column];
    const y = b.group[column];
    if (x === null || y === null) return compareValues(x, y, false) || byName(a, b);
    return direction * (x - y) || byName(a, b);
  });
}

function compareValues(x: number | null, y: number | null, nullsLastWhenDescending: boolean): number {
  if (x === null && y === null) return 0;
  if (x === null) return nullsLastWhenDescending ? -1 : 1;
  if (y === null) return nullsLastWhenDescending ? 1 : -1;
  return x - y;
}

/** Case-insensitive substring match on the name (Chinese names match as typed). */
export function filterGroups(rows: readonly AccountGroup[], filter: string): AccountGroup[] {
  const needle = filter.trim().toLocaleLowerCase();
  if (needle === '') return [...rows];
  return rows.filter((row) => displayName(row.group).toLocaleLowerCase().includes(needle));
}

/** The name to show; an unnamed group shows its key (stable, unique) in brackets. */
export function displayName(group: KeyedGroup): string {
  return group.static_name ?? group.key;
}
