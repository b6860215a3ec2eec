// The 200 body of `GET /v2/{project_id}/connections/status`, validated where it enters. The SDK models mark
// every field optional, so a missing count (or JSON `null`, which SDK serialisers emit for an unset optional)
// is unknown: `null`, never 0. A count that is present but malformed rejects the whole answer: a partial
// snapshot would look healthy while hiding exactly the numbers an alert depends on.
import type { WorkspaceResult } from '../errors.js';
import { phrase } from '../error-wording.js';
import { err, ok } from '../result.js';
import { COUNT_FIELDS, type CountField, type Counts, type GroupStatus, type StatusSnapshot } from './fields.js';
import { answerObject, foundValue, invalidAnswer, isRecord, listProblem, unexpectedAt } from './answer-problems.js';
import { groupKeys } from './group-keys.js';

/**
 * Validates an answer into a snapshot. `previous`, the last snapshot parsed from the same account's answers, is
 * optional and changes nothing in the result's values: a group whose name and counts are those of the group at
 * the same place in `previous` is that same (immutable) object, and when every name is as before the keys are too.
 * At 5,000 groups with a few changed per poll, that skips building and keying almost every group, and hands the
 * spike detector and history objects and keys they have seen before.
 */
export function parseConnectionStatus(bodyText: string, httpStatus: number, previous?: StatusSnapshot): WorkspaceResult<StatusSnapshot> {
  const answer = answerObject('status', bodyText, httpStatus, 'statics');
  if (!answer.ok) return answer;
  const statics = answer.value['statics'];
  if (!Array.isArray(statics)) return err(listProblem('status', httpStatus, 'statics', statics));

  const before = previous?.groups ?? [];
  const groups: GroupStatus[] = new Array<GroupStatus>(statics.length);
  const names: (string | null)[] = new Array<string | null>(statics.length);
  /** Whether every name is the one at the same place in `previous`, so the keys are too (they follow the names). */
  let sameNames = statics.length === before.length;
  for (let index = 0; index < statics.length; index++) {
    const entry: unknown = statics[index];
    const old = before[index];
    if (old !== undefined && isRecord(entry) && isUnchanged(entry, old)) {
      groups[index] = old;
      names[index] = old.static_name;
      continue;
    }
    const group = parseGroup(entry, index, httpStatus);
    if (!group.ok) return group;
    groups[index] = group.value;
    names[index] = group.value.static_name;
    if (sameNames && group.value.static_name !== (old as GroupStatus).static_name) sameNames = false;
  }
  // Identity is decided here, once, for everything downstream (spikes, history, CLI, renderer). A new group was
  // built with its final shape and a placeholder key, so setting the key copies nothing; a kept one has its key.
  if (sameNames) {
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index] as GroupStatus;
      const old = before[index] as GroupStatus;
      if (group !== old) (group as MutableGroup).key = old.key;
    }
  } else {
    const keys = groupKeys(names);
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index] as GroupStatus;
      const key = keys[index] as string;
      if (group !== before[index]) (group as MutableGroup).key = key;
      // A kept group whose key moved (a name elsewhere came or went): a copy, never a change to the old snapshot.
      else if (group.key !== key) groups[index] = { ...group, key };
    }
  }
  const totals = sumCounts(groups);
  for (const field of COUNT_FIELDS) {
    const total = totals[field];
    // Real counts are int32, but 5,000 groups of them stay far below 2^53; beyond it a sum would be silently wrong.
    if (total !== null && !Number.isSafeInteger(total)) {
      return err(invalidAnswer(httpStatus, phrase('answer.sum-too-large', { status: httpStatus, field, limit: String(Number.MAX_SAFE_INTEGER) }), 'statics'));
    }
  }
  return ok({ groups, totals });
}

/**
 * Whether an entry says exactly what `old` (a validated group) says: same name, and each count the same number or
 * unknown in both. Then the entry is valid too, and `old` is what validating it would build. (`-0 === 0`, and a
 * -0 count is stored as 0; an absent or null count is `null`.)
 */
function isUnchanged(entry: Record<string, unknown>, old: GroupStatus): boolean {
  const e = entry as { readonly [F in CountField | 'static_name']?: unknown };
  return (
    (e.static_name ?? null) === old.static_name &&
    (e.running_num ?? null) === old.running_num &&
    (e.stop_num ?? null) === old.stop_num &&
    (e.hibernate_num ?? null) === old.hibernate_num &&
    (e.other_num ?? null) === old.other_num &&
    (e.attached_num ?? null) === old.attached_num &&
    (e.unattached_num ?? null) === old.unattached_num &&
    (e.cannot_attach_num ?? null) === old.cannot_attach_num &&
    (e.in_process_num ?? null) === old.in_process_num &&
    (e.in_use_num ?? null) === old.in_use_num &&
    (e.ready_num ?? null) === old.ready_num &&
    (e.disconnected_num ?? null) === old.disconnected_num &&
    (e.unregistered_num ?? null) === old.unregistered_num &&
    (e.unknown_num ?? null) === old.unknown_num
  );
}

type MutableGroup = { key: string; static_name: string | null } & { [F in CountField]: number | null };

/** A valid count as the API may send it: absent or null (unknown) or a non-negative safe integer. */
function isCount(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
}

/** A valid count as stored: unknown is `null`, and -0 (which JSON allows) folds into 0. */
function count(value: unknown): number | null {
  return value === undefined || value === null ? null : (value as number) + 0;
}

