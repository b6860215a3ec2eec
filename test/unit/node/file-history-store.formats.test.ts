// Existing users' history: a folder written by the format 2 code (fixtures/history-v2, with what that code
// answered for it in history-v2.expected.json) reads the same with this build, and a writer carries on from it:
// the open day file is appended in its own format, new hours in the current one.
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../main/core/api/fields.js';
import { DOWNSAMPLED_BUCKET_MS, HOUR_MS, MINUTE_MS } from '../../../main/core/history/layout.js';
import { scanRecords } from '../../../main/core/history/record.js';
import { FORMAT_VERSION } from '../../../main/core/history/segment-codec.js';
import { FLEET_SERIES, type HistoryPoint } from '../../../main/core/ports.js';
import { FileHistoryStore } from '../../../main/node/file-history-store.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'history-v2');
/** The fixture's first sample; then one every 20 minutes for 27 hours (the first two hours downsampled). */
const T0 = Date.UTC(2025, 2, 1, 10);
const SERIES = [FLEET_SERIES, 'pool-a', 'pool-b', 'pool-c', 'Ünïcødé pool 🖥', 'pool-e', 'late-pool'];

let root: string;
let expected: Record<string, HistoryPoint[]>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-history-formats-'));
  expected = JSON.parse(await readFile(join(import.meta.dirname, 'fixtures', 'history-v2.expected.json'), 'utf8')) as Record<string, HistoryPoint[]>;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function copyOfFixture(name: string): Promise<string> {
  const folder = join(root, name);
  await cp(FIXTURE, folder, { recursive: true });
  return folder;
}

async function readAll(folder: string): Promise<Record<string, readonly HistoryPoint[]>> {
  const opened = await FileHistoryStore.open({ folder, readOnly: true });
  if (!opened.ok) throw new Error(opened.error.message);
  const result = await opened.value.queryMany(SERIES, 0, Number.MAX_SAFE_INTEGER);
  await opened.value.close();
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value);
}

const versionOf = async (path: string): Promise<number> => scanRecords(await readFile(path)).records[0]!.body[1]!;

describe('FileHistoryStore reading format 2 history', () => {
  it('answers exactly as the format 2 reader did', async () => {
    const folder = await copyOfFixture('read');
    expect(await readAll(folder)).toEqual(expected);
    const opened = await FileHistoryStore.open({ folder });
    if (!opened.ok) throw new Error(opened.error.message);
    const result = await opened.value.queryMany(SERIES, 0, Number.MAX_SAFE_INTEGER);
    await opened.value.close();
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.fromEntries(result.value)).toEqual(expected);
  });

  it('goes on writing: new hours in the current format, the open day file in its own, and all of it reads back', async () => {
    const folder = await copyOfFixture('write');
    const opened = await FileHistoryStore.open({ folder });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const fresh = Object.fromEntries(COUNT_FIELDS.map((field, f) => [field, 5_000 + f])) as Counts;
    const newTimes = [T0 + 27 * HOUR_MS, T0 + 27 * HOUR_MS + 20 * MINUTE_MS];
    for (const at of newTimes) {
      const appended = await store.append({ at, groups: [{ key: 'pool-a', static_name: 'pool-a', ...fresh }], totals: fresh });
      if (!appended.ok) throw new Error(appended.error.message);
    }
    await store.close();

    const names = (await readdir(folder)).sort();
    const newest = names.filter((name) => name.startsWith('raw-')).at(-1)!;
    expect(newest).toBe(`raw-${String(T0 + 27 * HOUR_MS).padStart(15, '0')}.wth`);
    expect(await versionOf(join(folder, newest))).toBe(FORMAT_VERSION);
    const day = names.find((name) => name.startsWith('10m-'))!;
    expect(await versionOf(join(folder, day))).toBe(2);

    // The append downsampled the hour that turned 24 h old (T0 + 2 h): one sample per ten-minute bucket, so
    // the same times and counts, now as buckets. Everything else is as it was, plus the new samples.
    const downsampledUntil = T0 + 3 * HOUR_MS;
    const read = await readAll(folder);
    for (const name of SERIES) {
      const old = expected[name]!.map((point) => (point.at < downsampledUntil ? { ...point, bucketMs: DOWNSAMPLED_BUCKET_MS } : point));
      const added = name === FLEET_SERIES || name === 'pool-a' ? newTimes.map((at) => ({ at, counts: fresh, bucketMs: 0 })) : [];
      expect(read[name], name).toEqual([...old, ...added]);
    }
  });
});
