import { type Language, say, type UiWord } from '../ui-words.js';
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

/** Users of a spiking group the body names: "Finance: 12 disconnected: alice, bob, chen and 9 more". */
export interface GroupUsers {
  /** The group's name, as the notification's groups carry it. */
  readonly group: string;
  /** The group's disconnected count. */
  readonly disconnected: number;
  /** At most NAMED_USERS distinct users (main/core/engine/disconnected-names.ts); empty: only the count is said. */
  readonly named: readonly string[];
  /** How many more than those named. */
  readonly more: number;
}

/** Most of a spike's sessions reconnected within `minutes`: the recovery says it was a brief interruption. */
export interface QuickReconnect {
  readonly reconnected: number;
  readonly total: number;
  readonly minutes: number;
}

/**
 * What to tell the user; a platform adapter (Electron Notification, CLI line) only renders it. The facts (kind,
 * severity, groups, fleet and the optional notes) are what `notificationText` words in a language; `title` and
 * `body` are that wording in English (the CLI, the spike log and `watch --json` print it).
 */
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
  /** Fleet-only spike: the groups that rose the most without crossing their thresholds, worst first, as named. */
  readonly largestRises?: readonly GroupChange[];
  /** Spike: alerted groups that fell back in the same observation, worst first. */
  readonly recovered?: readonly GroupChange[];
  /** Spike: the users of the spiking groups, worst group first (`withUserNames`). */
  readonly users?: readonly GroupUsers[];
  /** Recovery: most of the spike's sessions came back quickly (`withQuickReconnect`). */
  readonly quickReconnect?: QuickReconnect;
}

/** A notification's facts, before they are worded. */
export type NotificationFacts = Omit<SpikeNotification, 'title' | 'body'>;

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
  if (input.groups.length === 0 && input.fleet === null) return null;
  const largestRises = [...input.largestRises].sort(byWorstChange).slice(0, LISTED_OTHERS);
  const recovered = [...input.recovered].sort(byWorstChange);
  return worded({
    kind: 'spike',
    severity: input.critical ? 'critical' : 'warning',
    at: input.at,
    groups: [...input.groups].sort(byWorstChange),
    fleet: input.fleet,
    ...(largestRises.length > 0 && input.groups.length === 0 ? { largestRises } : {}),
    ...(recovered.length > 0 ? { recovered } : {}),
  });
}

export interface RecoveryNotificationInput {
  readonly at: number;
  readonly groups: readonly GroupChange[];
  readonly fleet: CountChange | null;
}

/** `null` when there is nothing to tell: neither a group nor the fleet. */
export function recoveryNotification(input: RecoveryNotificationInput): SpikeNotification | null {
  if (input.groups.length === 0 && input.fleet === null) return null;
  return worded({ kind: 'recovery', severity: 'warning', at: input.at, groups: [...input.groups].sort(byWorstChange), fleet: input.fleet });
}

/** The facts with their English title and body (the notification's own text; `notificationText` words others). */
function worded(facts: NotificationFacts): SpikeNotification {
  return { ...facts, ...notificationText(facts, 'en') };
}

/**
 * The notification with more to say (its users, a quick reconnect): the facts recorded, the English body extended by
 * their sentences and otherwise left as it was.
 */
export function withNotes(notification: SpikeNotification, notes: Pick<NotificationFacts, 'users' | 'quickReconnect'>): SpikeNotification {
  const added = noteSentences({ kind: notification.kind, ...notes }, 'en');
  if (added.length === 0) return notification;
  return { ...notification, ...notes, body: [notification.body, joined(added, 'en')].join(say('en', 'sentence.separator')) };
}

/** The notification's title and body in `language`, from its facts alone. */
export function notificationText(facts: NotificationFacts, language: Language): { readonly title: string; readonly body: string } {
  const spike = facts.kind === 'spike';
  const worst = facts.groups[0];
  const fleet = facts.fleet;
  const phrase = (word: UiWord, params: Readonly<Record<string, string | number>> = {}): string => say(language, word, params);
  const transitionOf = (change: CountChange): string => formatTransition(change.before, change.after, change.desktops, language);
  const deltaOf = (change: CountChange): string => formatDelta(change.after - change.before, language);
  const rise = (change: GroupChange): string => `${change.name} ${deltaOf(change)}`;
  const fall = (change: GroupChange): string => `${change.name} ${transitionOf({ ...change, desktops: null })}`;
  const listed = (changes: readonly GroupChange[], format: (change: GroupChange) => string): string => {
    const named = changes.slice(0, LISTED_OTHERS).map(format).join(phrase('list.separator'));
    const rest = changes.length - LISTED_OTHERS;
    return rest > 0 ? phrase('list.more', { list: named, count: String(rest) }) : named;
  };
  const said: string[] = [];
  let title: string;
  if (worst !== undefined) {
    title = spike ? phrase('spike.group', { group: worst.name, delta: deltaOf(worst) }) : phrase('recovery.group', { group: worst.name });
    const others = facts.groups.slice(1);
    const lead = transitionOf(worst);
    said.push(
      others.length === 0
        ? lead
        : phrase(others.length === 1 ? 'note.otherGroup' : 'note.otherGroups', { lead, count: String(others.length), list: listed(others, spike ? rise : fall) }),
    );
    if (fleet !== null) said.push(phrase('note.fleet', { transition: transitionOf(fleet) }));
  } else {
    const change = fleet ?? { before: 0, after: 0, desktops: null };
    title = spike ? phrase('spike.fleet', { delta: deltaOf(change) }) : phrase('recovery.fleet');
    const largest = facts.largestRises ?? [];
    const transition = transitionOf(change);
    said.push(spike && largest.length > 0 ? phrase('note.largestRises', { transition, list: largest.map(rise).join(phrase('list.separator')) }) : transition);
  }
  if (spike && facts.recovered !== undefined && facts.recovered.length > 0) said.push(phrase('note.backToNormal', { list: listed(facts.recovered, fall) }));
  return { title, body: joined([...said, ...noteSentences(facts, language)], language) };
}

/** The notes after the changes: a spike's users, a recovery's quick reconnect. */
function noteSentences(facts: Pick<NotificationFacts, 'kind' | 'users' | 'quickReconnect'>, language: Language): string[] {
  if (facts.kind === 'spike') return (facts.users ?? []).map((users) => usersText(users, language));
  const quick = facts.quickReconnect;
  if (quick === undefined) return [];
  const params = { reconnected: String(quick.reconnected), total: String(quick.total), minutes: String(quick.minutes) };
  return [say(language, quick.minutes === 1 ? 'note.quickReconnectMinute' : 'note.quickReconnect', params)];
}

/** Sentences as the language ends and joins them: `A. B.`, `A。B。`. */
function joined(said: readonly string[], language: Language): string {
  return said.map((text) => say(language, 'sentence', { text })).join(say(language, 'sentence.separator'));
}

/** "Finance: 12 disconnected: alice, bob, chen and 9 more", or "Finance: 12 disconnected" without names. */
export function usersText(users: GroupUsers, language: Language): string {
  // Counts as they always were in English: not grouped (a group rarely has a thousand disconnected sessions).
  const head = say(language, 'note.usersCount', { group: users.group, count: String(users.disconnected) });
  if (users.named.length === 0) return head;
  const list = users.named.join(say(language, 'list.separator'));
  return say(language, 'note.usersNamed', { head, names: users.more > 0 ? say(language, 'list.moreUsers', { list, count: String(users.more) }) : list });
}
