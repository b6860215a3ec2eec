// The language every component reads: set from AppState (main resolves "follow the system"), and before the first
// state from the browser's own language. Numbers and times are formatted with Intl for that language.
import { MESSAGES, type Language, type MessageKey } from './messages.js';

export type { Language, MessageKey };

export function languageFromNavigator(languages: readonly string[]): Language {
  // The first preference decides; traditional-script Chinese gets English rather than simplified characters.
  const first = languages[0] ?? '';
  return /^zh\b/i.test(first) && !/^zh-(TW|HK|MO|Hant)/i.test(first) ? 'zh-CN' : 'en';
}

class I18n {
  lang = $state<Language>('en');
  readonly number = $derived(new Intl.NumberFormat(this.lang));
  readonly percent = $derived(new Intl.NumberFormat(this.lang, { style: 'percent', maximumFractionDigits: 1 }));
  readonly relative = $derived(new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto', style: 'long' }));
  readonly relativeNarrow = $derived(new Intl.RelativeTimeFormat(this.lang, { numeric: 'always', style: 'narrow' }));
  readonly time = $derived(new Intl.DateTimeFormat(this.lang, { hour: '2-digit', minute: '2-digit' }));
  readonly timeWithSeconds = $derived(new Intl.DateTimeFormat(this.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  readonly day = $derived(new Intl.DateTimeFormat(this.lang, { month: 'short', day: 'numeric' }));
  readonly dateTime = $derived(new Intl.DateTimeFormat(this.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
  readonly dateTimeWithSeconds = $derived(new Intl.DateTimeFormat(this.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
}

export const i18n = new I18n();

/** The message in the current language, with `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(MESSAGES[i18n.lang][key], params);
}

/** A message's `{name}` placeholders filled, numbers formatted for the current language. */
export function fill(text: string, params: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? i18n.number.format(value) : value;
  });
}

/** A count, or the word "unknown" for a null (the API did not report it: never shown as 0). */
export function formatCount(value: number | null): string {
  return value === null ? t('unknownValue') : i18n.number.format(value);
}

export function formatShare(part: number, whole: number): string {
  return whole > 0 ? i18n.percent.format(part / whole) : '–';
}

/** "20 seconds ago", "3 minutes ago", in the current language; `narrow` ("3m ago", "3分钟前") for a tight column. */
export function formatAgo(at: number, now: number, narrow = false): string {
  const relative = narrow ? i18n.relativeNarrow : i18n.relative;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return relative.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return relative.format(-hours, 'hour');
  return relative.format(-Math.round(hours / 24), 'day');
}

export function formatTime(at: number, seconds = false): string {
  return (seconds ? i18n.timeWithSeconds : i18n.time).format(at);
}

export function formatDay(at: number): string {
  return i18n.day.format(at);
}

export function formatDateTime(at: number, seconds = false): string {
  return (seconds ? i18n.dateTimeWithSeconds : i18n.dateTime).format(at);
}
