import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it("uses Electron's login item on macOS and Windows", async () => {
    const context: LoginItemContext = { platform: 'darwin', env: {}, home, execPath: '/Applications/Workspace Tray.app' };
    await setLaunchAtLogin(true, context);
    expect(electronFake.loginItemCalls).toEqual([{ openAtLogin: true }]);
    expect(launchesAtLogin(context)).toBe(true);
  });
});
