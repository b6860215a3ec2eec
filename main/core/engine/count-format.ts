// The one place that turns desktop counts into text, so the tray, notifications and the CLI agree on grouping
// and signs. Locale pinned: notification text is a model the tests (and `watch --json` consumers) compare.
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1234` → `1,234`. */
export function formatCount(count: number): string {
  return grouped.format(count);
}

/** A change with its sign: `+38`, `-36`, `0`. ASCII minus, so CLI output stays greppable. */
export function formatDelta(delta: number): string {
  if (delta > 0) return `+${formatCount(delta)}`;
  if (delta < 0) return `-${formatCount(-delta)}`;
  return '0';
}

/** `12 → 50 of 120 desktops`, or `12 → 50` when the size of the group is unknown. */
export function formatTransition(before: number, after: number, desktops: number | null): string {
  const transition = `${formatCount(before)} → ${formatCount(after)}`;
  return desktops === null ? transition : `${transition} of ${formatCount(desktops)} desktops`;
}
