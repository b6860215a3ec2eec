// HistoryStore on the local disk: one folder per account, the format and the arithmetic in core/history.
//
// Durability: no fsync per append (a poll every 15-60 s does not deserve a disk flush; a crash or power loss
// costs at most the last few samples the OS had not written back, and the torn tail is cut off on the next open).
// Downsampling is the one place order matters: the day file is fsync'd before the raw hour it summarises is
// deleted, so a crash between the two leaves the data twice (the repeat is skipped by time), never zero times.
//
// Cost: an append writes only the new sample's record; after writing it does at most ONE maintenance step
// (delete one expired file, or downsample one hour that turned 24 h old), so no append costs O(history).
// Queries decode each segment file once into an index (core/history/segment-index.ts) kept in a bounded cache.
// The index of the hour being written follows the writer's codec state (SegmentIndex.following): built while the
// writer recovers the file at open and fed each appended sample as encoded, at O(changes) cost, so the open hour
// is decoded once per process, not again by the first query nor to write its persisted index when it ends (about
// 1 MB for 5,000 groups, kept by a store that is only written too).
// Each complete raw hour also gets a persisted index beside it (`raw-<start>.wti`, core/history/persisted-index.ts),
// written by the maintenance step after the hour ends and rebuilt when missing, damaged or made for another
// segment length: a query right after start reads the 24 indexes instead of decoding 24 hours of every group.
// Bounds (disk and memory): see core/history/bounds.ts.
//
// Damage: a segment with damaged bytes between intact records (a bad sector, a stray write) is read past them
// (core/history/record.ts resynchronises on the next intact record). The writing store repairs it the first time
// it reads it: the original bytes are moved aside once, as `<file>.damaged` beside it (deleted with the segment),
// the intact records are written back, and `onDamage` says what was skipped. A read-only store only reports.
//
// Readers: `readOnly: true` opens a folder without the writer's lock (the CLI's `history` while the app or
// `watch` writes): it lists the files at each query and never changes anything.
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { phrase, wordedError } from '../core/error-wording.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import { DEFAULT_HISTORY_BUDGET_BYTES } from '../core/history/bounds.js';
import { CorruptDataError } from '../core/history/bytes.js';
import { MaxDownsampler, type Bucket } from '../core/history/downsample.js';
import {
  DOWNSAMPLED_BUCKET_MS,
  MINUTE_MS,
  compareSegments,
  indexFileName,
  isDueForDownsampling,
  isExpired,
  parseIndexFileName,
  parseSegmentFileName,
  segmentEnd,
  segmentFile,
  type SegmentFile,
} from '../core/history/layout.js';
import { leadingSeriesPoints } from '../core/history/leading-series.js';
import { PersistedIndex, encodePersistedIndex } from '../core/history/persisted-index.js';
import { scanRecords, type ScannedRecords } from '../core/history/record.js';
import { DEFAULT_FLEET_CACHE_BYTES, DEFAULT_INDEX_CACHE_BYTES, SegmentCache } from '../core/history/segment-cache.js';
import { RECORD_HEADER_BYTES } from '../core/history/record.js';
import { GAP_RECORD, SegmentState, type SegmentHeader } from '../core/history/segment-codec.js';
import { SETTINGS_DIR_MODE } from './file-settings-store.js';
import type { SegmentIndex } from '../core/history/segment-index.js';
import { FLEET_SERIES, type HistoryPoint, type HistoryQuery, type HistorySample, type HistoryStore, type Logger } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { errorCode, fileErrorCause, historyFolderIoError } from './fs-errors.js';

export interface FileHistoryStoreOptions {
  /**
   * The account's history folder; created when missing. Nothing else should write in it: a second store on it,
   * in this process or another, is refused while this one is open (see `lockFolder`).
   */
  readonly folder: string;
  /** Hard cap on the folder; the oldest files go first. Default DEFAULT_HISTORY_BUDGET_BYTES (1 GiB). */
  readonly budgetBytes?: number;
  /** Memory for decoded segments kept between queries. Default DEFAULT_INDEX_CACHE_BYTES (64 MiB). */
  readonly cacheBytes?: number;
  readonly logger?: Logger;
  /** Reads only: no lock, no writes, no upkeep (appends and maintain() fail). Default false. */
  readonly readOnly?: boolean;
  /** Told about each damaged segment found (and, by a writing store, repaired), once per store and file. */
  readonly onDamage?: (error: WorkspaceError) => void;
}

/** A segment file open for appending, with the codec state matching its content. */
interface Writer {
  readonly file: SegmentFile;
  readonly state: SegmentState;
  readonly handle: FileHandle;
}

/** After a failed maintenance step (disk full, say), wait this long in sample time before trying again. */
const MAINTENANCE_RETRY_MS = 5 * MINUTE_MS;

