import { z } from 'zod';

/**
 * When a rise of disconnected sessions is worth a notification. A rise must clear BOTH the absolute and the
 * relative threshold, measured against the lowest value in the baseline window, so that 1 → 2 in a small group
 * and slow end-of-day growth stay quiet. Defaults are the ones the README documents.
 */
export const SpikeConfigSchema = z.object({
  enabled: z.boolean().default(true),
  /** Minimum rise of a group's disconnected count over its baseline, in desktops. */
  groupMinRise: z.int().min(1).max(1_000_000).default(5),
  /** Minimum rise as a share of the group's desktops (0.2 = 20 %). */
  groupMinShare: z.number().min(0).max(1).default(0.2),
  /** The same pair for the whole fleet, which catches a storm spread thinly over many groups. */
  fleetMinRise: z.int().min(1).max(10_000_000).default(25),
  fleetMinShare: z.number().min(0).max(1).default(0.05),
  /** The baseline is the lowest value seen in this window. */
  baselineWindowMinutes: z.int().min(1).max(24 * 60).default(10),
  /** After an alert, a group (or the fleet) stays quiet this long unless it escalates further. */
  cooldownMinutes: z.int().min(0).max(24 * 60).default(30),
  /** Announce when an alerted group falls back near its baseline. */
  recoveryNotice: z.boolean().default(true),
});

export type SpikeConfig = z.infer<typeof SpikeConfigSchema>;

export const DEFAULT_SPIKE_CONFIG: SpikeConfig = SpikeConfigSchema.parse({});
