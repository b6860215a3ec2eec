import { describe, expect, it } from 'vitest';
import { naturalHistoryBound } from '../../../../main/core/history/bounds.js';
import {
  DAY_MS,
  HOUR_MS,
  compareSegments,
  isDueForDownsampling,
  isExpired,
  parseSegmentFileName,
  segmentFile,
} from '../../../../main/core/history/layout.js';

const T = Date.UTC(2025, 5, 10, 13, 42, 7);

describe('segment layout', () => {
  it('names hour and day files so that names sort by time, and parses them back', () => {
    const raw = segmentFile('raw', T);
    const day = segmentFile('downsampled', T);
    expect(raw).toEqual({ kind: 'raw', startMs: Date.UTC(2025, 5, 10, 13), fileName: `raw-00${Date.UTC(2025, 5, 10, 13)}.wth` });
    expect(day.startMs).toBe(Date.UTC(2025, 5, 10));
    expect(parseSegmentFileName(raw.fileName)).toEqual(raw);
    expect(parseSegmentFileName(day.fileName)).toEqual(day);
    expect(parseSegmentFileName(`${raw.fileName}.tmp`)).toBeUndefined();
    expect(parseSegmentFileName('raw-000000000000001.wth')).toBeUndefined(); // not on an hour
    expect([raw, segmentFile('raw', T - HOUR_MS), day].sort(compareSegments).map((f) => f.kind)).toEqual(['downsampled', 'raw', 'raw']);
  });

  it('downsamples an hour once all of it is 24 h old and deletes a day once all of it is 30 days old', () => {
    const raw = segmentFile('raw', T);
    const end = raw.startMs + HOUR_MS;
    expect(isDueForDownsampling(raw, end + DAY_MS - 1)).toBe(false);
    expect(isDueForDownsampling(raw, end + DAY_MS)).toBe(true);
    const day = segmentFile('downsampled', T);
    expect(isExpired(day, day.startMs + 31 * DAY_MS - 1)).toBe(false);
    expect(isExpired(day, day.startMs + 31 * DAY_MS)).toBe(true);
  });
});

describe('the stated disk bound', () => {
  const busy = { groups: 5_000, maxNameBytes: 64, countBytes: 2 };
  it('is the arithmetic written in bounds.ts', () => {
    expect(naturalHistoryBound({ ...busy, intervalMs: 60_000 })).toBe(1_151_311_587);
    expect(naturalHistoryBound({ ...busy, intervalMs: 15_000 })).toBe(2_547_045_087);
    expect(naturalHistoryBound({ ...busy, intervalMs: 60_000, countBytes: 5 })).toBe(2_590_470_087);
  });
});
