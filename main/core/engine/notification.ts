import { formatDelta, formatTransition } from './count-format.js';

/** A count of disconnected sessions before and after, with the size of the group (or fleet) it belongs to. */
export interface CountChange {
  /** For a spike: the baseline. For a recovery: the level that was alerted. */
  readonly before: number;
  /** The current count. */
  readonly after: number;
  readonly desktops: number | null;
}

export interface GroupChange extends CountChange {
  /** The group's stable key (`GroupStatus.key`): what a click on the notification drills down to. */
  readonly key: string;
  /** What the text calls the group: its key, which is its name unless unnamed or repeated. */
  readonly name: string;
}

/** What to tell the user; a platform adapter (Electron Notification, CLI line) only renders it. */
export interface SpikeNotification {
  readonly kind: 'spike' | 'recovery';
  /** Recoveries are always `warning`: the union has no milder level and `kind` already tells them apart. */
  readonly severity: 'warning' | 'critical';
  readonly title: string;
  readonly body: string;
  readonly at: number;
  /** Worst first: the one the title names. Empty for a fleet-only notification. */
  readonly groups: readonly GroupChange[];
  /** The fleet-wide change, when the fleet itself spiked (or recovered) in this observation. */
  readonly fleet: CountChange | null;
}

/** How many other groups the body lists by name before summing up the rest. */
const LISTED_OTHERS = 3;

const share = (change: CountChange): number =>
  change.desktops !== null && change.desktops > 0 ? Math.abs(change.after - change.before) / change.desktops : 0;

/** Worst first: the largest change, then the largest share of the group's desktops, then by name (stable output). */
export function byWorstChange(a: GroupChange, b: GroupChange): number {
  const magnitude = Math.abs(b.after - b.before) - Math.abs(a.after - a.before);
  if (magnitude !== 0) return magnitude;
  const shares = share(b) - share(a);
  if (shares !== 0) return shares;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface SpikeNotificationInput {
  readonly at: number;
  readonly critical: boolean;
  readonly groups: readonly GroupChange[];
  readonly fleet: CountChange | null;
  /** Groups that rose the most without crossing their own thresholds, named when only the fleet spiked. */
  readonly largestRises: readonly GroupChange[];
  /** Alerted groups that fell back in the same observation: a spike wins, so they are only mentioned. */
  readonly recovered: readonly GroupChange[];
}

/** `null` when there is nothing to tell: neither a group nor the fleet. */
export function spikeNotification(input: SpikeNotificationInput): SpikeNotification | null {
  const groups = [...input.groups].sort(byWorstChange);
  const worst = groups[0];
  const sentences: string[] = [];
  let title: string;
  if (worst !== undefined) {
    title = `Disconnected sessions spiked in ${worst.name} (${formatDelta(worst.after - worst.before)})`;
    sentences.push(withOthers(formatTransition(worst.before, worst.after, worst.desktops), groups.slice(1), formatRise));
    if (input.fleet !== null) sentences.push(`Fleet: ${transitionOf(input.fleet)}`);
  } else if (input.fleet !== null) {
    title = `Disconnected sessions spiked across the fleet (${formatDelta(input.fleet.after - input.fleet.before)})`;
    const largest = [...input.largestRises].sort(byWorstChange).slice(0, LISTED_OTHERS);
    const named = largest.length > 0 ? `; largest group rises: ${largest.map(formatRise).join(', ')}` : '';
    sentences.push(`${transitionOf(input.fleet)}${named}`);
  } else {
    return null;
  }
  if (input.recovered.length > 0) {
    const recovered = [...input.recovered].sort(byWorstChange);
    sentences.push(`Back to normal: ${listed(recovered, formatFall)}`);
  }
  return {
    kind: 'spike',
    severity: input.critical ? 'critical' : 'warning',
    title,
    body: sentences.map((sentence) => `${sentence}.`).join(' '),
    at: input.at,
    groups,
    fleet: input.fleet,
  };
}

export interface RecoveryNotificationInput {
  readonly at: number;
  readonly groups: readonly GroupChange[];
  readonly fleet: CountChange | null;
}

/** `null` when there is nothing to tell: neither a group nor the fleet. */
export function recoveryNotification(input: RecoveryNotificationInput): SpikeNotification | null {
  const groups = [...input.groups].sort(byWorstChange);
  const worst = groups[0];
  const sentences: string[] = [];
  let title: string;
  if (worst !== undefined) {
    title = `Disconnected sessions back to normal in ${worst.name}`;
    sentences.push(withOthers(formatTransition(worst.before, worst.after, worst.desktops), groups.slice(1), formatFall));
    if (input.fleet !== null) sentences.push(`Fleet: ${transitionOf(input.fleet)}`);
  } else if (input.fleet !== null) {
    title = 'Disconnected sessions back to normal across the fleet';
    sentences.push(transitionOf(input.fleet));
  } else {
    return null;
  }
  return {
    kind: 'recovery',
    severity: 'warning',
    title,
    body: sentences.map((sentence) => `${sentence}.`).join(' '),
    at: input.at,
    groups,
    fleet: input.fleet,
  };
}

const transitionOf = (change: CountChange): string => formatTransition(change.before, change.after, change.desktops);
const formatRise = (change: GroupChange): string => `${change.name} ${formatDelta(change.after - change.before)}`;
const formatFall = (change: GroupChange): string => `${change.name} ${transitionOf({ ...change, desktops: null })}`;

function withOthers(lead: string, others: readonly GroupChange[], format: (change: GroupChange) => string): string {
  if (others.length === 0) return lead;
  const noun = others.length === 1 ? 'other group' : 'other groups';
  return `${lead}; also ${others.length} ${noun}: ${listed(others, format)}`;
}

function listed(changes: readonly GroupChange[], format: (change: GroupChange) => string): string {
  const named = changes.slice(0, LISTED_OTHERS).map(format).join(', ');
  const rest = changes.length - LISTED_OTHERS;
  return rest > 0 ? `${named} and ${rest} more` : named;
}
