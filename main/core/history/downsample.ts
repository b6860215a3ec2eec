// Beyond 24 hours, history keeps one point per series per bucket holding each count's MAXIMUM over the bucket
// (null only when every sample in it was null). Maximum, not last or mean: a ten-minute disconnect storm must
// still show as a peak on a 30-day chart, and the charts are read for peaks. Keeping last as well would double
// the downsampled bytes, which dominate the disk bound, for a value nobody charts.
import { FIELD_COUNT, type ArraySample, type SegmentState } from './segment-codec.js';

export interface Bucket extends ArraySample {
  /** Start of the bucket (a multiple of its width). `present` marks every series seen in any of its samples. */
  readonly at: number;
}

interface Arrays {
  present: Uint8Array;
  values: Float64Array;
}

/**
 * Folds the samples of ONE source segment, in order, into buckets. Indices are the source segment's
 * dictionary indices, which only grow while it is read. Two sets of arrays, swapped per bucket, so that a
 * finished bucket can be handed out as a view (no copy of 5,000 groups per bucket) while the next one fills.
 */
export class MaxDownsampler {
  private bucketAt: number | undefined;
  private filling: Arrays = { present: new Uint8Array(0), values: new Float64Array(0) };
  private spare: Arrays = { present: new Uint8Array(0), values: new Float64Array(0) };

  constructor(
    private readonly source: SegmentState,
    private readonly bucketMs: number,
  ) {}

  /**
   * Adds the source's latest sample; returns the previous bucket when this sample starts a new one. A
   * returned bucket is a view, valid until the next call to add() or flush().
   */
  add(): Bucket | undefined {
    const at = this.source.lastAt;
    if (at === undefined) return undefined;
    const bucketAt = at - (at % this.bucketMs);
    const finished = this.bucketAt !== undefined && bucketAt !== this.bucketAt ? this.flush() : undefined;
    const size = this.source.names.length;
    const sourcePresent = this.source.present;
    const sourceValues = this.source.values;
    if (this.bucketAt === undefined) {
      // A bucket's first sample: the bucket is that sample.
      this.bucketAt = bucketAt;
      if (this.filling.present.length < size) this.filling = { present: new Uint8Array(size * 2), values: new Float64Array(size * 2 * FIELD_COUNT) };
      this.filling.present.fill(0);
      this.filling.present.set(sourcePresent.subarray(0, size));
      this.filling.values.set(sourceValues.subarray(0, size * FIELD_COUNT));
      return finished;
    }
    if (this.filling.present.length < size) {
      const grown = { present: new Uint8Array(size * 2), values: new Float64Array(size * 2 * FIELD_COUNT) };
      grown.present.set(this.filling.present);
      grown.values.set(this.filling.values);
      this.filling = grown;
    }
    const { present, values } = this.filling;
    // Later samples: a series the sample did not touch kept its value, which the maximum already holds.
    for (const index of this.source.touched) {
      if (sourcePresent[index] !== 1) continue;
      const base = index * FIELD_COUNT;
      if (present[index] !== 1) {
        present[index] = 1;
        values.set(sourceValues.subarray(base, base + FIELD_COUNT), base);
        continue;
      }
      for (let i = base; i < base + FIELD_COUNT; i++) {
        const value = sourceValues[i]!;
        const kept = values[i]!;
        if (value > kept || kept !== kept) values[i] = value; // kept !== kept: NaN, i.e. null so far
      }
    }
    return finished;
  }

  /** The bucket in progress, if any (a view, see add()), and starts afresh. */
  flush(): Bucket | undefined {
    if (this.bucketAt === undefined) return undefined;
    const size = this.source.names.length;
    const done = this.filling;
    const bucket: Bucket = {
      at: this.bucketAt,
      names: this.source.names,
      present: done.present.subarray(0, size),
      values: done.values.subarray(0, size * FIELD_COUNT),
    };
    this.filling = this.spare;
    this.spare = done;
    this.bucketAt = undefined;
    return bucket;
  }
}
