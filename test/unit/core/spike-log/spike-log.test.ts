// The spike log's line format and bounds (core/spike-log): records survive the round trip, a torn tail is not
// damage, a damaged line costs only itself, and the bounds keep 30 days, MAX_SPIKE_RECORDS and the byte budget.
import { describe, expect, it } from 'vitest';
import {
  COMPACTION_SLACK_MS,
  COMPACTION_SLACK_RECORDS,
  MAX_SPIKE_RECORDS,
  SPIKE_LOG_BUDGET_BYTES,
  SPIKE_LOG_RETENTION_MS,
  compactionDue,
  extentAfterAppend,
  extentOf,
  keptRecords,
} from '../../../../main/core/spike-log/spike-log-bounds.js';
import { decodeSpikeLog, encodeSpikeLine, encodeSpikeLog, lineBytes, type SpikeLogRecord } from '../../../../main/core/spike-log/spike-log-codec.js';

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function mark(at: number, overrides: Partial<SpikeLogRecord> = {}): SpikeLogRecord {
  return { at, kind: 'spike', severity: 'critical', groupKeys: ['Finance (#1)'], fleet: false, title: 'Finance: 40 desktops disconnected', ...overrides };
}

describe('spike log lines', () => {
  it('round-trips every field, including unicode, quotes and newlines in names and titles', () => {
    const records = [
      mark(T0),
      mark(T0 + 1, { kind: 'recovery', severity: 'warning', groupKeys: [], fleet: true, title: 'Fleet back to normal' }),
      mark(T0 + 2, { groupKeys: ['财务部 "东区"', 'line\nbreak', ''], title: '桌面断开\n"quoted" \\ slash' }),
    ];
    const text = encodeSpikeLog(records);
    expect(text.split('\n')).toHaveLength(4); // three lines and the empty string after the last LF
    expect(text).toMatch(/^[0-9a-f]{8} \{"v":1,"at":/);
    const decoded = decodeSpikeLog(bytes(text));
    expect(decoded.records).toEqual(records);
    expect(decoded.damaged).toEqual([]);
    expect(decoded.completeLength).toBe(bytes(text).length);
  });

  it('treats bytes after the last LF as a write in flight, not as damage', () => {
    const whole = encodeSpikeLog([mark(T0), mark(T0 + 1)]);
    const next = encodeSpikeLine(mark(T0 + 2));
    for (let cut = 0; cut < next.length; cut++) {
      const file = bytes(whole + next.slice(0, cut));
      const decoded = decodeSpikeLog(file);
      expect(decoded.records.map((record) => record.at)).toEqual([T0, T0 + 1]);
      expect(decoded.damaged).toEqual([]);
      expect(decoded.completeLength).toBe(bytes(whole).length);
    }
  });

  it('skips a damaged line and reports its byte range, keeping the lines around it', () => {
    const lines = [mark(T0), mark(T0 + 1), mark(T0 + 2)].map(encodeSpikeLine);
    const flipped = lines[1]!.replace('"critical"', '"critica1"'); // checksum no longer matches
    const file = bytes(lines[0]! + flipped + lines[2]!);
    const decoded = decodeSpikeLog(file);
    expect(decoded.records.map((record) => record.at)).toEqual([T0, T0 + 2]);
    const start = lineBytes(lines[0]!);
    expect(decoded.damaged).toEqual([{ start, end: start + lineBytes(flipped) }]);
  });

  it('counts consecutive bad lines (zeros from a crash, garbage, a newer version) as one damaged range', () => {
    const good = encodeSpikeLine(mark(T0));
    const json = JSON.stringify({ v: 2, at: T0, kind: 'spike' });
    const newer = `${'0'.repeat(8)} ${json}\n`;
    const text = good + '\u0000'.repeat(40) + '\n' + 'not a record at all\n' + newer + good;
    const decoded = decodeSpikeLog(bytes(text));
    expect(decoded.records).toHaveLength(2);
    expect(decoded.damaged).toHaveLength(1);
    expect(decoded.damaged[0]!.start).toBe(lineBytes(good));
    expect(decoded.damaged[0]!.end).toBe(bytes(text).length - lineBytes(good));
  });

  it('rejects a line whose checksum matches but whose shape is wrong', () => {
    const wrong = encodeSpikeLine(mark(T0, { kind: 'other' as 'spike' }));
    expect(decodeSpikeLog(bytes(wrong)).records).toEqual([]);
    expect(decodeSpikeLog(bytes(wrong)).damaged).toHaveLength(1);
    const negative = encodeSpikeLine(mark(-5));
    expect(decodeSpikeLog(bytes(negative)).records).toEqual([]);
  });

  it('ignores empty lines', () => {
    const decoded = decodeSpikeLog(bytes(`\n${encodeSpikeLine(mark(T0))}\n\n`));
    expect(decoded.records).toHaveLength(1);
    expect(decoded.damaged).toEqual([]);
  });
});

describe('spike log bounds', () => {
  it('keeps 30 days, drops older records, and keeps records from after now (a clock set back)', () => {
    const now = T0 + 40 * 24 * 3_600_000;
    const records = [mark(now - SPIKE_LOG_RETENTION_MS - 1), mark(now - SPIKE_LOG_RETENTION_MS), mark(now - 1000), mark(now + 60_000)];
    expect(keptRecords(records, now).map((record) => record.at)).toEqual([now - SPIKE_LOG_RETENTION_MS, now - 1000, now + 60_000]);
  });

  it('keeps the newest MAX_SPIKE_RECORDS, oldest first, stable for records of the same moment', () => {
    const records = Array.from({ length: MAX_SPIKE_RECORDS + 10 }, (_, i) => mark(T0 + Math.floor(i / 2), { title: `#${i}` }));
    const kept = keptRecords(records, T0);
    expect(kept).toHaveLength(MAX_SPIKE_RECORDS);
    expect(kept[0]!.title).toBe('#10');
    expect(kept.at(-1)!.title).toBe(`#${MAX_SPIKE_RECORDS + 9}`);
    expect(kept.every((record, i) => i === 0 || kept[i - 1]!.at <= record.at)).toBe(true);
  });

  it('sorts records appended out of order', () => {
    expect(keptRecords([mark(T0 + 2), mark(T0), mark(T0 + 1)], T0).map((record) => record.at)).toEqual([T0, T0 + 1, T0 + 2]);
  });

  it('keeps the newest records that fit the byte budget', () => {
    // A storm naming 5,000 groups with 64-byte keys: about 340 KB a record.
    const keys = Array.from({ length: 5_000 }, (_, i) => `group-${String(i).padStart(57, '0')}`);
    const records = Array.from({ length: 20 }, (_, i) => mark(T0 + i, { groupKeys: keys }));
    const kept = keptRecords(records, T0);
    const size = lineBytes(encodeSpikeLog(kept));
    expect(size).toBeLessThanOrEqual(SPIKE_LOG_BUDGET_BYTES);
    expect(size + lineBytes(encodeSpikeLine(records[0]!))).toBeGreaterThan(SPIKE_LOG_BUDGET_BYTES);
    expect(kept.at(-1)!.at).toBe(T0 + 19);
  });

  it('asks for a rewrite only past the bounds plus a slack', () => {
    const empty = extentOf([], 0);
    expect(compactionDue(empty, T0)).toBe(false);
    let extent = extentOf([mark(T0)], 200);
    expect(compactionDue(extent, T0 + SPIKE_LOG_RETENTION_MS + COMPACTION_SLACK_MS)).toBe(false);
    expect(compactionDue(extent, T0 + SPIKE_LOG_RETENTION_MS + COMPACTION_SLACK_MS + 1)).toBe(true);
    extent = { records: MAX_SPIKE_RECORDS + COMPACTION_SLACK_RECORDS, bytes: 1_000_000, oldestAt: T0 };
    expect(compactionDue(extent, T0)).toBe(false);
    expect(compactionDue(extentAfterAppend(extent, T0 + 1, 200), T0 + 1)).toBe(true);
    expect(compactionDue({ records: 10, bytes: SPIKE_LOG_BUDGET_BYTES * 2, oldestAt: T0 }, T0)).toBe(true);
    expect(extentAfterAppend(extentOf([], 0), T0, 10)).toEqual({ records: 1, bytes: 10, oldestAt: T0 });
  });
});
