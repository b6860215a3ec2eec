// What a history store keeps decoded in memory between queries, within a byte budget, least recently used
// first out, except that a query never evicts what it used itself: a range bigger than the budget then keeps
// the part that fits (decoding the rest each time) instead of each file evicting the next one it needs, which
// would leave every query decoding everything. Entries are keyed by file name and valid for one file length: segments only ever grow by appends
// (which the store feeds in, see `appended`) or are deleted, so a length that no longer matches means the
// entry is stale and is dropped.
//
// Two kinds of entries: segment indexes (any series, SegmentIndex) and the fleet's points per segment. The
// fleet is what the dashboard charts over 30 days; it is a few hundred bytes per sample whatever the number of
// groups, so it has its own small budget and a 30-day fleet chart never waits for group data to be decoded
// again after the indexes it came from were evicted.
import type { HistoryPoint } from '../ports.js';
import type { SegmentHeader, SegmentState } from './segment-codec.js';
import type { PersistedIndex } from './persisted-index.js';
import { SegmentIndex, SeriesIds } from './segment-index.js';

/** Default for the indexes; see bounds.ts for what it holds for 5,000 groups. */
export const DEFAULT_INDEX_CACHE_BYTES = 64 * 1024 * 1024;
/** Default for persisted indexes read from disk: ~340 KB per complete hour of 5,000 groups, 24 of them ≈ 8 MB. */
export const DEFAULT_PERSISTED_INDEX_CACHE_BYTES = 16 * 1024 * 1024;
/** Default for the fleet's points: ~60,000 points, over ten times the 5,760 of 30 days at a 60 s interval. */
export const DEFAULT_FLEET_CACHE_BYTES = 12 * 1024 * 1024;
/** Heap bytes of one cached fleet point (the point, its frozen Counts of 13 small integers), rounded up. */
export const FLEET_POINT_BYTES = 200;
/**
 * SeriesIds only grows (renamed groups leave their old names behind); past this many names, every index is
 * dropped and numbering starts afresh. 200,000 names are ~20 MB; a fleet of 5,000 groups renaming all of
 * them daily would take a month to get there.
 */
export const MAX_SERIES_IDS = 200_000;

interface Entry<V> {
  readonly value: V;
  fileLength: number;
  bytes: number;
  /** The query that last used it. */
  usedBy: number;
}