export class FileHistoryStore implements HistoryStore {
  /** Every segment file in the folder with its size, oldest first. */
  private files: SegmentFile[] = [];
  private readonly sizes = new Map<string, number>();
  /** Per segment file name, the size of its persisted index file (core/history/persisted-index.ts). */
  private readonly indexSizes = new Map<string, number>();
  /** Segments whose persisted index was found damaged or out of date: the writer rebuilds them. */
  private readonly staleIndexes = new Set<string>();
  private raw: Writer | undefined;
  private downsampled: Writer | undefined;
  private lastAppendedAt: number | undefined;
  private maintenanceRetryAt = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private unlock: (() => Promise<void>) | undefined;
  private readonly cache: SegmentCache;
  private queried = false;
  private readonly damageReported = new Set<string>();

  private constructor(
    private readonly folder: string,
    private readonly budgetBytes: number,
    cacheBytes: number,
    private readonly logger: Logger | undefined,
    private readonly readOnly: boolean,
    private readonly onDamage: ((error: WorkspaceError) => void) | undefined,
  ) {
    this.cache = new SegmentCache({ indexBytes: cacheBytes, fleetBytes: DEFAULT_FLEET_CACHE_BYTES });
  }

  /** Opens the folder and recovers the newest raw segment (a torn last write is cut off here). */
  static async open(options: FileHistoryStoreOptions): Promise<WorkspaceResult<FileHistoryStore>> {
    const store = new FileHistoryStore(
      options.folder,
      options.budgetBytes ?? DEFAULT_HISTORY_BUDGET_BYTES,
      options.cacheBytes ?? DEFAULT_INDEX_CACHE_BYTES,
      options.logger,
      options.readOnly ?? false,
      options.onDamage,
    );
    try {
      if (store.readOnly) {
        await store.listFiles();
        return ok(store);
      }
      // Private like the settings folder: group names and counts are the organisation's business.
      await mkdir(options.folder, { recursive: true, mode: SETTINGS_DIR_MODE });
      const locked = await lockFolder(options.folder);
      if (!locked.ok) return locked;
      store.unlock = locked.value;
      await store.listFiles();
      await store.deleteOrphanIndexes();
      const newestRaw = store.files.findLast((file) => file.kind === 'raw');
      if (newestRaw) {
        store.raw = await store.openWriter(newestRaw);
        store.lastAppendedAt = store.raw.state.lastAt;
      }
      return ok(store);
    } catch (error) {
      await store.closeWriters();
      await store.unlock?.();
      return err(ioError('open', options.folder, error));
    }
  }

  /** Every segment file (and persisted index) in the folder and its size (a read-only store does this before each query). */
  private async listFiles(): Promise<void> {
    const files: SegmentFile[] = [];
    this.sizes.clear();
    this.indexSizes.clear();
    // A reader looks again each time: the writer may have rebuilt an index it found damaged.
    if (this.readOnly) this.staleIndexes.clear();
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      // A reader of an account that never recorded anything finds no folder: no history, not an error.
      if (this.readOnly && errorCode(error) === 'ENOENT') names = [];
      else throw error;
    }
    // Sizes asked for all at once: one round trip to the thread pool instead of one per file.
    const sizeOf = async (name: string): Promise<number | undefined> => {
      try {
        return (await stat(join(this.folder, name))).size;
      } catch (error) {
        // Deleted by the writer between the listing and now.
        if (this.readOnly && errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    };
    const listed = names.flatMap((name) => {
      const segment = parseSegmentFileName(name);
      if (segment) return [{ name, segment, isIndex: false }];
      const indexed = parseIndexFileName(name);
      return indexed ? [{ name, segment: indexed, isIndex: true }] : [];
    });
    const sizes = await Promise.all(listed.map(({ name }) => sizeOf(name)));
    listed.forEach(({ segment, isIndex }, i) => {
      const size = sizes[i];
      if (size === undefined) return;
      if (isIndex) {
        this.indexSizes.set(segment.fileName, size);
        return;
      }
      this.sizes.set(segment.fileName, size);
      files.push(segment);
    });
    this.files = files.sort(compareSegments);
  }

  /** Bytes of all segment files, as this store accounts them against the budget. */
  get diskBytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    for (const size of this.indexSizes.values()) total += size;
    return total;
  }

  /** Bytes of decoded history held in memory between queries (bounded by `cacheBytes` plus the fleet's share). */
  get cacheMemoryBytes(): number {
    return this.cache.memoryBytes;
  }

  append(sample: HistorySample): Promise<WorkspaceResult<void>> {
    return this.serialized(() => this.appendNow(sample)).catch((error: unknown) =>
      // A failing history write must never take the monitor down with it.
      err(wordedError('service', phrase('history.not-stored', { cause: fileErrorCause(error) }))),
    );
  }

