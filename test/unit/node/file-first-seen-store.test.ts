// The disconnected-since memory on a real folder: it round-trips, a missing file is an empty memory, and a file it
// cannot read or save is a worded error (the window can say it in its language), never a throw.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_SEEN_FILE, FileFirstSeenStore } from '../../../main/node/file-first-seen-store.js';
import { expectWorded } from '../../support/worded.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-first-seen-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileFirstSeenStore', () => {
  it('reads a missing file as an empty memory, and reads back what it saved', async () => {
    const store = new FileFirstSeenStore(join(root, 'acc-1'));
    expect(await store.read()).toEqual({ ok: true, value: new Map() });
    const map = new Map([['desk-1', { at: 1_700_000_000_000, source: 'seen' as const }]]);
    expect(await store.write(map)).toEqual({ ok: true, value: undefined });
    expect(await store.read()).toEqual({ ok: true, value: map });
  });

  it('words a file it cannot read or save', async () => {
    const folder = join(root, 'acc-1');
    // A folder where the file should be: reading it and renaming a file over it both fail (EISDIR).
    await mkdir(join(folder, FIRST_SEEN_FILE), { recursive: true });
    const store = new FileFirstSeenStore(folder);
    const read = await store.read();
    expect(read).toMatchObject({
      ok: false,
      error: { kind: 'config', message: `Could not read ${store.path}: it is a folder, not a file (EISDIR)`, hint: 'Check that the history folder belongs to you and is writable.' },
    });
    if (!read.ok) expectWorded(read.error, ['first-seen.io', 'action.read', 'io.EISDIR', 'hint.history-folder-writable']);
    const saved = await store.write(new Map());
    expect(saved).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringMatching(/^Could not save .*disconnected-since\.json: .*\((EISDIR|ENOTEMPTY|EEXIST)\)$/) } });
    if (!saved.ok) expect(saved.error.wording?.message.code).toBe('first-seen.io');
  });
});
