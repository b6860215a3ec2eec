// A segment decoded ONCE so that any of its series can then be read on its own, in time proportional to that
// series' changes: a chart of one group over 24 h touches ~1,500 entries instead of decoding 25 files of 5,000
// groups each.
//
// The index keeps the entries of every sample record (still delta-coded: 1-5 bytes per changed count, the
// smallest form there is) and, per series, a chain of where its entries are. Reading a series replays its
// chain with the codec's own entry decoder (applyEntry), so it reads exactly as a full decode would, down to
// stopping at the first record that does not make sense.
//
// Series are found through SeriesIds, shared by all the indexes of a store, rather than a Map per index: the
// same 5,000 names repeat in every one of ~55 files, and a Map of them per file would cost more than the file.
import type { Counts } from '../api/fields.js';
import type { HistoryPoint } from '../ports.js';
import { ByteReader, CorruptDataError } from './bytes.js';
import { scanRecords, type ScannedRecords } from './record.js';
import {
  FIELD_COUNT,
  RECORD_DICTIONARY,
  RECORD_HEADER,
  RECORD_SAMPLE,
  SegmentState,
  applyEntry,
  countsFromValues,
  entryModeOf,
  type AppliedRecord,
  type EntryMode,
  type SegmentHeader,
  utf8Of,
} from './segment-codec.js';

/** Numbers for the series names seen by a store's indexes; an index maps them to its own dictionary indices. */
export class SeriesIds {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Per id, the name's UTF-8 bytes, made the first time a persisted index is written with it. */
  private readonly utf8s: (Uint8Array | undefined)[] = [];

  get size(): number {
    return this.ids.size;
  }

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  find(name: string): number | undefined {
    return this.ids.get(name);
  }

  nameOf(id: number): string | undefined {
    return this.names[id];
  }

  /** The UTF-8 bytes of the name with this id: the same names are written in every hour's persisted index. */
  utf8Of(id: number): Uint8Array {
    let utf8 = this.utf8s[id];
    if (utf8 === undefined) {
      utf8 = utf8Of(this.names[id]!);
      this.utf8s[id] = utf8;
    }
    return utf8;
  }
}

/** Rough heap cost of the codec state an index keeps while its segment can still grow (per series). */
const OPEN_STATE_BYTES_PER_SERIES = 2 * FIELD_COUNT * 8 + 2 + 120;

function grown<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(array: T, needed: number, make: (size: number) => T, fill?: number): T {
  if (needed <= array.length) return array;
  const bigger = make(Math.max(needed, array.length * 2, 16));
  bigger.set(array);
  if (fill !== undefined) bigger.fill(fill, array.length);
  return bigger;
}

const trimmed = <T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(array: T, length: number): T =>
  length === array.length ? array : (array.slice(0, length) as T);

export class SegmentIndex {
  /** The codec state while records may still be added; dropped by seal(). */
  private state: SegmentState | undefined;
  /** How update entries read back (format version, and whether damaged bytes were skipped). */
  private entryMode: EntryMode = 'values';
  /** Set at the first record that does not make sense: like a full decode, nothing after it counts. */
  private broken = false;
  private bucket = 0;
  private times = new Float64Array(0);
  /** Where each sample's entries start in `kept`. */
  private sampleStarts = new Uint32Array(0);
  private sampleCount = 0;
  private kept = new Uint8Array(0);
  private keptLength = 0;
  /** Each entry: where it starts in `kept` and the next entry of the same series (-1: none). */
  private entryAt = new Uint32Array(0);
  private entryNext = new Int32Array(0);
  /** Each entry's series (dictionary index): for forEachRun's single pass over the entries in file order. */
  private entryLocal = new Int32Array(0);
  private entryCount = 0;
  /** Per dictionary index: first and last entry of the series (-1: none). */
  private first = new Int32Array(0);
  private last = new Int32Array(0);
  private seriesCount = 0;
  /** Per dictionary index, the series' 13 base counts (version 3; see segment-codec.ts). */
  private bases = new Float64Array(0);
  /** Per SeriesIds id: this segment's dictionary index (-1: not in this segment). */
  private localOfId = new Int32Array(0);
  /** Per dictionary index: its SeriesIds id. */
  private idOfLocal = new Int32Array(0);

  /**
   * Set for the index of the segment being written: it shares the writer's codec state, which has already
   * applied (while recovering the file) or encoded (while appending) each record the index is given, so the
   * segment is never decoded a second time for it.
   */
  private following = false;

  /** `expectedHeader`: the file name's header, for a segment whose header record was damaged. */
  constructor(
    private readonly ids: SeriesIds,
    expectedHeader?: SegmentHeader,
  ) {
    this.state = new SegmentState(expectedHeader);
  }

