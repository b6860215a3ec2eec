// The 200 body of `GET /v2/{project_id}/connections/status`, validated where it enters. The SDK models mark
// every field optional, so a missing count (or JSON `null`, which SDK serialisers emit for an unset optional)
// is unknown: `null`, never 0. A count that is present but malformed rejects the whole answer: a partial
// snapshot would look healthy while hiding exactly the numbers an alert depends on.
import { workspaceError, type WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';
import { COUNT_FIELDS, type CountField, type Counts, type GroupStatus, type StatusSnapshot } from './fields.js';
import { groupKeys } from './group-keys.js';
import { htmlTitle, oneLine } from './server-text.js';

export function parseConnectionStatus(bodyText: string, httpStatus: number): WorkspaceResult<StatusSnapshot> {
  let body: unknown;
  try {
    // A byte-order mark is legal in a UTF-8 body but not in JSON.
    body = JSON.parse(bodyText.charCodeAt(0) === 0xfeff ? bodyText.slice(1) : bodyText);
  } catch {
    return err(invalid(httpStatus, `is not JSON (${describeText(bodyText)})`));
  }
  if (!isRecord(body)) return err(invalid(httpStatus, `is JSON ${describeValue(body)}, not an object with a "statics" array`));
  const statics = body['statics'];
  if (!Array.isArray(statics)) {
    const found = statics === undefined ? 'has no "statics" field' : `has "statics" as ${describeValue(statics)}, not an array`;
    return err(invalid(httpStatus, found, 'statics'));
  }

  const parsed: MutableGroup[] = new Array<MutableGroup>(statics.length);
  for (let index = 0; index < statics.length; index++) {
    const group = parseGroup(statics[index], index, httpStatus);
    if (!group.ok) return group;
    parsed[index] = group.value;
  }
  // Identity is decided here, once, for everything downstream (spikes, history, CLI, renderer).
  const keys = groupKeys(parsed.map((group) => group.static_name));
  const groups: GroupStatus[] = parsed.map((group, index) => ({ key: keys[index] as string, ...group }));
  const totals = sumCounts(groups);
  for (const field of COUNT_FIELDS) {
    const total = totals[field];
    // Real counts are int32, but 5,000 groups of them stay far below 2^53; beyond it a sum would be silently wrong.
    if (total !== null && !Number.isSafeInteger(total)) {
      return err(invalid(httpStatus, `has counts of ${field} whose sum exceeds ${Number.MAX_SAFE_INTEGER}`, 'statics'));
    }
  }
  return ok({ groups, totals });
}

type MutableGroup = { static_name: string | null } & { [F in CountField]: number | null };

function parseGroup(entry: unknown, index: number, httpStatus: number): WorkspaceResult<MutableGroup> {
  if (!isRecord(entry)) return err(invalid(httpStatus, `has statics[${index}] = ${describeValue(entry)}, expected a group object`, `statics[${index}]`));
  const name = entry['static_name'];
  if (name !== undefined && name !== null && typeof name !== 'string') {
    const path = `statics[${index}].static_name`;
    return err(invalid(httpStatus, `has ${path} = ${describeValue(name)}, expected a string`, path));
  }
  const group = { static_name: name ?? null } as MutableGroup;
  for (let f = 0; f < COUNT_FIELDS.length; f++) {
    const field = COUNT_FIELDS[f] as CountField;
    const value = entry[field];
    if (value === undefined || value === null) {
      group[field] = null;
    } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      group[field] = value === 0 ? 0 : value; // folds -0, which JSON allows, into 0
    } else {
      const path = `statics[${index}].${field}`;
      return err(invalid(httpStatus, `has ${path} = ${describeValue(value)}, expected a non-negative whole number`, path));
    }
  }
  return ok(group);
}

/**
 * Each field summed over the groups that report it. A field no group reports stays unknown (`null`); with no
 * groups at all every total is a true 0.
 */
export function sumCounts(groups: readonly Counts[]): Counts {
  const sums = new Array<number>(COUNT_FIELDS.length).fill(0);
  const reported = new Array<boolean>(COUNT_FIELDS.length).fill(false);
  for (const group of groups) {
    for (let f = 0; f < COUNT_FIELDS.length; f++) {
      const value = group[COUNT_FIELDS[f] as CountField];
      if (value !== null) {
        sums[f] = (sums[f] as number) + value;
        reported[f] = true;
      }
    }
  }
  const totals = {} as { [F in CountField]: number | null };
  for (let f = 0; f < COUNT_FIELDS.length; f++) {
    totals[COUNT_FIELDS[f] as CountField] = groups.length === 0 || reported[f] ? (sums[f] as number) : null;
  }
  return totals;
}

function invalid(httpStatus: number, what: string, path?: string) {
  return workspaceError('invalid-response', `The connection status answer (HTTP ${httpStatus}) ${what}`, {
    httpStatus,
    hint: 'The endpoint may not be a Workspace API, or a proxy changed the answer; check the endpoint.',
    ...(path === undefined ? {} : { path }),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, printable description of a JSON value, for error messages. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `${quote(value)} (a string)`;
    case 'number':
      return String(value);
    case 'boolean':
      return `${value} (a boolean)`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function describeText(text: string): string {
  if (text.trim() === '') return 'the body is empty';
  const title = htmlTitle(text);
  if (title !== null) return `an HTML page titled ${quote(title)}`;
  return `it starts with ${quote(text)}`;
}

function quote(text: string): string {
  return JSON.stringify(oneLine(text, 60));
}
