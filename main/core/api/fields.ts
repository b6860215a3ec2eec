// The 13 counts of InstanceStatusStatistics, under the API's own names. Each family partitions a group's
// desktops, so within a group the power, assignment and login sums are equal.
export const POWER_FIELDS = ['running_num', 'stop_num', 'hibernate_num', 'other_num'] as const;
export const ASSIGNMENT_FIELDS = ['attached_num', 'unattached_num', 'cannot_attach_num', 'in_process_num'] as const;
export const LOGIN_FIELDS = ['in_use_num', 'ready_num', 'disconnected_num', 'unregistered_num', 'unknown_num'] as const;
export const COUNT_FIELDS = [...POWER_FIELDS, ...ASSIGNMENT_FIELDS, ...LOGIN_FIELDS] as const;

export type CountField = (typeof COUNT_FIELDS)[number];

/** `null` means the API did not report the count: unknown, never 0. */
export type Counts = { readonly [F in CountField]: number | null };

/**
 * One desktop group (`static_name`, or `null` when the API omitted it) with its counts, flat as the API sends them,
 * and its `key`: unique within the snapshot and stable across polls, decided when the answer is parsed (the rule
 * is in group-keys.ts). Everything that tracks a group (spikes, history, the CLI, the renderer) uses the key.
 */
export type GroupStatus = { readonly key: string; readonly static_name: string | null } & Counts;

/** What one successful call returns, after validation. */
export interface StatusSnapshot {
  readonly groups: readonly GroupStatus[];
  /** Each field summed over the groups that report it; `null` only when groups exist and none reports it. */
  readonly totals: Counts;
}

/** A snapshot with where and when it was taken. */
export interface FleetSnapshot extends StatusSnapshot {
  readonly projectId: string;
  readonly endpoint: string;
  /** Milliseconds since the epoch, from the injected clock. */
  readonly fetchedAt: number;
}