  private async appendNow(sample: HistorySample): Promise<WorkspaceResult<void>> {
    if (this.closed) return err(wordedError('service', phrase('history.closed')));
    if (this.readOnly) return err(wordedError('service', phrase('history.read-only')));
    const at = sample.at;
    if (!Number.isSafeInteger(at) || at < 0) return err(wordedError('service', phrase('history.bad-time', { at: String(at) })));
    if (this.lastAppendedAt !== undefined && at <= this.lastAppendedAt) {
      return err(wordedError('service', phrase('history.not-after-last', { at: new Date(at).toISOString() }), [phrase('hint.clock-went-back')]));
    }
    const written = await this.writeSample(at, sample);
    if (!written.ok) return written;
    this.lastAppendedAt = at;
    if (at >= this.maintenanceRetryAt) {
      const step = await this.maintenanceStep(at);
      if (!step.ok) {
        this.maintenanceRetryAt = at + MAINTENANCE_RETRY_MS;
        this.logger?.warn(`History maintenance postponed: ${step.error.message}`);
      }
    }
    return ok(undefined);
  }

  query(query: HistoryQuery): Promise<WorkspaceResult<readonly HistoryPoint[]>> {
    return this.queryMany([query.series], query.from, query.to).then((result) => (result.ok ? ok(result.value.get(query.series) ?? []) : result));
  }

  /**
   * Several series over one range in one pass over the files: each file in the range is decoded (or found in
   * the cache) once for all of them. The map has an entry, possibly empty, for every requested series.
   */
  queryMany(series: readonly string[], from: number, to: number): Promise<WorkspaceResult<ReadonlyMap<string, readonly HistoryPoint[]>>> {
    return this.serialized(async () => {
      if (!this.readOnly) return this.queryNow(series, from, to);
      // The writer may downsample an hour (write the day, delete the hour) while this reads: a file listed but
      // gone when read means the listing is out of date, so it is read again once.
      for (let attempt = 0; ; attempt++) {
        try {
          await this.listFiles();
        } catch (error) {
          return err(ioError('read', this.folder, error));
        }
        this.vanished = false;
        const result = await this.queryNow(series, from, to);
        if (!this.vanished || attempt > 0 || !result.ok) return result;
      }
    });
  }

  /** Set when a listed segment was gone when read. */
  private vanished = false;

  private async queryNow(series: readonly string[], from: number, to: number): Promise<WorkspaceResult<ReadonlyMap<string, readonly HistoryPoint[]>>> {
    {
      this.queried = true;
      this.cache.startQuery();
      const results = new Map<string, HistoryPoint[]>(series.map((name) => [name, []]));
      if (!(from <= to)) return ok(results);
      const fleet = results.get(FLEET_SERIES);
      const groups = [...results.entries()].filter(([name]) => name !== FLEET_SERIES);
      const oldestRawStart = this.files.find((file) => file.kind === 'raw')?.startMs ?? Number.POSITIVE_INFINITY;
      const inRange = this.files.filter((file) => file.startMs <= to && segmentEnd(file) > from);
      // Persisted indexes of the complete hours, read all at once (the cold dashboard's 24 files).
      const persisted = await Promise.all(inRange.map((file) => this.persistedIndexOf(file)));
      for (const [i, file] of inRange.entries()) {
        // Downsampled buckets at or after the oldest raw hour exist only when a crash interrupted the deletion
        // of a downsampled hour; the raw samples are the better copy.
        const until = file.kind === 'raw' ? to : Math.min(to, oldestRawStart - 1);
        if (until < from) continue;
        const summary = persisted[i];
        let fleetDone = false;
        const missing: [string, HistoryPoint[]][] = [];
        if (summary) {
          if (fleet) fleetDone = summary.pointsOf(FLEET_SERIES, from, until, fleet);
          for (const entry of groups) if (!summary.pointsOf(entry[0], from, until, entry[1])) missing.push(entry);
          // (A query without the fleet left it undone: that says nothing about the index.)
          if ((fleet && !fleetDone) || missing.length > 0) this.indexIsStale(file);
        }
        const toDecode = summary ? missing : groups;
        // Groups first: the segment is then decoded once, and the fleet's points come from that decode.
        if (toDecode.length > 0) {
          const index = await this.indexOf(file);
          if (!index.ok) return index;
          for (const [name, points] of toDecode) index.value?.pointsOf(name, from, until, points);
        }
        if (fleet && !fleetDone) {
          const points = await this.fleetPointsOf(file);
          if (!points.ok) return points;
          pushInRange(points.value, from, until, fleet);
        }
      }
      return ok(results);
    }
  }

