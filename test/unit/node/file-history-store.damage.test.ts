// Damage in the middle of an hour segment costs the damaged record, not the rest of the file: the store reads
// past it, repairs the file once (the original bytes kept aside) and reports what was skipped.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type GroupStatus } from '../../../main/core/api/fields.js';
import type { WorkspaceError } from '../../../main/core/errors.js';
import { MINUTE_MS } from '../../../main/core/history/layout.js';
import { scanRecords } from '../../../main/core/history/record.js';
import { FLEET_SERIES, type HistoryPoint } from '../../../main/core/ports.js';
import { FileHistoryStore } from '../../../main/node/file-history-store.js';
import { expectWorded } from '../../support/worded.js';

const T0 = Date.UTC(2025, 2, 1, 10);
const SAMPLES = 12;
const NAMES = ['pool-a', 'pool-b', 'pool-c', 'pool-d', 'pool-e', 'late-pool'];
const ALL_SERIES = [FLEET_SERIES, ...NAMES];

type Field = (typeof COUNT_FIELDS)[number];
const counts = (seed: number, overrides: Partial<Record<Field, number | null>> = {}): Counts =>
  ({ ...Object.fromEntries(COUNT_FIELDS.map((field, f) => [field, (seed * 7 + f * 3) % 50])), ...overrides }) as Counts;

/** Twelve samples five minutes apart in which groups change, one appears late, one disappears, one goes unknown. */
function groupsAt(i: number): GroupStatus[] {
  const groups: GroupStatus[] = [
    { key: 'pool-a', static_name: 'pool-a', ...counts(i) },
    { key: 'pool-b', static_name: 'pool-b', ...counts(i % 3 === 0 ? i : 0) },
    { key: 'pool-c', static_name: 'pool-c', ...counts(1, { disconnected_num: i * 2 }) },
    { key: 'pool-d', static_name: 'pool-d', ...counts(2, { ready_num: i % 2 === 0 ? null : i }) },
  ];
  if (i < 8) groups.push({ key: 'pool-e', static_name: 'pool-e', ...counts(3, { in_use_num: 8 - i }) });
  if (i >= 5) groups.push({ key: 'late-pool', static_name: 'late-pool', ...counts(i + 10) });
  return groups;
}

let root: string;
let pristine: string;
let segmentName: string;
let expected: Map<string, readonly HistoryPoint[]>;

