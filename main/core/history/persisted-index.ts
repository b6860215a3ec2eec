// The persisted index of a complete segment (`raw-<start>.wti` beside `raw-<start>.wth`): every series of the
// segment laid out on its own, so that a query right after start reads a few small blocks instead of decoding
// 5,000 groups in each of 25 hour files.
//
// It is derived data and never trusted over its segment: it names the segment length it was built from (a
// segment that was since appended to or repaired has another length, and its index is ignored until the
// writing store rebuilds it), every part of it is framed with a CRC-32 like the segment's records (a damaged
// index is ignored, and rebuilt), and a missing one is simply rebuilt from the segment.
//
//   file   := head record | block record*                       (records framed as in record.ts)
//   head   := 0x10 | varint(INDEX_VERSION) | varint(segment length) | varint(bucket ms)
//             | varint(samples) | varint(first time) | varint(time - previous time)*
//             | varint(series) | u32le(hash)* (sorted) | varint(blocks) | varint(block record offset)*
//   block  := 0x11 | series* (the next BLOCK_SERIES series in hash order)
//   series := name (front- and rear-coded against the previous one of the block, as in segment-codec.ts)
//             | varint(column bytes) | column
//   column := varint(runs) | run*
//   run    := varint(samples absent before it) | varint(samples in it) | varint(mask, V3_FIELD_ORDER bits, of
//             the counts that differ from the previous run's) | per set bit: 0 for null, else
//             zigzag(count - previous run's count, null as 0) + 1
//
// A run is a stretch of consecutive samples where the series is present with the same counts: a group that
// changes a few times an hour costs a few runs, whatever the poll interval. Names are found by an FNV-1a hash of
// their UTF-8 bytes (a 4-byte sorted table, binary searched) and checked against the name in the block, so a
// hash collision costs a second look, never a wrong answer.
import type { Counts } from '../api/fields.js';
import type { HistoryPoint } from '../ports.js';
import { ByteReader, ByteWriter, CorruptDataError, unzigzag, zigzag } from './bytes.js';
import { frameRecord, recordBodyAt, RECORD_HEADER_BYTES } from './record.js';
import { CodedNames, FIELD_COUNT, V3_FIELD_ORDER, countsFromValues, sharedEnds, utf8Of } from './segment-codec.js';
import type { SegmentIndex } from './segment-index.js';

export const INDEX_VERSION = 1;
const RECORD_INDEX_HEAD = 0x10;
const RECORD_INDEX_BLOCK = 0x11;
/** Series per block: a query checks the CRC of one block per series it reads (~60 bytes a series). */
const BLOCK_SERIES = 64;
const FULL_MASK = (1 << FIELD_COUNT) - 1;

/** FNV-1a, 32 bits, of UTF-8 bytes. */
function hashOf(utf8: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < utf8.length; i++) hash = Math.imul(hash ^ utf8[i]!, 0x01000193);
  return hash >>> 0;
}

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Bytes of an unsigned varint. */
function varintBytes(value: number): number {
  let bytes = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) bytes++;
  return bytes;
}

/**
 * The dictionary indices of a segment's series in the order the index lists them: by hash, then index. Sorted as
 * numbers (hash × 2^21 + index, exact below 2^53) when that fits: the same 5,000 names are sorted every hour.
 */
function hashOrder(hashes: Uint32Array): Uint32Array {
  const count = hashes.length;
  if (count < 2 ** 21) {
    const keys = new Float64Array(count);
    for (let local = 0; local < count; local++) keys[local] = hashes[local]! * 2 ** 21 + local;
    keys.sort();
    const order = new Uint32Array(count);
    for (let position = 0; position < count; position++) order[position] = keys[position]! % 2 ** 21;
    return order;
  }
  return Uint32Array.from({ length: count }, (_, local) => local).sort((a, b) => hashes[a]! - hashes[b]! || a - b);
}

/** Working arrays of encodePersistedIndex, per series and per run, kept for the next call and grown as needed. */
interface EncodeScratch {
  readonly runs: ByteWriter;
  runOffsets: Int32Array;
  runNext: Int32Array;
  readonly firstRun: Int32Array;
  readonly lastRun: Int32Array;
  readonly runCounts: Uint32Array;
  readonly runBytes: Uint32Array;
  readonly lastEnds: Uint32Array;
  /** Per series, the counts of its previous run (each run is written as differences from them). */
  readonly previous: Float64Array;
}

