// FileSpikeLog on a real folder: appends survive a reopen, a torn last line is cut, a damaged line is skipped,
// reported and repaired (the original kept aside) without losing the rest, expired records go at open, the bounds
// hold under many appends, and a read-only reader sees a writer's appends without taking any lock.
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceError } from '../../../main/core/errors.js';
import { COMPACTION_SLACK_RECORDS, MAX_SPIKE_RECORDS, SPIKE_LOG_RETENTION_MS } from '../../../main/core/spike-log/spike-log-bounds.js';
import { encodeSpikeLine, encodeSpikeLog, type SpikeLogRecord } from '../../../main/core/spike-log/spike-log-codec.js';
import { FileSpikeLog, SPIKE_LOG_FILE, fileSpikeLogOpener } from '../../../main/node/file-spike-log.js';
import { expectWorded } from '../../support/worded.js';

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const ALL: [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];

function mark(at: number, overrides: Partial<SpikeLogRecord> = {}): SpikeLogRecord {
  return { at, kind: 'spike', severity: 'critical', groupKeys: ['Finance (#1)'], fleet: false, title: `spike at ${at}`, ...overrides };
}

let folder: string;
beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'wt-spikelog-')), 'history', 'acc-1');
});
afterEach(async () => {
  await rm(join(folder, '..', '..'), { recursive: true, force: true });
});