class LruBudget<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private total = 0;
  /** The query running now; see SegmentCache.startQuery. */
  query = 0;

  constructor(private readonly budgetBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  /** The entry for `key` if it was made for `fileLength` (and now counts as most recently used). */
  get(key: string, fileLength: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.fileLength !== fileLength) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.usedBy = this.query;
    return entry.value;
  }

  peek(key: string): Entry<V> | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` if room can be made for it without evicting what the running query used. */
  set(key: string, fileLength: number, value: V, bytes: number): void {
    this.delete(key);
    for (const [oldest, entry] of this.entries) {
      if (this.total + bytes <= this.budgetBytes || entry.usedBy === this.query) break;
      this.delete(oldest);
    }
    if (this.total + bytes > this.budgetBytes) return;
    this.entries.set(key, { value, fileLength, bytes, usedBy: this.query });
    this.total += bytes;
  }

  /** After the entry's file grew and the entry was brought up to date with it: others make room, oldest first. */
  resized(key: string, fileLength: number, bytes: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.total += bytes - entry.bytes;
    entry.bytes = bytes;
    entry.fileLength = fileLength;
    for (const [oldest] of this.entries) {
      if (this.total <= this.budgetBytes) return;
      if (oldest !== key) this.delete(oldest);
    }
    if (this.total > this.budgetBytes) this.delete(key);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

export interface SegmentCacheBudget {
  readonly indexBytes: number;
  readonly fleetBytes: number;
  /** Default DEFAULT_PERSISTED_INDEX_CACHE_BYTES. */
  readonly persistedBytes?: number;
  /** Default MAX_SERIES_IDS. */
  readonly maxSeriesIds?: number;
}

export class SegmentCache {
  private ids = new SeriesIds();
  private readonly indexes: LruBudget<SegmentIndex>;
  private readonly fleet: LruBudget<readonly HistoryPoint[]>;
  /** Persisted indexes read from disk. */
  private readonly persisted: LruBudget<PersistedIndex>;
  private readonly maxSeriesIds: number;

  constructor(budget: SegmentCacheBudget = { indexBytes: DEFAULT_INDEX_CACHE_BYTES, fleetBytes: DEFAULT_FLEET_CACHE_BYTES }) {
    this.persisted = new LruBudget(budget.persistedBytes ?? DEFAULT_PERSISTED_INDEX_CACHE_BYTES);
    this.indexes = new LruBudget(budget.indexBytes);
    this.fleet = new LruBudget(budget.fleetBytes);
    this.maxSeriesIds = budget.maxSeriesIds ?? MAX_SERIES_IDS;
  }

  /** Bytes held now (indexes and fleet points). */
  get memoryBytes(): number {
    return this.indexes.bytes + this.fleet.bytes + this.persisted.bytes;
  }

  /** A query starts: what it uses from here on is not evicted to make room for more of it. */
  startQuery(): void {
    this.indexes.query++;
    this.fleet.query++;
    this.persisted.query++;
  }

  /** An empty index for a segment, to fill from its file and then `keep`. */
  newIndex(expectedHeader?: SegmentHeader): SegmentIndex {
    return new SegmentIndex(this.seriesIds(), expectedHeader);
  }

  /** The index of the segment `state` (a writer's, before any record) goes through: see SegmentIndex.following. */
  followingIndex(state: SegmentState): SegmentIndex {
    return SegmentIndex.following(this.seriesIds(), state);
  }

  private seriesIds(): SeriesIds {
    if (this.ids.size > this.maxSeriesIds) {
      this.indexes.clear();
      this.ids = new SeriesIds();
    }
    return this.ids;
  }

  index(fileName: string, fileLength: number): SegmentIndex | undefined {
    return this.indexes.get(fileName, fileLength);
  }

  keep(fileName: string, fileLength: number, index: SegmentIndex): void {
    this.indexes.set(fileName, fileLength, index, index.memoryBytes);
  }

  /** The persisted index of the file, read when the file had `fileLength` bytes. */
  persistedIndex(fileName: string, fileLength: number): PersistedIndex | undefined {
    return this.persisted.get(fileName, fileLength);
  }

  keepPersistedIndex(fileName: string, fileLength: number, index: PersistedIndex): void {
    this.persisted.set(fileName, fileLength, index, index.memoryBytes);
  }

  fleetPoints(fileName: string, fileLength: number): readonly HistoryPoint[] | undefined {
    return this.fleet.get(fileName, fileLength);
  }

  keepFleetPoints(fileName: string, fileLength: number, points: readonly HistoryPoint[]): void {
    this.fleet.set(fileName, fileLength, points, points.length * FLEET_POINT_BYTES);
  }

  /**
   * `bytes` were appended to the file, which was `lengthBefore` long: a growing index takes them in (O(bytes),
   * the append's own cost), anything else about the file is now stale.
   */
  appended(fileName: string, lengthBefore: number, bytes: Uint8Array): void {
    this.fleet.delete(fileName);
    this.persisted.delete(fileName);
    const entry = this.indexes.peek(fileName);
    if (!entry) return;
    if (entry.fileLength !== lengthBefore || entry.value.sealed) {
      this.indexes.delete(fileName);
      return;
    }
    entry.value.add(bytes);
    this.indexes.resized(fileName, lengthBefore + bytes.length, entry.value.memoryBytes);
  }

  /** The file will not grow any more (its writer closed): its index drops what only appends needed. */
  seal(fileName: string): void {
    const entry = this.indexes.peek(fileName);
    if (!entry || entry.value.sealed) return;
    entry.value.seal();
    this.indexes.resized(fileName, entry.fileLength, entry.value.memoryBytes);
  }

  /** Drops the file's decoded index only (its persisted index now answers for it). */
  forgetIndex(fileName: string): void {
    this.indexes.delete(fileName);
  }

  forget(fileName: string): void {
    this.indexes.delete(fileName);
    this.fleet.delete(fileName);
    this.persisted.delete(fileName);
  }

  clear(): void {
    this.indexes.clear();
    this.fleet.clear();
    this.persisted.clear();
  }
}