  /**
   * The persisted index of a complete segment when there is a usable one (intact, of this version, made for the
   * segment as it is now), else undefined: the segment is then decoded.
   */
  private async persistedIndexOf(file: SegmentFile): Promise<PersistedIndex | undefined> {
    if (this.isBeingWritten(file) || !this.indexSizes.has(file.fileName) || this.staleIndexes.has(file.fileName)) return undefined;
    const length = this.sizes.get(file.fileName) ?? -1;
    const cached = this.cache.persistedIndex(file.fileName, length);
    if (cached) return cached;
    let bytes: Uint8Array;
    try {
      bytes = plainBytes(await readFile(join(this.folder, indexFileName(file))));
    } catch (error) {
      // Deleted with its segment meanwhile, or unreadable: the segment says the same, at more cost.
      if (errorCode(error) !== 'ENOENT') this.logger?.warn(ioError('read', join(this.folder, indexFileName(file)), error).message);
      return undefined;
    }
    const index = PersistedIndex.parse(bytes, length);
    if (!index) {
      this.indexIsStale(file);
      return undefined;
    }
    if (!this.closed) this.cache.keepPersistedIndex(file.fileName, length, index);
    return index;
  }

  /** Damaged, or made for the segment as it was before: ignored from now on, and rebuilt by a writer. */
  private indexIsStale(file: SegmentFile): void {
    this.staleIndexes.add(file.fileName);
  }

  /** The file's index, from the cache or decoded now (and cached); undefined when the file is gone. */
  private async indexOf(file: SegmentFile): Promise<WorkspaceResult<SegmentIndex | undefined>> {
    const cached = this.cache.index(file.fileName, this.sizes.get(file.fileName) ?? -1);
    if (cached) return ok(cached);
    const scan = await this.readSegment(file);
    return scan.ok ? ok(scan.value && this.indexFrom(file, scan.value)) : scan;
  }

  private indexFrom(file: SegmentFile, scan: ScannedSegment): SegmentIndex {
    const index = this.cache.newIndex(expectedHeaderOf(file));
    index.add(scan);
    if (!this.isBeingWritten(file)) index.seal();
    // After close, queries still answer but memory is not held for a store nobody writes any more.
    if (!this.closed && scan.length === this.sizes.get(file.fileName)) this.cache.keep(file.fileName, scan.length, index);
    return index;
  }