async function writer(now = T0, onDamage?: (error: WorkspaceError) => void): Promise<FileSpikeLog> {
  const opened = await FileSpikeLog.open({ folder, now, ...(onDamage ? { onDamage } : {}) });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function readAll(log: FileSpikeLog): Promise<readonly SpikeLogRecord[]> {
  const read = await log.read(...ALL);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

describe('FileSpikeLog', () => {
  it('creates a private folder and file, and keeps appends across a reopen', async () => {
    const log = await writer();
    for (let i = 0; i < 5; i++) expect((await log.append(mark(T0 + i * 1000))).ok).toBe(true);
    await log.close();
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, SPIKE_LOG_FILE))).mode & 0o777).toBe(0o600);
    const again = await writer(T0 + 10_000);
    expect((await readAll(again)).map((record) => record.at)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 1000));
    expect((await again.append(mark(T0 + 20_000))).ok).toBe(true);
    expect(await again.read(T0 + 2000, T0 + 20_000)).toEqual({ ok: true, value: [mark(T0 + 2000), mark(T0 + 3000), mark(T0 + 4000), mark(T0 + 20_000)] });
    await again.close();
    expect((await again.append(mark(T0 + 30_000))).ok).toBe(false);
  });

  it('reads an absent log as empty, read-only, without creating anything', async () => {
    const reader = await FileSpikeLog.open({ folder, readOnly: true });
    expect(reader.ok).toBe(true);
    if (!reader.ok) return;
    expect(await readAll(reader.value)).toEqual([]);
    expect((await reader.value.append(mark(T0))).ok).toBe(false);
    await expect(stat(folder)).rejects.toThrow();
  });

  it('cuts a torn last line (a write cut short) at open and appends cleanly after it', async () => {
    const log = await writer();
    await log.append(mark(T0));
    await log.append(mark(T0 + 1));
    await log.close();
    const torn = encodeSpikeLine(mark(T0 + 2));
    await appendFile(join(folder, SPIKE_LOG_FILE), torn.slice(0, torn.length - 7));
    const damage: WorkspaceError[] = [];
    const reopened = await writer(T0 + 3, (error) => damage.push(error));
    expect((await readAll(reopened)).map((record) => record.at)).toEqual([T0, T0 + 1]);
    await reopened.append(mark(T0 + 3));
    expect((await readAll(reopened)).map((record) => record.at)).toEqual([T0, T0 + 1, T0 + 3]);
    await reopened.close();
    expect(damage).toEqual([]);
  });

  it('skips a damaged line, reports it once, repairs the file and keeps the original aside', async () => {
    const path = join(folder, SPIKE_LOG_FILE);
    const log = await writer();
    for (let i = 0; i < 4; i++) await log.append(mark(T0 + i));
    await log.close();
    const text = await readFile(path, 'utf8');
    const damagedText = text.replace(`spike at ${T0 + 1}`, `spike at ${T0 + 9}`); // a stray write in line 2
    await writeFile(path, damagedText);

    // A reader reports and reads past it, and changes nothing.
    const readerDamage: WorkspaceError[] = [];
    const reader = await FileSpikeLog.open({ folder, readOnly: true, onDamage: (error) => readerDamage.push(error) });
    if (!reader.ok) throw new Error(reader.error.message);
    expect((await readAll(reader.value)).map((record) => record.at)).toEqual([T0, T0 + 2, T0 + 3]);
    await readAll(reader.value);
    expect(readerDamage).toHaveLength(1);
    expect(readerDamage[0]!.message).toMatch(/Spike log .*spikes\.log was damaged: \d+ bytes \(at \d+-\d+\) were skipped/);
    expect(readerDamage[0]!.hint).toBe('The app or `watch` recording this account repairs the file when it next opens or reads it. Check the disk if this repeats.');
    expectWorded(readerDamage[0]!, ['spike-log.damaged', 'hint.damaged-repair-later', 'hint.check-disk']);
    expect(await readFile(path, 'utf8')).toBe(damagedText);

    // The writer repairs it at open.
    const damage: WorkspaceError[] = [];
    const repaired = await writer(T0 + 10, (error) => damage.push(error));
    expect(damage).toHaveLength(1);
    expect(damage[0]!.hint).toBe(`The original file is kept as ${path}.damaged; the file now holds the intact records. Check the disk if this repeats.`);
    expectWorded(damage[0]!, ['spike-log.damaged', 'hint.damaged-kept', 'hint.check-disk']);
    expect((await readAll(repaired)).map((record) => record.at)).toEqual([T0, T0 + 2, T0 + 3]);
    await repaired.append(mark(T0 + 11));
    await repaired.close();
    expect(await readFile(`${path}.damaged`, 'utf8')).toBe(damagedText);
    const clean: WorkspaceError[] = [];
    const after = await writer(T0 + 12, (error) => clean.push(error));
    expect((await readAll(after)).map((record) => record.at)).toEqual([T0, T0 + 2, T0 + 3, T0 + 11]);
    await after.close();
    expect(clean).toEqual([]);
    expect((await readdir(folder)).sort()).toEqual([SPIKE_LOG_FILE, `${SPIKE_LOG_FILE}.damaged`]);
  });

  it('drops records older than 30 days when it opens', async () => {
    const log = await writer();
    await log.append(mark(T0));
    await log.append(mark(T0 + 86_400_000));
    await log.close();
    const later = await writer(T0 + SPIKE_LOG_RETENTION_MS + 1000);
    expect((await readAll(later)).map((record) => record.at)).toEqual([T0 + 86_400_000]);
    await later.close();
    expect((await readFile(join(folder, SPIKE_LOG_FILE), 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('holds MAX_SPIKE_RECORDS at open, and rewrites to them once the slack is used up, keeping the newest', async () => {
    const path = join(folder, SPIKE_LOG_FILE);
    const lineCount = async (): Promise<number> => (await readFile(path, 'utf8')).split('\n').filter(Boolean).length;
    const seeded = MAX_SPIKE_RECORDS + COMPACTION_SLACK_RECORDS + 100;
    await mkdir(folder, { recursive: true });
    await writeFile(path, encodeSpikeLog(Array.from({ length: seeded }, (_, i) => mark(T0 + i, { title: '' }))));
    const log = await writer(T0 + seeded);
    expect(await lineCount()).toBe(MAX_SPIKE_RECORDS);
    expect((await readAll(log))[0]!.at).toBe(T0 + seeded - MAX_SPIKE_RECORDS);
    // Appends go to the end until the slack is used up...
    for (let i = 0; i < COMPACTION_SLACK_RECORDS; i++) expect((await log.append(mark(T0 + seeded + i, { title: '' }))).ok).toBe(true);
    expect(await lineCount()).toBe(MAX_SPIKE_RECORDS + COMPACTION_SLACK_RECORDS);
    // ...and the one past it rewrites the file with the newest MAX_SPIKE_RECORDS.
    const last = T0 + seeded + COMPACTION_SLACK_RECORDS;
    expect((await log.append(mark(last, { title: '' }))).ok).toBe(true);
    expect(await lineCount()).toBe(MAX_SPIKE_RECORDS);
    const records = await readAll(log);
    expect(records.at(-1)!.at).toBe(last);
    expect(records[0]!.at).toBe(last - MAX_SPIKE_RECORDS + 1);
    // Still appending to the log in place after the rewrite (not to the replaced file).
    await log.append(mark(last + 1));
    expect((await readAll(log)).at(-1)!.at).toBe(last + 1);
    await log.close();
  }, 60_000);

  it('lets a reader see a writer’s appends while the writer keeps the file open', async () => {
    const log = await writer();
    const reader = await FileSpikeLog.open({ folder, readOnly: true });
    if (!reader.ok) throw new Error(reader.error.message);
    for (let i = 0; i < 3; i++) {
      await log.append(mark(T0 + i));
      expect((await readAll(reader.value)).length).toBe(i + 1);
    }
    await log.close();
  });

  it('keeps a temporary demo’s spikes in memory only, and opens a saved account’s file', async () => {
    const open = fileSpikeLogOpener({ temporaryDemo: true });
    const demo = await open({ folder, accountId: 'demo', kind: 'demo', onDamage: () => undefined }, T0);
    expect(demo).toEqual({ ok: true, value: null });
    const account = await open({ folder, accountId: 'acc-1', kind: 'account', onDamage: () => undefined }, T0);
    expect(account.ok && account.value !== null).toBe(true);
    if (account.ok) await account.value?.close();
  });

  it('says what failed, with a hint, when the folder cannot be written', async () => {
    await writeFile(join(folder, '..', '..', 'blocker'), 'a file where a folder should be');
    const opened = await FileSpikeLog.open({ folder: join(folder, '..', '..', 'blocker', 'acc'), now: T0 });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.message).toMatch(/Cannot open the spike log at .*blocker.*ENOTDIR|EEXIST/);
    // Node's recursive mkdir says ENOTDIR here on Linux; EEXIST elsewhere, a code with no words or hint of its own.
    if (opened.error.message.includes('EEXIST')) expectWorded(opened.error, ['spike-log.io', 'action.open', 'io.refused']);
    else {
      expect(opened.error.hint).toBe('Check that the history folder belongs to you and is writable. Monitoring goes on; spikes are kept in memory meanwhile.');
      expectWorded(opened.error, ['spike-log.io', 'action.open', 'io.ENOTDIR', 'hint.history-folder-writable', 'hint.spikes-in-memory']);
    }
  });

  it('words an append to a log that is closed or open read-only', async () => {
    const log = await writer();
    await log.close();
    const closed = await log.append(mark(T0));
    expect(closed).toMatchObject({ ok: false, error: { message: `The spike log ${join(folder, SPIKE_LOG_FILE)} is closed` } });
    if (!closed.ok) expectWorded(closed.error, ['spike-log.closed']);
    const reader = await FileSpikeLog.open({ folder, readOnly: true });
    if (!reader.ok) throw new Error(reader.error.message);
    const readOnly = await reader.value.append(mark(T0));
    expect(readOnly).toMatchObject({ ok: false, error: { message: `The spike log ${join(folder, SPIKE_LOG_FILE)} is open read-only` } });
    if (!readOnly.ok) expectWorded(readOnly.error, ['spike-log.read-only']);
  });
});
