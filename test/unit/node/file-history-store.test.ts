import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type GroupStatus } from '../../../main/core/api/fields.js';
import { groupKeys } from '../../../main/core/api/group-keys.js';
import { scanRecords } from '../../../main/core/history/record.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../main/core/history/layout.js';
import { FileHistoryStore } from '../../../main/node/file-history-store.js';
import { FLEET_SERIES, type HistorySample } from '../../../main/core/ports.js';
import { expectWorded } from '../../support/worded.js';

const T0 = Date.UTC(2025, 2, 1); // midnight UTC
const counts = (value: number | null, overrides: Partial<Record<(typeof COUNT_FIELDS)[number], number | null>> = {}): Counts =>
  ({ ...Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])), ...overrides }) as Counts;
const group = (name: string | null, c: Counts): GroupStatus => ({ key: name ?? '(unnamed group #1)', static_name: name, ...c });
/** The groups keyed as the parser keys them (unnamed and repeated groups get suffixed keys). */
const sample = (at: number, groups: readonly GroupStatus[], totals: Counts = counts(groups.length)): HistorySample => {
  const keys = groupKeys(groups.map((g) => g.static_name));
  return { at, groups: groups.map((g, index) => ({ ...g, key: keys[index] ?? g.key })), totals };
};

let folder: string;
const stores: FileHistoryStore[] = [];

async function openStore(options: { budgetBytes?: number } = {}): Promise<FileHistoryStore> {
  const opened = await FileHistoryStore.open({ folder, ...options });
  if (!opened.ok) throw new Error(opened.error.message);
  stores.push(opened.value);
  return opened.value;
}

async function mustAppend(store: FileHistoryStore, s: HistorySample): Promise<void> {
  const result = await store.append(s);
  if (!result.ok) throw new Error(result.error.message);
}

async function series(store: FileHistoryStore, name: string, from = 0, to = Number.MAX_SAFE_INTEGER) {
  const result = await store.query({ series: name, from, to });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'wt-history-')), 'account-1');
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await rm(join(folder, '..'), { recursive: true, force: true });
});