async function openAt(folder: string, options: { readOnly?: boolean; onDamage?: (error: WorkspaceError) => void } = {}): Promise<FileHistoryStore> {
  const opened = await FileHistoryStore.open({ folder, ...options });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function readAll(store: FileHistoryStore): Promise<Map<string, readonly HistoryPoint[]>> {
  const result = await store.queryMany(ALL_SERIES, 0, Number.MAX_SAFE_INTEGER);
  if (!result.ok) throw new Error(result.error.message);
  return new Map(result.value);
}

/** The points of `all` except those at the times in `lost`. */
const without = (all: Map<string, readonly HistoryPoint[]>, lost: ReadonlySet<number>): Map<string, readonly HistoryPoint[]> =>
  new Map([...all].map(([name, points]) => [name, points.filter((point) => !lost.has(point.at))]));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-history-damage-'));
  pristine = join(root, 'pristine');
  const store = await openAt(pristine);
  for (let i = 0; i < SAMPLES; i++) {
    const groups = groupsAt(i);
    const totals = counts(100 + i);
    const appended = await store.append({ at: T0 + i * 5 * MINUTE_MS, groups, totals });
    if (!appended.ok) throw new Error(appended.error.message);
  }
  await store.close();
  const files = (await readdir(pristine)).filter((name) => name.endsWith('.wth'));
  expect(files).toHaveLength(1);
  segmentName = files[0]!;
  const reader = await openAt(pristine, { readOnly: true });
  expected = await readAll(reader);
  await reader.close();
  expect(expected.get('pool-a')).toHaveLength(SAMPLES);
  expect(expected.get('late-pool')).toHaveLength(SAMPLES - 5);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileHistoryStore with a damaged segment', () => {
  it('loses only the damaged sample, wherever in the samples the damage is, and repairs the file once', async () => {
    const bytes = await readFile(join(pristine, segmentName));
    const records = scanRecords(bytes).records;
    // Records: header, dictionary, then samples (another dictionary record before the sample where late-pool appears).
    const sampleTimes: number[] = [];
    let sampleIndex = 0;
    const recordTime = records.map((record) => (record.body[0] === 3 ? T0 + sampleIndex++ * 5 * MINUTE_MS : undefined));
    for (const at of recordTime) if (at !== undefined) sampleTimes.push(at);
    expect(sampleTimes).toHaveLength(SAMPLES);
    const firstSample = records.findIndex((record) => record.body[0] === 3);

    let checked = 0;
    // Every third byte from the first sample on: each damage flips up to three bytes of one record, so every
    // record is hit at its frame, its length, its CRC and its body somewhere.
    for (let offset = records[firstSample]!.start; offset < bytes.length; offset += 3) {
      const hit = records.findIndex((record, r) => record.start <= offset && offset < (records[r + 1]?.start ?? bytes.length));
      const recordEnd = records[hit + 1]?.start ?? bytes.length;
      const damaged = Buffer.from(bytes);
      for (let k = offset; k < Math.min(offset + 3, recordEnd); k++) damaged[k]! ^= 0xa5;
      const at = recordTime[hit];
      const lostTimes = new Set<number>(at === undefined ? [] : [at]);
      // A damaged dictionary record (late-pool's name) loses that series in this hour: its entries cannot be named.
      const lostDictionary = records[hit]!.body[0] === 2;
      const folder = join(root, `case-${offset}`);
      await cp(pristine, folder, { recursive: true });
      await writeFile(join(folder, segmentName), damaged);

      // A reader (no lock) reads past the damage and changes nothing.
      const readerReports: WorkspaceError[] = [];
      const reader = await openAt(folder, { readOnly: true, onDamage: (error) => readerReports.push(error) });
      const read = await readAll(reader);
      await reader.close();
      const wanted = without(expected, lostTimes);
      if (lostDictionary) wanted.set('late-pool', []);
      const isTail = hit === records.length - 1;
      expect(read, `damage at byte ${offset}`).toEqual(wanted);
      expect(readerReports.length, `damage at byte ${offset}`).toBe(isTail ? 0 : 1);
      expect(await readFile(join(folder, segmentName))).toEqual(damaged);

      // The writer repairs it: same answers, the original bytes aside, reported once.
      const writerReports: WorkspaceError[] = [];
      const writer = await openAt(folder, { onDamage: (error) => writerReports.push(error) });
      expect(await readAll(writer), `damage at byte ${offset}, after repair`).toEqual(wanted);
      await writer.close();
      if (!isTail) {
        expect(writerReports).toHaveLength(1);
        expect(writerReports[0]!.message).toMatch(/bytes \(at \d+-\d+\) were skipped/);
        expectWorded(writerReports[0]!, ['history.damaged', 'hint.damaged-kept', 'hint.check-disk']);
        expectWorded(readerReports[0]!, ['history.damaged', 'hint.damaged-repair-later', 'hint.check-disk']);
        expect(await readFile(join(folder, `${segmentName}.damaged`))).toEqual(damaged);
        const again: WorkspaceError[] = [];
        const reopened = await openAt(folder, { onDamage: (error) => again.push(error) });
        expect(await readAll(reopened)).toEqual(wanted);
        await reopened.close();
        expect(again).toEqual([]);
      }
      await rm(folder, { recursive: true, force: true });
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  }, 120_000);

  it('reads the hour when its header record is damaged (the file name says what it was)', async () => {
    const bytes = Buffer.from(await readFile(join(pristine, segmentName)));
    bytes[12]! ^= 0xff;
    const folder = join(root, 'header');
    await cp(pristine, folder, { recursive: true });
    await writeFile(join(folder, segmentName), bytes);
    const store = await openAt(folder);
    expect(await readAll(store)).toEqual(expected);
    await store.close();
  });

  it('keeps appending to a repaired hour', async () => {
    const bytes = await readFile(join(pristine, segmentName));
    const records = scanRecords(bytes).records;
    const middle = records.filter((record) => record.body[0] === 3)[6]!;
    const damaged = Buffer.from(bytes);
    damaged[middle.start + 12]! ^= 0xff;
    const folder = join(root, 'append');
    await cp(pristine, folder, { recursive: true });
    await writeFile(join(folder, segmentName), damaged);
    const store = await openAt(folder);
    const at = T0 + SAMPLES * 5 * MINUTE_MS;
    const appended = await store.append({ at, groups: groupsAt(SAMPLES), totals: counts(200) });
    expect(appended.ok).toBe(true);
    await store.close();
    const reader = await openAt(folder, { readOnly: true });
    const read = await readAll(reader);
    await reader.close();
    expect(read.get('pool-a')).toHaveLength(SAMPLES); // one lost, one added
    expect(read.get('pool-a')!.at(-1)).toEqual({ at, counts: counts(SAMPLES), bucketMs: 0 });
  });
});