  /**
   * The file's records (read past damaged bytes, which a writing store repairs here); undefined when it is gone.
   */
  private async readSegment(file: SegmentFile): Promise<WorkspaceResult<ScannedSegment | undefined>> {
    const path = this.pathOf(file);
    let bytes: Uint8Array;
    try {
      bytes = plainBytes(await readFile(path));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        this.vanished = true;
        return ok(undefined);
      }
      return err(ioError('read', path, error));
    }
    const scan = { ...scanRecords(bytes), length: bytes.length };
    if (scan.damaged.length === 0) return ok(scan);
    if (this.readOnly || this.isBeingWritten(file)) {
      // The writer repairs the hour it writes when it opens it; a reader never changes a file.
      this.reportDamage(file, scan, false);
      return ok(scan);
    }
    try {
      return ok(await this.repair(file, bytes, scan));
    } catch (error) {
      // Not repairable here (a read-only or full disk): read past the damage all the same.
      this.logger?.warn(ioError('repair', path, error).message);
      this.reportDamage(file, scan, false);
      return ok(scan);
    }
  }

  /**
   * Moves the damaged file aside (once: an earlier copy is kept) and writes its intact records back in its place,
   * so the damage is reported once and the file reads cleanly from now on. Returns the scan of the new file.
   */
  private async repair(file: SegmentFile, bytes: Uint8Array, scan: ScannedRecords): Promise<ScannedSegment> {
    const path = this.pathOf(file);
    // Where bytes were skipped, a gap record says so: what follows is read knowing a record may be missing.
    const intact = concat(
      scan.records.flatMap((record) => {
        const framed = bytes.subarray(record.start, record.start + RECORD_HEADER_BYTES + record.body.length);
        return record.afterDamage ? [GAP_RECORD, framed] : [framed];
      }),
    );
    const aside = `${path}${DAMAGED_SUFFIX}`;
    const draft = `${path}.repair-${process.pid}`;
    await this.deleteIndex(file);
    await writeFile(draft, intact, { mode: 0o600 });
    // Fails when a copy is already aside: the first, most original one is kept. A copy, not a hard link, so it
    // works on file systems without links too.
    await copyFile(path, aside, fsConstants.COPYFILE_EXCL).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
    await rename(draft, path);
    this.sizes.set(file.fileName, intact.length);
    this.cache.forget(file.fileName);
    this.reportDamage(file, scan, true);
    return { ...scanRecords(intact), length: intact.length };
  }

  private reportDamage(file: SegmentFile, scan: ScannedRecords, repaired: boolean): void {
    if (this.damageReported.has(file.fileName)) return;
    this.damageReported.add(file.fileName);
    const bytes = scan.damaged.reduce((sum, range) => sum + range.end - range.start, 0);
    const where = scan.damaged.map((range) => `${range.start}-${range.end}`).join(', ');
    const error = wordedError('service', phrase('history.damaged', { path: this.pathOf(file), bytes, ranges: where }), [
      repaired ? phrase('hint.damaged-kept', { path: `${this.pathOf(file)}${DAMAGED_SUFFIX}` }) : phrase('hint.damaged-repair-later'),
      phrase('hint.check-disk'),
    ]);
    this.logger?.warn(error.message);
    this.onDamage?.(error);
  }

  /**
   * All the fleet's points in the file, kept apart from the indexes (see SegmentCache) and, when no index of
   * the file is at hand, read without decoding any group (see leadingSeriesPoints).
   */
  private async fleetPointsOf(file: SegmentFile): Promise<WorkspaceResult<readonly HistoryPoint[]>> {
    const length = this.sizes.get(file.fileName) ?? -1;
    const cached = this.cache.fleetPoints(file.fileName, length);
    if (cached) return ok(cached);
    let points: readonly HistoryPoint[];
    const index = this.cache.index(file.fileName, length);
    if (index) {
      points = frozenFleetPoints(index);
    } else {
      const scan = await this.readSegment(file);
      if (!scan.ok) return scan;
      if (!scan.value) return ok([]);
      points = leadingSeriesPoints(scan.value, FLEET_SERIES) ?? frozenFleetPoints(this.indexFrom(file, scan.value));
    }
    if (!this.closed) this.cache.keepFleetPoints(file.fileName, length, points);
    return ok(points);
  }

  private isBeingWritten(file: SegmentFile): boolean {
    return this.raw?.file.fileName === file.fileName || this.downsampled?.file.fileName === file.fileName;
  }

  /** Runs every pending maintenance step (retention, downsampling, budget) as of `now`, e.g. at startup. */
  maintain(now: number): Promise<WorkspaceResult<void>> {
    return this.serialized(async () => {
      if (this.readOnly) return err(wordedError('service', phrase('history.read-only-maintain')));
      for (;;) {
        const step = await this.maintenanceStep(now);
        if (!step.ok) return step;
        if (!step.value) return ok(undefined);
      }
    });
  }

  close(): Promise<void> {
    return this.serialized(async () => {
      this.closed = true;
      await this.closeWriters();
      const unlock = this.unlock;
      this.unlock = undefined;
      this.cache.clear();
      await unlock?.();
    });
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private pathOf(file: SegmentFile): string {
    return join(this.folder, file.fileName);
  }

  /**
   * Stores the fleet, then every group under its key (`GroupStatus.key`: unique within a sample, so unnamed and
   * repeated groups are kept apart; a uniquely named group's key is its name, as history written before keys
   * existed was keyed). Keys never start with NUL, which FLEET_SERIES does; a sample that breaks that (a caller's
   * bug) loses the offending group rather than the fleet.
   */
  private async writeSample(at: number, sample: HistorySample): Promise<WorkspaceResult<void>> {
    const fleet = { name: FLEET_SERIES, counts: sample.totals };
    const target = segmentFile('raw', at);
    try {
      if (this.raw && this.raw.file.startMs !== target.startMs) await this.closeWriter('raw');
      this.raw ??= await this.openWriter(target);
      let encoded = this.raw.state.encodeKeyed(at, fleet, sample.groups);
      if (!encoded.ok) return encoded;
      if (!(await this.makeRoom(encoded.value.length))) {
        // Everything older is gone and the current hour alone is too big: start it afresh.
        await this.deleteFile(this.raw.file);
        this.raw = await this.openWriter(target);
        encoded = this.raw.state.encodeKeyed(at, fleet, sample.groups);
        if (!encoded.ok) return encoded;
        if (!(await this.makeRoom(encoded.value.length))) {
          return err(wordedError('config', phrase('history.budget-too-small', { budget: this.budgetBytes, size: encoded.value.length }), [phrase('hint.raise-budget')]));
        }
      }
      await this.appendBytes(this.raw, encoded.value);
      return ok(undefined);
    } catch (error) {
      // The codec state may now be ahead of the file: reopening rescans it and cuts any partial record.
      await this.closeWriter('raw');
      return err(ioError('write', join(this.folder, target.fileName), error));
    }
  }

  /** One step of upkeep as of `now`; `true` when it did something (so there may be more). */
  private async maintenanceStep(now: number): Promise<WorkspaceResult<boolean>> {
    const expired = this.files.find((file) => isExpired(file, now) && file !== this.raw?.file);
    // The hour that just ended is indexed before the hour that turned 24 h old (both come with an hour's first
    // sample) is downsampled: a dashboard opened now reads that index, while the downsampling can wait for the
    // next append. Older hours without an index (history written before indexes existed) come after downsampling.
    const justEnded = this.files.findLast((file) => file.kind === 'raw' && !this.isBeingWritten(file));
    const endedUnindexed = !expired && justEnded && this.needsIndex(justEnded) && !isDueForDownsampling(justEnded, now) ? justEnded : undefined;
    const due = expired || endedUnindexed ? undefined : this.files.find((file) => isDueForDownsampling(file, now));
    const unindexed = expired || due ? undefined : (endedUnindexed ?? this.files.find((file) => this.needsIndex(file)));
    const target = expired ?? due ?? unindexed;
    if (!target) return ok(false);
    try {
      if (expired) await this.deleteFile(expired);
      else if (due) await this.downsampleHour(due);
      else if (unindexed) await this.writeIndex(unindexed);
      await this.makeRoom(0);
      return ok(true);
    } catch (error) {
      await this.closeWriter('downsampled');
      // A segment that could not be read says so itself, rather than inside "Cannot index history at ...".
      return err(error instanceof FailedRead ? error.failure : ioError(expired ? 'delete' : due ? 'downsample' : 'index', this.pathOf(target), error));
    }
  }

  /**
   * A complete raw hour (a later sample was stored, so it never grows again) without a usable persisted index.
   * Day files are not indexed: the fleet's 30 days read without decoding groups already (leading-series.ts).
   */
  private needsIndex(file: SegmentFile): boolean {
    if (file.kind !== 'raw' || this.isBeingWritten(file) || this.lastAppendedAt === undefined || segmentEnd(file) > this.lastAppendedAt) return false;
    return !this.indexSizes.has(file.fileName) || this.staleIndexes.has(file.fileName);
  }

  /** Builds the segment's persisted index from the segment (written whole under a private name, then renamed). */
  private async writeIndex(file: SegmentFile): Promise<void> {
    this.staleIndexes.delete(file.fileName);
    let length = this.sizes.get(file.fileName) ?? -1;
    let index = this.cache.index(file.fileName, length);
    if (!index) {
      const scan = await this.readSegment(file);
      if (!scan.ok) throw new FailedRead(scan.error);
      if (!scan.value) return;
      index = this.cache.newIndex(expectedHeaderOf(file));
      index.add(scan.value);
      index.seal();
      length = scan.value.length;
    }
    const bytes = encodePersistedIndex(index, length);
    const path = join(this.folder, indexFileName(file));
    const draft = `${path}.${process.pid}`;
    await writeFile(draft, bytes, { mode: 0o600 });
    await rename(draft, path);
    this.indexSizes.set(file.fileName, bytes.length);
    // Queries read the hour from its persisted index from now on: the decoded one (the writer's, usually) goes,
    // and the persisted one stays at hand when charts have been looked at.
    this.cache.forgetIndex(file.fileName);
    const persisted = this.queried && !this.closed ? PersistedIndex.parse(bytes, length) : undefined;
    if (persisted) this.cache.keepPersistedIndex(file.fileName, length, persisted);
  }

  private async deleteIndex(file: SegmentFile): Promise<void> {
    this.indexSizes.delete(file.fileName);
    this.staleIndexes.delete(file.fileName);
    this.cache.forget(file.fileName);
    await rm(join(this.folder, indexFileName(file)), { force: true });
  }

  /** Indexes whose segment is gone (deleted by hand, say): nothing would ever delete them. */
  private async deleteOrphanIndexes(): Promise<void> {
    for (const name of [...this.indexSizes.keys()]) {
      if (this.sizes.has(name)) continue;
      const segment = parseSegmentFileName(name);
      if (segment) await this.deleteIndex(segment);
    }
  }

  private async downsampleHour(rawFile: SegmentFile): Promise<void> {
    if (this.raw?.file === rawFile) await this.closeWriter('raw');
    const day = segmentFile('downsampled', rawFile.startMs);
    if (this.downsampled && this.downsampled.file.startMs !== day.startMs) await this.closeWriter('downsampled');
    this.downsampled ??= await this.openWriter(day);
    const target = this.downsampled.state;
    const chunks: Uint8Array[] = [];
    const encode = (bucket: Bucket | undefined): void => {
      // Already there when a crash came between writing these buckets and deleting the raw hour.
      if (!bucket || (target.lastAt !== undefined && bucket.at <= target.lastAt)) return;
      const encoded = target.encodeArrays(bucket.at, bucket);
      if (encoded.ok) chunks.push(encoded.value);
    };
    const source = new SegmentState(expectedHeaderOf(rawFile));
    const downsampler = new MaxDownsampler(source, DOWNSAMPLED_BUCKET_MS);
    const read = await this.readSegment(rawFile);
    if (!read.ok) throw new FailedRead(read.error);
    for (const { body, afterDamage } of read.value?.records ?? []) {
      try {
        if (source.apply(body, afterDamage) !== 'sample') continue;
      } catch (error) {
        if (error instanceof CorruptDataError) break;
        throw error;
      }
      encode(downsampler.add());
    }
    encode(downsampler.flush());
    if (chunks.length > 0) {
      await this.appendBytes(this.downsampled, concat(chunks));
      await this.downsampled.handle.datasync();
    }
    await this.deleteFile(rawFile);
  }

  /** Deletes the oldest files (never the raw hour being written) until `extra` more bytes fit the budget. */
  private async makeRoom(extra: number): Promise<boolean> {
    let total = this.diskBytes;
    while (total + extra > this.budgetBytes) {
      const oldest = this.files.find((file) => file !== this.raw?.file);
      if (!oldest) return false;
      total -= this.sizes.get(oldest.fileName) ?? 0;
      await this.deleteFile(oldest);
      this.logger?.warn(`History exceeded its budget of ${this.budgetBytes} bytes; deleted ${oldest.fileName}`);
    }
    return true;
  }

  /** Opens a segment for appending, cutting off a torn or garbled tail first; creates it when missing. */
  private async openWriter(file: SegmentFile): Promise<Writer> {
    const path = this.pathOf(file);
    let bytes = await readIfExists(path);
    // The raw hour's index is built as the writer's state goes through it (recovering the file now, encoding
    // each sample later): the hour being written is never decoded a second time, neither by a query nor to
    // write its persisted index when it ends.
    const follow = file.kind === 'raw' && !this.closed ? (state: SegmentState) => this.cache.followingIndex(state) : undefined;
    let recovered = recoverSegment(bytes, file, follow);
    if (recovered.damaged.length > 0) {
      try {
        await this.repair(file, bytes, scanRecords(bytes));
        bytes = await readIfExists(path);
        recovered = recoverSegment(bytes, file, follow);
      } catch (error) {
        // Appending after the damage is still safe: readers skip the damaged bytes either way.
        this.logger?.warn(ioError('repair', path, error).message);
        this.reportDamage(file, scanRecords(bytes), false);
      }
    }
    const { state, validLength, index } = recovered;
    if (validLength < bytes.length) {
      await truncate(path, validLength);
      this.logger?.warn(`History file ${file.fileName} had a damaged tail of ${bytes.length - validLength} bytes; cut off`);
    }
    // Private like its folder (and the persisted indexes): group names and counts are the organisation's business.
    const handle = await open(path, 'a', 0o600);
    const writer: Writer = { file, state, handle };
    if (index) this.cache.keep(file.fileName, validLength, index);
    if (!this.files.some((known) => known.fileName === file.fileName)) {
      this.files.push(file);
      this.files.sort(compareSegments);
    }
    this.sizes.set(file.fileName, validLength);
    if (state.header === undefined) {
      const header = state.encodeHeader({ startMs: file.startMs, bucketMs: file.kind === 'raw' ? 0 : DOWNSAMPLED_BUCKET_MS });
      try {
        await this.appendBytes(writer, header);
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
    }
    return writer;
  }

  private async appendBytes(writer: Writer, bytes: Uint8Array): Promise<void> {
    const lengthBefore = this.sizes.get(writer.file.fileName) ?? 0;
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await writer.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
      this.sizes.set(writer.file.fileName, (this.sizes.get(writer.file.fileName) ?? 0) + bytesWritten);
    }
    this.cache.appended(writer.file.fileName, lengthBefore, bytes);
  }

  private async deleteFile(file: SegmentFile): Promise<void> {
    if (this.raw?.file.fileName === file.fileName) await this.closeWriter('raw');
    if (this.downsampled?.file.fileName === file.fileName) await this.closeWriter('downsampled');
    // The index first: a crash in between leaves a segment without an index (rebuilt), never an orphan index.
    await this.deleteIndex(file);
    await rm(this.pathOf(file), { force: true });
    await rm(`${this.pathOf(file)}${DAMAGED_SUFFIX}`, { force: true });
    this.cache.forget(file.fileName);
    this.files = this.files.filter((known) => known.fileName !== file.fileName);
    this.sizes.delete(file.fileName);
  }

  private async closeWriter(which: 'raw' | 'downsampled'): Promise<void> {
    const writer = this[which];
    this[which] = undefined;
    if (writer) this.cache.seal(writer.file.fileName);
    await writer?.handle.close().catch(() => undefined);
  }

  private async closeWriters(): Promise<void> {
    await this.closeWriter('raw');
    await this.closeWriter('downsampled');
  }
}

