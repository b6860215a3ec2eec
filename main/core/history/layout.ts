// Where history lives in the account's folder and how long: pure time arithmetic, shared by the store and tests.
//
//   raw-<start>.wth   full-resolution samples of one UTC hour (start = epoch ms, zero-padded so names sort by time)
//   10m-<start>.wth   ten-minute maximum buckets of one UTC day
//
// One file per hour keeps compaction incremental (one hour at a time) and queries cheap (whole files outside
// the range are skipped by name); one downsampled file per DAY rather than per hour because every file repeats
// the dictionary of series names (~65 bytes per group), which per hour would cost more than the buckets.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Samples stay at full resolution at least this long. */
export const FULL_RESOLUTION_MS = DAY_MS;
/** History is kept at least this long, and at most one day longer (whole downsampled days are deleted). */
export const RETENTION_MS = 30 * DAY_MS;
export const DOWNSAMPLED_BUCKET_MS = 10 * MINUTE_MS;
/** Span of one raw segment and of one downsampled segment. */
export const RAW_SEGMENT_MS = HOUR_MS;
export const DOWNSAMPLED_SEGMENT_MS = DAY_MS;

export type SegmentKind = 'raw' | 'downsampled';

export interface SegmentFile {
  readonly kind: SegmentKind;
  readonly startMs: number;
  readonly fileName: string;
}

const PREFIX: Record<SegmentKind, string> = { raw: 'raw-', downsampled: '10m-' };
const EXTENSION = '.wth';
const NAME_PATTERN = /^(raw|10m)-(\d{15})\.wth$/;

export const spanOf = (kind: SegmentKind): number => (kind === 'raw' ? RAW_SEGMENT_MS : DOWNSAMPLED_SEGMENT_MS);
export const segmentEnd = (file: SegmentFile): number => file.startMs + spanOf(file.kind);
export const alignDown = (at: number, span: number): number => at - (((at % span) + span) % span);

export function segmentFile(kind: SegmentKind, at: number): SegmentFile {
  const startMs = alignDown(at, spanOf(kind));
  return { kind, startMs, fileName: `${PREFIX[kind]}${String(startMs).padStart(15, '0')}${EXTENSION}` };
}

/** The segment a directory entry names, or undefined for anything else (temp files, strangers). */
export function parseSegmentFileName(fileName: string): SegmentFile | undefined {
  const match = NAME_PATTERN.exec(fileName);
  if (!match) return undefined;
  const kind: SegmentKind = match[1] === 'raw' ? 'raw' : 'downsampled';
  const startMs = Number(match[2]);
  if (alignDown(startMs, spanOf(kind)) !== startMs) return undefined;
  return { kind, startMs, fileName };
}

/**
 * A segment's persisted index (core/history/persisted-index.ts) lives beside it: `raw-<start>.wti`. It is derived
 * data: deleted with the segment, rebuilt when missing.
 */
const INDEX_EXTENSION = '.wti';
export const indexFileName = (file: SegmentFile): string => file.fileName.slice(0, -EXTENSION.length) + INDEX_EXTENSION;

/** The segment whose index a directory entry is, or undefined for anything else. */
export function parseIndexFileName(fileName: string): SegmentFile | undefined {
  if (!fileName.endsWith(INDEX_EXTENSION)) return undefined;
  return parseSegmentFileName(fileName.slice(0, -INDEX_EXTENSION.length) + EXTENSION);
}

/** Oldest first; on a tie the downsampled day goes first (it holds the older, already compacted hours). */
export function compareSegments(a: SegmentFile, b: SegmentFile): number {
  if (a.startMs !== b.startMs) return a.startMs - b.startMs;
  return a.kind === b.kind ? 0 : a.kind === 'downsampled' ? -1 : 1;
}

export const isExpired = (file: SegmentFile, now: number): boolean => segmentEnd(file) <= now - RETENTION_MS;

export const isDueForDownsampling = (file: SegmentFile, now: number): boolean =>
  file.kind === 'raw' && segmentEnd(file) <= now - FULL_RESOLUTION_MS;
