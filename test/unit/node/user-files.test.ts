// An export saved where the person chose, and an account's history deleted, on a real file system: what succeeds
// lands, and what fails says why in words a window can translate.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteHistoryFolder, saveExport } from '../../../main/node/user-files.js';
import { expectWorded } from '../../support/worded.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wt-user-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveExport', () => {
  it('writes the text as UTF-8, Chinese names included', async () => {
    const path = join(dir, '历史.csv');
    expect(await saveExport(path, 'group,disconnected\n财务部,3\n')).toEqual({ ok: true, value: undefined });
    expect(await readFile(path, 'utf8')).toBe('group,disconnected\n财务部,3\n');
  });

  it('says which file could not be written and why, worded', async () => {
    // A folder where the file should go: EISDIR on every platform and as root too.
    const path = join(dir, 'taken');
    await mkdir(path);
    const saved = await saveExport(path, 'x');
    if (saved.ok) throw new Error('writing over a folder must fail');
    expect(saved.error).toMatchObject({ kind: 'config', message: `Could not write ${path}: it is a folder, not a file (EISDIR)`, hint: 'Choose another folder, or free some disk space.' });
    expectWorded(saved.error, ['export.write-failed', 'io.EISDIR', 'hint.export-elsewhere']);
  });
});

describe('deleteHistoryFolder', () => {
  it('deletes the folder and everything in it, and a folder already gone is no failure', async () => {
    const folder = join(dir, 'history', 'acct');
    await mkdir(join(folder, '2026-12'), { recursive: true });
    await writeFile(join(folder, '2026-12', '01.wth'), 'x');
    expect(await deleteHistoryFolder(folder)).toEqual({ ok: true, value: undefined });
    await expect(stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await deleteHistoryFolder(folder)).toEqual({ ok: true, value: undefined });
  });

  it('says what could not be deleted and why, worded', async () => {
    // A path through a file: ENOTDIR, which rm's force does not hide.
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    const deleted = await deleteHistoryFolder(join(file, 'acct'));
    if (deleted.ok) throw new Error('a path through a file must fail');
    expect(deleted.error.message).toBe(`Cannot delete history at ${join(file, 'acct')}: a part of the path is a file, not a folder (ENOTDIR)`);
    expectWorded(deleted.error, ['history.io', 'action.delete', 'io.ENOTDIR', 'hint.history-folder-writable']);
  });
});
