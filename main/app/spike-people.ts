// The people behind a spike, for one account: when a spike fires, one look-up of the disconnected desktops
// (rate-limited by the account's DisconnectedLookup, so never more than one per look interval) names the users of
// the spiking groups and remembers which desktops dropped; a warning spike may be held for
// `notifications.holdForReconnectMinutes` and dropped when most of them reconnect meanwhile (criticals never
// wait); the recovery notice says when most came back quickly. The lists are never fetched on a plain poll.
import { groupIndex, usersByGroup } from '../core/desktops/group-of.js';
import { withUserNames } from '../core/engine/disconnected-names.js';
import type { SpikeNotification } from '../core/engine/notification.js';
import { heldSpikeOutcome, shouldHold, withQuickReconnect, type SpikeDesktops } from '../core/engine/quick-reconnect.js';
import type { CancelTimer, Clock } from '../core/ports.js';
import type { DisconnectedLookup, LookupAnswer } from './disconnected-lookup.js';

export interface NotificationSettings {
  readonly showUserNames: boolean;
  readonly holdForReconnectMinutes: number;
}

/** A spike or recovery ready to show, with the users of its groups (for the app and `watch --json`; personal data). */
export interface NamedNotification {
  readonly notification: SpikeNotification;
  /** Users of each spiking group, by the group name the notification uses; empty when unknown or a recovery. */
  readonly users: ReadonlyMap<string, readonly string[]>;
}

export type NamedNotificationListener = (named: NamedNotification) => void;

export interface SpikePeopleDeps {
  readonly lookup: Pick<DisconnectedLookup, 'look'>;
  readonly clock: Clock;
  readonly settings: () => NotificationSettings;
  /** The group names of the latest snapshot: desktops are attributed to groups by name. */
  readonly groupNames: () => readonly string[];
  /** Where ready notifications go (at once, or when a hold ends). */
  readonly deliver: NamedNotificationListener;
  /** A failed look-up is not a failed notification: it goes out without names, and this hears why. */
  readonly onLookupError?: (message: string) => void;
}

const MINUTE = 60_000;

export class SpikePeople {
  private lastSpike: SpikeDesktops | null = null;
  private held: { readonly notification: SpikeNotification; readonly spike: SpikeDesktops; readonly cancel: CancelTimer } | null = null;
  /** Handled one after another, so a recovery never overtakes the spike it follows. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SpikePeopleDeps) {}

  /** Takes the detector's notification; `deliver` is called once it is ready (or never, for a dropped blip). */
  handle(notification: SpikeNotification): Promise<void> {
    this.queue = this.queue.then(() => (notification.kind === 'spike' ? this.spike(notification) : this.recovery(notification)));
    return this.queue;
  }

  /** Cancels a hold in progress (the account stops); a held spike is then delivered as it is, not lost. */
  stop(): void {
    const held = this.held;
    if (held === null) return;
    held.cancel();
    this.held = null;
    this.deps.deliver({ notification: held.notification, users: new Map() });
  }

  private async spike(notification: SpikeNotification): Promise<void> {
    const answer = await this.look();
    const spikingGroups = new Set(notification.groups.map((group) => group.name));
    const groupNames = this.deps.groupNames();
    // Newest first: the people the spike just dropped, before those who have been away for hours.
    const spikeRows = answer === null ? [] : answer.rows.filter(inGroups(spikingGroups, groupNames)).reverse();
    const spikeUsers = usersByGroup(spikeRows, groupNames);
    const desktopIds = new Set(spikeRows.flatMap((row) => (row.desktopId === null ? [] : [row.desktopId])));
    const spike: SpikeDesktops = { at: notification.at, desktopIds };
    this.lastSpike = spike;
    const settings = this.deps.settings();
    const named = { notification: withUserNames(notification, spikeUsers, settings.showUserNames), users: spikeUsers };
    if (!shouldHold(notification, settings.holdForReconnectMinutes) || desktopIds.size === 0) {
      this.deps.deliver(named);
      return;
    }
    this.held?.cancel();
    const delay = Math.max(0, notification.at + settings.holdForReconnectMinutes * MINUTE - this.deps.clock.now());
    const cancel = this.deps.clock.schedule(() => void (this.queue = this.queue.then(() => this.endHold(named))), delay);
    this.held = { notification: named.notification, spike, cancel };
  }

  private async endHold(named: NamedNotification): Promise<void> {
    const held = this.held;
    if (held === null || held.notification !== named.notification) return;
    this.held = null;
    const answer = await this.look();
    const still = new Set(answer?.rows.flatMap((row) => (row.desktopId === null ? [] : [row.desktopId])) ?? held.spike.desktopIds);
    const outcome = heldSpikeOutcome(named.notification, held.spike, still, this.deps.settings().holdForReconnectMinutes, this.deps.clock.now());
    // 'wait' cannot come back: the hold has ended by the clock that scheduled it.
    if (outcome.kind !== 'drop') this.deps.deliver(named);
  }

  private async recovery(notification: SpikeNotification): Promise<void> {
    const spike = this.lastSpike;
    if (spike === null || spike.desktopIds.size === 0) {
      this.deps.deliver({ notification, users: new Map() });
      return;
    }
    const answer = await this.look();
    const still = new Set(answer?.rows.flatMap((row) => (row.desktopId === null ? [] : [row.desktopId])) ?? spike.desktopIds);
    this.deps.deliver({ notification: withQuickReconnect(notification, spike, still, this.deps.settings().holdForReconnectMinutes), users: new Map() });
  }

  private async look(): Promise<LookupAnswer | null> {
    const answer = await this.deps.lookup.look({ state: 'disconnected' });
    if (answer.ok) return answer.value;
    this.deps.onLookupError?.(answer.error.message);
    return null;
  }
}

/** Rows of desktops in the given groups (a fleet-only spike has none: nobody is named, nothing is held). */
function inGroups(groups: ReadonlySet<string>, groupNames: readonly string[]): (row: { readonly desktopName: string | null }) => boolean {
  const groupOf = groupIndex(groupNames);
  return (row) => {
    const group = groupOf(row.desktopName);
    return group !== null && groups.has(group);
  };
}
