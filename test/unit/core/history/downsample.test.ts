import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';
import { MaxDownsampler, type Bucket } from '../../../../main/core/history/downsample.js';
import { scanRecords } from '../../../../main/core/history/record.js';
import { FIELD_COUNT, SegmentState, countsFromValues, type SeriesCounts } from '../../../../main/core/history/segment-codec.js';

interface Summary {
  readonly at: number;
  readonly series: SeriesCounts[];
}

/** A bucket is a view valid until the next add(): read it out at once, as the store encodes it at once. */
const summarise = (bucket: Bucket): Summary => ({
  at: bucket.at,
  series: bucket.names.flatMap((name, i) => (bucket.present[i] === 1 ? [{ name, counts: countsFromValues(bucket.values, i * FIELD_COUNT) }] : [])),
});

const counts = (overrides: Partial<Record<(typeof COUNT_FIELDS)[number], number | null>>, fill: number | null = 1): Counts =>
  ({ ...Object.fromEntries(COUNT_FIELDS.map((field) => [field, fill])), ...overrides }) as Counts;

/** Writes samples to a segment and downsamples them the way the store does: decode, then fold. */
function downsample(samples: readonly (readonly [number, readonly SeriesCounts[]])[], bucketMs: number): Summary[] {
  const writer = new SegmentState();
  const chunks = [writer.encodeHeader({ startMs: 0, bucketMs: 0 })];
  for (const [at, series] of samples) {
    const encoded = writer.encodeSample(at, series);
    if (!encoded.ok) throw new Error(encoded.error.message);
    chunks.push(encoded.value);
  }
  const source = new SegmentState();
  const downsampler = new MaxDownsampler(source, bucketMs);
  const buckets: Summary[] = [];
  for (const { body } of scanRecords(Buffer.concat(chunks)).records) {
    if (source.apply(body) !== 'sample') continue;
    const finished = downsampler.add();
    if (finished) buckets.push(summarise(finished));
  }
  const last = downsampler.flush();
  if (last) buckets.push(summarise(last));
  return buckets;
}

describe('MaxDownsampler', () => {
  it('keeps each count’s maximum per bucket, null only when every sample was null', () => {
    const buckets = downsample(
      [
        [0, [{ name: 'a', counts: counts({ disconnected_num: 3, ready_num: null, stop_num: null }) }]],
        [60_000, [{ name: 'a', counts: counts({ disconnected_num: 90, ready_num: 5, stop_num: null }) }]],
        [120_000, [{ name: 'a', counts: counts({ disconnected_num: 4, ready_num: null, stop_num: null }) }]],
        [600_000, [{ name: 'a', counts: counts({ disconnected_num: 2 }) }]],
      ],
      600_000,
    );
    expect(buckets.map((bucket) => bucket.at)).toEqual([0, 600_000]);
    expect(buckets[0]!.series).toEqual([{ name: 'a', counts: counts({ disconnected_num: 90, ready_num: 5, stop_num: null }) }]);
    expect(buckets[1]!.series).toEqual([{ name: 'a', counts: counts({ disconnected_num: 2 }) }]);
  });

  it('holds a group in a bucket where it existed in any sample, and not in others', () => {
    const buckets = downsample(
      [
        [0, [{ name: 'a', counts: counts({}) }]],
        [60_000, [{ name: 'b', counts: counts({}, 7) }]],
        [600_000, [{ name: 'a', counts: counts({}, 0) }]],
        [1_800_000, [{ name: 'b', counts: counts({}, null) }]],
      ],
      600_000,
    );
    expect(buckets.map((bucket) => [bucket.at, bucket.series.map((s) => s.name)])).toEqual([
      [0, ['a', 'b']],
      [600_000, ['a']],
      [1_800_000, ['b']],
    ]);
    expect(buckets[2]!.series[0]!.counts).toEqual(counts({}, null));
  });
});
