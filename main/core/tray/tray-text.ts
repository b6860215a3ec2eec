// The short texts of the tray (tooltip, menu, title): ages, metric names, local clock times. English only, like
// notifications: they are models the tests compare (the renderer has its own translations).
import type { CountField } from '../api/fields.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * `just now` (under 5 s, or a timestamp from the future), `20 s ago`, `5 min ago`, `2 h ago`, `3 d ago`. With
 * `minutes` precision the first minute is all `just now`: for text that should not change every second.
 */
export function ageText(at: number, now: number, precision: 'seconds' | 'minutes' = 'seconds'): string {
  const age = now - at;
  if (age < (precision === 'minutes' ? MINUTE : 5 * SECOND)) return 'just now';
  if (age < MINUTE) return `${Math.floor(age / SECOND)} s ago`;
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < 48 * HOUR) return `${Math.floor(age / HOUR)} h ago`;
  return `${Math.floor(age / (24 * HOUR))} d ago`;
}

/** The metric as a word after a count: `12 disconnected`, `3 in use`. */
export const METRIC_WORDS: { readonly [F in CountField]: string } = {
  running_num: 'running',
  stop_num: 'stopped',
  hibernate_num: 'hibernated',
  other_num: 'in another power state',
  attached_num: 'assigned',
  unattached_num: 'unassigned',
  cannot_attach_num: 'cannot be assigned',
  in_process_num: 'being assigned',
  in_use_num: 'in use',
  ready_num: 'ready',
  disconnected_num: 'disconnected',
  unregistered_num: 'unregistered',
  unknown_num: 'in an unknown state',
};

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

/** `14:05`, in the zone's wall-clock time. */
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