let scratchKept: EncodeScratch | undefined;

function encodeScratch(seriesCount: number): EncodeScratch {
  if (scratchKept && scratchKept.firstRun.length >= seriesCount) return scratchKept;
  const size = Math.max(seriesCount, 1024);
  scratchKept = {
    runs: scratchKept?.runs ?? new ByteWriter(16_384),
    runOffsets: scratchKept?.runOffsets ?? new Int32Array(16_384),
    runNext: scratchKept?.runNext ?? new Int32Array(16_384),
    firstRun: new Int32Array(size),
    lastRun: new Int32Array(size),
    runCounts: new Uint32Array(size),
    runBytes: new Uint32Array(size),
    lastEnds: new Uint32Array(size),
    previous: new Float64Array(size * FIELD_COUNT),
  };
  return scratchKept;
}

function grownInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/**
 * The index file of a segment decoded into `index` (all of it: a complete segment), `segmentLength` bytes long.
 * Written once per hour for every series, so the loop allocates nothing per series.
 */
export function encodePersistedIndex(index: SegmentIndex, segmentLength: number): Uint8Array {
  const times = index.sampleTimes;
  const seriesCount = index.seriesTotal;
  const hashes = new Uint32Array(seriesCount);
  for (let local = 0; local < seriesCount; local++) hashes[local] = hashOf(index.seriesUtf8(local));
  const order = hashOrder(hashes);

  // Every series' runs, encoded as they come (one pass over the segment, see SegmentIndex.forEachRun) into one
  // buffer, each series' runs chained, then copied out series by series in hash order.
  // Scratch kept between calls (an index is written every hour), see EncodeScratch.
  const scratch = encodeScratch(seriesCount);
  const { runs, firstRun, lastRun, runCounts, runBytes, lastEnds, previous } = scratch;
  runs.reset();
  firstRun.fill(-1, 0, seriesCount);
  lastRun.fill(-1, 0, seriesCount);
  runCounts.fill(0, 0, seriesCount);
  runBytes.fill(0, 0, seriesCount);
  lastEnds.fill(0, 0, seriesCount);
  previous.fill(Number.NaN, 0, seriesCount * FIELD_COUNT);
  let runTotal = 0;
  index.forEachRun((local, start, end, values) => {
    const offset = runs.length;
    const row = local * FIELD_COUNT;
    runs.varint(start - lastEnds[local]!);
    runs.varint(end - start);
    lastEnds[local] = end;
    let mask = 0;
    for (let b = 0; b < FIELD_COUNT; b++) if (!same(values[V3_FIELD_ORDER[b]!]!, previous[row + V3_FIELD_ORDER[b]!]!)) mask |= 1 << b;
    runs.varint(mask);
    for (let b = 0; b < FIELD_COUNT; b++) {
      if ((mask & (1 << b)) === 0) continue;
      const f = V3_FIELD_ORDER[b]!;
      const value = values[f]!;
      const before = previous[row + f]!;
      runs.varint(Number.isNaN(value) ? 0 : zigzag(value - (Number.isNaN(before) ? 0 : before)) + 1);
    }
    for (let f = 0; f < FIELD_COUNT; f++) previous[row + f] = values[f]!;
    const id = runTotal++;
    if (scratch.runOffsets.length <= id + 1) {
      scratch.runOffsets = grownInt32(scratch.runOffsets);
      scratch.runNext = grownInt32(scratch.runNext);
    }
    scratch.runOffsets[id] = offset;
    scratch.runNext[id] = -1;
    if (lastRun[local] === -1) firstRun[local] = id;
    else scratch.runNext[lastRun[local]!] = id;
    lastRun[local] = id;
    runCounts[local]!++;
    runBytes[local] = runBytes[local]! + runs.length - offset;
  });
  const { runOffsets, runNext } = scratch;
  runOffsets[runTotal] = runs.length;
  const allRuns = runs.view();

  const blocks: Uint8Array[] = [];
  const block = new ByteWriter(8192);
  const empty = new Uint8Array(0);
  for (let first = 0; first < seriesCount; first += BLOCK_SERIES) {
    block.reset();
    block.byte(RECORD_INDEX_BLOCK);
    let previousName: Uint8Array = empty;
    for (let position = first; position < Math.min(first + BLOCK_SERIES, seriesCount); position++) {
      const local = order[position]!;
      const utf8 = index.seriesUtf8(local);
      const { prefix, suffix } = sharedEnds(previousName, utf8);
      block.varint(prefix);
      block.varint(suffix);
      block.varint(utf8.length - prefix - suffix);
      block.range(utf8, prefix, utf8.length - suffix);
      previousName = utf8;
      // column := varint(runs) | run*, preceded by its length.
      block.varint(varintBytes(runCounts[local]!) + runBytes[local]!);
      block.varint(runCounts[local]!);
      for (let id = firstRun[local]!; id !== -1; id = runNext[id]!) block.range(allRuns, runOffsets[id]!, runOffsets[id + 1]!);
    }
    blocks.push(frameRecord(block.view()));
  }

  const head = new ByteWriter(16 + seriesCount * 4 + blocks.length * 4 + times.length * 3);
  head.byte(RECORD_INDEX_HEAD);
  head.varint(INDEX_VERSION);
  head.varint(segmentLength);
  head.varint(index.bucketMs);
  head.varint(times.length);
  for (let s = 0; s < times.length; s++) head.varint(s === 0 ? times[0]! : times[s]! - times[s - 1]!);
  head.varint(seriesCount);
  for (let position = 0; position < seriesCount; position++) head.uint32le(hashes[order[position]!]!);
  head.varint(blocks.length);
  let offset = 0;
  for (const framed of blocks) {
    head.varint(offset);
    offset += framed.length;
  }
  const framedHead = frameRecord(head.view());
  const out = new Uint8Array(framedHead.length + offset);
  out.set(framedHead, 0);
  let at = framedHead.length;
  for (const framed of blocks) {
    out.set(framed, at);
    at += framed.length;
  }
  return out;
}

