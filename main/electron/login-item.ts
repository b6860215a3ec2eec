// Launch at login: Electron's login item on macOS and Windows; on Linux, where Electron has none, an XDG
// autostart desktop entry whose text and path come from core/platform/xdg-autostart.ts.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { app } from 'electron';
import { phrase, wordedError } from '../core/error-wording.js';
import type { WorkspaceResult } from '../core/errors.js';
import { xdgAutostartEntry, xdgAutostartPath } from '../core/platform/xdg-autostart.js';
import { err, ok } from '../core/result.js';
import { fileErrorCause } from '../node/fs-errors.js';
import { existsSync } from 'node:fs';

export interface LoginItemContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** The program to start: the AppImage when there is one (its mount point changes per run), else this executable. */
  readonly execPath: string;
}

export function loginItemContext(): LoginItemContext {
  return { platform: process.platform, env: process.env, home: process.env['HOME'] ?? '', execPath: process.env['APPIMAGE'] ?? process.execPath };
}

export async function setLaunchAtLogin(enabled: boolean, context: LoginItemContext): Promise<WorkspaceResult<void>> {
  if (context.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return ok(undefined);
  }
  const path = xdgAutostartPath(context.env, context.home);
  try {
    if (!enabled) {
      await rm(path, { force: true });
      return ok(undefined);
    }
    const entry = xdgAutostartEntry({ execPath: context.execPath, name: 'Workspace Tray', comment: 'Huawei Cloud Workspace desktop monitor', icon: 'workspace-tray' });
    if (!entry.ok) return entry;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, entry.value, { mode: 0o644 });
    return ok(undefined);
  } catch (error) {
    // The path is already said: the cause is the failure's code in words (the platform's message repeats the path).
    const failed = phrase(enabled ? 'login.write-failed' : 'login.remove-failed', { path, cause: fileErrorCause(error) });
    return err(wordedError('config', failed, [phrase('hint.launch-at-login')]));
  }
}

/** What the OS will do at the next login. */
export function launchesAtLogin(context: LoginItemContext): boolean {
  if (context.platform !== 'linux') return app.getLoginItemSettings().openAtLogin;
  return existsSync(xdgAutostartPath(context.env, context.home));
}
