// electron-store imports `electron` at load, which outside Electron tries to download the binary; pointing
// ELECTRON_OVERRIDE_DIST_PATH anywhere makes `electron` a plain path string, and an absolute `cwd` does the rest.
process.env['ELECTRON_OVERRIDE_DIST_PATH'] ??= '/nonexistent';

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consistentWording, phrase } from '../../../main/core/error-wording.js';
import type { WorkspaceError } from '../../../main/core/errors.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../main/core/settings/schema.js';
import { FileSettingsStore } from '../../../main/node/file-settings-store.js';

const { ElectronStoreSettingsStore } = await import('../../../main/electron/settings.js');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-electron-settings-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const ACCOUNT = { id: '6f1d2c3b-8a9e-4f10-b2c3-d4e5f6a7b8c9', name: 'staging', endpoint: 'https://workspace.example.com/api', projectId: 'abc', auth: 'aksk' } as const;
const change = (current: Settings): Settings => ({
  ...current,
  accounts: [ACCOUNT],
  polling: { intervalSeconds: 300, timeoutSeconds: 10 },
  alerts: { ...current.alerts, groupMinShare: 0.35 },
});

describe('ElectronStoreSettingsStore', () => {
  it('refuses a relative folder (electron-store would resolve it against userData)', () => {
    expect(() => new ElectronStoreSettingsStore({ cwd: 'relative/dir' })).toThrow(/absolute/);
  });

  it('reads a missing file as the defaults and writes no file', async () => {
    const dir = join(root, 'Workspace Tray');
    const store = new ElectronStoreSettingsStore({ cwd: dir });
    expect(await store.read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(await readdir(dir)).toEqual([]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('writes config.json with mode 0600 and reads it back', async () => {
    const store = new ElectronStoreSettingsStore({ cwd: root });
    const updated = await store.update(change);
    expect(updated).toMatchObject({ ok: true, value: { accounts: [ACCOUNT], polling: { intervalSeconds: 300 } } });
    expect((await stat(join(root, 'config.json'))).mode & 0o777).toBe(0o600);
    expect(await store.read()).toEqual(updated);
  });

  it('reads what FileSettingsStore wrote, and the two write byte-identical files', async () => {
    const fileDir = join(root, 'file');
    const electronDir = join(root, 'electron');
    const fromFile = await new FileSettingsStore(fileDir).update(change);
    const fromElectron = await new ElectronStoreSettingsStore({ cwd: electronDir }).update(change);
    expect(fromElectron).toEqual(fromFile);
    expect(await readFile(join(electronDir, 'config.json'), 'utf8')).toBe(await readFile(join(fileDir, 'config.json'), 'utf8'));
    expect(await new ElectronStoreSettingsStore({ cwd: fileDir }).read()).toEqual(fromFile);
  });

  it('lets FileSettingsStore read what it wrote, and sees the CLI’s later changes without reopening', async () => {
    const electron = new ElectronStoreSettingsStore({ cwd: root });
    const cli = new FileSettingsStore(root);
    const written = await electron.update(change);
    expect(await cli.read()).toEqual(written);
    const changedByCli = await cli.update((current) => ({ ...current, badge: { metric: 'unknown_num' } }));
    expect(await electron.read()).toEqual(changedByCli);
    const both = await electron.update((current) => ({ ...current, polling: { ...current.polling, intervalSeconds: 900 } }));
    expect(both).toMatchObject({ ok: true, value: { badge: { metric: 'unknown_num' }, polling: { intervalSeconds: 900 } } });
    expect(await cli.read()).toEqual(both);
  });

  it('keeps a corrupt file aside, untouched, uses the defaults and says where it is', async () => {
    const file = join(root, 'config.json');
    const corrupt = '{"version": 1,';
    await writeFile(file, corrupt);
    const warnings: WorkspaceError[] = [];
    const store = new ElectronStoreSettingsStore({ cwd: root, onWarning: (warning) => warnings.push(warning) });
    expect(await store.read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    const aside = (await readdir(root)).filter((name) => name.startsWith('config.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(root, aside[0]!), 'utf8')).toBe(corrupt);
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringContaining(`kept, untouched, as ${join(root, aside[0]!)}`)]);
    // Worded, so the settings window can say it in Chinese.
    expect(consistentWording(warnings[0]!)).toEqual({
      message: phrase('settings.set-aside', { path: file, why: phrase('settings.not-json'), aside: join(root, aside[0]!) }),
      hint: [phrase('hint.settings-repair')],
    });
    expect((await store.update(change)).ok).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ polling: { intervalSeconds: 300 } });
  });

  it('keeps the fields it does not know when it writes', async () => {
    const file = join(root, 'config.json');
    await writeFile(file, JSON.stringify({ version: 1, note: 'hand-written', polling: { intervalSeconds: 60, jitter: 3 }, accounts: [{ ...ACCOUNT, colour: 'teal' }] }));
    const store = new ElectronStoreSettingsStore({ cwd: root });
    expect((await store.update(change)).ok).toBe(true);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written).toMatchObject({ note: 'hand-written', polling: { intervalSeconds: 300, jitter: 3 }, accounts: [{ name: 'staging', colour: 'teal' }] });
  });

  it('reports an invalid value by its path and never clears the file', async () => {
    const file = join(root, 'config.json');
    const text = JSON.stringify({ version: 1, polling: { intervalSeconds: 10_000 } }, undefined, '\t');
    await writeFile(file, text);
    const store = new ElectronStoreSettingsStore({ cwd: root });
    expect(await store.read()).toMatchObject({
      ok: false,
      error: { kind: 'config', path: 'polling.intervalSeconds', message: `The settings file ${file} is invalid: polling.intervalSeconds must be between 15 and 3600 (found 10000)` },
    });
    const update = await store.update(change);
    expect(update.ok ? undefined : consistentWording(update.error)?.message).toEqual(
      phrase('settings.invalid-file', { path: file, cause: phrase('setting.between', { path: 'polling.intervalSeconds', min: 15, max: 3600, found: 10_000 }) }),
    );
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('keeps a newer version aside and migrates an unversioned file', async () => {
    const file = join(root, 'config.json');
    await writeFile(file, JSON.stringify({ version: 4 }));
    const warnings: WorkspaceError[] = [];
    const store = new ElectronStoreSettingsStore({ cwd: root, onWarning: (warning) => warnings.push(warning) });
    expect(await store.read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(warnings[0]!.message).toMatch(/newer Workspace Tray \(settings version 4;/);
    expect(consistentWording(warnings[0]!)?.message).toEqual(
      phrase('settings.set-aside', { path: file, why: phrase('settings.from-newer', { version: 4, max: 1 }), aside: expect.stringContaining('config.json.v4-') as unknown as string }),
    );
    expect((await readdir(root)).filter((name) => name.startsWith('config.json.v4-'))).toHaveLength(1);
    await writeFile(file, JSON.stringify({ polling: { intervalSeconds: 75 } }));
    expect(await store.update((current) => current)).toMatchObject({ ok: true, value: { version: 1, polling: { intervalSeconds: 75 } } });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, polling: { intervalSeconds: 75 } });
    expect(JSON.parse(await readFile(file, 'utf8'))).not.toHaveProperty('__internal__');
  });

  it('serialises concurrent updates', async () => {
    const store = new ElectronStoreSettingsStore({ cwd: root });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.update((current) => ({ ...current, polling: { ...current.polling, intervalSeconds: current.polling.intervalSeconds + 10 } }))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await new FileSettingsStore(root).read()).toMatchObject({ ok: true, value: { polling: { intervalSeconds: 160 } } });
  });

  it('names a folder standing where the file should be', async () => {
    await mkdir(join(root, 'config.json'));
    expect(await new ElectronStoreSettingsStore({ cwd: root }).read()).toMatchObject({ ok: false, error: { kind: 'config', message: /EISDIR/ } });
  });
});
