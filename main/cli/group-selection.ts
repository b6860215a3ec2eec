// `status --filter TEXT --sort FIELD --top N`: which groups are shown, in which order. The totals always stay
// those of every group, so a narrowed view never hides how the whole fleet stands.
import { COUNT_FIELDS, type CountField, type FleetSnapshot, type GroupStatus } from '../core/api/fields.js';
import type { WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import { integerOption, usageError } from './args.js';

export type SortField = CountField | 'name';

export const SORT_FIELDS: readonly SortField[] = [...COUNT_FIELDS, 'name'];

export interface GroupSelection {
  readonly sort: SortField | undefined;
  readonly top: number | undefined;
  /** Lower-cased; matched against the group's key and its name. */
  readonly filter: string | undefined;
}

/** The most groups `--top` accepts (more than any project holds). */
export const MAX_TOP = 100_000;

export function groupSelectionOptions(
  command: string,
  values: { readonly sort?: string | undefined; readonly top?: string | undefined; readonly filter?: string | undefined },
): WorkspaceResult<GroupSelection> {
  let sort: SortField | undefined;
  if (values.sort !== undefined) {
    sort = SORT_FIELDS.find((field) => field === values.sort);
    if (sort === undefined) return err(usageError(command, `--sort must be one of: ${SORT_FIELDS.join(', ')}`));
  }
  const top = integerOption(command, 'top', values.top, 1, MAX_TOP);
  if (!top.ok) return top;
  if (values.filter !== undefined && values.filter.trim() === '') return err(usageError(command, '--filter must not be empty'));
  return ok({ sort, top: top.value, filter: values.filter?.toLowerCase() });
}

export interface SelectedSnapshot {
  /** The snapshot with only the selected groups, in the chosen order; totals, project and time unchanged. */
  readonly snapshot: FleetSnapshot;
  /** How many of the snapshot's groups are not shown (filtered out or beyond --top). */
  readonly hidden: number;
}

export function selectGroups(snapshot: FleetSnapshot, selection: GroupSelection): SelectedSnapshot {
  const { filter, sort, top } = selection;
  let groups: GroupStatus[] = [...snapshot.groups];
  if (filter !== undefined) {
    groups = groups.filter((group) => group.key.toLowerCase().includes(filter) || (group.static_name ?? '').toLowerCase().includes(filter));
  }
  if (sort !== undefined) groups = sortGroups(groups, sort);
  if (top !== undefined) groups = groups.slice(0, top);
  return { snapshot: { ...snapshot, groups }, hidden: snapshot.groups.length - groups.length };
}

/** Counts descending (an unknown count last), names ascending; ties keep the API's order (the sort is stable). */
function sortGroups(groups: GroupStatus[], field: SortField): GroupStatus[] {
  if (field === 'name') return groups.sort((a, b) => a.key.localeCompare(b.key, 'en'));
  return groups.sort((a, b) => {
    const left = a[field];
    const right = b[field];
    if (left === right) return 0;
    if (left === null) return 1;
    if (right === null) return -1;
    return right - left;
  });
}

/** The table's only row when the project has groups but --filter matches none of them. */
export const NO_MATCH = '(no group matches --filter)';

/** The line under a narrowed table: how many groups it leaves out, and that TOTAL counts them. */
export function hiddenGroupsLine(hidden: number): string | null {
  if (hidden === 0) return null;
  return `${hidden} group${hidden === 1 ? '' : 's'} not shown (--filter/--top); TOTAL counts all groups.`;
}
