// "Pause notifications" from the tray menu. The menu carries the CHOICE and the instant is computed when it is
// clicked, so a menu built at 13:00 and clicked at 13:40 still pauses for a whole hour.
import { instantOfLocalTime, localTime } from './tray-text.js';

export type PauseChoice = 'hour' | 'tomorrow';

/** "Until tomorrow" ends at this local hour: the start of a working day, not midnight (a pause at 23:00 would last an hour). */
export const MORNING_HOUR = 8;

const HOUR = 3_600_000;

/**
 * The end of a pause: an hour from now, or the next local 08:00 at least an hour away (so a pause at 02:00 ends
 * this morning, and one at 07:30 does not end half an hour later but tomorrow).
 */
export function pauseUntil(choice: PauseChoice, now: number, timeZone?: string): number {
  if (choice === 'hour') return now + HOUR;
  const today = localTime(now, timeZone);
  for (let days = 0; days <= 2; days++) {
    const morning = instantOfLocalTime({ ...today, day: today.day + days, hour: MORNING_HOUR, minute: 0 }, timeZone);
    if (morning - now >= HOUR) return morning;
  }
  return now + 24 * HOUR; // Not reached: the next day's 08:00 is always at least an hour away.
}