/** Folders this process holds: its own pid in a lock file cannot tell a second store here from a stale lock. */
const heldFolders = new Set<string>();

/**
 * One writer per folder. Two stores appending to the same files (the tray app and a `watch` on the same account)
 * would each encode against their own codec state: every append succeeds, yet the files no longer decode, and
 * the next open cuts the "garbage" off. The lock is `<folder>.lock` beside the folder (so the folder holds
 * segments only) and names the holder's pid; a lock whose process is gone (a crash) is taken over. Resolves to
 * the function that releases it.
 */
async function lockFolder(folder: string): Promise<WorkspaceResult<() => Promise<void>>> {
  const key = resolve(folder);
  const lockPath = `${key}.lock`;
  if (heldFolders.has(key)) return err(historyInUse(key, process.pid, lockPath));
  heldFolders.add(key);
  // Written in full under a private name, then linked into place: the lock is never seen without its pid.
  const draft = `${lockPath}.${process.pid}`;
  try {
    await writeFile(draft, `${process.pid}\n`);
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, lockPath);
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST' || attempt > 0) throw error;
      }
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (holder !== process.pid && isRunning(holder)) {
        heldFolders.delete(key);
        return err(historyInUse(key, holder, lockPath));
      }
      await rm(lockPath, { force: true });
    }
  } catch (error) {
    heldFolders.delete(key);
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
  return ok(async () => {
    heldFolders.delete(key);
    await rm(lockPath, { force: true }).catch(() => undefined);
  });
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return errorCode(error) === 'EPERM';
  }
}

