// What the Prometheus exporter exports of a snapshot, decided without prom-client: which groups get series
// (cardinality control), and each count as a (dimension, state) pair. Pure, so it is tested on plain data.
import type { CountField, Counts, GroupStatus } from '../api/fields.js';
import { desktopCount } from '../engine/desktops.js';
import { workspaceError, type WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';

export type Dimension = 'login' | 'power' | 'assignment';

/** Label values per API field: Prometheus style (snake_case, no `_num`), grouped by the family each partitions. */
export const FIELD_LABELS: Readonly<Record<CountField, { readonly dimension: Dimension; readonly state: string }>> = {
  running_num: { dimension: 'power', state: 'running' },
  stop_num: { dimension: 'power', state: 'stopped' },
  hibernate_num: { dimension: 'power', state: 'hibernated' },
  other_num: { dimension: 'power', state: 'other' },
  attached_num: { dimension: 'assignment', state: 'attached' },
  unattached_num: { dimension: 'assignment', state: 'unattached' },
  cannot_attach_num: { dimension: 'assignment', state: 'cannot_attach' },
  in_process_num: { dimension: 'assignment', state: 'in_process' },
  in_use_num: { dimension: 'login', state: 'in_use' },
  ready_num: { dimension: 'login', state: 'ready' },
  disconnected_num: { dimension: 'login', state: 'disconnected' },
  unregistered_num: { dimension: 'login', state: 'unregistered' },
  unknown_num: { dimension: 'login', state: 'unknown' },
};

const FIELDS = Object.keys(FIELD_LABELS) as CountField[];

export interface CountSample {
  readonly dimension: Dimension;
  readonly state: string;
  readonly value: number;
}

/** One sample per known count; a `null` count (the API did not say) is no sample, never 0. */
export function countSamples(counts: Counts): CountSample[] {
  const samples: CountSample[] = [];
  for (const field of FIELDS) {
    const value = counts[field];
    if (value !== null) samples.push({ ...FIELD_LABELS[field], value });
  }
  return samples;
}

/**
 * Which groups get per-group series. `top` keeps the N largest groups by desktops (ties by key): sizes rarely
 * change, so the chosen set is stable, which keeps Prometheus from churning series and keeps each exported
 * group's 10-minute baseline intact for the alert rules. Ranking by the disconnected count would let a group
 * enter the set at the very moment it storms, with no baseline to compare against. Fleet totals are always
 * exported, whatever the policy.
 */
export type GroupMetricsPolicy = { readonly kind: 'all' } | { readonly kind: 'top'; readonly count: number } | { readonly kind: 'none' };

/** 500 groups × 14 series = 7,000 series per account: within what one Prometheus target comfortably carries. */
export const DEFAULT_GROUP_METRICS: GroupMetricsPolicy = { kind: 'top', count: 500 };
export const MAX_TOP_GROUPS = 100_000;

export function parseGroupMetricsPolicy(raw: string): WorkspaceResult<GroupMetricsPolicy> {
  const text = raw.trim();
  if (text === 'all') return ok({ kind: 'all' });
  if (text === 'none') return ok({ kind: 'none' });
  const top = /^top:(\d+)$/.exec(text);
  const count = top === null ? Number.NaN : Number(top[1]);
  if (Number.isSafeInteger(count) && count >= 1 && count <= MAX_TOP_GROUPS) return ok({ kind: 'top', count });
  return err(workspaceError('usage', `--group-metrics must be all, none or top:N with N from 1 to ${MAX_TOP_GROUPS}`));
}

export function formatGroupMetricsPolicy(policy: GroupMetricsPolicy): string {
  return policy.kind === 'top' ? `top:${policy.count}` : policy.kind;
}

export interface ExportedGroup {
  readonly group: GroupStatus;
  /** The group's stable key (`GroupStatus.key`, unique within the answer). */
  readonly key: string;
  /** Desktops as the spike rules count them (`desktopCount`), or null when no count is known. */
  readonly desktops: number | null;
}

/** The groups to export under `policy`, in the answer's order. */
export function selectGroups(groups: readonly GroupStatus[], policy: GroupMetricsPolicy): ExportedGroup[] {
  if (policy.kind === 'none') return [];
  const all = groups.map((group, index) => ({ group, key: group.key, desktops: desktopCount(group), index }));
  if (policy.kind === 'all' || all.length <= policy.count) return all.map(({ index: _index, ...exported }) => exported);
  const chosen = [...all]
    .sort((a, b) => (b.desktops ?? -1) - (a.desktops ?? -1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, policy.count)
    .sort((a, b) => a.index - b.index);
  return chosen.map(({ index: _index, ...exported }) => exported);
}
