// The points of a segment's FIRST series, read without decoding any other: the store writes the fleet first
// in every sample (file-history-store's seriesOf), so it is dictionary index 0 of every segment, and its entry,
// when the sample has one, is the first of the record. A 30-day fleet chart right after start then costs a
// read and a CRC check of each file instead of decoding 5,000 groups in each.
//
// What it checks: the framing and CRC of every record (it stops where a scan stops), the header, the order of
// records, each sample's first entry and the series' own entries. It does not look further into the other
// series' entries, which a full decode (SegmentIndex) also validates: the two can only differ on a file that
// passed its CRC checks yet makes no sense there, which nothing but a bug writes.
import type { Counts } from '../api/fields.js';
import type { HistoryPoint } from '../ports.js';
import { ByteReader, CorruptDataError, unzigzag } from './bytes.js';
import { scanRecords, type ScannedRecords } from './record.js';
import {
  FIELD_COUNT,
  FORMAT_VERSION,
  RECORD_DICTIONARY,
  RECORD_GAP,
  RECORD_HEADER,
  RECORD_SAMPLE,
  applyEntry,
  countsFromValues,
  entryModeOf,
  isKnownFormatVersion,
  V3_FIELD_ORDER,
  stringOf,
} from './segment-codec.js';

/**
 * All the points of `series` in a segment file, when it is the segment's first series; undefined when the
 * segment names another series first (then a full decode is needed). Points are frozen: callers may keep them.
 */
export function leadingSeriesPoints(bytes: Uint8Array | ScannedRecords, series: string): HistoryPoint[] | undefined {
  const scan = bytes instanceof Uint8Array ? scanRecords(bytes) : bytes;
  // Damaged bytes are rare: the full decode knows how to read past them.
  if (scan.damaged.length > 0) return undefined;
  const points: HistoryPoint[] = [];
  const values = new Float64Array(FIELD_COUNT);
  const base = new Float64Array(FIELD_COUNT).fill(Number.NaN);
  let present = false;
  let counts: Counts | undefined;
  let startMs: number | undefined;
  let bucketMs = 0;
  let lastAt: number | undefined;
  let names = 0;
  let version = FORMAT_VERSION;
  try {
    for (const { body } of scan.records) {
      const reader = new ByteReader(body);
      const type = reader.byte();
      // A repaired file: the full decode knows how to read past the gap.
      if (type === RECORD_GAP) return undefined;
      if (type === RECORD_HEADER) {
        if (startMs !== undefined) return points;
        version = reader.varint();
        if (!isKnownFormatVersion(version)) return points;
        bucketMs = reader.varint();
        startMs = reader.varint();
      } else if (startMs === undefined) {
        return points;
      } else if (type === RECORD_DICTIONARY) {
        if (reader.varint() !== names) return points;
        const count = reader.varint();
        if (names === 0 && count > 0) {
          if (version >= 3) {
            // Coded against no previous name: no shared bytes. Then its base counts.
            if (reader.varint() !== 0 || reader.varint() !== 0) return points;
            if (stringOf(reader.take(reader.varint())) !== series) return undefined;
            const mask = reader.varint();
            for (let b = 0; b < FIELD_COUNT; b++) base[V3_FIELD_ORDER[b]!] = mask & (1 << b) ? unzigzag(reader.varint()) : Number.NaN;
          } else if (stringOf(reader.take(reader.varint())) !== series) return undefined;
        }
        names += count;
      } else if (type === RECORD_SAMPLE) {
        const at = (version === 1 ? (lastAt ?? startMs) : startMs) + reader.varint();
        if (lastAt !== undefined && at <= lastAt) return points;
        if (reader.varint() > 0) {
          const firstIndex = reader.varint();
          if (firstIndex >= names) return points;
          if (firstIndex === 0) {
            present = applyEntry(reader, values, 0, present, entryModeOf(version, false), base);
            counts = undefined;
          }
        }
        lastAt = at;
        if (present) {
          counts ??= Object.freeze(countsFromValues(values, 0));
          points.push(Object.freeze({ at, counts, bucketMs }));
        }
      } else {
        return points;
      }
    }
  } catch (error) {
    if (!(error instanceof CorruptDataError)) throw error;
  }
  return points;
}
