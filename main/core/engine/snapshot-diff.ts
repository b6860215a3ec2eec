// The smallest change between two group lists, so a window is sent what moved in a poll rather than a copy of
// 5,000 groups. Groups are matched by their stable key; applying the change to the old list gives the new one,
// order included.
import { COUNT_FIELDS, type Counts } from '../api/fields.js';

/** A group as the diff sees it: a stable key, a name and the 13 counts. */
export type KeyedGroup = { readonly key: string; readonly static_name: string | null } & Counts;

export interface GroupCountsChange {
  readonly key: string;
  /** Only the counts that differ, with their new value (null: the API stopped reporting it). */
  readonly counts: Partial<Counts>;
  /** Present only when the name changed under the same key. */
  readonly static_name?: string | null;
}

export interface SnapshotChange {
  /** New groups, whole. */
  readonly added: readonly KeyedGroup[];
  /** Keys of the groups that are gone. */
  readonly removed: readonly string[];
  readonly changed: readonly GroupCountsChange[];
  /**
   * The new order of all keys, only when it is not "the old order without the removed, then the added": the API
   * normally answers in a stable order, so this is usually null.
   */
  readonly order: readonly string[] | null;
}

export function isEmptyChange(change: SnapshotChange): boolean {
  return change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0 && change.order === null;
}

export function diffSnapshots<G extends KeyedGroup>(before: readonly G[], after: readonly G[]): SnapshotChange {
  const old = new Map<string, G>();
  for (const group of before) old.set(group.key, group);
  const seen = new Set<string>();
  const added: G[] = [];
  const changed: GroupCountsChange[] = [];
  for (const group of after) {
    seen.add(group.key);
    const previous = old.get(group.key);
    if (previous === undefined) {
      added.push(group);
      continue;
    }
    const counts: { -readonly [F in keyof Counts]?: Counts[F] } = {};
    let differs = false;
    for (const field of COUNT_FIELDS) {
      if (previous[field] !== group[field]) {
        counts[field] = group[field];
        differs = true;
      }
    }
    const renamed = previous.static_name !== group.static_name;
    if (differs || renamed) changed.push(renamed ? { key: group.key, counts, static_name: group.static_name } : { key: group.key, counts });
  }
  const removed = before.filter((group) => !seen.has(group.key)).map((group) => group.key);
  const implied = impliedOrder(before, removed, added);
  const order = sameOrder(implied, after) ? null : after.map((group) => group.key);
  return { added, removed, changed, order };
}

/** Applies a change made by `diffSnapshots(before, after)` to `before`; the result equals `after`. */
export function applySnapshotChange(before: readonly KeyedGroup[], change: SnapshotChange): KeyedGroup[] {
  const byKey = new Map<string, KeyedGroup>();
  for (const group of before) byKey.set(group.key, group);
  for (const key of change.removed) byKey.delete(key);
  for (const update of change.changed) {
    const previous = byKey.get(update.key);
    if (previous === undefined) continue;
    const next = { ...previous, ...update.counts };
    byKey.set(update.key, 'static_name' in update && update.static_name !== undefined ? { ...next, static_name: update.static_name } : next);
  }
  for (const group of change.added) byKey.set(group.key, group);
  const keys = change.order ?? impliedOrder(before, change.removed, change.added).map((group) => group.key);
  const result: KeyedGroup[] = [];
  for (const key of keys) {
    const group = byKey.get(key);
    if (group !== undefined) result.push(group);
  }
  return result;
}

function impliedOrder(before: readonly KeyedGroup[], removed: readonly string[], added: readonly KeyedGroup[]): KeyedGroup[] {
  const gone = new Set(removed);
  return [...before.filter((group) => !gone.has(group.key)), ...added];
}

function sameOrder(implied: readonly KeyedGroup[], after: readonly KeyedGroup[]): boolean {
  if (implied.length !== after.length) return false;
  for (let index = 0; index < after.length; index++) if (implied[index]?.key !== after[index]?.key) return false;
  return true;
}
