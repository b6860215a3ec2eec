// How big the spike log may get, and when the writer rewrites it. Pure: the caller passes the time.
//
// Bounds: the log keeps what history keeps (30 days), at most MAX_SPIKE_RECORDS records and SPIKE_LOG_BUDGET_BYTES
// bytes, the newest first. Appends go to the end of the file; once the file holds more than the bounds plus a
// slack (COMPACTION_SLACK_*), or its oldest record is a day past the retention, the writer rewrites it with the
// records the bounds keep: at that append, or when it next opens the file (expired records of a log that gets no
// new spike wait for the next start; every reader filters by time anyway). So the file never exceeds SPIKE_LOG_BUDGET_BYTES + COMPACTION_SLACK_BYTES plus the one
// record that crossed it, and a rewrite (O(file)) comes at most once per COMPACTION_SLACK_RECORDS appends or per
// day, not per append.
//
// Sizes: a mark naming one group with a 60-character title is about 200 bytes, so 5,000 of them take about 1 MB;
// a storm naming all of 5,000 groups (64-byte keys) is about 340 KB, so the byte budget keeps a dozen of those.
import { DAY_MS, RETENTION_MS } from '../history/layout.js';
import { encodeSpikeLine, lineBytes, type SpikeLogRecord } from './spike-log-codec.js';

/** The same retention as history: a chart over 30 days shows the spikes of those 30 days. */
export const SPIKE_LOG_RETENTION_MS = RETENTION_MS;
/** A storm every hour for 30 days is 720 spikes and as many recoveries: far below. */
export const MAX_SPIKE_RECORDS = 5_000;
export const SPIKE_LOG_BUDGET_BYTES = 4 * 1024 * 1024;
export const COMPACTION_SLACK_RECORDS = 500;
export const COMPACTION_SLACK_BYTES = 512 * 1024;
export const COMPACTION_SLACK_MS = DAY_MS;

/** What the writer knows of its file without reading it again. */
export interface SpikeLogExtent {
  readonly records: number;
  readonly bytes: number;
  /** The earliest `at` in the file; null when it holds no record. */
  readonly oldestAt: number | null;
}

export function extentOf(records: readonly SpikeLogRecord[], bytes: number): SpikeLogExtent {
  let oldestAt: number | null = null;
  for (const record of records) if (oldestAt === null || record.at < oldestAt) oldestAt = record.at;
  return { records: records.length, bytes, oldestAt };
}

/** The extent after one more line of `bytes` bytes for a record at `at`. */
export function extentAfterAppend(extent: SpikeLogExtent, at: number, bytes: number): SpikeLogExtent {
  return { records: extent.records + 1, bytes: extent.bytes + bytes, oldestAt: extent.oldestAt === null ? at : Math.min(extent.oldestAt, at) };
}

export function compactionDue(extent: SpikeLogExtent, now: number): boolean {
  return (
    extent.records > MAX_SPIKE_RECORDS + COMPACTION_SLACK_RECORDS ||
    extent.bytes > SPIKE_LOG_BUDGET_BYTES + COMPACTION_SLACK_BYTES ||
    (extent.oldestAt !== null && extent.oldestAt < now - SPIKE_LOG_RETENTION_MS - COMPACTION_SLACK_MS)
  );
}

/**
 * The records a rewrite keeps, oldest first: those of the last 30 days (and any from after `now`: a clock set
 * back must not erase them), the newest MAX_SPIKE_RECORDS of them, and of those the newest that fit the budget.
 */
export function keptRecords(records: readonly SpikeLogRecord[], now: number): SpikeLogRecord[] {
  const recent = records.filter((record) => record.at >= now - SPIKE_LOG_RETENTION_MS);
  // Stable: records of the same moment keep the order they were appended in.
  const sorted = recent.map((record, index) => ({ record, index })).sort((a, b) => a.record.at - b.record.at || a.index - b.index);
  const kept: SpikeLogRecord[] = [];
  let bytes = 0;
  for (let i = sorted.length - 1; i >= 0 && kept.length < MAX_SPIKE_RECORDS; i--) {
    const record = sorted[i]!.record;
    const size = lineBytes(encodeSpikeLine(record));
    if (bytes + size > SPIKE_LOG_BUDGET_BYTES) break;
    bytes += size;
    kept.push(record);
  }
  return kept.reverse();
}
