import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consistentWording, phrase, phrasesOf } from '../../../main/core/error-wording.js';
import type { WorkspaceError } from '../../../main/core/errors.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../main/core/settings/schema.js';
import { FileSettingsStore, parseSettingsJson, serializeSettings } from '../../../main/node/file-settings-store.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-file-settings-'));
});
afterEach(async () => {
  await chmod(root, 0o700).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

const ACCOUNT = { id: '0b7c5b0e-5d0a-4c55-9a3e-2f7e1b4c9d01', name: 'prod', region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', auth: 'token' } as const;
const withInterval = (seconds: number) => (current: Settings): Settings => ({ ...current, polling: { ...current.polling, intervalSeconds: seconds } });
const isRoot = process.getuid?.() === 0;

/** The phrase codes of an error whose wording still says its English (what a zh-CN window says instead). */
function wordedCodes(error: WorkspaceError): string[] {
  const wording = consistentWording(error);
  if (wording === undefined) throw new Error(`not worded: ${error.message}`);
  return phrasesOf(wording).map((said) => said.code);
}

async function writeConfig(dir: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'config.json');
  await writeFile(file, text);
  return file;
}

describe('FileSettingsStore', () => {
  it('reads a missing file as the defaults and creates nothing', async () => {
    const dir = join(root, 'Workspace Tray');
    const store = new FileSettingsStore(dir);
    expect(store.path).toBe(join(dir, 'config.json'));
    expect(await store.read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates a private folder and file on the first update, in electron-store format', async () => {
    const dir = join(root, 'nested', 'Workspace Tray');
    const store = new FileSettingsStore(dir);
    const updated = await store.update((current) => ({ ...current, accounts: [ACCOUNT] }));
    expect(updated.ok).toBe(true);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, 'nested'))).mode & 0o777).toBe(0o700);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    const text = await readFile(store.path, 'utf8');
    expect(text).toBe(JSON.stringify({ ...DEFAULT_SETTINGS, accounts: [ACCOUNT] }, undefined, '\t'));
    expect(text.startsWith('{\n\t"version": 1,\n\t"accounts": [\n\t\t{\n')).toBe(true);
    expect(text.endsWith('}')).toBe(true);
    expect(await store.read()).toEqual(updated);
  });

  it('leaves the mode of a folder that already exists alone', async () => {
    await chmod(root, 0o755);
    const store = new FileSettingsStore(root);
    expect((await store.update(withInterval(120))).ok).toBe(true);
    expect((await stat(root)).mode & 0o777).toBe(0o755);
  });

  it('replaces the file atomically, leaving no temporary files', async () => {
    const store = new FileSettingsStore(root);
    for (const seconds of [30, 40, 50]) expect((await store.update(withInterval(seconds))).ok).toBe(true);
    expect(await readdir(root)).toEqual(['config.json']);
  });

  it('serialises concurrent updates: none is lost', async () => {
    const store = new FileSettingsStore(root);
    const increments = Array.from({ length: 25 }, () => store.update((current) => withInterval(current.polling.intervalSeconds + 1)(current)));
    const results = await Promise.all(increments);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await store.read()).toMatchObject({ ok: true, value: { polling: { intervalSeconds: 85 } } });
    expect(await readdir(root)).toEqual(['config.json']);
  });

  it('keeps a corrupt file aside, untouched, uses the defaults, and says where the file is', async () => {
    const corrupt = '{\n\t"version": 1,\n\t"polling": { "intervalSeconds": 60, }\n}';
    const file = await writeConfig(root, corrupt);
    const warnings: WorkspaceError[] = [];
    const store = new FileSettingsStore(root, { onWarning: (warning) => warnings.push(warning) });
    expect(await store.read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    const aside = (await readdir(root)).filter((name) => name.startsWith('config.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(root, aside[0]!), 'utf8')).toBe(corrupt);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`The settings file ${file} could not be used: it is not valid JSON (line 3, column`);
    expect(warnings[0]!.message).toContain(`kept, untouched, as ${join(root, aside[0]!)}`);
    expect(consistentWording(warnings[0]!)).toEqual({
      message: phrase('settings.set-aside', { path: file, why: phrase('settings.not-json-at', { line: 3, column: 38 }), aside: join(root, aside[0]!) }),
      hint: [phrase('hint.settings-repair')],
    });
    // Nothing written until an update; then the new file, and the kept one stays as it was.
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await store.update(withInterval(90))).ok).toBe(true);
    expect(await readFile(join(root, aside[0]!), 'utf8')).toBe(corrupt);
    expect(warnings).toHaveLength(1);
  });

  it('keeps an empty file aside as unreadable', async () => {
    await writeConfig(root, '  \n');
    const warnings: WorkspaceError[] = [];
    expect(await new FileSettingsStore(root, { onWarning: (warning) => warnings.push(warning) }).read()).toMatchObject({ ok: true });
    expect(warnings[0]!.message).toMatch(/could not be used: it is empty, not JSON\./);
    expect(wordedCodes(warnings[0]!)).toEqual(['settings.set-aside', 'settings.empty', 'hint.settings-repair']);
  });

  it('reports an out-of-range value by its path, and leaves the file as it is', async () => {
    const text = JSON.stringify({ version: 1, polling: { intervalSeconds: 5 } });
    const file = await writeConfig(root, text);
    const store = new FileSettingsStore(root);
    const read = await store.read();
    expect(read).toEqual({
      ok: false,
      error: expect.objectContaining({
        kind: 'config',
        message: `The settings file ${file} is invalid: polling.intervalSeconds must be between 15 and 3600 (found 5)`,
        path: 'polling.intervalSeconds',
      }),
    });
    expect(read.ok ? [] : wordedCodes(read.error)).toEqual(['settings.invalid-file', 'setting.between', 'hint.settings-fix-file']);
    const update = await store.update(withInterval(90));
    expect(update.ok ? [] : wordedCodes(update.error)).toEqual(['settings.invalid-file', 'setting.between', 'hint.settings-fix-file']);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('keeps a file of a newer version aside, untouched, and starts from the defaults', async () => {
    const text = JSON.stringify({ version: 9, accounts: [], shiny: true });
    await writeConfig(root, text);
    const warnings: WorkspaceError[] = [];
    const store = new FileSettingsStore(root, { onWarning: (warning) => warnings.push(warning) });
    expect(await store.read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    const aside = (await readdir(root)).filter((name) => name.startsWith('config.json.v9-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(root, aside[0]!), 'utf8')).toBe(text);
    expect(warnings[0]!.message).toMatch(/written by a newer Workspace Tray \(settings version 9; this one reads up to 1\)/);
    expect(warnings[0]!.hint).toMatch(/Update Workspace Tray/);
    expect(wordedCodes(warnings[0]!)).toEqual(['settings.set-aside', 'settings.from-newer', 'hint.settings-update']);
  });

  it('keeps a file that is JSON but not an object aside, worded', async () => {
    await writeConfig(root, '[1, 2]');
    const warnings: WorkspaceError[] = [];
    expect(await new FileSettingsStore(root, { onWarning: (warning) => warnings.push(warning) }).read()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(warnings[0]!.message).toMatch(/could not be used: it is not a JSON object\. It was kept/);
    expect(wordedCodes(warnings[0]!)).toEqual(['settings.set-aside', 'settings.not-json-object', 'hint.settings-repair']);
  });

  it('keeps the fields it does not know (a newer version\'s, a person\'s note) when it writes', async () => {
    const file = await writeConfig(
      root,
      JSON.stringify({
        version: 1,
        note: 'ask Li before changing the interval',
        future: { nested: [1, 2] },
        accounts: [{ ...ACCOUNT, colour: 'teal' }, { ...ACCOUNT, id: '1b7c5b0e-5d0a-4c55-9a3e-2f7e1b4c9d02', name: 'dev', endpoint: 'https://ws.example.com', region: undefined }],
        polling: { intervalSeconds: 60, jitter: 3 },
      }),
    );
    const store = new FileSettingsStore(root);
    // Renamed one account, moved the other from an endpoint to a region: its old endpoint is known, so it stays gone.
    const updated = await store.update((current) => ({
      ...current,
      accounts: [{ ...current.accounts[0]!, name: 'production' }, { ...current.accounts[1]!, endpoint: undefined, region: 'cn-east-3' }],
      polling: { ...current.polling, intervalSeconds: 120 },
    }));
    expect(updated.ok).toBe(true);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written).toMatchObject({ note: 'ask Li before changing the interval', future: { nested: [1, 2] }, polling: { intervalSeconds: 120, jitter: 3 } });
    expect(written.accounts[0]).toMatchObject({ name: 'production', colour: 'teal' });
    expect(written.accounts[1]).toMatchObject({ name: 'dev', region: 'cn-east-3' });
    expect(written.accounts[1]).not.toHaveProperty('endpoint');
    expect(written.accounts[1]).not.toHaveProperty('colour');
  });

  it('migrates an unversioned file on read, and writes it as the current version on the next update', async () => {
    const file = await writeConfig(root, JSON.stringify({ accounts: [ACCOUNT], polling: { intervalSeconds: 600 } }));
    const store = new FileSettingsStore(root);
    expect(await store.read()).toMatchObject({ ok: true, value: { version: 1, accounts: [ACCOUNT], polling: { intervalSeconds: 600 } } });
    expect(JSON.parse(await readFile(file, 'utf8'))).not.toHaveProperty('version');
    expect((await store.update((current) => current)).ok).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, accounts: [ACCOUNT], polling: { intervalSeconds: 600 } });
  });

  it('skips a byte order mark, as electron-store does', async () => {
    await writeConfig(root, `\uFEFF${JSON.stringify({ version: 1, badge: { metric: 'in_use_num' } })}`);
    expect(await new FileSettingsStore(root).read()).toMatchObject({ ok: true, value: { badge: { metric: 'in_use_num' } } });
  });

  it.each([
    ['an existing file', true],
    ['a file not yet created', false],
  ])('writes through a symbolic link to %s instead of replacing the link', async (_, exists) => {
    const real = join(root, 'dotfiles', 'tray.json');
    await mkdir(join(root, 'dotfiles'));
    if (exists) await writeFile(real, '{}');
    await mkdir(join(root, 'cfg'));
    await symlink(real, join(root, 'cfg', 'config.json'));
    const store = new FileSettingsStore(join(root, 'cfg'));
    expect((await store.update(withInterval(45))).ok).toBe(true);
    expect((await lstat(store.path)).isSymbolicLink()).toBe(true);
    expect(await readlink(store.path)).toBe(real);
    expect(JSON.parse(await readFile(real, 'utf8'))).toMatchObject({ polling: { intervalSeconds: 45 } });
  });

  it('names a folder standing where the file should be', async () => {
    await mkdir(join(root, 'config.json'));
    const read = await new FileSettingsStore(root).read();
    expect(read).toMatchObject({ ok: false, error: { kind: 'config', message: `Cannot read the settings file ${join(root, 'config.json')}: it is a folder, not a file (EISDIR)` } });
  });

  it('names a file standing where the folder should be', async () => {
    await writeFile(join(root, 'blocker'), '');
    const result = await new FileSettingsStore(join(root, 'blocker', 'cfg')).update(withInterval(30));
    expect(result).toMatchObject({ ok: false, error: { kind: 'config', message: /^Cannot (read|write) the settings file .*: a part of the path is a file, not a folder \(ENOTDIR\)$/ } });
  });

  it.skipIf(isRoot)('reports a file it may not read (skipped as root, which may read anything)', async () => {
    const file = await writeConfig(root, '{}');
    await chmod(file, 0o000);
    expect(await new FileSettingsStore(root).read()).toMatchObject({ ok: false, error: { kind: 'config', message: /permission denied \(EACCES\)$/ } });
  });

  it.skipIf(isRoot)('reports a folder it may not write, and keeps the old file (skipped as root)', async () => {
    const file = await writeConfig(root, '{}');
    await chmod(root, 0o500);
    expect(await new FileSettingsStore(root).update(withInterval(30))).toMatchObject({ ok: false, error: { message: /^Cannot write the settings file .*permission denied \(EACCES\)$/ } });
    expect(await readFile(file, 'utf8')).toBe('{}');
  });
});

describe('serializeSettings', () => {
  it('is tab-indented JSON without a trailing newline', () => {
    expect(serializeSettings(DEFAULT_SETTINGS)).toBe(JSON.stringify(DEFAULT_SETTINGS, undefined, '\t'));
  });
});

describe('parseSettingsJson', () => {
  it('never quotes the file content in its error', () => {
    const result = parseSettingsJson('{"token": "hunter2-secret" oops}');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(result.ok ? undefined : consistentWording(result.error)).toEqual({ message: phrase('settings.not-json-at', { line: 1, column: 28 }) });
  });
});
