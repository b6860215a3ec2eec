// The spike detector as it was before observe() skipped the groups whose count had not moved (main/core/engine/
// spikes.ts, commit b5fc657), kept verbatim but for import paths and names, and for two later fixes that both
// share (a recovery needs the count below the alerted peak; an escalation is reported from the peak at least): the
// property test in spikes-skip.test.ts holds the current detector to exactly this one's notifications and state.
// Disconnected-spike detection (issue 4): the rules and their defaults are documented on `SpikeConfigSchema`.
// Decisions beyond them: a spike and a recovery in the same observation make one spike notification whose body
// mentions the recovery; a recovery notification's `before` is the level that was alerted (for a spike it is the
// baseline); while snoozed or disabled the detector judges as usual but says nothing, and a spike it did not
// announce is not followed by a recovery notice either.
import type { Counts, GroupStatus } from '../../../../main/core/api/fields.js';
import { desktopCount } from '../../../../main/core/engine/desktops.js';
import { MinWindow } from '../../../../main/core/engine/min-window.js';
import {
  byWorstChange,
  recoveryNotification,
  spikeNotification,
  type CountChange,
  type GroupChange,
  type SpikeNotification,
} from '../../../../main/core/engine/notification.js';
import type { SpikeConfig } from '../../../../main/core/engine/spike-config.js';


/** One poll's worth of data; `at` comes from the caller's clock, the detector never reads one. */
interface SpikeObservation {
  readonly at: number;
  readonly groups: readonly GroupStatus[];
  readonly totals: Counts;
}

interface Thresholds {
  readonly minRise: number;
  readonly minShare: number;
}

interface Timing {
  readonly windowMs: number;
  readonly cooldownMs: number;
}

const MINUTE = 60_000;
/** Shares are products of floats (0.2 × 120): compare with some slack so 24 clears 24.000000000000004. */
const SLACK = 1e-9;

/** A rise counts only if it clears BOTH the absolute and the relative threshold. */
function clears(rise: number, desktops: number | null, thresholds: Thresholds): boolean {
  return rise >= thresholds.minRise && (desktops === null || rise >= thresholds.minShare * desktops - SLACK);
}

/** Critical: the rise clears twice both thresholds, or half of the group's desktops dropped. */
function isCritical(rise: number, desktops: number | null, thresholds: Thresholds): boolean {
  const doubled = { minRise: 2 * thresholds.minRise, minShare: 2 * thresholds.minShare };
  return clears(rise, desktops, doubled) || (desktops !== null && desktops > 0 && 2 * rise >= desktops);
}

/** "Back near the baseline": within half of the rise that would have alerted. */
function recoveryMargin(desktops: number | null, thresholds: Thresholds): number {
  return Math.max(thresholds.minRise, desktops === null ? 0 : thresholds.minShare * desktops) / 2;
}

interface Alert {
  /** Until then only an escalation alerts again; a repeat of the same spike pushes it further. */
  quietUntil: number;
  /** Where the series stood before the spike (normalized, see `DisconnectedSeries.offset`). */
  baseline: number;
  /** The value last alerted (normalized); an escalation must clear the thresholds above it. */
  peak: number;
  /** False when the spike came while snoozed: its recovery is not announced either. */
  announced: boolean;
  recovered: boolean;
}

type Verdict =
  | { readonly kind: 'none' }
  /** No alert, but above the window's baseline (from `risenFrom`): it may name a contributor to a fleet spike. */
  | { readonly kind: 'above' }
  | { readonly kind: 'spike'; readonly change: CountChange; readonly critical: boolean }
  | { readonly kind: 'recovery'; readonly change: CountChange };

// Shared: the verdicts of most groups on most polls carry nothing of their own, so they allocate nothing.
const NO_CHANGE: Verdict = { kind: 'none' };
const ABOVE_BASELINE: Verdict = { kind: 'above' };

/** The disconnected count of one group, or of the fleet, with its baseline window and alert state. */
class DisconnectedSeries {
  private readonly window = new MinWindow();
  /**
   * Added to every stored value, so the whole history can shift in O(1). Only the fleet uses it: when a group
   * appears (or vanishes) its sessions join (or leave) the totals without anyone disconnecting, and the fleet's
   * baseline shifts with them instead of reading the new group as a storm.
   */
  private offset = 0;
  private alert: Alert | null = null;
  /** Observation sequence number and time this group was last present, and its count then (null: unknown). */
  seenIn = -1;
  seenAt = Number.NEGATIVE_INFINITY;
  lastValue: number | null = null;
  /** After an `above` verdict: the baseline (denormalized) the value rose from. */
  risenFrom = 0;

