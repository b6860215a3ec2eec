// Synthetic fleets for the spike detector's tests and bench: groups whose counts partition their desktops the
// way the API's do, and totals summed the way the parser sums them.
import { COUNT_FIELDS, type Counts, type GroupStatus } from '../../../../main/core/api/fields.js';
import { groupKeys } from '../../../../main/core/api/group-keys.js';
import type { SpikeObservation } from '../../../../main/core/engine/spikes.js';

export const MINUTE = 60_000;
export const T0 = Date.UTC(2025, 5, 2, 9, 0);

/**
 * A group of `desktops` desktops, `disconnected` of them disconnected and the rest in use. Its key is provisional
 * (the name, or empty): `observation` and `keyed` give every group of a list its key as the parser would.
 */
export function group(name: string | null, disconnected: number | null, desktops: number): GroupStatus {
  return {
    key: name ?? '',
    static_name: name,
    running_num: desktops, stop_num: 0, hibernate_num: 0, other_num: 0,
    attached_num: desktops, unattached_num: 0, cannot_attach_num: 0, in_process_num: 0,
    in_use_num: desktops - (disconnected ?? 0), ready_num: 0, disconnected_num: disconnected, unregistered_num: 0, unknown_num: 0,
  };
}

export function totalsOf(groups: readonly GroupStatus[]): Counts {
  const totals = Object.fromEntries(COUNT_FIELDS.map((field) => {
    const known = groups.map((g) => g[field]).filter((value): value is number => value !== null);
    return [field, groups.length > 0 && known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0)];
  }));
  return totals as Counts;
}

/** The groups with the keys the parser gives them. */
export function keyed(groups: readonly GroupStatus[]): GroupStatus[] {
  const keys = groupKeys(groups.map((g) => g.static_name));
  return groups.map((g, index) => ({ ...g, key: keys[index] ?? g.key }));
}

export function observation(minute: number, groups: readonly GroupStatus[]): SpikeObservation {
  return { at: T0 + minute * MINUTE, groups: keyed(groups), totals: totalsOf(groups) };
}
