// The short texts of the tray (tooltip, menu, title): ages, metric names, local clock times, in the app's language
// (main/core/ui-words.ts); English by default, the models the tests compare.
import type { CountField } from '../api/fields.js';
import { type Language, say } from '../ui-words.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * `just now` (under 5 s, or a timestamp from the future), `20 s ago`, `5 min ago`, `2 h ago`, `3 d ago`; in Chinese
 * `刚刚`, `20秒前`, `5分钟前`. With `minutes` precision the first minute is all `just now`: for text that should not
 * change every second.
 */
export function ageText(at: number, now: number, precision: 'seconds' | 'minutes' = 'seconds', language: Language = 'en'): string {
  const age = now - at;
  if (age < (precision === 'minutes' ? MINUTE : 5 * SECOND)) return say(language, 'age.justNow');
  if (age < MINUTE) return say(language, 'age.seconds', { count: Math.floor(age / SECOND) });
  if (age < HOUR) return say(language, 'age.minutes', { count: Math.floor(age / MINUTE) });
  if (age < 48 * HOUR) return say(language, 'age.hours', { count: Math.floor(age / HOUR) });
  return say(language, 'age.days', { count: Math.floor(age / (24 * HOUR)) });
}

/** The metric as a word after a count: `12 disconnected`, `3 in use`; `12 台已断开` in Chinese. */
export function metricWord(field: CountField, language: Language = 'en'): string {
  return say(language, `metric.${field}`);
}

export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** The wall-clock time at `at` in `timeZone` (IANA name; undefined: the system's zone). */
export function localTime(at: number, timeZone?: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** `14:05`, in the zone's wall-clock time (the same in both languages: a 24-hour clock reads in either). */
export function clockText(at: number, timeZone?: string): string {
  const { hour, minute } = localTime(at, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The instant a wall-clock time happens in `timeZone` (days and hours beyond their range roll over, as Date.UTC does). */
export function instantOfLocalTime(time: LocalTime, timeZone?: string): number {
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute);
  const offsetAt = (at: number): number => {
    const local = localTime(at, timeZone);
    return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - Math.floor(at / MINUTE) * MINUTE;
  };
  // Two rounds settle the offset on both sides of a daylight-saving change.
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}
