// Beyond 24 hours, history keeps one point per series per bucket holding each count's MAXIMUM over the bucket
// (null only when every sample in it was null). Maximum, not last or mean: a ten-minute disconnect storm must
// still show as a peak on a 30-day chart, and the charts are read for peaks. Keeping last as well would double
// the downsampled bytes, which dominate the disk bound, for a value nobody charts.
import { FIELD_COUNT, countsFromValues, type SegmentState, type SeriesCounts } from './segment-codec.js';

export interface Bucket {
  /** Start of the bucket (a multiple of its width). */
  readonly at: number;
  /** Every series present in at least one sample of the bucket. */
  readonly series: readonly SeriesCounts[];
}

/**
 * Folds the samples of ONE source segment, in order, into buckets. Indices are the source segment's
 * dictionary indices, which only grow while it is read.
 */
export class MaxDownsampler {
  private bucketAt: number | undefined;
  private present = new Uint8Array(0);
  private values = new Float64Array(0);

  constructor(
    private readonly source: SegmentState,
    private readonly bucketMs: number,
  ) {}

  /** Adds the source's latest sample; returns the previous bucket when this sample starts a new one. */
  add(): Bucket | undefined {
    const at = this.source.lastAt;
    if (at === undefined) return undefined;
    const bucketAt = at - (at % this.bucketMs);
    const finished = this.bucketAt !== undefined && bucketAt !== this.bucketAt ? this.flush() : undefined;
    this.bucketAt = bucketAt;
    const size = this.source.names.length;
    if (this.present.length < size) {
      const present = new Uint8Array(size);
      present.set(this.present);
      const values = new Float64Array(size * FIELD_COUNT);
      values.set(this.values);
      this.present = present;
      this.values = values;
    }
    const sourcePresent = this.source.present;
    const sourceValues = this.source.values;
    for (let index = 0; index < size; index++) {
      if (sourcePresent[index] !== 1) continue;
      const base = index * FIELD_COUNT;
      if (this.present[index] !== 1) {
        this.present[index] = 1;
        for (let f = 0; f < FIELD_COUNT; f++) this.values[base + f] = sourceValues[base + f]!;
        continue;
      }
      for (let f = 0; f < FIELD_COUNT; f++) {
        const value = sourceValues[base + f]!;
        const kept = this.values[base + f]!;
        if (Number.isNaN(kept) || value > kept) this.values[base + f] = value;
      }
    }
    return finished;
  }

  /** The bucket in progress, if any, and starts afresh. */
  flush(): Bucket | undefined {
    if (this.bucketAt === undefined) return undefined;
    const series: SeriesCounts[] = [];
    for (let index = 0; index < this.present.length; index++) {
      if (this.present[index] !== 1) continue;
      series.push({ name: this.source.names[index]!, counts: countsFromValues(this.values, index * FIELD_COUNT) });
    }
    const bucket = { at: this.bucketAt, series };
    this.bucketAt = undefined;
    this.present.fill(0);
    return bucket;
  }
}
