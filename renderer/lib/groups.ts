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

/** Two counts, unknown (null) first or last. */
export function compareValues(x: number | null, y: number | null, nullsLastWhenDescending: boolean): number {
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
