// The settings window's own words (messages-settings.ts), said like `t` says every window's.
import { fill, i18n } from './i18n.svelte.js';
import { SETTINGS_MESSAGES, type SettingsMessageKey } from './messages-settings.js';

export type { SettingsMessageKey };

/** A settings-window message in the current language, with `{name}` replaced by `params.name`. */
export function ts(key: SettingsMessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(SETTINGS_MESSAGES[i18n.lang][key], params);
}
