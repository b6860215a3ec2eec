import { z } from 'zod';

/**
 * When a rise of disconnected sessions is worth a notification (the rules live in `spikes.ts`; defaults here are
 * the ones the README documents).
 *
 * - A spike is a rise of `disconnected_num` over its baseline, the lowest value of the last
 *   `baselineWindowMinutes` (default 10), that clears BOTH the absolute and the relative threshold: per group at
 *   least 5 sessions and 20 % of the group's desktops; fleet-wide at least 25 sessions and 10 % of all desktops.
 *   So 1 → 2 in a small group stays quiet, and so does end-of-day growth slower than a fifth of a group (a tenth
 *   of the fleet) per 10 minutes: half of everyone drifting off over an hour is 8 % per 10 minutes.
 *   A group's desktops are the sum of a count family (login, else power or assignment when counts are missing).
 * - The first observation of a group (or of one back after more than a window away) is a silent baseline.
 * - Critical rather than warning: the rise clears twice both thresholds, or is at least half of the desktops.
 * - After an alert a group (or the fleet) is quiet for `cooldownMinutes` (default 30), extended while the same
 *   spike keeps recurring (flapping), unless it escalates: rises by both thresholds above the value last alerted.
 * - Recovery (`recoveryNotice`, default on): once per alert, when the count falls back within half the alerting
 *   rise (max of the absolute and relative threshold, halved) above the pre-spike baseline.
 * - At most one notification per observation; spikes are coalesced and name the worst (largest rise, then share).
 */
export const SpikeConfigSchema = z.object({
  /** Off: the detector keeps tracking (so turning it on does not fire at once) but never notifies. */
  enabled: z.boolean().default(true),
  /** Minimum rise of a group's disconnected count over its baseline, in sessions. Default 5. */
  groupMinRise: z.int().min(1).max(1_000_000).default(5),
  /** Minimum rise as a share of the group's desktops (0.2 = 20 %). Default 0.2. */
  groupMinShare: z.number().min(0).max(1).default(0.2),
  /** The same pair for the whole fleet (the totals), which catches a storm spread thinly over many groups. Default 25. */
  fleetMinRise: z.int().min(1).max(10_000_000).default(25),
  /** Share of all desktops in the fleet. Default 0.1 (10 %): lower would read a fleet-wide end of day as a storm. */
  fleetMinShare: z.number().min(0).max(1).default(0.1),
  /** The baseline is the lowest value seen in this window; a group unseen for longer is forgotten. Default 10. */
  baselineWindowMinutes: z.int().min(1).max(24 * 60).default(10),
  /** After an alert, a group (or the fleet) stays quiet this long unless it escalates further. Default 30. */
  cooldownMinutes: z.int().min(0).max(24 * 60).default(30),
  /** Announce (once) when an alerted group falls back near its baseline. Default true. */
  recoveryNotice: z.boolean().default(true),
});

export type SpikeConfig = z.infer<typeof SpikeConfigSchema>;

export const DEFAULT_SPIKE_CONFIG: SpikeConfig = SpikeConfigSchema.parse({});
