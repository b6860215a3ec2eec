// Disconnected-spike detection (issue 4): the rules and their defaults are documented on `SpikeConfigSchema`.
// Decisions beyond them: a spike and a recovery in the same observation make one spike notification whose body
// mentions the recovery; a recovery notification's `before` is the level that was alerted (for a spike it is the
// baseline); while snoozed or disabled the detector judges as usual but says nothing, and a spike it did not
// announce is not followed by a recovery notice either.
import type { Counts, GroupStatus } from '../api/fields.js';
import { desktopCount } from './desktops.js';
import { MinWindow } from './min-window.js';
import {
  byWorstChange,
  recoveryNotification,
  spikeNotification,
  type CountChange,
  type GroupChange,
  type SpikeNotification,
} from './notification.js';
import type { SpikeConfig } from './spike-config.js';

export type { CountChange, GroupChange, SpikeNotification } from './notification.js';

/** One poll's worth of data; `at` comes from the caller's clock, the detector never reads one. */
export interface SpikeObservation {
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
  constructor(readonly key: string) {}
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
  /**
   * The inputs of the last full evaluation, when it found the value at or below its baseline (or took a first
   * baseline): then `settledValue` is that value, otherwise NaN. See `settled`.
   */
  private settledValue = Number.NaN;
  private lastDesktops: number | null = null;
  private lastThresholds: Thresholds | null = null;

  /**
   * Whether a full evaluation of `current` (normalized) now would change nothing but the time of the window's one
   * sample, and say `none`: most groups on most polls are in this state, so their evaluation is skipped.
   *
   * Why that holds: the last full evaluation E saw this same value with the same desktops and thresholds, and
   * found it at or below its baseline, which left `current` as the window's only sample; the evaluations skipped
   * since only renewed that sample's time. Now that sample is still within the window, so the baseline is
   * `current` and the rise 0, which clears no threshold (`minRise` ≥ 1): no spike from the baseline, no flapping,
   * and nothing above the baseline. E's rise was at most 0 too, so E did not flap either: it either spiked on an
   * escalation (then the peak is `current` and a rise of 0 over it is no escalation) or tested escalation (when in
   * the cooldown; the cooldown only moves on a spike or a flap, so it is not in it now unless E was) and recovery
   * with exactly the inputs of now, and took what they gave. A recovered alert whose cooldown has passed is dropped
   * by the next full evaluation instead: that changes no verdict, nor `activeRise`, which ignores it.
   * The property test in spikes-skip.test.ts holds the detector to the one that evaluated every group every time.
   */
  private settled(at: number, current: number, desktops: number | null, thresholds: Thresholds, timing: Timing): boolean {
    return (
      current === this.settledValue &&
      desktops === this.lastDesktops &&
      thresholds === this.lastThresholds &&
      thresholds.minRise > 0 &&
      (this.window.oldestAt() as number) >= at - timing.windowMs
    );
  }

  shift(delta: number): void {
    this.offset += delta;
  }

  /** How far above its baseline an alert that has not recovered yet took the series; null without one. */
  activeRise(): number | null {
    return this.alert !== null && !this.alert.recovered ? this.alert.peak - this.alert.baseline : null;
  }

  evaluate(at: number, value: number, desktops: number | null, thresholds: Thresholds, timing: Timing, announce: boolean, recoveryNotice: boolean): Verdict {
    const current = value - this.offset;
    if (this.settled(at, current, desktops, thresholds, timing)) {
      this.window.renewNewest(at);
      return NO_CHANGE;
    }
    this.lastDesktops = desktops;
    this.lastThresholds = thresholds;
    this.window.evictBefore(at - timing.windowMs);
    const baseline = this.window.min();
    this.window.push(at, current);
    this.settledValue = baseline === undefined || current <= baseline ? current : Number.NaN;
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
      // Below the peak too: a group that grew (more desktops, so a wider margin) with the same count has not recovered.
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

/** The fleet's series is not in the map of groups; its key is only a label. */
const FLEET_SERIES_KEY = '';

/** How many groups a fleet-only notification names as the largest contributors. */
const LARGEST_RISES = 3;

/**
 * Watches disconnected sessions per group and fleet-wide and decides when to tell the user: at most one
 * notification per observation. Pure: everything it knows comes through `observe`, time included.
 */
export class SpikeDetector {
  private config: SpikeConfig;
  private groups = new Map<string, DisconnectedSeries>();
  /**
   * The series of each place in the last observation's group list (a hint, checked against the key). It holds
   * only series of that observation, so a series forgotten since (absent, thus not in it) is never hinted.
   */
  private order: DisconnectedSeries[] = [];
  private fleet = new DisconnectedSeries(FLEET_SERIES_KEY);
  private observations = 0;
  private lastAt: number | null = null;
  private snoozeUntil: number | null = null;

  /** Derived from `config` once per configuration: a series compares them by identity (see `settled`). */
  private groupThresholds: Thresholds;
  private fleetThresholds: Thresholds;

  constructor(config: SpikeConfig) {
    this.config = config;
    this.groupThresholds = { minRise: config.groupMinRise, minShare: config.groupMinShare };
    this.fleetThresholds = { minRise: config.fleetMinRise, minShare: config.fleetMinShare };
  }

  /** New settings apply from the next observation; the baselines gathered so far are kept. */
  configure(config: SpikeConfig): void {
    this.config = config;
    this.groupThresholds = { minRise: config.groupMinRise, minShare: config.groupMinShare };
    this.fleetThresholds = { minRise: config.fleetMinRise, minShare: config.fleetMinShare };
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
    this.order = [];
    this.fleet = new DisconnectedSeries(FLEET_SERIES_KEY);
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
    const groupThresholds = this.groupThresholds;
    const fleetThresholds = this.fleetThresholds;
    const announce = config.enabled && (this.snoozeUntil === null || at >= this.snoozeUntil);

    const spikes: GroupChange[] = [];
    const recoveries: GroupChange[] = [];
    const largestRises: GroupChange[] = [];
    let critical = false;
    let membershipShift = 0;
    /** Tracked groups present in this observation. */
    let seen = 0;

    const groups = observation.groups;
    const order = this.order;
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index] as GroupStatus;
      // Tracked by the key the parser gave it (unique within a snapshot, stable across polls: see group-keys.ts).
      // Groups come in the same order poll after poll: the series at the same place last time is tried first.
      const key = group.key;
      let series = order[index];
      if (series === undefined || series.key !== key) {
        series = this.groups.get(key);
        if (series === undefined) this.groups.set(key, (series = new DisconnectedSeries(key)));
        order[index] = series;
      }
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

    if (order.length > groups.length) order.length = groups.length;

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

/**
 * How a disconnected count stands against the alert thresholds as a level, without history: what a spike from none
 * would be (`status` tints its disconnected column with it). `group` uses the per-group thresholds, `fleet` the
 * fleet-wide ones; the same warning and critical rules as the detector's.
 */
export function disconnectedLevel(
  disconnected: number | null,
  desktops: number | null,
  config: Pick<SpikeConfig, 'groupMinRise' | 'groupMinShare' | 'fleetMinRise' | 'fleetMinShare'>,
  scope: 'group' | 'fleet',
): 'none' | 'warning' | 'critical' {
  if (disconnected === null) return 'none';
  const thresholds: Thresholds =
    scope === 'group' ? { minRise: config.groupMinRise, minShare: config.groupMinShare } : { minRise: config.fleetMinRise, minShare: config.fleetMinShare };
  if (!clears(disconnected, desktops, thresholds)) return 'none';
  return isCritical(disconnected, desktops, thresholds) ? 'critical' : 'warning';
}