function historyInUse(folder: string, pid: number, lockPath: string): WorkspaceError {
  // The pid as text: it is an identifier, not a quantity to group in thousands.
  return wordedError('config', phrase('history.in-use', { folder, pid: String(pid) }), [phrase('hint.history-one-writer', { path: lockPath })]);
}

/**
 * The state after the segment's intact records, where they end, and the damaged ranges skipped on the way. A file
 * for another span counts as garbage.
 */
function recoverSegment(
  bytes: Uint8Array,
  file: SegmentFile,
  follow?: (state: SegmentState) => SegmentIndex,
): { state: SegmentState; index: SegmentIndex | undefined; validLength: number; damaged: ScannedRecords['damaged'] } {
  const { records, validLength, damaged } = scanRecords(bytes);
  const replay = (count: number): { state: SegmentState; index: SegmentIndex | undefined } => {
    const state = new SegmentState(expectedHeaderOf(file));
    const index = follow?.(state);
    for (const record of records.slice(0, count)) index?.recorded(state.apply(record.body, record.afterDamage), record.body);
    return { state, index };
  };
  const state = new SegmentState(expectedHeaderOf(file));
  const index = follow?.(state);
  for (let i = 0; i < records.length; i++) {
    try {
      const applied = state.apply(records[i]!.body, records[i]!.afterDamage);
      const header = state.header;
      if (applied === 'header' && (header?.startMs !== file.startMs || (header.bucketMs === 0) !== (file.kind === 'raw'))) {
        throw new CorruptDataError('header does not match the file name');
      }
      index?.recorded(applied, records[i]!.body);
    } catch (error) {
      if (!(error instanceof CorruptDataError)) throw error;
      const start = records[i]!.start;
      return { ...replay(i), validLength: start, damaged: damaged.filter((range) => range.end <= start) };
    }
  }
  return { state, index, validLength, damaged };
}

