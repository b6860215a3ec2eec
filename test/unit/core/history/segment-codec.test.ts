import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';
import { ByteWriter } from '../../../../main/core/history/bytes.js';
import { frameRecord, scanRecords } from '../../../../main/core/history/record.js';
import { SegmentState, type SeriesCounts } from '../../../../main/core/history/segment-codec.js';
import { FLEET_SERIES } from '../../../../main/core/ports.js';
import { expectWorded } from '../../../support/worded.js';

const count = fc.oneof(fc.constant(null), fc.constant(0), fc.constant(2_147_483_647), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 2_147_483_647 }));
const counts: fc.Arbitrary<Counts> = fc.tuple(...COUNT_FIELDS.map(() => count)).map(
  (values) => Object.fromEntries(COUNT_FIELDS.map((field, i) => [field, values[i] ?? null])) as Counts,
);
const NAMES = [FLEET_SERIES, 'pool-a', 'pool-b', 'Ünïcødé pool 🖥', '', 'pool,"quoted"'];
/** Each sample holds a changing subset of the names, so groups appear, disappear and come back. */
const sample = fc.subarray(NAMES).chain((names) => fc.tuple(...names.map((name) => counts.map((c): SeriesCounts => ({ name, counts: c })))));
const samples = fc.array(fc.tuple(fc.integer({ min: 1, max: 4 * 86_400_000 }), sample), { minLength: 1, maxLength: 25 });

function encodeAll(input: readonly (readonly [number, readonly SeriesCounts[]])[]): { bytes: Uint8Array; times: number[] } {
  const writer = new SegmentState();
  const chunks = [writer.encodeHeader({ startMs: 1_000, bucketMs: 0 })];
  const times: number[] = [];
  let at = 1_000;
  for (const [step, series] of input) {
    at += step;
    times.push(at);
    const encoded = writer.encodeSample(at, series);
    if (!encoded.ok) throw new Error(encoded.error.message);
    chunks.push(encoded.value);
  }
  return { bytes: Buffer.concat(chunks), times };
}