  /**
   * The index of a segment as `state` goes through it: give it each record right after the state applied or
   * encoded it, through `recorded`, or through `add` with what the writer appended (one sample at a time: the
   * state only remembers the latest sample's entries). `state` must not have taken any record yet.
   */
  static following(ids: SeriesIds, state: SegmentState): SegmentIndex {
    const index = new SegmentIndex(ids);
    index.state = state;
    index.following = true;
    return index;
  }

  /** Width of the buckets in this segment, 0 for full-resolution samples. */
  get bucketMs(): number {
    return this.bucket;
  }

  get sealed(): boolean {
    return this.state === undefined;
  }

  /** Approximate heap bytes, for the cache's budget. */
  get memoryBytes(): number {
    const arrays = [this.times, this.sampleStarts, this.kept, this.entryAt, this.entryNext, this.entryLocal, this.first, this.last, this.localOfId, this.idOfLocal, this.bases];
    const open = this.state ? this.seriesCount * OPEN_STATE_BYTES_PER_SERIES : 0;
    return arrays.reduce((sum, array) => sum + array.byteLength, 256) + open;
  }

  /**
   * Adds framed records: a whole file (or its scan), or what was just appended to it. Damaged bytes are skipped
   * as scanRecords skips them; a record that makes no sense ends the segment, as in a full decode. Throws when
   * the index is sealed.
   */
  add(bytes: Uint8Array | ScannedRecords): void {
    const state = this.state;
    if (!state) throw new Error('adding records to a sealed segment index');
    if (this.broken) return;
    const { records } = bytes instanceof Uint8Array ? scanRecords(bytes) : bytes;
    for (const { body, afterDamage } of records) {
      let applied: AppliedRecord;
      if (this.following) applied = recordKindOf(body);
      else {
        try {
          applied = state.apply(body, afterDamage);
        } catch (error) {
          if (!(error instanceof CorruptDataError)) throw error;
          this.broken = true;
          return;
        }
      }
      this.recorded(applied, body);
    }
  }

  /** The state has just applied or encoded the record `body` (of kind `applied`): takes it in. */
  recorded(applied: AppliedRecord, body: Uint8Array): void {
    const state = this.state;
    if (!state) throw new Error('adding records to a sealed segment index');
    this.entryMode = entryModeOf(state.version, state.afterDamage);
    // Also when the header record was damaged and the file name's was assumed.
    this.bucket = state.header?.bucketMs ?? 0;
    if (applied === 'dictionary') this.addSeries(state);
    else if (applied === 'sample') this.addSample(state, body);
  }

  /** No more records will come: drops the codec state and spare capacity. */
  seal(): void {
    if (!this.state) return;
    this.state = undefined;
    this.times = trimmed(this.times, this.sampleCount);
    this.sampleStarts = trimmed(this.sampleStarts, this.sampleCount);
    this.kept = trimmed(this.kept, this.keptLength);
    this.entryAt = trimmed(this.entryAt, this.entryCount);
    this.entryNext = trimmed(this.entryNext, this.entryCount);
    this.entryLocal = trimmed(this.entryLocal, this.entryCount);
    this.first = trimmed(this.first, this.seriesCount);
    this.last = trimmed(this.last, this.seriesCount);
    this.bases = trimmed(this.bases, this.seriesCount * FIELD_COUNT);
    this.idOfLocal = trimmed(this.idOfLocal, this.seriesCount);
  }

  private addSeries(state: SegmentState): void {
    const count = state.names.length;
    this.first = grown(this.first, count, (n) => new Int32Array(n), -1);
    this.last = grown(this.last, count, (n) => new Int32Array(n), -1);
    this.bases = grown(this.bases, count * FIELD_COUNT, (n) => new Float64Array(n));
    this.idOfLocal = grown(this.idOfLocal, count, (n) => new Int32Array(n));
    this.bases.set(state.bases.subarray(this.seriesCount * FIELD_COUNT, count * FIELD_COUNT), this.seriesCount * FIELD_COUNT);
    for (let local = this.seriesCount; local < count; local++) {
      const id = this.ids.idOf(state.names[local]!);
      this.localOfId = grown(this.localOfId, id + 1, (n) => new Int32Array(n), -1);
      this.localOfId[id] = local;
      this.idOfLocal[local] = id;
    }
    this.seriesCount = count;
  }