/** A segment's scan and the length of the bytes scanned. */
type ScannedSegment = ScannedRecords & { readonly length: number };

const DAMAGED_SUFFIX = '.damaged';

/** The header a segment's file name implies. */
function expectedHeaderOf(file: SegmentFile): SegmentHeader {
  return { startMs: file.startMs, bucketMs: file.kind === 'raw' ? 0 : DOWNSAMPLED_BUCKET_MS };
}

/** Every fleet point of a segment, frozen: they are handed out to every later query, which must not change them. */
function frozenFleetPoints(index: SegmentIndex): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  index.pointsOf(FLEET_SERIES, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, points);
  for (const point of points) Object.freeze(point);
  return points;
}

/** Appends to `out` the points (sorted by time) that lie in [from, to]. */
function pushInRange(points: readonly HistoryPoint[], from: number, to: number, out: HistoryPoint[]): void {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle]!.at < from) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < points.length && points[i]!.at <= to; i++) out.push(points[i]!);
}

/** A Buffer's bytes as a plain Uint8Array: the decoders take views of it by the thousand, and a Buffer's views cost more. */
const plainBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

async function readIfExists(path: string): Promise<Uint8Array> {
  try {
    return plainBytes(await readFile(path));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return new Uint8Array(0);
    throw error;
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A segment's read failure, thrown through a maintenance step that reads it. */
class FailedRead extends Error {
  constructor(readonly failure: WorkspaceError) {
    super(failure.message);
  }
}

/** What the store was doing when a file failed (the `action.` phrases). */
type HistoryAction = 'open' | 'read' | 'repair' | 'write' | 'delete' | 'downsample' | 'index';

function ioError(action: HistoryAction, path: string, error: unknown): WorkspaceError {
  return historyFolderIoError(error, (cause) => phrase('history.io', { action: phrase(`action.${action}`), path, cause }), [phrase('hint.history-goes-on')]);
}
