import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consistentWording, phrase } from '../../../main/core/error-wording.js';
import { launchesAtLogin, setLaunchAtLogin, type LoginItemContext } from '../../../main/electron/login-item.js';
import { electronFake } from '../../fakes/electron/index.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'wt-login-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('launch at login', () => {
  it('writes and removes an XDG autostart entry on Linux', async () => {
    const context: LoginItemContext = { platform: 'linux', env: { XDG_CONFIG_HOME: join(home, 'cfg') }, home, execPath: '/opt/Workspace Tray/workspace-tray' };
    expect(launchesAtLogin(context)).toBe(false);
    expect(await setLaunchAtLogin(true, context)).toEqual({ ok: true, value: undefined });
    const entry = await readFile(join(home, 'cfg', 'autostart', 'workspace-tray.desktop'), 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Exec="/opt/Workspace Tray/workspace-tray"');
    expect(launchesAtLogin(context)).toBe(true);
    expect(await setLaunchAtLogin(false, context)).toEqual({ ok: true, value: undefined });
    expect(launchesAtLogin(context)).toBe(false);
    expect(electronFake.loginItemCalls).toEqual([]);
  });

  it('says in words why the entry could not be written, the path as a fact', async () => {
    // XDG_CONFIG_HOME is a file, so its autostart folder cannot be made.
    await writeFile(join(home, 'cfg'), 'not a folder');
    const context: LoginItemContext = { platform: 'linux', env: { XDG_CONFIG_HOME: join(home, 'cfg') }, home, execPath: '/opt/app' };
    const path = join(home, 'cfg', 'autostart', 'workspace-tray.desktop');
    const result = await setLaunchAtLogin(true, context);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'config',
        message: `Could not write ${path}: a part of the path is a file, not a folder (ENOTDIR)`,
        hint: 'Launch at login could not be set up; start Workspace Tray from the applications menu instead.',
      },
    });
    expect(result.ok ? undefined : consistentWording(result.error)).toEqual({
      message: phrase('login.write-failed', { path, cause: phrase('io.ENOTDIR', { code: 'ENOTDIR' }) }),
      hint: [phrase('hint.launch-at-login')],
    });
  });

  it("uses Electron's login item on macOS and Windows", async () => {
    const context: LoginItemContext = { platform: 'darwin', env: {}, home, execPath: '/Applications/Workspace Tray.app' };
    await setLaunchAtLogin(true, context);
    expect(electronFake.loginItemCalls).toEqual([{ openAtLogin: true }]);
    expect(launchesAtLogin(context)).toBe(true);
  });
});