describe('FileHistoryStore', () => {
  it('stores groups and the fleet across hour segments and answers by series and time range', async () => {
    const store = await openStore();
    for (let i = 0; i < 10; i++) {
      const at = T0 + i * 20 * MINUTE_MS; // 10 samples over 4 hours
      await mustAppend(store, sample(at, [group('pool-a', counts(i)), group('pool-b', counts(null, { ready_num: 0 }))], counts(100 + i)));
    }
    const files = await readdir(folder);
    expect(files.filter((name) => name.startsWith('raw-') && name.endsWith('.wth'))).toHaveLength(4);
    // Each complete hour gets its persisted index (written by the append after the hour ended).
    expect(files.filter((name) => name.startsWith('raw-') && name.endsWith('.wti'))).toHaveLength(3);
    const a = await series(store, 'pool-a');
    expect(a.map((point) => point.at)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + i * 20 * MINUTE_MS));
    expect(a[3]).toEqual({ at: T0 + 60 * MINUTE_MS, counts: counts(3), bucketMs: 0 });
    expect((await series(store, 'pool-b'))[0]!.counts).toEqual(counts(null, { ready_num: 0 }));
    expect((await series(store, FLEET_SERIES, T0 + 40 * MINUTE_MS, T0 + 80 * MINUTE_MS)).map((p) => p.counts.running_num)).toEqual([102, 103, 104]);
    expect(await series(store, 'nobody')).toEqual([]);
    expect(await series(store, 'pool-a', T0 + 5 * HOUR_MS, T0 + 6 * HOUR_MS)).toEqual([]);
  });

  it('keeps its folder and every file in it private (0700, 0600), as the settings are', async () => {
    const store = await openStore();
    for (let i = 0; i < 4; i++) await mustAppend(store, sample(T0 + i * 40 * MINUTE_MS, [group('pool-a', counts(i))], counts(i)));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const files = await readdir(folder);
    expect(files.some((name) => name.endsWith('.wth')) && files.some((name) => name.endsWith('.wti'))).toBe(true);
    for (const name of files) expect({ name, mode: (await stat(join(folder, name))).mode & 0o777 }).toEqual({ name, mode: 0o600 });
  });

  it('keeps using the persisted indexes after queries with or without the fleet (it rebuilds none of them)', async () => {
    const store = await openStore();
    for (let i = 0; i < 10; i++) await mustAppend(store, sample(T0 + i * 20 * MINUTE_MS, [group('pool-a', counts(i))]));
    const indexes = async () => {
      const names = (await readdir(folder)).filter((name) => name.endsWith('.wti')).sort();
      return Promise.all(names.map(async (name) => `${name}:${(await stat(join(folder, name))).ino}`));
    };
    const written = await indexes();
    expect(written).toHaveLength(3);
    expect((await series(store, 'pool-a')).map((p) => p.counts.running_num)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await series(store, FLEET_SERIES)).toHaveLength(10);
    // Appends run the upkeep, which rebuilds an index found damaged or out of date: none was.
    for (let i = 10; i < 13; i++) await mustAppend(store, sample(T0 + 3 * HOUR_MS + i * MINUTE_MS, [group('pool-a', counts(i))]));
    expect(await indexes()).toEqual(written);
  });

  it('returns a group only where it existed, through renames, gaps, nameless and repeated groups (each by its key)', async () => {
    const store = await openStore();
    await mustAppend(store, sample(T0, [group('old-name', counts(1)), group(null, counts(9))]));
    await mustAppend(store, sample(T0 + MINUTE_MS, [group('new-name', counts(1))]));
    await mustAppend(store, sample(T0 + 2 * MINUTE_MS, []));
    await mustAppend(store, sample(T0 + 3 * MINUTE_MS, [group('old-name', counts(2)), group('old-name', counts(5))]));
    expect((await series(store, 'old-name')).map((p) => [p.at, p.counts.running_num])).toEqual([
      [T0, 1],
      [T0 + 3 * MINUTE_MS, 2],
    ]);
    expect((await series(store, 'old-name (#2)')).map((p) => [p.at, p.counts.running_num])).toEqual([[T0 + 3 * MINUTE_MS, 5]]);
    expect((await series(store, '(unnamed group #1)')).map((p) => [p.at, p.counts.running_num])).toEqual([[T0, 9]]);
    expect((await series(store, 'new-name')).map((p) => p.at)).toEqual([T0 + MINUTE_MS]);
    expect(await series(store, FLEET_SERIES)).toHaveLength(4);
  });

  it('survives reopening and continues the same segment', async () => {
    let store = await openStore();
    await mustAppend(store, sample(T0, [group('a', counts(1))]));
    await store.close();
    store = await openStore();
    await mustAppend(store, sample(T0 + MINUTE_MS, [group('a', counts(2))]));
    expect((await series(store, 'a')).map((p) => p.counts.running_num)).toEqual([1, 2]);
    expect(await readdir(folder)).toHaveLength(1);
  });

  it('recovers from a torn last write at every byte offset: earlier samples intact, appends continue', async () => {
    let store = await openStore();
    const groups = (i: number) => [group('a', counts(i)), group(`only-in-${i}`, counts(i * 7))];
    for (let i = 0; i < 3; i++) await mustAppend(store, sample(T0 + i * MINUTE_MS, groups(i)));
    const [file] = await readdir(folder);
    const path = join(folder, file!);
    const beforeLast = (await stat(path)).size;
    await mustAppend(store, sample(T0 + 3 * MINUTE_MS, groups(3)));
    await store.close();
    const full = await readFile(path);
    expect(full.length).toBeGreaterThan(beforeLast + 20);
    // The last append wrote a dictionary record (the new name) and then the sample record.
    const boundaries = scanRecords(full).records.map((record) => record.start).filter((start) => start >= beforeLast);
    expect(boundaries).toHaveLength(2);

    for (let cut = beforeLast; cut < full.length; cut++) {
      await writeFile(path, full.subarray(0, cut));
      store = await openStore();
      expect((await stat(path)).size).toBe(cut >= boundaries[1]! ? boundaries[1] : beforeLast);
      expect((await series(store, 'a')).map((p) => p.counts.running_num)).toEqual([0, 1, 2]);
      await mustAppend(store, sample(T0 + 4 * MINUTE_MS, groups(4)));
      expect((await series(store, 'a')).map((p) => p.counts.running_num)).toEqual([0, 1, 2, 4]);
      expect((await series(store, 'only-in-4')).map((p) => p.counts.running_num)).toEqual([28]);
      await store.close();
      stores.length = 0;
    }
  });

  it('cuts off garbage after the last good record and a file that is only a torn header', async () => {
    let store = await openStore();
    await mustAppend(store, sample(T0, [group('a', counts(1))]));
    await store.close();
    const [file] = await readdir(folder);
    const path = join(folder, file!);
    const good = await readFile(path);
    await writeFile(path, Buffer.concat([good, Buffer.from('WH\x05\x00\x00\x00junkjunkjunk')]));
    store = await openStore();
    expect((await stat(path)).size).toBe(good.length);
    await store.close();
    await truncate(path, 5);
    store = await openStore();
    expect(await series(store, 'a')).toEqual([]);
    await mustAppend(store, sample(T0 + MINUTE_MS, [group('a', counts(2))]));
    expect((await series(store, 'a')).map((p) => p.counts.running_num)).toEqual([2]);
  });

  it('downsamples hours older than 24 h into ten-minute maxima and keeps the last 24 h at full resolution', async () => {
    const store = await openStore();
    for (let minute = 0; minute <= 26 * 60; minute++) {
      const storm = minute === 13 ? 500 : minute % 10; // a one-minute storm in the first bucket
      await mustAppend(store, sample(T0 + minute * MINUTE_MS, [group('a', counts(1, { disconnected_num: storm }))]));
    }
    const names = await readdir(folder);
    expect(names.filter((name) => name.startsWith('10m-'))).toHaveLength(1);
    // Hours 0 and 1 turned 24 h old at 25:00 and 26:00. One maintenance step per append, and the hour that just
    // ended is indexed first (queries read its index): hour 0 was downsampled at 25:01, hour 1 waits for the
    // append after 26:00. 01:00 to 26:00 stay raw, and every complete one is indexed.
    expect(names.filter((name) => name.startsWith('raw-') && name.endsWith('.wth'))).toHaveLength(26);
    expect(names.filter((name) => name.startsWith('raw-') && name.endsWith('.wti'))).toHaveLength(25);
    const before = await series(store, 'a');
    expect(before.filter((p) => p.bucketMs > 0).map((p) => p.at)).toEqual(Array.from({ length: 6 }, (_, i) => T0 + i * 10 * MINUTE_MS));
    expect(before.filter((p) => p.bucketMs === 0)[0]!.at).toBe(T0 + HOUR_MS);
    expect(before.filter((p) => p.bucketMs === 0)).toHaveLength(25 * 60 + 1);
    // The next append downsamples hour 1.
    await mustAppend(store, sample(T0 + (26 * 60 + 1) * MINUTE_MS, [group('a', counts(1, { disconnected_num: 1 }))]));
    expect((await readdir(folder)).filter((name) => name.startsWith('raw-') && name.endsWith('.wth'))).toHaveLength(25);
    const points = await series(store, 'a');
    const downsampled = points.filter((p) => p.bucketMs > 0);
    expect(downsampled.map((p) => p.at)).toEqual(Array.from({ length: 12 }, (_, i) => T0 + i * 10 * MINUTE_MS));
    expect(downsampled.map((p) => p.counts.disconnected_num)).toEqual([9, 500, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(downsampled.every((p) => p.bucketMs === 10 * MINUTE_MS && p.counts.running_num === 1)).toBe(true);
    const full = points.filter((p) => p.bucketMs === 0);
    expect(full[0]!.at).toBe(T0 + 2 * HOUR_MS);
    expect(full).toHaveLength(24 * 60 + 2);
    expect(points.map((p) => p.at)).toEqual([...points.map((p) => p.at)].sort((x, y) => x - y));
  });

  it('does not duplicate buckets when a crash interrupted a downsampling before the raw hour was deleted', async () => {
    let store = await openStore();
    for (let minute = 0; minute < 60; minute += 5) await mustAppend(store, sample(T0 + minute * MINUTE_MS, [group('a', counts(minute))]));
    await store.close();
    const rawName = (await readdir(folder))[0]!;
    const raw = await readFile(join(folder, rawName));
    store = await openStore();
    expect((await store.maintain(T0 + 25 * HOUR_MS)).ok).toBe(true);
    await store.close();
    await writeFile(join(folder, rawName), raw); // the deletion "never happened"
    store = await openStore();
    const before = await series(store, 'a');
    expect(before.map((p) => p.bucketMs)).toEqual(Array(12).fill(0)); // raw preferred while it is there
    expect((await store.maintain(T0 + 25 * HOUR_MS)).ok).toBe(true);
    const after = await series(store, 'a');
    expect(after.map((p) => [p.at, p.counts.running_num])).toEqual(Array.from({ length: 6 }, (_, i) => [T0 + i * 10 * MINUTE_MS, i * 10 + 5]));
  });

  it('deletes data once it is older than 30 days', async () => {
    const store = await openStore();
    for (let day = 0; day < 40; day++) await mustAppend(store, sample(T0 + day * DAY_MS, [group('a', counts(day))]));
    expect((await store.maintain(T0 + 40 * DAY_MS)).ok).toBe(true);
    const points = await series(store, 'a');
    expect(points[0]!.at).toBeGreaterThanOrEqual(T0 + 40 * DAY_MS - 31 * DAY_MS);
    expect(points[0]!.at).toBeLessThanOrEqual(T0 + 40 * DAY_MS - 30 * DAY_MS);
    expect((await readdir(folder)).length).toBeLessThanOrEqual(32);
  });

  it('keeps the folder under its byte budget by deleting the oldest data first', async () => {
    const budget = 40_000;
    const store = await openStore({ budgetBytes: budget });
    const groups = (i: number) => Array.from({ length: 50 }, (_, g) => group(`pool-${g}`, counts((i * 31 + g) % 1000)));
    for (let i = 0; i < 200; i++) {
      await mustAppend(store, sample(T0 + i * 15 * MINUTE_MS, groups(i)));
      expect(await folderBytes()).toBeLessThanOrEqual(budget);
      expect(store.diskBytes).toBe(await folderBytes());
    }
    const points = await series(store, 'pool-0');
    expect(points.at(-1)!.at).toBe(T0 + 199 * 15 * MINUTE_MS);
    expect(points[0]!.at).toBeGreaterThan(T0 + 24 * HOUR_MS);
  });

  it('refuses a sample that is not after the last stored one (clock went back), and keeps working', async () => {
    const store = await openStore();
    await mustAppend(store, sample(T0 + HOUR_MS, [group('a', counts(1))]));
    const back = await store.append(sample(T0, [group('a', counts(2))]));
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.error).toMatchObject({
        kind: 'service',
        message: 'History sample at 2025-03-01T00:00:00.000Z is not after the last stored one; it was not stored',
        hint: 'The system clock went back; history resumes once it passes the last stored time.',
      });
      expectWorded(back.error, ['history.not-after-last', 'hint.clock-went-back']);
    }
    await mustAppend(store, sample(T0 + HOUR_MS + 1, [group('a', counts(3))]));
    expect((await series(store, 'a')).map((p) => p.counts.running_num)).toEqual([1, 3]);
  });

  it('reports an unwritable folder as a config error, without throwing', async () => {
    await mkdir(join(folder, '..'), { recursive: true });
    await writeFile(folder, 'a file where the folder should be');
    const opened = await FileHistoryStore.open({ folder: join(folder, 'inner') });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error).toMatchObject({
        kind: 'config',
        message: `Cannot open history at ${join(folder, 'inner')}: a part of the path is a file, not a folder (ENOTDIR)`,
        hint: 'Check that the history folder belongs to you and is writable. Monitoring goes on without history meanwhile.',
      });
      expectWorded(opened.error, ['history.io', 'action.open', 'io.ENOTDIR', 'hint.history-folder-writable', 'hint.history-goes-on']);
    }
  });

  it('refuses a second writer on the same folder while the first is open, in this process', async () => {
    const first = await openStore();
    await mustAppend(first, sample(T0, [group('a', counts(1))]));
    const second = await FileHistoryStore.open({ folder });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error).toMatchObject({ kind: 'config', message: `History at ${folder} is in use by another Workspace Tray process (pid ${process.pid})` });
      expect(second.error.hint).toContain(`If no such process runs, delete ${folder}.lock.`);
      expectWorded(second.error, ['history.in-use', 'hint.history-one-writer']);
    }
    await first.close();
    // Released on close: the next store takes over and sees what the first one wrote.
    const next = await openStore();
    await mustAppend(next, sample(T0 + MINUTE_MS, [group('a', counts(2))]));
    expect((await series(next, 'a')).map((p) => p.counts.running_num)).toEqual([1, 2]);
  });

  it('refuses a folder another running process holds, and takes over the lock of one that is gone', async () => {
    await mkdir(join(folder, '..'), { recursive: true });
    const lock = `${folder}.lock`;
    // The parent of this test process is running: as if the tray app held the account's history.
    await writeFile(lock, `${process.ppid}\n`);
    const refused = await FileHistoryStore.open({ folder });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain(`(pid ${process.ppid})`);
    expect(await readFile(lock, 'utf8')).toBe(`${process.ppid}\n`);
    // Above Linux's PID_MAX_LIMIT (2^22): no such process, as after a crash.
    await writeFile(lock, '4194305\n');
    const store = await openStore();
    expect(await readFile(lock, 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(join(folder, '..'))).toEqual(['account-1']);
  });

  it('reports a failed write as an error and carries on with the next hour', async () => {
    const store = await openStore();
    await mustAppend(store, sample(T0, [group('a', counts(1))]));
    // Something occupies the next hour's file name with a directory: opening it for append fails (EISDIR).
    await mkdir(join(folder, `raw-${String(T0 + HOUR_MS).padStart(15, '0')}.wth`));
    const failed = await store.append(sample(T0 + HOUR_MS, [group('a', counts(2))]));
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error).toMatchObject({ kind: 'config', message: expect.stringMatching(/^Cannot write history at .*raw-\d+\.wth: it is a folder, not a file \(EISDIR\)$/) });
      expectWorded(failed.error, ['history.io', 'action.write', 'io.EISDIR', 'hint.history-folder-writable', 'hint.history-goes-on']);
    }
    await mustAppend(store, sample(T0 + 2 * HOUR_MS, [group('a', counts(3))]));
    expect((await series(store, 'a')).map((p) => p.counts.running_num)).toEqual([1, 3]);
  });

  it('words the samples it refuses: a budget too small, a bad time, a closed or read-only store', async () => {
    const tiny = await openStore({ budgetBytes: 10 });
    const tooBig = await tiny.append(sample(T0, [group('a', counts(1))]));
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) {
      expect(tooBig.error).toMatchObject({ kind: 'config', message: expect.stringMatching(/^The history budget of 10 bytes cannot hold one sample of \d+ bytes$/), hint: 'Raise the history budget.' });
      expectWorded(tooBig.error, ['history.budget-too-small', 'hint.raise-budget']);
    }
    const badTime = await tiny.append(sample(-1, [group('a', counts(1))]));
    expect(badTime).toMatchObject({ ok: false, error: { message: 'History cannot store a sample at time -1' } });
    if (!badTime.ok) expectWorded(badTime.error, ['history.bad-time']);
    await tiny.close();
    const closed = await tiny.append(sample(T0, [group('a', counts(1))]));
    expect(closed).toMatchObject({ ok: false, error: { message: 'History is closed; the sample was not stored' } });
    if (!closed.ok) expectWorded(closed.error, ['history.closed']);

    const reader = await FileHistoryStore.open({ folder, readOnly: true });
    if (!reader.ok) throw new Error(reader.error.message);
    const readOnly = await reader.value.append(sample(T0, [group('a', counts(1))]));
    expect(readOnly).toMatchObject({ ok: false, error: { message: 'History was opened for reading only; the sample was not stored' } });
    if (!readOnly.ok) expectWorded(readOnly.error, ['history.read-only']);
    const maintained = await reader.value.maintain(T0);
    if (!maintained.ok) expectWorded(maintained.error, ['history.read-only-maintain']);
    expect(maintained.ok).toBe(false);
    await reader.value.close();
  });

  it('words a segment it cannot read (what the dashboard shows for a failed history query)', async () => {
    const store = await openStore();
    await mustAppend(store, sample(T0, [group('a', counts(1))]));
    await mustAppend(store, sample(T0 + HOUR_MS, [group('a', counts(2))]));
    await store.close();
    // The finished hour's file replaced by a folder: listed as a segment, unreadable as one (EISDIR).
    const hour = join(folder, `raw-${String(T0).padStart(15, '0')}.wth`);
    await rm(hour);
    await rm(join(folder, `raw-${String(T0).padStart(15, '0')}.wti`), { force: true });
    await mkdir(hour);
    const reader = await FileHistoryStore.open({ folder, readOnly: true });
    if (!reader.ok) throw new Error(reader.error.message);
    const read = await reader.value.query({ series: 'a', from: T0, to: T0 + 2 * HOUR_MS });
    await reader.value.close();
    expect(read).toMatchObject({ ok: false, error: { kind: 'config', message: `Cannot read history at ${hour}: it is a folder, not a file (EISDIR)` } });
    if (!read.ok) expectWorded(read.error, ['history.io', 'action.read', 'io.EISDIR', 'hint.history-folder-writable', 'hint.history-goes-on']);
  });
});

async function folderBytes(): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size;
  return total;
}
