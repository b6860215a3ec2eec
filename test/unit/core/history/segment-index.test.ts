import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';
import { CorruptDataError } from '../../../../main/core/history/bytes.js';
import { leadingSeriesPoints } from '../../../../main/core/history/leading-series.js';
import { frameRecord, scanRecords } from '../../../../main/core/history/record.js';
import { SegmentState, type SeriesCounts } from '../../../../main/core/history/segment-codec.js';
import { SegmentIndex, SeriesIds } from '../../../../main/core/history/segment-index.js';
import { FLEET_SERIES, type HistoryPoint } from '../../../../main/core/ports.js';

const count = fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 2_147_483_647 }));
const counts: fc.Arbitrary<Counts> = fc
  .tuple(...COUNT_FIELDS.map(() => count))
  .map((values) => Object.fromEntries(COUNT_FIELDS.map((field, i) => [field, values[i] ?? null])) as Counts);
const NAMES = [FLEET_SERIES, 'pool-a', 'pool-b', 'Ünïcødé pool 🖥', ''];
/** Often the same counts, so that a series often repeats unchanged (no entry in that sample). */
const steady = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 5])) as Counts;
const seriesCounts = fc.oneof(counts, fc.constant(steady));
const sample = fc.subarray(NAMES).chain((names) => fc.tuple(...names.map((name) => seriesCounts.map((c): SeriesCounts => ({ name, counts: c })))));
const samples = fc.array(fc.tuple(fc.integer({ min: 1, max: 600_000 }), sample), { minLength: 1, maxLength: 20 });
const START = 3_600_000;

/** The segment as chunks written one by one (header, then each sample's records). */
function encode(input: readonly (readonly [number, readonly SeriesCounts[]])[], bucketMs = 0): Uint8Array[] {
  const writer = new SegmentState();
  const chunks = [writer.encodeHeader({ startMs: START, bucketMs })];
  let at = START;
  for (const [step, series] of input) {
    at += step;
    const encoded = writer.encodeSample(at, series);
    if (!encoded.ok) throw new Error(encoded.error.message);
    chunks.push(encoded.value);
  }
  return chunks;
}

/** What a full decode of the file says about `series` in [from, to]: the reference the index must match. */
function fullDecode(bytes: Uint8Array, series: string, from: number, to: number): HistoryPoint[] {
  const state = new SegmentState();
  const points: HistoryPoint[] = [];
  for (const { body } of scanRecords(bytes).records) {
    try {
      if (state.apply(body) !== 'sample') continue;
    } catch (error) {
      if (error instanceof CorruptDataError) break;
      throw error;
    }
    const at = state.lastAt!;
    const found = state.countsOf(series);
    if (found && at >= from && at <= to) points.push({ at, counts: found, bucketMs: state.header!.bucketMs });
  }
  return points;
}

function pointsOf(index: SegmentIndex, series: string, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  index.pointsOf(series, from, to, out);
  return out;
}

const concat = (chunks: readonly Uint8Array[]): Uint8Array => Buffer.concat(chunks);