  shift(delta: number): void {
    this.offset += delta;
  }

  /** How far above its baseline an alert that has not recovered yet took the series; null without one. */
  activeRise(): number | null {
    return this.alert !== null && !this.alert.recovered ? this.alert.peak - this.alert.baseline : null;
  }

  evaluate(at: number, value: number, desktops: number | null, thresholds: Thresholds, timing: Timing, announce: boolean, recoveryNotice: boolean): Verdict {
    this.window.evictBefore(at - timing.windowMs);
    const baseline = this.window.min();
    const current = value - this.offset;
    this.window.push(at, current);
    if (baseline === undefined) {
      // A first sight, or back after a gap longer than the window: this sample is the new baseline.
      this.alert = null;
      return NO_CHANGE;
    }

    let alert = this.alert;
    if (alert !== null && alert.recovered && at >= alert.quietUntil) alert = this.alert = null;
    const spiking = clears(current - baseline, desktops, thresholds);
    const quiet = alert !== null && at < alert.quietUntil;
    const escalating = alert !== null && clears(current - alert.peak, desktops, thresholds);

    if (quiet ? escalating : spiking) {
      // Report the rise from before the storm, not from a baseline that has already crept up during it.
      const fromStorm = alert !== null && !alert.recovered ? Math.min(baseline, alert.baseline) : baseline;
      // An escalation is judged from the last alerted peak: report at least that rise (the baseline may be above it).
      const before = quiet && alert !== null ? Math.min(fromStorm, alert.peak) : fromStorm;
      this.alert = { quietUntil: at + timing.cooldownMs, baseline: before, peak: current, announced: announce, recovered: false };
      return {
        kind: 'spike',
        change: { before: before + this.offset, after: value, desktops },
        critical: isCritical(current - before, desktops, thresholds),
      };
    }
    if (alert !== null && spiking) {
      // The same spike again (flapping): stay quiet, and keep quiet for as long as it keeps flapping.
      alert.quietUntil = at + timing.cooldownMs;
    } else if (alert !== null && !alert.recovered && current < alert.peak && current - alert.baseline <= recoveryMargin(desktops, thresholds)) {
      alert.recovered = true;
      if (alert.announced && recoveryNotice) {
        return { kind: 'recovery', change: { before: alert.peak + this.offset, after: value, desktops } };
      }
    }
    if (current <= baseline) return NO_CHANGE;
    this.risenFrom = baseline + this.offset;
    return ABOVE_BASELINE;
  }
}

/** How many groups a fleet-only notification names as the largest contributors. */
const LARGEST_RISES = 3;

/**
 * Watches disconnected sessions per group and fleet-wide and decides when to tell the user: at most one
 * notification per observation. Pure: everything it knows comes through `observe`, time included.
 */
export class ReferenceSpikeDetector {
  private config: SpikeConfig;
  private groups = new Map<string, DisconnectedSeries>();
  private fleet = new DisconnectedSeries();
  private observations = 0;
  private lastAt: number | null = null;
  private snoozeUntil: number | null = null;

  constructor(config: SpikeConfig) {
    this.config = config;
  }

  /** New settings apply from the next observation; the baselines gathered so far are kept. */
  configure(config: SpikeConfig): void {
    this.config = config;
  }

  /** No notification for observations before `until`; baselines and alert states keep tracking meanwhile. */
  snooze(until: number): void {
    this.snoozeUntil = until;
  }

  cancelSnooze(): void {
    this.snoozeUntil = null;
  }

  /** When the current snooze ends, or null; it may already be in the past (the detector has no clock). */
  get snoozedUntil(): number | null {
    return this.snoozeUntil;
  }

  /** Forgets every baseline and alert: the next observation is a silent baseline again. */
  reset(): void {
    this.groups = new Map();
    this.fleet = new DisconnectedSeries();
    this.lastAt = null;
  }

