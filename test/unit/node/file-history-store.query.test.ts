// Queries served from decoded segments kept in memory: they must answer exactly what decoding the files afresh
// answers, while appends, hour changes, downsampling and retention change the files underneath.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type GroupStatus } from '../../../main/core/api/fields.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, segmentFile } from '../../../main/core/history/layout.js';
import { SegmentState } from '../../../main/core/history/segment-codec.js';
import { FLEET_SERIES, type HistoryPoint, type HistorySample } from '../../../main/core/ports.js';
import { FileHistoryStore } from '../../../main/node/file-history-store.js';

const T0 = Date.UTC(2025, 2, 1);
const counts = (value: number | null, overrides: Partial<Record<(typeof COUNT_FIELDS)[number], number | null>> = {}): Counts =>
  ({ ...Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])), ...overrides }) as Counts;
const group = (name: string, c: Counts): GroupStatus => ({ key: name, static_name: name, ...c });
const ALL = [FLEET_SERIES, 'steady', 'busy', 'comes-and-goes', 'nobody'];

let root: string;
const stores: FileHistoryStore[] = [];

async function openStore(folder: string, cacheBytes?: number): Promise<FileHistoryStore> {
  const opened = await FileHistoryStore.open({ folder, ...(cacheBytes === undefined ? {} : { cacheBytes }) });
  if (!opened.ok) throw new Error(opened.error.message);
  stores.push(opened.value);
  return opened.value;
}

