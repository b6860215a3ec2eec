// The record bodies of one segment file, and the state both the writer and the reader keep while walking it.
//
// A segment starts with a header record, then holds dictionary records (series names, appended the first time
// a name appears in the segment, so samples refer to series by index) and sample records. A sample record lists
// only the series that changed since the previous sample of the same segment (the first one lists every series
// as appearing, i.e. a keyframe):
//
//   sample := 0x03 | varint(at - segment start) | varint(entries) | entry*
//   entry  := varint(index gap) | varint(mask << 2 | kind) | value per set mask bit, in COUNT_FIELDS order
//   kind   := 0 update (mask = changed fields; value = 0 for null, zigzag(new count) + 1 otherwise)
//           | 1 appear (mask = non-null fields; value = zigzag(count))
//           | 2 disappear (mask = 0)
//
// So an unchanged series costs nothing, a series whose one count changed costs 3-5 bytes, and `null` (unknown)
// stays distinct from 0 everywhere.
//
// In version 2 a sample also REPEATS the previous sample's entries (as an update of the same fields with their
// values now, an appear, or a disappear), so each record states every change since the sample before the previous
// one: the records after a lost one still read exactly (see the resynchronisation in record.ts). It costs a
// second entry per change, and the hour's first sample (all series appearing) is in effect written twice.
//
// Version 2 stores times and changed counts as VALUES, not as differences from the previous sample (version 1,
// still read, and still appended to in a version 1 file): a damaged record then costs that record and no more,
// because the records after it do not depend on it (see scanRecords' resynchronisation). After damage the
// decoder is lenient where it must be: an update of a series whose "appear" was lost makes it present with the
// fields it names (the others unknown), and entries of series whose name was lost are skipped.
//
// Version 3 (written since; 1 and 2 are still read, and a version 1 or 2 file is appended to in its own version)
// keeps version 2's independence of records and makes them smaller:
//   - a dictionary record gives each new name its BASE counts (the counts of the sample it first appears in), and
//     names are front- and rear-coded against the previous name of the same record (group names share prefixes
//     and suffixes: "pool-00041-eu", "pool-00042-eu" cost a few bytes instead of the whole name);
//   - counts are stored as differences from the series' base (which every record after the dictionary can rely
//     on: a lost dictionary record loses the series' name, and so the series, in any version), so a count that
//     moves a little over the hour takes one byte whatever its size;
//   - entry kind 3 "appear with the base counts" takes one byte: the hour's first sample (every series appearing)
//     costs two bytes per series instead of its counts, and so does its repeat;
//   - mask bits follow V3_FIELD_ORDER, the fields that move with sessions first, so that the usual change (a
//     session moving between in use and disconnected) has a one-byte tag.
//
//   name   := varint(shared prefix bytes) | varint(shared suffix bytes) | varint(middle bytes) | middle
//   base   := varint(mask of non-null fields) | zigzag(count) per set bit
//   update value := 0 for null, zigzag(count - base) + 1;  appear value := zigzag(count - base)  (null base: 0)
import { COUNT_FIELDS, type Counts } from '../api/fields.js';
import { phrase, wordedError } from '../error-wording.js';
import type { WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';
import { ByteReader, ByteWriter, CorruptDataError, MAX_ABS_COUNT, unzigzag, zigzag } from './bytes.js';
import { frameRecord } from './record.js';

/** The version new segments are written in; 1 and 2 are still read. */
export const FORMAT_VERSION = 3;
export const FIELD_COUNT = COUNT_FIELDS.length;

/** Mask bit b of versions 1 and 2 stands for COUNT_FIELDS[b]. */
const IDENTITY_ORDER: readonly number[] = COUNT_FIELDS.map((_, f) => f);
/**
 * Mask bit b of version 3 stands for COUNT_FIELDS[V3_FIELD_ORDER[b]]: the counts that move when sessions
 * connect and disconnect come first, the machine states after, so common changes set only the low bits.
 */
export const V3_FIELD_ORDER: readonly number[] = [
  'disconnected_num',
  'in_use_num',
  'ready_num',
  'attached_num',
  'unattached_num',
  'in_process_num',
  'cannot_attach_num',
  'running_num',
  'stop_num',
  'hibernate_num',
  'other_num',
  'unregistered_num',
  'unknown_num',
].map((field) => COUNT_FIELDS.indexOf(field as (typeof COUNT_FIELDS)[number]));

/** The field each mask bit stands for in a segment of `version`. */
export const fieldOrderOf = (version: number): readonly number[] => (version >= 3 ? V3_FIELD_ORDER : IDENTITY_ORDER);

export const RECORD_HEADER = 1;
export const RECORD_DICTIONARY = 2;
export const RECORD_SAMPLE = 3;
/**
 * "Damaged bytes were here": written in place of them when a damaged file is repaired, so the records after it
 * are still read leniently (and a version 1 file still stops there).
 */
export const RECORD_GAP = 4;
export const GAP_RECORD: Uint8Array = frameRecord(Uint8Array.of(RECORD_GAP));
const ENTRY_UPDATE = 0;
const ENTRY_APPEAR = 1;
const ENTRY_DISAPPEAR = 2;
/** Version 3: present with exactly the series' base counts (mask 0). */
const ENTRY_APPEAR_AS_BASE = 3;
const FULL_MASK = (1 << FIELD_COUNT) - 1;

export interface SegmentHeader {
  /** Inclusive start of the time span the segment covers; every sample in it is at or after this. */
  readonly startMs: number;
  /** 0 for full-resolution samples, else the width of the downsampled buckets it holds. */
  readonly bucketMs: number;
}

/** A sample as flat arrays indexed by `names`: present flags, and 13 counts per series with null as NaN. */
export interface ArraySample {
  readonly names: readonly string[];
  readonly present: Uint8Array;
  readonly values: Float64Array;
}

/** A group's counts under its key (GroupStatus is one). */
export type KeyedCounts = Counts & { readonly key: string };

/** One series of a sample: a group's `static_name` (or FLEET_SERIES) and its counts. */
export interface SeriesCounts {
  readonly name: string;
  readonly counts: Counts;
}

export type AppliedRecord = 'header' | 'dictionary' | 'sample' | 'gap';

const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** NaN (the typed arrays' null) back to null. Spelled out field by field: this runs for every point read. */
export function countsFromValues(values: Float64Array, offset: number): Counts {
  return {
    running_num: nullable(values[offset]!),
    stop_num: nullable(values[offset + 1]!),
    hibernate_num: nullable(values[offset + 2]!),
    other_num: nullable(values[offset + 3]!),
    attached_num: nullable(values[offset + 4]!),
    unattached_num: nullable(values[offset + 5]!),
    cannot_attach_num: nullable(values[offset + 6]!),
    in_process_num: nullable(values[offset + 7]!),
    in_use_num: nullable(values[offset + 8]!),
    ready_num: nullable(values[offset + 9]!),
    disconnected_num: nullable(values[offset + 10]!),
    unregistered_num: nullable(values[offset + 11]!),
    unknown_num: nullable(values[offset + 12]!),
  };
}

/**
 * Copies the counts into `out` (null as NaN; anything else that is not a number also ends up unknown, since
 * the parser is where API data is validated) in COUNT_FIELDS order. Named reads, not `counts[field]` in a
 * loop: 5,000 groups × 13 keyed reads per append were the store's main cost.
 */
function readCounts(c: Counts, out: Float64Array, offset: number): void {
  out[offset] = c.running_num ?? Number.NaN;
  out[offset + 1] = c.stop_num ?? Number.NaN;
  out[offset + 2] = c.hibernate_num ?? Number.NaN;
  out[offset + 3] = c.other_num ?? Number.NaN;
  out[offset + 4] = c.attached_num ?? Number.NaN;
  out[offset + 5] = c.unattached_num ?? Number.NaN;
  out[offset + 6] = c.cannot_attach_num ?? Number.NaN;
  out[offset + 7] = c.in_process_num ?? Number.NaN;
  out[offset + 8] = c.in_use_num ?? Number.NaN;
  out[offset + 9] = c.ready_num ?? Number.NaN;
  out[offset + 10] = c.disconnected_num ?? Number.NaN;
  out[offset + 11] = c.unregistered_num ?? Number.NaN;
  out[offset + 12] = c.unknown_num ?? Number.NaN;
}

// Group names are nearly always ASCII, and a dictionary holds 5,000 of them: skip the UTF-8 codec for those.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Of(name: string): Uint8Array {
  const bytes = new Uint8Array(name.length);
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0x80) return encoder.encode(name);
    bytes[i] = code;
  }
  return bytes;
}