  private addSample(state: SegmentState, body: Uint8Array): void {
    const n = this.sampleCount++;
    this.times = grown(this.times, n + 1, (size) => new Float64Array(size));
    this.sampleStarts = grown(this.sampleStarts, n + 1, (size) => new Uint32Array(size));
    this.times[n] = state.lastAt!;
    this.sampleStarts[n] = this.keptLength;
    const touched = state.touched;
    if (touched.length === 0) return;
    // The entries are the tail of the body, after the sample's time and entry count.
    const entriesStart = state.touchedAt[0]!;
    const base = this.keptLength - entriesStart;
    this.kept = grown(this.kept, this.keptLength + body.length - entriesStart, (size) => new Uint8Array(size));
    this.kept.set(body.subarray(entriesStart), this.keptLength);
    this.keptLength += body.length - entriesStart;
    this.entryAt = grown(this.entryAt, this.entryCount + touched.length, (size) => new Uint32Array(size));
    this.entryNext = grown(this.entryNext, this.entryCount + touched.length, (size) => new Int32Array(size));
    this.entryLocal = grown(this.entryLocal, this.entryCount + touched.length, (size) => new Int32Array(size));
    for (let i = 0; i < touched.length; i++) {
      const local = touched[i]!;
      const entry = this.entryCount++;
      this.entryAt[entry] = base + state.touchedAt[i]!;
      this.entryNext[entry] = -1;
      this.entryLocal[entry] = local;
      const previous = this.last[local]!;
      if (previous === -1) this.first[local] = entry;
      else this.entryNext[previous] = entry;
      this.last[local] = entry;
    }
  }

  /** Series in the segment's dictionary (their dictionary indices are 0 to this, exclusive). */
  get seriesTotal(): number {
    return this.seriesCount;
  }

  /** The time of every sample, oldest first. */
  get sampleTimes(): Float64Array {
    return this.times.subarray(0, this.sampleCount);
  }

  /** The name of the series at dictionary index `local`. */
  seriesName(local: number): string {
    return this.ids.nameOf(this.idOfLocal[local]!)!;
  }

  /** The UTF-8 bytes of that name (shared: not to be changed). */
  seriesUtf8(local: number): Uint8Array {
    return this.ids.utf8Of(this.idOfLocal[local]!);
  }

  /**
   * Calls `run` for each stretch of samples [start, end) over which the series at dictionary index `local` is
   * present with the same counts (`values`: its 13 counts, null as NaN; valid during the call), oldest first.
   */
  runsOf(local: number, run: (start: number, end: number, values: Float64Array) => void): void {
    // Scratch shared by every call (runsOf runs once per series of a segment when its persisted index is built):
    // a buffer and a reader per series cost more than its few entries.
    let values = RUN_VALUES;
    let before = RUN_BEFORE;
    values.fill(0);
    const reader = new ByteReader(this.kept, 0, this.keptLength);
    const starts = this.sampleStarts;
    const sampleCount = this.sampleCount;
    const entryAt = this.entryAt;
    const entryNext = this.entryNext;
    const mode = this.entryMode;
    const bases = this.bases;
    const baseOffset = local * FIELD_COUNT;
    let present = false;
    let runStart = 0;
    let sample = 0;
    for (let entry = this.first[local]!; entry !== -1; entry = entryNext[entry]!) {
      const at = entryAt[entry]!;
      while (sample + 1 < sampleCount && starts[sample + 1]! <= at) sample++;
      reader.moveTo(at);
      reader.varint();
      // The entry is applied to a copy of the counts so far: `before` keeps them for the run it may end.
      before.set(values);
      const wasPresent: boolean = present;
      present = applyEntry(reader, before, 0, present, mode, bases, baseOffset);
      const swap = values;
      values = before;
      before = swap;
      if (present === wasPresent && sameValues(before, values)) continue;
      if (wasPresent && sample > runStart) run(runStart, sample, before);
      runStart = sample;
    }
    if (present && sampleCount > runStart) run(runStart, sampleCount, values);
  }