// Hot path (5,000 groups a poll): every field is read by name and the group is built as one object literal, so
// the reads hit the inline caches of the shape JSON.parse gives every entry and all groups share one shape.
// COUNT_FIELDS' order is kept, so the first malformed count reported is the same as a loop over it would find.
function parseGroup(entry: unknown, index: number, httpStatus: number): WorkspaceResult<MutableGroup> {
  if (!isRecord(entry)) return err(unexpectedAt('status', httpStatus, `statics[${index}]`, foundValue(entry), phrase('expected.object')));
  const name = entry['static_name'];
  if (name !== undefined && name !== null && typeof name !== 'string') {
    const path = `statics[${index}].static_name`;
    return err(unexpectedAt('status', httpStatus, path, foundValue(name), phrase('expected.string')));
  }
  const e = entry as { readonly [F in CountField]?: unknown };
  const running = e.running_num;
  const stop = e.stop_num;
  const hibernate = e.hibernate_num;
  const other = e.other_num;
  const attached = e.attached_num;
  const unattached = e.unattached_num;
  const cannotAttach = e.cannot_attach_num;
  const inProcess = e.in_process_num;
  const inUse = e.in_use_num;
  const ready = e.ready_num;
  const disconnected = e.disconnected_num;
  const unregistered = e.unregistered_num;
  const unknown = e.unknown_num;
  if (
    !(
      isCount(running) &&
      isCount(stop) &&
      isCount(hibernate) &&
      isCount(other) &&
      isCount(attached) &&
      isCount(unattached) &&
      isCount(cannotAttach) &&
      isCount(inProcess) &&
      isCount(inUse) &&
      isCount(ready) &&
      isCount(disconnected) &&
      isCount(unregistered) &&
      isCount(unknown)
    )
  ) {
    return err(malformedCount(entry, index, httpStatus));
  }
  return ok({
    key: '',
    static_name: name ?? null,
    running_num: count(running),
    stop_num: count(stop),
    hibernate_num: count(hibernate),
    other_num: count(other),
    attached_num: count(attached),
    unattached_num: count(unattached),
    cannot_attach_num: count(cannotAttach),
    in_process_num: count(inProcess),
    in_use_num: count(inUse),
    ready_num: count(ready),
    disconnected_num: count(disconnected),
    unregistered_num: count(unregistered),
    unknown_num: count(unknown),
  });
}

/** The error for the first malformed count of a group (the cold path: only called when there is one). */
function malformedCount(entry: Record<string, unknown>, index: number, httpStatus: number) {
  const field = COUNT_FIELDS.find((candidate) => !isCount(entry[candidate])) as CountField;
  const path = `statics[${index}].${field}`;
  return unexpectedAt('status', httpStatus, path, foundValue(entry[field]), phrase('expected.count'));
}

/**
 * Each field summed over the groups that report it. A field no group reports stays unknown (`null`); with no
 * groups at all every total is a true 0.
 */
export function sumCounts(groups: readonly Counts[]): Counts {
  // Spelled out per field (not a loop over COUNT_FIELDS with keyed reads): this runs over every group each poll.
  // `reported` has bit f set once some group reports COUNT_FIELDS[f].
  let reported = 0;
  let running = 0, stop = 0, hibernate = 0, other = 0, attached = 0, unattached = 0, cannotAttach = 0, inProcess = 0;
  let inUse = 0, ready = 0, disconnected = 0, unregistered = 0, unknown = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as Counts;
    if (group.running_num !== null) (running += group.running_num), (reported |= 1 << 0);
    if (group.stop_num !== null) (stop += group.stop_num), (reported |= 1 << 1);
    if (group.hibernate_num !== null) (hibernate += group.hibernate_num), (reported |= 1 << 2);
    if (group.other_num !== null) (other += group.other_num), (reported |= 1 << 3);
    if (group.attached_num !== null) (attached += group.attached_num), (reported |= 1 << 4);
    if (group.unattached_num !== null) (unattached += group.unattached_num), (reported |= 1 << 5);
    if (group.cannot_attach_num !== null) (cannotAttach += group.cannot_attach_num), (reported |= 1 << 6);
    if (group.in_process_num !== null) (inProcess += group.in_process_num), (reported |= 1 << 7);
    if (group.in_use_num !== null) (inUse += group.in_use_num), (reported |= 1 << 8);
    if (group.ready_num !== null) (ready += group.ready_num), (reported |= 1 << 9);
    if (group.disconnected_num !== null) (disconnected += group.disconnected_num), (reported |= 1 << 10);
    if (group.unregistered_num !== null) (unregistered += group.unregistered_num), (reported |= 1 << 11);
    if (group.unknown_num !== null) (unknown += group.unknown_num), (reported |= 1 << 12);
  }
  // With no groups at all every total is a true 0.
  const known = (bit: number, sum: number): number | null => (groups.length === 0 || (reported & (1 << bit)) !== 0 ? sum : null);
  return {
    running_num: known(0, running),
    stop_num: known(1, stop),
    hibernate_num: known(2, hibernate),
    other_num: known(3, other),
    attached_num: known(4, attached),
    unattached_num: known(5, unattached),
    cannot_attach_num: known(6, cannotAttach),
    in_process_num: known(7, inProcess),
    in_use_num: known(8, inUse),
    ready_num: known(9, ready),
    disconnected_num: known(10, disconnected),
    unregistered_num: known(11, unregistered),
    unknown_num: known(12, unknown),
  };
}