describe('segment codec', () => {
  it('round-trips arbitrary samples, null distinct from 0, absent distinct from all-null', () => {
    fc.assert(
      fc.property(samples, (input) => {
        const { bytes, times } = encodeAll(input);
        const reader = new SegmentState();
        const { records, validLength } = scanRecords(bytes);
        expect(validLength).toBe(bytes.length);
        let sampleIndex = 0;
        for (const record of records) {
          if (reader.apply(record.body) !== 'sample') continue;
          const [, series] = input[sampleIndex]!;
          expect(reader.lastAt).toBe(times[sampleIndex]);
          for (const name of NAMES) {
            expect(reader.countsOf(name)).toEqual(series.find((s) => s.name === name)?.counts);
          }
          sampleIndex++;
        }
        expect(sampleIndex).toBe(input.length);
      }),
      { numRuns: 300 },
    );
  });

  it('spends nothing on unchanged groups and a few bytes on one changed count', () => {
    const base = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 40])) as Counts;
    const series = Array.from({ length: 1_000 }, (_, i): SeriesCounts => ({ name: `pool-${i}`, counts: base }));
    const state = new SegmentState();
    state.encodeHeader({ startMs: 0, bucketMs: 0 });
    const keyframe = state.encodeSample(60_000, series);
    const repeated = state.encodeSample(120_000, series);
    const unchanged = state.encodeSample(180_000, series);
    series[500] = { name: 'pool-500', counts: { ...base, disconnected_num: 41 } };
    const oneChange = state.encodeSample(240_000, series);
    const oneRepeated = state.encodeSample(300_000, series);
    const unchangedAgain = state.encodeSample(360_000, series);
    if (!keyframe.ok || !repeated.ok || !unchanged.ok || !oneChange.ok || !oneRepeated.ok || !unchangedAgain.ok) throw new Error('encode failed');
    // The keyframe names every series with its base counts (front- and rear-coded names: "pool-499" after
    // "pool-498" costs 3 varints and 1 byte), then each series appears "as its base": 2 bytes.
    expect(keyframe.value.length).toBeGreaterThan(1_000 * (4 + 2 + 13));
    expect(keyframe.value.length).toBeLessThan(1_000 * (7 + 2 + 13 + 2) + 100);
    // The sample after a change restates it (so a lost record costs only itself): after the keyframe, every
    // series appears as its base again, 2 bytes each.
    expect(repeated.value.length).toBe(10 + 1 + 3 + 2 + 1_000 * 2);
    expect(unchanged.value.length).toBe(10 + 1 + 3 + 1); // frame, type, time since the hour's start, zero entries
    // gap (500: 2 bytes), tag (disconnected_num is mask bit 0: 1 byte), the new count as a difference from the base.
    expect(oneChange.value.length).toBe(unchanged.value.length + 2 + 1 + 1);
    expect(oneRepeated.value.length).toBe(oneChange.value.length);
    expect(unchangedAgain.value.length).toBe(unchanged.value.length);
  });

  it('keeps the first of two groups with the same name', () => {
    const a = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 1])) as Counts;
    const b = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 2])) as Counts;
    const state = new SegmentState();
    state.encodeHeader({ startMs: 0, bucketMs: 0 });
    state.encodeSample(1, [
      { name: 'twin', counts: a },
      { name: 'twin', counts: b },
    ]);
    expect(state.countsOf('twin')).toEqual(a);
  });

  it('rejects non-integer counts and times that do not advance, leaving the state untouched', () => {
    const good = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 3])) as Counts;
    const state = new SegmentState();
    state.encodeHeader({ startMs: 0, bucketMs: 0 });
    expect(state.encodeSample(10, [{ name: 'a', counts: good }]).ok).toBe(true);
    const bad = state.encodeSample(20, [
      { name: 'new', counts: good },
      { name: 'a', counts: { ...good, ready_num: 1.5 } },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatchObject({
        kind: 'service',
        message: 'History cannot store ready_num=1.5 of group "a": counts must be whole numbers',
        hint: 'This is a bug in Workspace Tray; the snapshot itself is kept in memory.',
      });
      expectWorded(bad.error, ['history.count-not-whole', 'hint.bug-kept-in-memory']);
    }
    expect(state.names).toEqual(['a']);
    const again = state.encodeSample(10, [{ name: 'a', counts: good }]);
    expect(again).toMatchObject({ ok: false, error: { message: 'History sample time 10 is not after the previous one (10)' } });
    if (!again.ok) expectWorded(again.error, ['history.time-not-after']);
    expect(state.encodeSample(5, [{ name: 'a', counts: good }]).ok).toBe(false);
    const fleet = state.encodeSample(30, [{ name: FLEET_SERIES, counts: { ...good, ready_num: 2.5 } }]);
    expect(fleet).toMatchObject({ ok: false, error: { message: 'History cannot store ready_num=2.5 of the fleet: counts must be whole numbers' } });
    if (!fleet.ok) expectWorded(fleet.error, ['history.fleet-count-not-whole', 'hint.bug-kept-in-memory']);
    expect(state.countsOf('a')).toEqual(good);
    // and it still continues cleanly
    expect(state.encodeSample(30, [{ name: 'a', counts: { ...good, ready_num: null } }]).ok).toBe(true);
    expect(state.countsOf('a')?.ready_num).toBeNull();
  });

  it('still reads and appends to version 1 segments (differences, no repeats)', () => {
    const header = new ByteWriter();
    header.byte(1); // header record
    header.varint(1); // format version 1
    header.varint(0);
    header.varint(0);
    const writer = new SegmentState();
    writer.apply(header.view());
    expect(writer.version).toBe(1);
    const base = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 40])) as Counts;
    const samples = [base, { ...base, ready_num: 45 }, { ...base, ready_num: 45 }, { ...base, ready_num: null, in_use_num: 3 }];
    const chunks = [frameRecord(header.view())];
    samples.forEach((counts, i) => {
      const encoded = writer.encodeSample((i + 1) * 60_000, [{ name: 'pool', counts }]);
      if (!encoded.ok) throw new Error(encoded.error.message);
      chunks.push(encoded.value);
    });
    // No repeats in version 1: the unchanged third sample has no entry.
    expect(chunks[3]!.length).toBe(10 + 1 + 3 + 1);
    const reader = new SegmentState();
    const read: Array<Counts | undefined> = [];
    for (const { body } of scanRecords(Buffer.concat(chunks)).records) if (reader.apply(body) === 'sample') read.push(reader.countsOf('pool'));
    expect(read).toEqual(samples);
  });

  it('still reads and appends to version 2 segments (counts as values, each change repeated once)', () => {
    const header = new ByteWriter();
    header.byte(1);
    header.varint(2); // format version 2
    header.varint(0);
    header.varint(0);
    const writer = new SegmentState();
    writer.apply(header.view());
    expect(writer.version).toBe(2);
    const base = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 300])) as Counts;
    const samples = [base, { ...base, ready_num: 345 }, { ...base, ready_num: 345 }, { ...base, ready_num: null, in_use_num: 3 }, { ...base, ready_num: null, in_use_num: 3 }];
    const chunks = [frameRecord(header.view())];
    samples.forEach((counts, i) => {
      const encoded = writer.encodeSample((i + 1) * 60_000, [{ name: 'pool', counts }]);
      if (!encoded.ok) throw new Error(encoded.error.message);
      chunks.push(encoded.value);
    });
    // The third sample restates the second's change: ready_num=345 as a value (2 bytes), mask bit 9 (2-byte tag).
    expect(chunks[3]!.length).toBe(10 + 1 + 3 + 1 + 1 + 2 + 2);
    const reader = new SegmentState();
    const read: Array<Counts | undefined> = [];
    for (const { body } of scanRecords(Buffer.concat(chunks)).records) if (reader.apply(body) === 'sample') read.push(reader.countsOf('pool'));
    expect(read).toEqual(samples);
    expect(reader.version).toBe(2);
  });

  it('rejects a new group whose counts cannot be stored, before naming it', () => {
    const good = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 3])) as Counts;
    const state = new SegmentState();
    state.encodeHeader({ startMs: 0, bucketMs: 0 });
    expect(state.encodeSample(10, [{ name: 'a', counts: good }]).ok).toBe(true);
    const bad = state.encodeSample(20, [
      { name: 'a', counts: good },
      { name: 'new', counts: { ...good, stop_num: 2 ** 60 } },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('stop_num=');
    expect(state.names).toEqual(['a']);
    expect(state.encodeSample(30, [{ name: 'a', counts: good }, { name: 'new', counts: good }]).ok).toBe(true);
    expect(state.countsOf('new')).toEqual(good);
  });
});