/** A block's series, read once: their names one after another, and where each name and column ends and starts. */
interface ParsedBlock {
  readonly body: Uint8Array;
  readonly names: Uint8Array;
  /** Per series of the block: end of its name in `names`, start and end of its column in `body`. */
  readonly offsets: Uint32Array;
}

/** Buffers shared by every block parse (a cold query parses hundreds): the coded names, and the names decoded. */
const blockNames = new CodedNames();
const decodedNames = new ByteWriter(4096);

export class PersistedIndex {
  /** Blocks read so far (their CRC checked); null for a damaged one. */
  private readonly blocks = new Map<number, ParsedBlock | null>();

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly bucketMs: number,
    private readonly times: Float64Array,
    private readonly hashes: DataView,
    private readonly seriesCount: number,
    private readonly blockOffsets: readonly number[],
  ) {}

  /**
   * The index in `bytes` if it is intact, of this version and made for a segment of `segmentLength` bytes;
   * otherwise undefined (the segment is read instead).
   */
  static parse(bytes: Uint8Array, segmentLength: number): PersistedIndex | undefined {
    const head = recordBodyAt(bytes, 0);
    if (!head) return undefined;
    try {
      const reader = new ByteReader(head);
      if (reader.byte() !== RECORD_INDEX_HEAD || reader.varint() !== INDEX_VERSION) return undefined;
      if (reader.varint() !== segmentLength) return undefined;
      const bucketMs = reader.varint();
      const sampleCount = reader.varint();
      if (sampleCount > head.length) return undefined;
      const times = new Float64Array(sampleCount);
      for (let s = 0; s < sampleCount; s++) times[s] = (s === 0 ? 0 : times[s - 1]!) + reader.varint();
      const seriesCount = reader.varint();
      const hashBytes = reader.take(seriesCount * 4);
      const hashes = new DataView(hashBytes.buffer, hashBytes.byteOffset, hashBytes.byteLength);
      const blockCount = reader.varint();
      if (blockCount !== Math.ceil(seriesCount / BLOCK_SERIES)) return undefined;
      const blocksStart = RECORD_HEADER_BYTES + head.length;
      const blockOffsets = Array.from({ length: blockCount }, () => blocksStart + reader.varint());
      if (!reader.done) return undefined;
      return new PersistedIndex(bytes, bucketMs, times, hashes, seriesCount, blockOffsets);
    } catch (error) {
      if (error instanceof CorruptDataError) return undefined;
      throw error;
    }
  }

  /** Approximate heap bytes, for the cache's budget (the file's bytes and what was parsed of them). */
  get memoryBytes(): number {
    return 256 + this.bytes.byteLength + this.times.byteLength + this.blocks.size * BLOCK_SERIES * 48;
  }

  /**
   * Appends to `out` the points of `series` at times in [from, to], oldest first, exactly as SegmentIndex.pointsOf
   * gives them for the segment. Returns false when the part of the index holding the series is damaged: the
   * caller then reads the segment.
   */
  pointsOf(series: string, from: number, to: number, out: HistoryPoint[]): boolean {
    const utf8 = utf8Of(series);
    const hash = hashOf(utf8);
    let low = 0;
    let high = this.seriesCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.hashes.getUint32(middle * 4, true) < hash) low = middle + 1;
      else high = middle;
    }
    for (let position = low; position < this.seriesCount && this.hashes.getUint32(position * 4, true) === hash; position++) {
      const block = this.block(Math.floor(position / BLOCK_SERIES));
      if (!block) return false;
      const entry = position % BLOCK_SERIES;
      if (entry * 3 >= block.offsets.length) return false;
      const { names, offsets } = block;
      const nameStart = entry === 0 ? 0 : offsets[(entry - 1) * 3]!;
      if (!sameBytes(names, nameStart, offsets[entry * 3]!, utf8)) continue;
      const points: HistoryPoint[] = [];
      try {
        this.decodeColumn(block.body, offsets[entry * 3 + 1]!, offsets[entry * 3 + 2]!, from, to, points);
      } catch (error) {
        if (error instanceof CorruptDataError) return false;
        throw error;
      }
      for (const point of points) out.push(point);
      return true;
    }
    return true;
  }

  private block(number: number): ParsedBlock | null {
    const known = this.blocks.get(number);
    if (known !== undefined) return known;
    let parsed: ParsedBlock | null = null;
    const body = recordBodyAt(this.bytes, this.blockOffsets[number]!);
    if (body && body[0] === RECORD_INDEX_BLOCK) {
      try {
        const reader = new ByteReader(body, 1);
        const offsets: number[] = [];
        blockNames.reset();
        decodedNames.reset();
        while (!reader.done) {
          const nameLength = blockNames.next(reader);
          decodedNames.range(blockNames.bytes, 0, nameLength);
          const length = reader.varint();
          const columnStart = reader.position;
          reader.skip(length);
          offsets.push(decodedNames.length, columnStart, columnStart + length);
        }
        parsed = { body, names: decodedNames.toBytes(), offsets: Uint32Array.from(offsets) };
      } catch (error) {
        if (!(error instanceof CorruptDataError)) throw error;
      }
    }
    this.blocks.set(number, parsed);
    return parsed;
  }

  private decodeColumn(body: Uint8Array, columnStart: number, columnEnd: number, from: number, to: number, out: HistoryPoint[]): void {
    const reader = new ByteReader(body, columnStart, columnEnd);
    const values = new Float64Array(FIELD_COUNT).fill(Number.NaN);
    const times = this.times;
    const bucketMs = this.bucketMs;
    const runs = reader.varint();
    let end = 0;
    for (let r = 0; r < runs; r++) {
      const start = end + reader.varint();
      end = start + reader.varint();
      if (end > times.length) throw new CorruptDataError('run past the last sample');
      const mask = reader.varint();
      if (mask > FULL_MASK) throw new CorruptDataError('bad field mask');
      for (let b = 0; b < FIELD_COUNT; b++) {
        if ((mask & (1 << b)) === 0) continue;
        const f = V3_FIELD_ORDER[b]!;
        const code = reader.varint();
        const before = values[f]!;
        values[f] = code === 0 ? Number.NaN : (Number.isNaN(before) ? 0 : before) + unzigzag(code - 1);
      }
      if (times[end - 1]! < from || times[start]! > to) continue;
      let counts: Counts | undefined;
      for (let s = start; s < end; s++) {
        const at = times[s]!;
        if (at < from || at > to) continue;
        counts ??= Object.freeze(countsFromValues(values, 0));
        out.push({ at, counts, bucketMs });
      }
    }
    if (!reader.done) throw new CorruptDataError('trailing bytes in column');
  }
}

/** Whether `a[start, end)` holds the bytes of `b`. */
function sameBytes(a: Uint8Array, start: number, end: number, b: Uint8Array): boolean {
  if (end - start !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[start + i] !== b[i]) return false;
  return true;
}