describe('SegmentIndex', () => {
  it('reads every series over any range exactly as a full decode, built whole, fed record by record, or sealed', () => {
    const range = fc.tuple(fc.integer({ min: START - 1, max: START + 12_000_000 }), fc.integer({ min: 0, max: 12_000_000 }));
    fc.assert(
      fc.property(samples, range, fc.constantFrom(0, 600_000), fc.nat(), fc.nat(), (input, [randomFrom, randomSpan], bucketMs, i, j) => {
        const chunks = encode(input, bucketMs);
        // Half the runs: a range that starts and ends exactly on sample times, both ends inclusive.
        const times = input.map((_, k) => START + input.slice(0, k + 1).reduce((sum, [step]) => sum + step, 0));
        const onSamples = i % 2 === 0;
        const from = onSamples ? times[i % times.length]! : randomFrom;
        const span = onSamples ? Math.max(0, times[j % times.length]! - from) : randomSpan;
        const bytes = concat(chunks);
        const ids = new SeriesIds();
        const whole = new SegmentIndex(ids);
        whole.add(bytes);
        const fed = new SegmentIndex(ids);
        for (const chunk of chunks) fed.add(chunk);
        const sealed = new SegmentIndex(ids);
        sealed.add(bytes);
        sealed.seal();
        expect(whole.bucketMs).toBe(bucketMs);
        for (const name of [...NAMES, 'never there']) {
          const expected = fullDecode(bytes, name, from, from + span);
          expect(pointsOf(whole, name, from, from + span)).toEqual(expected);
          expect(pointsOf(fed, name, from, from + span)).toEqual(expected);
          expect(pointsOf(sealed, name, from, from + span)).toEqual(expected);
          expect(pointsOf(whole, name)).toEqual(fullDecode(bytes, name, 0, Number.MAX_SAFE_INTEGER));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("following the writer's state, reads every series exactly as a full decode of what it wrote (encodeKeyed: any order, repeated and NUL keys)", () => {
    const KEYS = ['pool-a', 'pool-b', 'Ünïcødé pool 🖥', '', '\u0000not-a-group', 'pool-a'];
    // Each sample: some of the keys in some order (a key listed twice keeps its first counts; a NUL key is skipped).
    const keyedSample = fc.shuffledSubarray(KEYS).chain((keys) => fc.tuple(fc.constant(keys), fc.array(seriesCounts, { minLength: keys.length, maxLength: keys.length })));
    const keyedSamples = fc.array(fc.tuple(fc.integer({ min: 1, max: 600_000 }), counts, keyedSample), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(keyedSamples, (input) => {
        const writer = new SegmentState();
        const following = SegmentIndex.following(new SeriesIds(), writer);
        const chunks = [writer.encodeHeader({ startMs: START, bucketMs: 0 })];
        following.add(chunks[0]!);
        let at = START;
        for (const [step, fleet, [keys, groupCounts]] of input) {
          at += step;
          const groups = keys.map((key, k) => ({ ...groupCounts[k]!, key }));
          const encoded = writer.encodeKeyed(at, { name: FLEET_SERIES, counts: fleet }, groups);
          if (!encoded.ok) throw new Error(encoded.error.message);
          chunks.push(encoded.value);
          following.add(encoded.value);
        }
        const bytes = concat(chunks);
        for (const name of [...NAMES, ...KEYS, 'never there']) {
          const expected = fullDecode(bytes, name, 0, Number.MAX_SAFE_INTEGER);
          expect(pointsOf(following, name), name).toEqual(expected);
        }
        // And what was written is what was given: each key's first counts in each sample that lists it.
        let time = START;
        const given = new Map<string, { at: number; counts: Counts }[]>();
        for (const [step, , [keys, groupCounts]] of input) {
          time += step;
          keys.forEach((key, k) => {
            const points = given.get(key) ?? [];
            if (points.at(-1)?.at !== time) points.push({ at: time, counts: groupCounts[k]! });
            given.set(key, points);
          });
        }
        for (const [key, points] of given) {
          if (key.startsWith('\u0000')) continue;
          expect(pointsOf(following, key).map(({ at, counts }) => ({ at, counts: { ...counts } })), key).toEqual(points);
        }
        expect(pointsOf(following, '\u0000not-a-group')).toEqual([]);
        following.seal();
        expect(pointsOf(following, 'pool-a')).toEqual(fullDecode(bytes, 'pool-a', 0, Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 200 },
    );
  });

  it('stops where a full decode stops: at a record that passes its CRC but makes no sense, and at a torn tail', () => {
    const c = (value: number) => Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])) as Counts;
    const chunks = encode([
      [1_000, [{ name: FLEET_SERIES, counts: c(1) }, { name: 'a', counts: c(1) }]],
      [1_000, [{ name: FLEET_SERIES, counts: c(2) }, { name: 'a', counts: c(2) }]],
    ]);
    // A sample whose one entry names series 7 of a two-series dictionary.
    const nonsense = frameRecord(Uint8Array.from([3, 10, 1, 7, 0]));
    const later = encode([[5_000, [{ name: FLEET_SERIES, counts: c(9) }]]]).slice(1);
    for (const tail of [[nonsense, ...later], [later[0]!.subarray(0, 12)]]) {
      const bytes = concat([...chunks, ...tail]);
      const index = new SegmentIndex(new SeriesIds());
      index.add(bytes);
      index.add(later[0]!); // appended after the damage: ignored, as a scan of the file ignores it
      for (const name of [FLEET_SERIES, 'a']) {
        expect(pointsOf(index, name).map((p) => p.counts.running_num)).toEqual([1, 2]);
        expect(pointsOf(index, name)).toEqual(fullDecode(bytes, name, 0, Number.MAX_SAFE_INTEGER));
      }
      expect(leadingSeriesPoints(bytes, FLEET_SERIES)?.map((p) => p.counts.running_num)).toEqual([1, 2]);
    }
  });

  it('shares one frozen Counts between points whose counts did not change', () => {
    const c = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 3])) as Counts;
    const index = new SegmentIndex(new SeriesIds());
    for (const chunk of encode([1, 2, 3].map((step) => [step, [{ name: 'a', counts: c }]] as const))) index.add(chunk);
    const points = pointsOf(index, 'a');
    expect(points).toHaveLength(3);
    expect(points[1]!.counts).toBe(points[0]!.counts);
    expect(Object.isFrozen(points[0]!.counts)).toBe(true);
  });

  it('refuses records once sealed, and reports the memory it holds', () => {
    const index = new SegmentIndex(new SeriesIds());
    const chunks = encode([[1, [{ name: 'a', counts: Object.fromEntries(COUNT_FIELDS.map((field) => [field, 1])) as Counts }]]]);
    index.add(chunks[0]!);
    index.add(chunks[1]!);
    const open = index.memoryBytes;
    index.seal();
    expect(index.sealed).toBe(true);
    expect(index.memoryBytes).toBeLessThan(open);
    expect(() => index.add(chunks[1]!)).toThrow('sealed');
  });
});

describe('leadingSeriesPoints', () => {
  it('reads the first series of a segment exactly as a full decode, and declines any other', () => {
    fc.assert(
      fc.property(samples, (input) => {
        const bytes = concat(encode(input));
        const firstName = input.find(([, series]) => series.length > 0)?.[1][0]!.name;
        for (const name of NAMES) {
          const points = leadingSeriesPoints(bytes, name);
          if (firstName !== undefined && name !== firstName) {
            expect(points).toBeUndefined();
            continue;
          }
          expect(points).toEqual(fullDecode(bytes, name, 0, Number.MAX_SAFE_INTEGER));
          for (const point of points!) expect(Object.isFrozen(point) && Object.isFrozen(point.counts)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