export function stringOf(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return decoder.decode(bytes);
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

function invalidCount(name: string, field: string, value: unknown): WorkspaceResult<never> {
  // The value as found (1.5, NaN, "12"), not as a number formatted for the reader's language.
  const found = { field, value: String(value) };
  const message = name.startsWith('\u0000') ? phrase('history.fleet-count-not-whole', found) : phrase('history.count-not-whole', { ...found, group: `"${name}"` });
  return err(wordedError('service', message, [phrase('hint.bug-kept-in-memory')]));
}

/**
 * Applies one entry (from its tag on: the index gap is already read) to the 13 counts at `values[offset]`;
 * returns whether the series is present afterwards. `base`/`baseOffset`: the series' base counts (version 3).
 * Shared by SegmentState.apply, SegmentIndex and leadingSeriesPoints, so a series decoded on its own reads
 * exactly as in a full decode.
 */
export function applyEntry(
  reader: ByteReader,
  values: Float64Array,
  offset: number,
  wasPresent: boolean,
  mode: EntryMode,
  base?: Float64Array,
  baseOffset = 0,
): boolean {
  const tag = reader.varint();
  const kind = tag % 4;
  const mask = (tag - kind) / 4;
  if (mask > FULL_MASK) throw new CorruptDataError('bad field mask');
  if (kind === ENTRY_DISAPPEAR) return false;
  const relative = mode === 'base' || mode === 'base-after-damage';
  if (kind === ENTRY_APPEAR_AS_BASE) {
    if (!relative || base === undefined) throw new CorruptDataError('bad entry kind');
    for (let f = 0; f < FIELD_COUNT; f++) values[offset + f] = base[baseOffset + f]!;
    return true;
  }
  const order = relative ? V3_FIELD_ORDER : IDENTITY_ORDER;
  if (kind === ENTRY_APPEAR) {
    for (let f = 0; f < FIELD_COUNT; f++) values[offset + f] = Number.NaN;
    for (let b = 0; b < FIELD_COUNT; b++) {
      if ((mask & (1 << b)) === 0) continue;
      const f = order[b]!;
      values[offset + f] = unzigzag(reader.varint()) + (relative ? baseOf(base, baseOffset + f) : 0);
    }
    return true;
  }
  if (!wasPresent) {
    if (mode !== 'values-after-damage' && mode !== 'base-after-damage') throw new CorruptDataError('update of an absent series');
    // Its "appear" was in a damaged record: what this entry names is known, the rest is not.
    for (let f = 0; f < FIELD_COUNT; f++) values[offset + f] = Number.NaN;
  }
  for (let b = 0; b < FIELD_COUNT; b++) {
    if ((mask & (1 << b)) === 0) continue;
    const f = order[b]!;
    const code = reader.varint();
    if (code === 0) values[offset + f] = Number.NaN;
    else if (mode === 'deltas') {
      const before = values[offset + f]!;
      values[offset + f] = (Number.isNaN(before) ? 0 : before) + unzigzag(code - 1);
    } else if (relative) values[offset + f] = baseOf(base, baseOffset + f) + unzigzag(code - 1);
    else values[offset + f] = unzigzag(code - 1);
  }
  return true;
}

/** A base count as the origin of differences: a null (or unknown) base counts from 0. */
function baseOf(base: Float64Array | undefined, at: number): number {
  const value = base === undefined ? Number.NaN : base[at]!;
  return Number.isNaN(value) ? 0 : value;
}

/**
 * How an update entry's values read: differences from the previous sample (version 1), the counts themselves
 * (version 2) or differences from the series' base (version 3), strictly or, after damaged bytes were skipped,
 * leniently (see the top of this file).
 */
export type EntryMode = 'deltas' | 'values' | 'values-after-damage' | 'base' | 'base-after-damage';

export function entryModeOf(version: number, afterDamage: boolean): EntryMode {
  if (version === 1) return 'deltas';
  if (version === 2) return afterDamage ? 'values-after-damage' : 'values';
  return afterDamage ? 'base-after-damage' : 'base';
}

/** A format version this build reads. */
export const isKnownFormatVersion = (version: number): boolean => version === 1 || version === 2 || version === 3;

/** The base of a series whose dictionary entry was lost. */
const UNKNOWN_BASE = new Float64Array(FIELD_COUNT).fill(Number.NaN);

/** Whether the 13 counts at `values[offset]` are the base counts at the same offset (null as NaN on both sides). */
function sameCounts(values: Float64Array, bases: Float64Array, offset: number): boolean {
  for (let f = offset; f < offset + FIELD_COUNT; f++) {
    const a = values[f]!;
    const b = bases[f]!;
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) return false;
  }
  return true;
}

