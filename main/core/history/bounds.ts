// How big history can get, as arithmetic over the record format in segment-codec.ts and the layout in layout.ts.
// The figures below are format 2's, an upper bound for format 3 too (its counts are differences from a base, never
// longer than the values; its names and keyframes are shorter); naturalHistoryBound adds the persisted indexes of
// the complete raw hours (persisted-index.ts), at most one run per sample and series.
//
// Bound for 5,000 groups with names of at most 64 bytes, under a BUSY load: every count of every group
// changes on every poll, counts below 8,192 (two bytes each: format version 2 stores changed counts as values,
// so that a damaged record costs only itself; a repeated change merges with the next one under this load):
//
//   sample record  = 10 frame + 1 type + 4 time + 3 entry count + 5,000 × (1 gap + 3 tag + 13 × 2) + fleet 108
//                  = 150,126 bytes
//   keyframe       = the same                                                            = 150,126 bytes
//   dictionary     = 17 + 5,001 × (1 + 64)                                               = 325,082 bytes
//   per file       = 22 header + dictionary + keyframe                                   = 475,230 bytes
//   files          = 26 raw hours + 32 downsampled days                                  = 58
//   samples kept   = raw: 25 h + one interval (an hour is downsampled once it is 24 h old, at the next append)
//                    + buckets: 30 days (whole days are deleted once older than 30 days) × 144 + 1 = 4,321
//
//   60 s interval: (1,501 + 4,321) × 150,126 + 58 × 475,230 =   901,596,912 bytes ≈ 860 MiB
//   15 s interval: (6,001 + 4,321) × 150,126 + 58 × 475,230 = 1,577,163,912 bytes ≈ 1.47 GiB
//   plus 25 persisted indexes of complete raw hours (indexBytes, worst case: a run per sample and series):
//   ≈ 250 MB at 60 s, ≈ 970 MB at 15 s, so 1.15 GB and 2.55 GB in all.
//
// Format 3 under this load measures about 56 % of that arithmetic (the tightness test), so 60 s fits the default
// budget of 1 GiB; 15 s does not: 5,000 groups whose every count moves on every poll at a 15 s interval keep part
// of the 30 days (the budget deletes the oldest first). A realistic
// load (a few per cent, even 10 %, of groups changing per poll) needs a few tens of MB (see the bound test). The
// budget is the hard guarantee for anything worse, e.g. every count in the millions changing on every poll (5
// bytes per count: ≈ 2.0 GB at 60 s): history then drops its oldest files first and the folder never exceeds the
// budget between operations (while an hour is being downsampled it may exceed it by that hour's ten-minute
// buckets, released when the hour's raw file is deleted right after).

//
// Memory. Queries keep decoded segments between calls (segment-cache.ts), at most the store's `cacheBytes`
// (default 64 MiB) of segment indexes plus 12 MiB of fleet points, per open store and whatever the load; the
// on-disk format is unchanged by it, and so is the disk bound above. An index costs about its file's sample
// bytes, plus 8 bytes per changed series per sample, plus ~60 KB for 5,000 groups (no per-file name maps: the
// names are numbered once per store). For 5,000 groups:
//   realistic load (the bound test's, 2 % changing): 30 days decode to ≈ 41 MiB (format 2 repeats each change once), so
//   all of history stays cached;
//   busy load above, 60 s interval: a raw hour decoded to ≈ 7.3 MiB in format 1 (more in format 2, whose counts
//   take 2 bytes instead of 1; not re-measured), so about 8 of the 25 raw hours stay cached and
//   a 24 h chart decodes the other 17 on every query (≈ 140 ms each on a 2-core machine), as every query
//   decoded every file before there was a cache. The fleet's points (≈ 200 bytes per sample or bucket: ≈ 1.1 MiB
//   for 30 days at 60 s) stay cached either way.
// A store that is only written (watch) keeps one index decoded, the hour being written's (≈ 1 MiB for 5,000
// groups at 2 % churn, more at a busy load): it is what writes that hour's persisted index when the hour ends.

/** Hard cap on an account's history folder: the oldest files are deleted first to stay under it. */
export const DEFAULT_HISTORY_BUDGET_BYTES = 1024 * 1024 * 1024;

export interface HistoryLoad {
  readonly groups: number;
  readonly intervalMs: number;
  /** Longest group name in UTF-8 bytes, at most 127 (its length then takes one byte). */
  readonly maxNameBytes: number;
  /** Bytes of one stored count: 1 below 64, 2 below 8,192, 5 for any int32. */
  readonly countBytes: number;
}

const FRAME = 10;
const SAMPLE_FIXED = FRAME + 1 + 4 + 3;
const FLEET_ENTRY = 1 + 3 + 13 * 8;
const HEADER_RECORD = FRAME + 1 + 1 + 3 + 7;
const RAW_FILES = 26;
const DOWNSAMPLED_FILES = 32;
const BUCKETS = 30 * 144 + 1;
const RAW_SPAN_MS = 25 * 60 * 60 * 1000;

const sampleBytes = (groups: number, countBytes: number): number => SAMPLE_FIXED + groups * (1 + 3 + 13 * countBytes) + FLEET_ENTRY;
/** Complete raw hours with a persisted index (persisted-index.ts): every raw file but the one being written. */
const INDEXED_FILES = RAW_FILES - 1;

/**
 * A persisted index of one raw hour, at most: its head (times, name hashes, block offsets) and per series its
 * name and column, at worst one run per sample (every count changing at every poll): two varints, a mask and
 * each count as a difference from the previous run (within countBytes: two counts below 8,192 differ by less).
 */
function indexBytes(load: HistoryLoad, samplesPerHour: number): number {
  const series = load.groups + 1;
  const head = FRAME + 16 + samplesPerHour * 5 + series * 4 + Math.ceil(series / 64) * 5;
  const perSeries = 3 + load.maxNameBytes + 3 + 3 + samplesPerHour * (2 + 2 + 2 + 13 * load.countBytes);
  return head + Math.ceil(series / 64) * (FRAME + 1) + series * perSeries;
}

/** The most bytes history needs under `load` without the budget ever deleting anything. */
export function naturalHistoryBound(load: HistoryLoad): number {
  const dictionary = FRAME + 1 + 3 + 3 + (load.groups + 1) * (1 + load.maxNameBytes);
  const perFile = HEADER_RECORD + dictionary + sampleBytes(load.groups, load.countBytes);
  const rawSamples = Math.ceil((RAW_SPAN_MS + load.intervalMs) / load.intervalMs);
  const samplesPerHour = Math.ceil((60 * 60 * 1000) / load.intervalMs);
  return (
    (rawSamples + BUCKETS) * sampleBytes(load.groups, load.countBytes) +
    (RAW_FILES + DOWNSAMPLED_FILES) * perFile +
    INDEXED_FILES * indexBytes(load, samplesPerHour)
  );
}
