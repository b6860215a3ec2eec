import type { Counts } from '../api/fields.js';

/**
 * How many desktops a group (or the fleet) has. Each count family partitions the desktops, so the login family
 * gives the answer when complete; when the API leaves counts out (null), each family's known sum is only a lower
 * bound, and the largest of them is the best one. `null` when no count at all is known.
 */
export function desktopCount(counts: Counts): number | null {
  // Spelled out rather than looped over the field lists: this runs for every group on every poll.
  const login = [counts.in_use_num, counts.ready_num, counts.disconnected_num, counts.unregistered_num, counts.unknown_num];
  if (!login.includes(null)) return sumKnown(login);
  const power = [counts.running_num, counts.stop_num, counts.hibernate_num, counts.other_num];
  const assignment = [counts.attached_num, counts.unattached_num, counts.cannot_attach_num, counts.in_process_num];
  const sums = [sumKnown(login), sumKnown(power), sumKnown(assignment)].filter((sum): sum is number => sum !== null);
  return sums.length === 0 ? null : Math.max(...sums);
}

function sumKnown(values: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}