  /**
   * The alerts that have not recovered yet: group keys, largest rise first, and whether the fleet has one. Alerts
   * raised while snoozed count too: snoozing silences notifications, not the state a window shows.
   */
  activeAlerts(): { readonly groupKeys: string[]; readonly fleet: boolean } {
    const rising: { key: string; rise: number }[] = [];
    for (const [key, series] of this.groups) {
      const rise = series.activeRise();
      if (rise !== null) rising.push({ key, rise });
    }
    rising.sort((a, b) => b.rise - a.rise || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { groupKeys: rising.map((entry) => entry.key), fleet: this.fleet.activeRise() !== null };
  }

  observe(observation: SpikeObservation): SpikeNotification | null {
    const { at } = observation;
    // A clock set back would leave "future" samples in every window: start over rather than misjudge.
    if (this.lastAt !== null && at < this.lastAt) this.reset();
    this.lastAt = at;
    const sequence = ++this.observations;
    const config = this.config;
    const timing: Timing = { windowMs: config.baselineWindowMinutes * MINUTE, cooldownMs: config.cooldownMinutes * MINUTE };
    const groupThresholds: Thresholds = { minRise: config.groupMinRise, minShare: config.groupMinShare };
    const fleetThresholds: Thresholds = { minRise: config.fleetMinRise, minShare: config.fleetMinShare };
    const announce = config.enabled && (this.snoozeUntil === null || at >= this.snoozeUntil);

    const spikes: GroupChange[] = [];
    const recoveries: GroupChange[] = [];
    const largestRises: GroupChange[] = [];
    let critical = false;
    let membershipShift = 0;
    /** Tracked groups present in this observation. */
    let seen = 0;

    for (const group of observation.groups) {
      // Tracked by the key the parser gave it (unique within a snapshot, stable across polls: see group-keys.ts).
      const key = group.key;
      let series = this.groups.get(key);
      if (series === undefined) this.groups.set(key, (series = new DisconnectedSeries()));
      // A key repeated within one observation is a caller's bug; counting the group twice would corrupt the fleet.
      if (series.seenIn === sequence) continue;
      const value = group.disconnected_num;
      const contributedBefore = series.seenIn === sequence - 1 && series.lastValue !== null;
      if (contributedBefore && value === null) membershipShift -= series.lastValue ?? 0;
      if (!contributedBefore && value !== null) membershipShift += value;
      series.seenIn = sequence;
      series.seenAt = at;
      series.lastValue = value;
      if (value === null) {
        seen++;
        continue; // an unknown count can't spike
      }

      const desktops = desktopCount(group);
      const verdict = series.evaluate(at, value, desktops, groupThresholds, timing, announce, config.recoveryNotice);
      if (verdict.kind === 'spike') {
        spikes.push({ key, name: key, ...verdict.change });
        critical ||= verdict.critical;
      } else if (verdict.kind === 'recovery') {
        recoveries.push({ key, name: key, ...verdict.change });
      } else if (verdict.kind === 'above') {
        keepLargest(largestRises, key, series.risenFrom, value, desktops);
      }
      seen++;
    }

    // Only groups not in this observation need a look: skipped when every tracked group was in it (the usual poll).
    if (seen !== this.groups.size) {
      this.groups.forEach((series, key) => {
        if (series.seenIn === sequence) return;
        if (series.seenIn === sequence - 1 && series.lastValue !== null) membershipShift -= series.lastValue;
        if (series.seenAt < at - timing.windowMs) this.groups.delete(key);
      });
    }

    this.fleet.shift(membershipShift);
    const fleetValue = observation.totals.disconnected_num;
    const fleetVerdict: Verdict =
      fleetValue === null
        ? NO_CHANGE
        : this.fleet.evaluate(at, fleetValue, desktopCount(observation.totals), fleetThresholds, timing, announce, config.recoveryNotice);
    if (fleetVerdict.kind === 'spike') critical ||= fleetVerdict.critical;

    if (!announce) return null;
    const fleetSpike = fleetVerdict.kind === 'spike' ? fleetVerdict.change : null;
    if (spikes.length > 0 || fleetSpike !== null) {
      return spikeNotification({ at, critical, groups: spikes, fleet: fleetSpike, largestRises, recovered: recoveries });
    }
    const fleetRecovery = fleetVerdict.kind === 'recovery' ? fleetVerdict.change : null;
    return recoveryNotification({ at, groups: recoveries, fleet: fleetRecovery });
  }
}

/** Keeps the few largest rises, worst first, without sorting every group (nor allocating for most of them). */
function keepLargest(largest: GroupChange[], key: string, before: number, after: number, desktops: number | null): void {
  const last = largest[largest.length - 1];
  if (largest.length >= LARGEST_RISES && last !== undefined) {
    // byWorstChange ranks by magnitude first: a smaller rise than the last kept one is out without building it.
    if (Math.abs(after - before) < Math.abs(last.after - last.before)) return;
    const candidate: GroupChange = { key, name: key, before, after, desktops };
    if (byWorstChange(candidate, last) >= 0) return;
    largest.push(candidate);
  } else {
    largest.push({ key, name: key, before, after, desktops });
  }
  largest.sort(byWorstChange);
  if (largest.length > LARGEST_RISES) largest.pop();
}
