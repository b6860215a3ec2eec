// The quick-reconnect rule (as VDI consoles' alert persistence): when most of a spike's desktops reconnect within
// `notifications.holdForReconnectMinutes`, the recovery notice says so; and a WARNING spike can be held that long
// first and dropped when most of its desktops came back meanwhile. Critical spikes are never held. Pure: the
// caller passes the time and the desktops it looked up (once at the spike, once when the hold ends).
import { type SpikeNotification, withNotes } from './notification.js';

/** "Most": more than half of the spike's desktops. */
export const MOST = 0.5;
/** The window the recovery wording uses when no hold is configured (0 minutes): "a few minutes". */
export const DEFAULT_QUICK_RECONNECT_MINUTES = 5;

const MINUTE = 60_000;

export interface SpikeDesktops {
  /** When the spike fired. */
  readonly at: number;
  /** The desktops disconnected in the spiking groups when it fired (ids). */
  readonly desktopIds: ReadonlySet<string>;
}

/** Of the spike's desktops, how many are no longer disconnected. */
export function reconnectedCount(spike: SpikeDesktops, stillDisconnected: ReadonlySet<string>): number {
  let reconnected = 0;
  for (const id of spike.desktopIds) if (!stillDisconnected.has(id)) reconnected++;
  return reconnected;
}

export function mostReconnected(spike: SpikeDesktops, stillDisconnected: ReadonlySet<string>): boolean {
  return spike.desktopIds.size > 0 && reconnectedCount(spike, stillDisconnected) > MOST * spike.desktopIds.size;
}

/** Whether a spike notification waits `holdMinutes` before it is shown. */
export function shouldHold(notification: SpikeNotification, holdMinutes: number): boolean {
  return notification.kind === 'spike' && notification.severity === 'warning' && holdMinutes > 0;
}

export type HoldOutcome =
  /** Still within the hold and not most back yet: look again later (at `until`). */
  | { readonly kind: 'wait'; readonly until: number }
  /** The hold ended and the desktops are still out: show the spike now. */
  | { readonly kind: 'notify'; readonly notification: SpikeNotification }
  /** Most came back within the hold: nothing to show (a blip). `reconnected` of `total` for the log and the app. */
  | { readonly kind: 'drop'; readonly reconnected: number; readonly total: number };

/** What becomes of a held spike, given who is still disconnected now. */
export function heldSpikeOutcome(notification: SpikeNotification, spike: SpikeDesktops, stillDisconnected: ReadonlySet<string>, holdMinutes: number, now: number): HoldOutcome {
  if (mostReconnected(spike, stillDisconnected)) {
    return { kind: 'drop', reconnected: reconnectedCount(spike, stillDisconnected), total: spike.desktopIds.size };
  }
  const until = spike.at + holdMinutes * MINUTE;
  return now < until ? { kind: 'wait', until } : { kind: 'notify', notification };
}

/**
 * The recovery notice, saying so when most of the spike's desktops reconnected within the window (the hold, or a
 * few minutes without one): "38 of 40 sessions reconnected within 5 minutes: a brief interruption."
 * Unchanged otherwise.
 */
export function withQuickReconnect(recovery: SpikeNotification, spike: SpikeDesktops | null, stillDisconnected: ReadonlySet<string>, holdMinutes: number): SpikeNotification {
  if (recovery.kind !== 'recovery' || spike === null) return recovery;
  const minutes = holdMinutes > 0 ? holdMinutes : DEFAULT_QUICK_RECONNECT_MINUTES;
  if (recovery.at - spike.at > minutes * MINUTE || !mostReconnected(spike, stillDisconnected)) return recovery;
  return withNotes(recovery, { quickReconnect: { reconnected: reconnectedCount(spike, stillDisconnected), total: spike.desktopIds.size, minutes } });
}
