import type { Counts } from '../api/fields.js';

/**
 * How many desktops a group (or the fleet) has. Each count family partitions the desktops, so the login family
 * gives the answer when complete; when the API leaves counts out (null), each family's known sum is only a lower
 * bound, and the largest of them is the best one. `null` when no count at all is known.
 */
export function desktopCount(counts: Counts): number | null {
  // Spelled out rather than looped over the field lists, and without arrays: this runs for every group on every poll.
  const inUse = counts.in_use_num;
  const ready = counts.ready_num;
  const disconnected = counts.disconnected_num;
  const unregistered = counts.unregistered_num;
  const unknown = counts.unknown_num;
  if (inUse !== null && ready !== null && disconnected !== null && unregistered !== null && unknown !== null) {
    return inUse + ready + disconnected + unregistered + unknown;
  }
  const login = sumKnown(sumKnown(sumKnown(sumKnown(sumKnown(null, inUse), ready), disconnected), unregistered), unknown);
  const power = sumKnown(sumKnown(sumKnown(sumKnown(null, counts.running_num), counts.stop_num), counts.hibernate_num), counts.other_num);
  const assignment = sumKnown(
    sumKnown(sumKnown(sumKnown(null, counts.attached_num), counts.unattached_num), counts.cannot_attach_num),
    counts.in_process_num,
  );
  return larger(larger(login, power), assignment);
}

/** A running sum of the known values: null until one is known. */
function sumKnown(sum: number | null, value: number | null): number | null {
  return value === null ? sum : (sum ?? 0) + value;
}

function larger(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