async function queryAll(store: FileHistoryStore, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<ReadonlyMap<string, readonly HistoryPoint[]>> {
  const result = await store.queryMany(ALL, from, to);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** What a store that never saw these files before answers: a copy of the folder, opened fresh. */
async function coldAnswer(folder: string, from?: number, to?: number): Promise<ReadonlyMap<string, readonly HistoryPoint[]>> {
  const copy = join(root, `cold-${stores.length}`);
  await cp(folder, copy, { recursive: true });
  const store = await openStore(copy);
  const answer = await queryAll(store, from, to);
  await store.close();
  return answer;
}

/** Poll times: every 3 hours for 31 days (so hours get downsampled and days deleted), then every 15 minutes for 2 days. */
const DENSE = 31 * 8;
const TIMES = [
  ...Array.from({ length: 31 * 8 }, (_, i) => T0 + i * 3 * HOUR_MS),
  ...Array.from({ length: 2 * 96 }, (_, i) => T0 + 31 * DAY_MS + i * 15 * MINUTE_MS),
];

function sampleAt(i: number): HistorySample {
  const groups = [group('steady', counts(7)), group('busy', counts(i % 13, { disconnected_num: (i * 37) % 101, ready_num: null }))];
  if (i % 9 < 4) groups.push(group('comes-and-goes', counts(i)));
  return { at: TIMES[i]!, groups, totals: counts(1_000 + i) };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-history-query-'));
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await rm(root, { recursive: true, force: true });
});

describe('FileHistoryStore queries', () => {
  it('queryMany answers each series as query does, with an entry for every series asked', async () => {
    const store = await openStore(join(root, 'a'));
    for (let i = DENSE; i < DENSE + 20; i++) expect((await store.append(sampleAt(i))).ok).toBe(true);
    const from = TIMES[DENSE]! + HOUR_MS;
    const to = TIMES[DENSE]! + 3 * HOUR_MS;
    const many = await store.queryMany([...ALL, 'busy'], from, to);
    if (!many.ok) throw new Error(many.error.message);
    expect([...many.value.keys()]).toEqual(ALL);
    for (const series of ALL) {
      const one = await store.query({ series, from, to });
      expect(one.ok && one.value).toEqual(many.value.get(series));
    }
    expect(many.value.get('busy')).toHaveLength(9);
    expect(many.value.get('nobody')).toEqual([]);
    const backwards = await store.queryMany(['busy'], to, from);
    expect(backwards.ok && backwards.value.get('busy')).toEqual([]);
  });

  it('answers as a fresh decode would while appends, new hours, downsampling and retention change the files', async () => {
    const folder = join(root, 'warm');
    const roomy = await openStore(folder);
    // A budget far below one hour's index: every query keeps what fits and decodes the rest.
    const tight = await openStore(join(root, 'tight'), 3_000);
    const polls = TIMES.length;
    for (let i = 0; i < polls; i++) {
      for (const store of [roomy, tight]) expect((await store.append(sampleAt(i))).ok).toBe(true);
      if (i % 47 !== 0 && i !== polls - 1) continue;
      const now = sampleAt(i).at;
      const warm = await queryAll(roomy);
      expect(warm).toEqual(await coldAnswer(folder));
      expect(await queryAll(tight)).toEqual(warm);
      // A window ending inside the hour being written, starting inside an older one.
      const window = await queryAll(roomy, now - 26 * HOUR_MS - 7 * MINUTE_MS, now - 5 * MINUTE_MS);
      expect(window).toEqual(await coldAnswer(folder, now - 26 * HOUR_MS - 7 * MINUTE_MS, now - 5 * MINUTE_MS));
    }
    const fleet = (await queryAll(roomy)).get(FLEET_SERIES)!;
    expect(fleet.at(-1)!.counts.running_num).toBe(1_000 + polls - 1);
    expect(fleet[0]!.at).toBeGreaterThanOrEqual(sampleAt(polls - 1).at - 31 * DAY_MS);
    expect(fleet.some((point) => point.bucketMs > 0) && fleet.some((point) => point.bucketMs === 0)).toBe(true);
    expect(roomy.cacheMemoryBytes).toBeGreaterThan(tight.cacheMemoryBytes);
  }, 120_000); // heavy: many appends and full decodes; slow when the machine is shared

  it('reads the fleet of a segment that does not list it first (written by another version, say)', async () => {
    const folder = join(root, 'other-order');
    await mkdir(folder, { recursive: true });
    const writer = new SegmentState();
    const chunks = [writer.encodeHeader({ startMs: T0, bucketMs: 0 })];
    for (let i = 0; i < 3; i++) {
      const encoded = writer.encodeSample(T0 + i * MINUTE_MS, [
        { name: 'steady', counts: counts(7) },
        { name: FLEET_SERIES, counts: counts(i) },
      ]);
      if (!encoded.ok) throw new Error(encoded.error.message);
      chunks.push(encoded.value);
    }
    await writeFile(join(folder, segmentFile('raw', T0).fileName), Buffer.concat(chunks));
    const store = await openStore(folder);
    const answer = await queryAll(store);
    expect(answer.get(FLEET_SERIES)!.map((point) => point.counts.running_num)).toEqual([0, 1, 2]);
    expect(answer.get('steady')).toHaveLength(3);
  });

  it('still answers once closed, without keeping anything in memory', async () => {
    const store = await openStore(join(root, 'closed'));
    for (let i = DENSE; i < DENSE + 3; i++) expect((await store.append(sampleAt(i))).ok).toBe(true);
    await store.close();
    const answer = await queryAll(store);
    expect(answer.get(FLEET_SERIES)).toHaveLength(3);
    expect(answer.get('steady')).toHaveLength(3);
    expect(store.cacheMemoryBytes).toBe(0);
  });

  it('hands out fleet points that no caller can change for the next one', async () => {
    const store = await openStore(join(root, 'frozen'));
    for (let i = 0; i < 3; i++) expect((await store.append(sampleAt(i))).ok).toBe(true); // 3 h apart: 3 files
    const first = (await queryAll(store)).get(FLEET_SERIES)!;
    expect(() => {
      (first[0]!.counts as Record<string, unknown>)['running_num'] = 0;
    }).toThrow(TypeError);
    expect(() => {
      (first as HistoryPoint[]).push(first[0]!);
    }).not.toThrow(); // the array is the caller's own
    expect((await queryAll(store)).get(FLEET_SERIES)!.map((point) => point.counts.running_num)).toEqual([1_000, 1_001, 1_002]);
  });
});
