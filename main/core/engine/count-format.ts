// The one place that turns desktop counts into text, so the tray, notifications and the CLI agree on grouping
// and signs. English by default: notification text is a model the tests (and `watch --json` consumers) compare;
// the app passes its language for the tray and its notifications.
import { type Language, numberText, say } from '../ui-words.js';

/** `1234` → `1,234`. */
export function formatCount(count: number, language: Language = 'en'): string {
  return numberText(count, language);
}

/** A change with its sign: `+38`, `-36`, `0`. ASCII minus, so CLI output stays greppable. */
export function formatDelta(delta: number, language: Language = 'en'): string {
  if (delta > 0) return `+${formatCount(delta, language)}`;
  if (delta < 0) return `-${formatCount(-delta, language)}`;
  return '0';
}

/** `12 → 50 of 120 desktops`, or `12 → 50` when the size of the group is unknown. */
export function formatTransition(before: number, after: number, desktops: number | null, language: Language = 'en'): string {
  const transition = `${formatCount(before, language)} → ${formatCount(after, language)}`;
  return desktops === null ? transition : say(language, 'transition.of', { transition, desktops });
}
