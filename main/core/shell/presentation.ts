// The app's theme and language from the settings and the OS: 'system' follows the OS.
import type { AppState } from '../../../preload/contract.js';
import type { Settings } from '../settings/schema.js';

export function resolveLanguage(setting: Settings['appearance']['language'], osLocale: string): AppState['language'] {
  if (setting !== 'system') return setting;
  return osLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function resolveTheme(osDark: boolean): AppState['theme'] {
  return osDark ? 'dark' : 'light';
}

/** The window background before the page paints (the renderer's own background colours). */
export function windowBackground(theme: AppState['theme']): string {
  return theme === 'dark' ? '#1e1f22' : '#ffffff';
}

/** Electron's three platforms; anything else (a BSD) is treated as Linux, whose behaviour it shares. */
export function appPlatform(platform: string): AppState['platform'] {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** WORKSPACE_TRAY_INTERVAL_SECONDS (a developer's and demo override, as `watch --interval`): whole seconds, 1 to 3600. */
export function intervalOverrideMs(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) return null;
  return seconds * 1000;
}

/** The demo polls this often (unless overridden): its storm, at the simulator's poll 4, then comes within a minute. */
export const DEMO_INTERVAL_MS = 15_000;
