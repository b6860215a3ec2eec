// Rows of the dashboard's table (a group tagged with its account), kept across polls.
import type { AccountGroup, KeyedGroup } from './groups.js';

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