/** Mask bits (in `order`) of the non-null counts at `values[offset]`. */
function presentMask(values: Float64Array, offset: number, order: readonly number[]): number {
  let mask = 0;
  for (let b = 0; b < FIELD_COUNT; b++) if (!Number.isNaN(values[offset + order[b]!]!)) mask |= 1 << b;
  return mask;
}

const EMPTY_BYTES = new Uint8Array(0);

function isAscii(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** As the coded name of `name` after `previous` (both ASCII, so a character is a byte): the same bytes as sharedEnds gives. */
function writeCodedAscii(out: ByteWriter, previous: string, name: string): void {
  const limit = Math.min(previous.length, name.length);
  let prefix = 0;
  while (prefix < limit && previous.charCodeAt(prefix) === name.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && previous.charCodeAt(previous.length - 1 - suffix) === name.charCodeAt(name.length - 1 - suffix)) suffix++;
  out.varint(prefix);
  out.varint(suffix);
  out.varint(name.length - prefix - suffix);
  for (let i = prefix; i < name.length - suffix; i++) out.byte(name.charCodeAt(i));
}

/** Bytes two UTF-8 names share at their start, and then at their end without overlapping the start. */
export function sharedEnds(previous: Uint8Array, name: Uint8Array): { prefix: number; suffix: number } {
  const limit = Math.min(previous.length, name.length);
  let prefix = 0;
  while (prefix < limit && previous[prefix] === name[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && previous[previous.length - 1 - suffix] === name[name.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/** The next name of a run as a view of the reader's buffer (`next` first: it swaps the buffers). */
function nameOf(coded: CodedNames, reader: ByteReader): Uint8Array {
  const length = coded.next(reader);
  return coded.bytes.subarray(0, length);
}

/**
 * Reads a run of version 3 names (each front- and rear-coded against the one before) into two buffers it reuses:
 * a dictionary of 5,000 names is read without a buffer per name.
 */
export class CodedNames {
  private previous = new Uint8Array(256);
  private previousLength = 0;
  private current = new Uint8Array(256);

  /** Starts a new run of names (the first is coded against nothing). */
  reset(): void {
    this.previousLength = 0;
  }

  /**
   * Reads the next name and returns its length: its UTF-8 bytes are `bytes[0, length)` until the next call. No view
   * is made (a view is an allocation, and a cold query reads tens of thousands of names).
   */
  next(reader: ByteReader): number {
    const prefix = reader.varint();
    const suffix = reader.varint();
    const middle = reader.varint();
    const previousLength = this.previousLength;
    if (prefix + suffix > previousLength) throw new CorruptDataError('name shares more than the previous one has');
    const length = prefix + middle + suffix;
    if (this.current.length < length) this.current = new Uint8Array(Math.max(length, this.current.length * 2));
    const name = this.current;
    const previous = this.previous;
    for (let i = 0; i < prefix; i++) name[i] = previous[i]!;
    reader.copyTo(name, prefix, middle);
    for (let i = 0, from = previousLength - suffix, to = prefix + middle; i < suffix; i++) name[to + i] = previous[from + i]!;
    this.current = previous;
    this.previous = name;
    this.previousLength = length;
    return length;
  }

  /** The buffer holding the name `next` read last (in its first `length` bytes). */
  get bytes(): Uint8Array {
    return this.previous;
  }
}

/**
 * The running state of one segment: its dictionary and the counts of the latest sample (null stored as NaN,
 * in flat typed arrays because a sample of 5,000 groups is walked on every append).
 */
export class SegmentState {
  header: SegmentHeader | undefined;
  /** The segment's format version: FORMAT_VERSION for a new one, the header's for one read from disk. */
  version = FORMAT_VERSION;
  /** Damaged bytes were skipped before some record of this segment: decode leniently from there on. */
  afterDamage = false;
  lastAt: number | undefined;
  readonly names: string[] = [];
  private readonly indexByName = new Map<string, number>();
  present = new Uint8Array(0);
  values = new Float64Array(0);
  /** Version 3: per series, the 13 base counts its entries are relative to (null as NaN). */
  bases = new Float64Array(0);
  /** Indices of the series the latest applied (decoded) or encoded sample has an entry for, in entry order. */
  readonly touched: number[] = [];
  /** Where each of those entries starts in the sample's record body (its index gap), for SegmentIndex. */
  readonly touchedAt: number[] = [];
  private nextPresent = new Uint8Array(0);
  private nextValues = new Float64Array(0);
  /** Per series, the tag (mask << 2 | kind) + 1 of its entry in the latest sample, 0 for none; to repeat it. */
  private lastTags: Uint32Array = new Uint32Array(0);
  private nextTags: Uint32Array = new Uint32Array(0);
  private readonly scratch = new ByteWriter(4096);
  /** Per position in the last groups encoded by encodeKeyed, the group's key and our index for it (-1: skipped). */
  private readonly keyByPosition: string[] = [];
  private indexByPosition = new Int32Array(0);
  /** Our index of each name of the last ArraySample encoded: its buckets come in runs from one source segment. */
  private sourceIndexCache: { readonly names: readonly string[]; readonly indices: number[] } | undefined;

  /**
   * `expectedHeader`: what the file name says the header is, used when the header record itself was damaged
   * (the file is then assumed to be in the current format version).
   */
  constructor(private readonly expectedHeader?: SegmentHeader) {}

  get entryMode(): EntryMode {
    return entryModeOf(this.version, this.afterDamage);
  }

  indexOf(name: string): number | undefined {
    return this.indexByName.get(name);
  }

  /** The counts of `name` in the latest sample, or undefined when it was absent. */
  countsOf(name: string): Counts | undefined {
    const index = this.indexByName.get(name);
    if (index === undefined || this.present[index] !== 1) return undefined;
    return countsFromValues(this.values, index * FIELD_COUNT);
  }

  private addName(name: string): number {
    const index = this.names.length;
    this.names.push(name);
    this.indexByName.set(name, index);
    if (index >= this.present.length) this.reserve(Math.max(1024, this.present.length * 2));
    return index;
  }

  /** Grows the arrays to hold `capacity` series. */
  private reserve(capacity: number): void {
    if (capacity <= this.present.length) return;
    const grow = <T extends Uint8Array | Float64Array>(old: T, make: (size: number) => T, size: number): T => {
      const grown = make(size);
      grown.set(old);
      return grown;
    };
    this.present = grow(this.present, (n) => new Uint8Array(n), capacity);
    this.nextPresent = grow(this.nextPresent, (n) => new Uint8Array(n), capacity);
    this.values = grow(this.values, (n) => new Float64Array(n), capacity * FIELD_COUNT);
    this.nextValues = grow(this.nextValues, (n) => new Float64Array(n), capacity * FIELD_COUNT);
    this.bases = grow(this.bases, (n) => new Float64Array(n), capacity * FIELD_COUNT);
    const growTags = (old: Uint32Array): Uint32Array => {
      const grown = new Uint32Array(capacity);
      grown.set(old);
      return grown;
    };
    this.lastTags = growTags(this.lastTags);
    this.nextTags = growTags(this.nextTags);
  }

  /** The framed header record; it also starts this state. */
  encodeHeader(header: SegmentHeader): Uint8Array {
    this.header = header;
    this.version = FORMAT_VERSION;
    const body = new ByteWriter(32);
    body.byte(RECORD_HEADER);
    body.varint(FORMAT_VERSION);
    body.varint(header.bucketMs);
    body.varint(header.startMs);
    return frameRecord(body.view());
  }

  /**
   * Framed records (a dictionary record when new names appear, then the sample) for a sample at `at`
   * holding exactly `series` (a repeated name keeps its first occurrence). Advances the state.
   */
  encodeSample(at: number, series: readonly SeriesCounts[]): WorkspaceResult<Uint8Array> {
    const timeError = this.checkTime(at);
    if (timeError) return timeError;
    const firstNewIndex = this.names.length;
    this.nextPresent.fill(0);
    for (const { name, counts } of series) this.take(name, counts);
    return this.encodeNext(at, firstNewIndex);
  }

  /**
   * As encodeSample for `first` and then each of `groups` under its key (keys starting with NUL, which only
   * FLEET_SERIES may, are skipped): what the store appends at every poll, without a wrapper per group.
   */
  encodeKeyed(at: number, first: SeriesCounts, groups: readonly KeyedCounts[]): WorkspaceResult<Uint8Array> {
    const timeError = this.checkTime(at);
    if (timeError) return timeError;
    const firstNewIndex = this.names.length;
    // A segment's first sample names every group: room for all of them at once, not by doubling.
    if (firstNewIndex === 0) this.reserve(groups.length + 1);
    this.nextPresent.fill(0);
    this.take(first.name, first.counts);
    // Polls list the groups in the same order nearly every time: a group's index is looked up by name only when
    // the key at its position is not the one there last time (5,000 map lookups of freshly parsed keys per poll
    // were a third of an append).
    if (this.indexByPosition.length < groups.length) {
      const grown = new Int32Array(Math.max(groups.length, 2 * this.indexByPosition.length));
      grown.set(this.indexByPosition);
      this.indexByPosition = grown;
    }
    const keys = this.keyByPosition;
    const indices = this.indexByPosition;
    for (let position = 0; position < groups.length; position++) {
      const group = groups[position]!;
      const key = group.key;
      let index: number;
      if (keys[position] === key) index = indices[position]!;
      else {
        // -1: a key starting with NUL, which only FLEET_SERIES may: skipped.
        index = key.charCodeAt(0) === 0 ? -1 : (this.indexByName.get(key) ?? this.addName(key));
        keys[position] = key;
        indices[position] = index;
      }
      if (index < 0 || this.nextPresent[index] === 1) continue;
      this.nextPresent[index] = 1;
      readCounts(group, this.nextValues, index * FIELD_COUNT);
    }
    return this.encodeNext(at, firstNewIndex);
  }

  /** `counts` as the next sample's counts of `name` (a name already taken keeps its first counts). */
  private take(name: string, counts: Counts): void {
    const index = this.indexByName.get(name) ?? this.addName(name);
    if (this.nextPresent[index] === 1) return;
    this.nextPresent[index] = 1;
    readCounts(counts, this.nextValues, index * FIELD_COUNT);
  }

  /** As encodeSample, for a sample held in another segment's typed arrays (a downsampled bucket). */
  encodeArrays(at: number, sample: ArraySample): WorkspaceResult<Uint8Array> {
    const timeError = this.checkTime(at);
    if (timeError) return timeError;
    const firstNewIndex = this.names.length;
    this.nextPresent.fill(0);
    if (this.sourceIndexCache?.names !== sample.names) this.sourceIndexCache = { names: sample.names, indices: [] };
    const cached = this.sourceIndexCache.indices;
    for (let source = 0; source < sample.names.length; source++) {
      if (sample.present[source] !== 1) continue;
      let index = cached[source];
      if (index === undefined) {
        const name = sample.names[source]!;
        index = this.indexByName.get(name) ?? this.addName(name);
        cached[source] = index;
      }
      this.nextPresent[index] = 1;
      const from = source * FIELD_COUNT;
      const to = index * FIELD_COUNT;
      for (let f = 0; f < FIELD_COUNT; f++) this.nextValues[to + f] = sample.values[from + f]!;
    }
    return this.encodeNext(at, firstNewIndex);
  }

  private checkTime(at: number): WorkspaceResult<never> | undefined {
    if (this.header === undefined) throw new Error('encoding a sample before the header');
    const previous = this.lastAt ?? this.header.startMs;
    if (Number.isSafeInteger(at) && at >= previous && at !== this.lastAt) return undefined;
    // Epoch milliseconds as they are: a reader's thousands separators would only hide them.
    return err(wordedError('service', phrase('history.time-not-after', { at: String(at), previous: String(previous) })));
  }

  /** Encodes nextPresent/nextValues as a delta against the current sample, then makes them current. */
  private encodeNext(at: number, firstNewIndex: number): WorkspaceResult<Uint8Array> {
    const previous = this.version === 1 ? (this.lastAt ?? this.header!.startMs) : this.header!.startMs;
    const deltas = this.version === 1;
    const relative = this.version >= 3;
    const order = fieldOrderOf(this.version);
    // Read only now: adding names may have grown (replaced) the arrays.
    const nextPresent = this.nextPresent;
    const nextValues = this.nextValues;
    const bases = this.bases;
    // A new name's base is its counts now (it is present: names are added for the series of this sample).
    if (relative) bases.set(nextValues.subarray(firstNewIndex * FIELD_COUNT, this.names.length * FIELD_COUNT), firstNewIndex * FIELD_COUNT);
    const entries = this.scratch;
    entries.reset();
    let entryCount = 0;
    let lastIndex = -1;
    const present = this.present;
    const values = this.values;
    const repeat = !deltas;
    const lastTags = this.lastTags;
    const nextTags = this.nextTags;
    nextTags.fill(0, 0, this.names.length);
    // As apply() leaves them, so that an index following this state (the writer's) takes the sample in as is.
    const touched = this.touched;
    const touchedAt = this.touchedAt;
    touched.length = 0;
    touchedAt.length = 0;
    for (let index = 0; index < this.names.length; index++) {
      const was = present[index] === 1;
      const is = nextPresent[index] === 1;
      const repeated = repeat ? lastTags[index]! : 0;
      if (!was && !is && repeated === 0) continue;
      const base = index * FIELD_COUNT;
      let mask = 0;
      let kind: number;
      if (!is) {
        kind = ENTRY_DISAPPEAR;
        if (was) nextTags[index] = ENTRY_DISAPPEAR + 1;
      } else if (!was) {
        kind = relative && sameCounts(nextValues, bases, base) ? ENTRY_APPEAR_AS_BASE : ENTRY_APPEAR;
        if (kind === ENTRY_APPEAR) mask = presentMask(nextValues, base, order);
        nextTags[index] = mask * 4 + kind + 1;
      } else {
        kind = ENTRY_UPDATE;
        // Most series are unchanged: a straight comparison first (NaN, i.e. null, never equals itself and so
        // takes the careful way below).
        let differs = false;
        for (let f = base; f < base + FIELD_COUNT; f++) {
          if (values[f] !== nextValues[f]) {
            differs = true;
            break;
          }
        }
        for (let b = 0; differs && b < FIELD_COUNT; b++) {
          const before = values[base + order[b]!]!;
          const after = nextValues[base + order[b]!]!;
          if (before !== after && !(Number.isNaN(before) && Number.isNaN(after))) mask |= 1 << b;
        }
        if (mask !== 0) nextTags[index] = mask * 4 + kind + 1;
        if (repeated !== 0) {
          // The previous sample's change again: an appear restates every known count, an update its fields.
          const repeatedKind = (repeated - 1) % 4;
          if (repeatedKind === ENTRY_APPEAR || repeatedKind === ENTRY_APPEAR_AS_BASE) {
            kind = relative && sameCounts(nextValues, bases, base) ? ENTRY_APPEAR_AS_BASE : ENTRY_APPEAR;
            mask = kind === ENTRY_APPEAR ? presentMask(nextValues, base, order) : 0;
          } else mask |= (repeated - 1 - repeatedKind) / 4;
        }
        if (mask === 0 && kind === ENTRY_UPDATE) continue;
      }
      touched.push(index);
      touchedAt.push(entries.length);
      entries.varint(index - lastIndex - 1);
      entries.varint(mask * 4 + kind);
      lastIndex = index;
      entryCount++;
      for (let b = 0; b < FIELD_COUNT; b++) {
        if ((mask & (1 << b)) === 0) continue;
        const f = order[b]!;
        const after = nextValues[base + f]!;
        // Checked here, where a count is new or changed: unchanged ones were checked when they were stored.
        if (!Number.isNaN(after) && !(Number.isSafeInteger(after) && Math.abs(after) <= MAX_ABS_COUNT)) {
          const name = this.names[index]!;
          this.forgetNamesFrom(firstNewIndex);
          return invalidCount(name, COUNT_FIELDS[f]!, after);
        }
        const origin = relative ? baseOf(bases, base + f) : 0;
        if (kind === ENTRY_APPEAR) entries.varint(zigzag(after - origin));
        else if (Number.isNaN(after)) entries.varint(0);
        else if (!deltas) entries.varint(zigzag(after - origin) + 1);
        else {
          const before = values[base + f]!;
          entries.varint(zigzag(after - (Number.isNaN(before) ? 0 : before)) + 1);
        }
      }
    }

    const out = new ByteWriter(entries.length + 64);
    if (this.names.length > firstNewIndex) {
      const dictionary = this.dictionaryRecord(firstNewIndex);
      if (!dictionary.ok) {
        this.forgetNamesFrom(firstNewIndex);
        return dictionary;
      }
      out.bytes(dictionary.value);
    }
    const body = new ByteWriter(entries.length + 24);
    body.byte(RECORD_SAMPLE);
    body.varint(at - previous);
    body.varint(entryCount);
    const entriesStart = body.length;
    for (let i = 0; i < touchedAt.length; i++) touchedAt[i] = touchedAt[i]! + entriesStart;
    body.bytes(entries.view());
    out.bytes(frameRecord(body.view()));

    this.present = nextPresent;
    this.nextPresent = present;
    this.values = nextValues;
    this.nextValues = values;
    this.lastTags = nextTags;
    this.nextTags = lastTags;
    this.lastAt = at;
    return ok(out.toBytes());
  }

  /** Undoes the names added by a sample that turned out invalid, so the state is as before it. */
  private forgetNamesFrom(firstNewIndex: number): void {
    for (const name of this.names.splice(firstNewIndex)) this.indexByName.delete(name);
    this.sourceIndexCache = undefined;
    this.keyByPosition.length = 0;
  }

  /** The names from `firstIndex` on (and in version 3 their base counts, checked here) as a framed record. */
  private dictionaryRecord(firstIndex: number): WorkspaceResult<Uint8Array> {
    const body = new ByteWriter(1024);
    body.byte(RECORD_DICTIONARY);
    body.varint(firstIndex);
    body.varint(this.names.length - firstIndex);
    const relative = this.version >= 3;
    let previous: Uint8Array = new Uint8Array(0);
    let previousName = '';
    for (let i = firstIndex; i < this.names.length; i++) {
      const name = this.names[i]!;
      if (relative && isAscii(name) && isAscii(previousName)) {
        // The usual case, coded from the strings themselves: no UTF-8 copy of 5,000 names every hour.
        writeCodedAscii(body, previousName, name);
        previousName = name;
        previous = EMPTY_BYTES;
      } else {
        const utf8 = utf8Of(name);
        if (!relative) {
          body.varint(utf8.length);
          body.bytes(utf8);
          continue;
        }
        if (previous.length === 0 && previousName.length > 0) previous = utf8Of(previousName);
        const { prefix, suffix } = sharedEnds(previous, utf8);
        body.varint(prefix);
        body.varint(suffix);
        body.varint(utf8.length - prefix - suffix);
        body.bytes(utf8.subarray(prefix, utf8.length - suffix));
        previous = utf8;
        previousName = name;
      }
      const offset = i * FIELD_COUNT;
      body.varint(presentMask(this.bases, offset, V3_FIELD_ORDER));
      for (const f of V3_FIELD_ORDER) {
        const count = this.bases[offset + f]!;
        if (Number.isNaN(count)) continue;
        if (!(Number.isSafeInteger(count) && Math.abs(count) <= MAX_ABS_COUNT)) return invalidCount(this.names[i]!, COUNT_FIELDS[f]!, count);
        body.varint(zigzag(count));
      }
    }
    return ok(frameRecord(body.view()));
  }

  /**
   * Applies one record body read from disk. Throws CorruptDataError when it does not make sense here; the
   * state is then unusable and the caller rebuilds it from the records before.
   */
  apply(body: Uint8Array, afterDamage = false): AppliedRecord {
    const reader = new ByteReader(body);
    const type = reader.byte();
    if (afterDamage || type === RECORD_GAP) {
      // Version 1 stores differences: after a lost record nothing that follows can be trusted.
      if (this.header !== undefined && this.version === 1) throw new CorruptDataError('damaged record in a version 1 segment');
      this.afterDamage = true;
      if (type === RECORD_GAP) return 'gap';
    }
    if (type === RECORD_HEADER) {
      if (this.header !== undefined) throw new CorruptDataError('second header');
      const version = reader.varint();
      if (!isKnownFormatVersion(version)) throw new CorruptDataError(`unknown format version ${version}`);
      const bucketMs = reader.varint();
      this.header = { bucketMs, startMs: reader.varint() };
      this.version = version;
      return 'header';
    }
    if (this.header === undefined) {
      if (!this.afterDamage || this.expectedHeader === undefined) throw new CorruptDataError('record before header');
      this.header = this.expectedHeader;
      this.version = FORMAT_VERSION;
    }
    if (type === RECORD_DICTIONARY) {
      const firstIndex = reader.varint();
      // Names of a damaged dictionary record are lost; their series stay unreadable (placeholders nobody queries).
      if (this.afterDamage) while (this.names.length < firstIndex) this.bases.fill(Number.NaN, this.addName(`\u0000lost-${this.names.length}`) * FIELD_COUNT, this.names.length * FIELD_COUNT);
      if (firstIndex !== this.names.length) throw new CorruptDataError('dictionary out of order');
      const count = reader.varint();
      // Grown once for the whole record (5,000 names in a segment's first one), not by doubling through it.
      if (count <= body.length) this.reserve(this.names.length + count);
      const relative = this.version >= 3;
      const coded = relative ? new CodedNames() : undefined;
      for (let i = 0; i < count; i++) {
        const name = stringOf(coded ? nameOf(coded, reader) : reader.take(reader.varint()));
        if (this.indexByName.has(name)) throw new CorruptDataError('duplicate name');
        const index = this.addName(name);
        if (!relative) continue;
        const mask = reader.varint();
        if (mask > FULL_MASK) throw new CorruptDataError('bad field mask');
        const offset = index * FIELD_COUNT;
        for (let b = 0; b < FIELD_COUNT; b++) this.bases[offset + V3_FIELD_ORDER[b]!] = mask & (1 << b) ? unzigzag(reader.varint()) : Number.NaN;
      }
      return 'dictionary';
    }
    if (type !== RECORD_SAMPLE) throw new CorruptDataError(`unknown record type ${type}`);
    const at = (this.version === 1 ? (this.lastAt ?? this.header.startMs) : this.header.startMs) + reader.varint();
    if (this.lastAt !== undefined && at <= this.lastAt) throw new CorruptDataError('sample time not after the previous one');
    const entryCount = reader.varint();
    const mode = this.entryMode;
    for (const index of this.touched) this.lastTags[index] = 0;
    this.touched.length = 0;
    this.touchedAt.length = 0;
    const present = this.present;
    const values = this.values;
    let index = -1;
    for (let e = 0; e < entryCount; e++) {
      this.touchedAt.push(reader.position);
      index += reader.varint() + 1;
      if (index >= this.names.length) {
        if (!this.afterDamage) throw new CorruptDataError('series index out of range');
        // A series named in a lost dictionary record: read past its entry.
        this.touchedAt.pop();
        applyEntry(reader, new Float64Array(FIELD_COUNT), 0, true, mode, UNKNOWN_BASE);
        continue;
      }
      this.touched.push(index);
      // Repeated by the next sample a writer appends here (a restated repeat costs one more entry, once).
      this.lastTags[index] = reader.peekVarint() + 1;
      present[index] = applyEntry(reader, values, index * FIELD_COUNT, present[index] === 1, mode, this.bases, index * FIELD_COUNT) ? 1 : 0;
    }
    if (!reader.done) throw new CorruptDataError('trailing bytes in sample');
    this.lastAt = at;
    return 'sample';
  }
}