  /**
   * The runs of every series (see runsOf), in one pass over the entries in the order they were written: runs of
   * one series come oldest first, those of different series interleaved; `values` is valid during the call. The
   * same runs as runsOf gives, at a fraction of the cost for a whole segment: walking each series' chain in turn
   * jumps all over the entries (cache misses by the ten thousand), this reads them in order.
   */
  forEachRun(run: (local: number, start: number, end: number, values: Float64Array) => void): void {
    const count = this.seriesCount;
    // Scratch kept between calls (one per hour written): fresh arrays of 5,000 series each time kept the
    // collector busier than the pass itself.
    if (RUN_SCRATCH.present.length < count) {
      RUN_SCRATCH.current = new Float64Array(count * FIELD_COUNT);
      RUN_SCRATCH.present = new Uint8Array(count);
      RUN_SCRATCH.runStart = new Int32Array(count);
    }
    const { current, present, runStart } = RUN_SCRATCH;
    current.fill(0, 0, count * FIELD_COUNT);
    present.fill(0, 0, count);
    runStart.fill(0, 0, count);
    const before = RUN_BEFORE;
    const reader = new ByteReader(this.kept, 0, this.keptLength);
    const starts = this.sampleStarts;
    const sampleCount = this.sampleCount;
    const entryAt = this.entryAt;
    const entryLocal = this.entryLocal;
    const mode = this.entryMode;
    const bases = this.bases;
    let sample = 0;
    for (let entry = 0; entry < this.entryCount; entry++) {
      const at = entryAt[entry]!;
      while (sample + 1 < sampleCount && starts[sample + 1]! <= at) sample++;
      const local = entryLocal[entry]!;
      const row = local * FIELD_COUNT;
      reader.moveTo(at);
      reader.varint();
      const wasPresent = present[local] === 1;
      for (let f = 0; f < FIELD_COUNT; f++) before[f] = current[row + f]!;
      const isPresent = applyEntry(reader, current, row, wasPresent, mode, bases, row);
      present[local] = isPresent ? 1 : 0;
      if (isPresent === wasPresent && sameRow(before, current, row)) continue;
      if (wasPresent && sample > runStart[local]!) run(local, runStart[local]!, sample, before);
      runStart[local] = sample;
    }
    for (let local = 0; local < count; local++) {
      if (present[local] !== 1 || sampleCount <= runStart[local]!) continue;
      run(local, runStart[local]!, sampleCount, current.subarray(local * FIELD_COUNT, (local + 1) * FIELD_COUNT));
    }
  }

  private localOf(series: string): number {
    const id = this.ids.find(series);
    if (id === undefined || id >= this.localOfId.length) return -1;
    return this.localOfId[id]!;
  }

  /**
   * Appends to `out` the points of `series` at times in [from, to], oldest first. Consecutive points with the
   * same counts share one (frozen) Counts object: a group's counts rarely change from one poll to the next.
   */
  pointsOf(series: string, from: number, to: number, out: HistoryPoint[]): void {
    const local = this.localOf(series);
    if (local < 0) return;
    const times = this.times;
    const start = firstIndex(times, this.sampleCount, (at) => at >= from);
    const end = firstIndex(times, this.sampleCount, (at) => at > to);
    if (start >= end) return;
    const values = new Float64Array(FIELD_COUNT);
    const before = new Float64Array(FIELD_COUNT);
    const starts = this.sampleStarts;
    const bucketMs = this.bucket;
    let present = false;
    let counts: Counts | undefined;
    let next = start;
    let sample = 0;
    const emitUntil = (stop: number): void => {
      if (present) {
        counts ??= Object.freeze(countsFromValues(values, 0));
        for (let s = next; s < stop; s++) out.push({ at: times[s]!, counts, bucketMs });
      }
      next = stop;
    };
    for (let entry = this.first[local]!; entry !== -1; entry = this.entryNext[entry]!) {
      const at = this.entryAt[entry]!;
      while (sample + 1 < this.sampleCount && starts[sample + 1]! <= at) sample++;
      if (sample >= end) break;
      if (sample > next) emitUntil(sample);
      const reader = new ByteReader(this.kept, at, this.keptLength);
      reader.varint(); // the index gap, already resolved into the chain
      before.set(values);
      const wasPresent: boolean = present;
      present = applyEntry(reader, values, 0, present, this.entryMode, this.bases, local * FIELD_COUNT);
      // A repeated entry (see segment-codec.ts) restates the same counts: the points keep sharing one object.
      if (present !== wasPresent || !sameValues(before, values)) counts = undefined;
    }
    emitUntil(end);
  }
}

/** What a record the writer's state encoded is, from its type byte. */
function recordKindOf(body: Uint8Array): AppliedRecord {
  switch (body[0]) {
    case RECORD_HEADER:
      return 'header';
    case RECORD_DICTIONARY:
      return 'dictionary';
    case RECORD_SAMPLE:
      return 'sample';
    default:
      return 'gap';
  }
}

const RUN_SCRATCH = { current: new Float64Array(0), present: new Uint8Array(0), runStart: new Int32Array(0) };
const RUN_VALUES = new Float64Array(FIELD_COUNT);
const RUN_BEFORE = new Float64Array(FIELD_COUNT);

/** Whether `a` holds the 13 counts at `b[offset]` (null, i.e. NaN, equal to itself). */
function sameRow(a: Float64Array, b: Float64Array, offset: number): boolean {
  for (let f = 0; f < FIELD_COUNT; f++) {
    const x = a[f]!;
    const y = b[offset + f]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]!) && Number.isNaN(b[i]!))) return false;
  return true;
}

/** First position in the sorted `times[0, length)` where `reached` holds (it holds from there on), else length. */
function firstIndex(times: Float64Array, length: number, reached: (at: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(times[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}
