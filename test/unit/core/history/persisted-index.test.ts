import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';
import { PersistedIndex, encodePersistedIndex } from '../../../../main/core/history/persisted-index.js';
import { SegmentState, type SeriesCounts } from '../../../../main/core/history/segment-codec.js';
import { SegmentIndex, SeriesIds } from '../../../../main/core/history/segment-index.js';
import { FLEET_SERIES, type HistoryPoint } from '../../../../main/core/ports.js';

const count = fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 2_147_483_647 }));
const counts: fc.Arbitrary<Counts> = fc
  .tuple(...COUNT_FIELDS.map(() => count))
  .map((values) => Object.fromEntries(COUNT_FIELDS.map((field, i) => [field, values[i] ?? null])) as Counts);
const NAMES = [FLEET_SERIES, 'pool-a', 'pool-b', 'Ünïcødé pool 🖥', '', 'pool-a2'];
const steady = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 5])) as Counts;
const sample = fc.subarray(NAMES).chain((names) => fc.tuple(...names.map((name) => fc.oneof(counts, fc.constant(steady)).map((c): SeriesCounts => ({ name, counts: c })))));
const samples = fc.array(fc.tuple(fc.integer({ min: 1, max: 600_000 }), sample), { minLength: 1, maxLength: 20 });
const START = 3_600_000;

function segment(input: readonly (readonly [number, readonly SeriesCounts[]])[], bucketMs = 0): Uint8Array {
  const writer = new SegmentState();
  const chunks = [writer.encodeHeader({ startMs: START, bucketMs })];
  let at = START;
  for (const [step, series] of input) {
    at += step;
    const encoded = writer.encodeSample(at, series);
    if (!encoded.ok) throw new Error(encoded.error.message);
    chunks.push(encoded.value);
  }
  return Buffer.concat(chunks);
}

function indexOf(bytes: Uint8Array): SegmentIndex {
  const index = new SegmentIndex(new SeriesIds());
  index.add(bytes);
  index.seal();
  return index;
}

const points = (source: { pointsOf(series: string, from: number, to: number, out: HistoryPoint[]): unknown }, series: string, from: number, to: number): HistoryPoint[] => {
  const out: HistoryPoint[] = [];
  source.pointsOf(series, from, to, out);
  return out;
};

describe('persisted segment index', () => {
  it('answers every series over any range exactly as the decoded segment', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 12_000_000 }), fc.integer({ min: 0, max: 12_000_000 }), fc.boolean(), (input, a, b, downsampled) => {
        const bytes = segment(input, downsampled ? 600_000 : 0);
        const decoded = indexOf(bytes);
        const persisted = PersistedIndex.parse(encodePersistedIndex(decoded, bytes.length), bytes.length);
        expect(persisted).toBeDefined();
        const [from, to] = [START + Math.min(a, b), START + Math.max(a, b)];
        for (const name of [...NAMES, 'never-seen']) {
          expect(points(persisted!, name, from, to), name).toEqual(points(decoded, name, from, to));
          expect(points(persisted!, name, 0, Number.MAX_SAFE_INTEGER), name).toEqual(points(decoded, name, 0, Number.MAX_SAFE_INTEGER));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds 5,000 series in several blocks and finds each of them', () => {
    const names = [FLEET_SERIES, ...Array.from({ length: 5_000 }, (_, i) => `desktop-pool-${String(i).padStart(5, '0')}-eu`)];
    const input = Array.from({ length: 6 }, (_, s) => [60_000, names.map((name, i) => ({ name, counts: { ...steady, ready_num: (i * (s + 1)) % 7 === 0 ? s : 1 } }))] as const);
    const bytes = segment(input);
    const decoded = indexOf(bytes);
    const file = encodePersistedIndex(decoded, bytes.length);
    const persisted = PersistedIndex.parse(file, bytes.length)!;
    for (const name of names.filter((_, i) => i % 97 === 0 || i > 4_990)) {
      expect(points(persisted, name, 0, Number.MAX_SAFE_INTEGER), name).toEqual(points(decoded, name, 0, Number.MAX_SAFE_INTEGER));
    }
    // About the segment's size or less: each series' runs, not every sample's entries.
    expect(file.length).toBeLessThan(1.5 * bytes.length);
  });

  it('is not used for a segment of another length, a damaged head, or another version; a damaged block is refused', () => {
    const names = Array.from({ length: 300 }, (_, i) => `pool-${i}`);
    const bytes = segment([[60_000, names.map((name) => ({ name, counts: steady }))], [60_000, names.map((name, i) => ({ name, counts: { ...steady, in_use_num: i } }))]]);
    const file = encodePersistedIndex(indexOf(bytes), bytes.length);
    expect(PersistedIndex.parse(file, bytes.length)).toBeDefined();
    expect(PersistedIndex.parse(file, bytes.length + 1)).toBeUndefined();
    const damagedHead = Buffer.from(file);
    damagedHead[20]! ^= 0x40;
    expect(PersistedIndex.parse(damagedHead, bytes.length)).toBeUndefined();
    const otherVersion = Buffer.from(file);
    otherVersion[11] = 9; // the version byte, after the frame and the record type
    expect(PersistedIndex.parse(otherVersion, bytes.length)).toBeUndefined();
    // Damage at the end of the file hits the last block: its series are refused, the others still read.
    const damagedBlock = Buffer.from(file);
    damagedBlock[damagedBlock.length - 3]! ^= 0x01;
    const persisted = PersistedIndex.parse(damagedBlock, bytes.length)!;
    const results = names.map((name) => persisted.pointsOf(name, 0, Number.MAX_SAFE_INTEGER, []));
    expect(results).toContain(false);
    expect(results).toContain(true);
    const out: HistoryPoint[] = [];
    const refused = names.find((name) => !persisted.pointsOf(name, 0, Number.MAX_SAFE_INTEGER, out))!;
    expect(persisted.pointsOf(refused, 0, Number.MAX_SAFE_INTEGER, out)).toBe(false);
    expect(out.filter((point) => point.counts.in_use_num === names.indexOf(refused))).toEqual([]);
  });
});
