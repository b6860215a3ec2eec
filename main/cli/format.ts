// The CLI's two renderings of a snapshot: a table for people and a JSON document for scripts. JSON uses the
// API's own field names so a script written against the API reads ours unchanged.
import { ASSIGNMENT_FIELDS, COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, type CountField, type Counts, type FleetSnapshot } from '../core/api/fields.js';
import type { WorkspaceError } from '../core/errors.js';
import { formatCliError } from './error-text.js';
import { exitCodeFor } from './exit-codes.js';
import { displayWidth, padEndColumns, padStartColumns, terminalSafe, truncateColumns } from './terminal-text.js';

export const EMPTY_FLEET = '(no desktop groups in this project)';

/** How an unknown count (absent from the answer) is shown: never as 0. */
export const UNKNOWN_COUNT = '–';

/** Column headers of the count fields in tables (explained by snapshotLegend). */
export const SHORT_HEADERS: Readonly<Record<CountField, string>> = {
  running_num: 'Run',
  stop_num: 'Stop',
  hibernate_num: 'Hib',
  other_num: 'Other',
  attached_num: 'Asgn',
  unattached_num: 'Free',
  cannot_attach_num: 'Fail',
  in_process_num: 'Busy',
  in_use_num: 'InUse',
  ready_num: 'Ready',
  disconnected_num: 'Disc',
  unregistered_num: 'Unreg',
  unknown_num: 'Unkn',
};

const FAMILIES = [
  { title: 'Power', fields: POWER_FIELDS },
  { title: 'Assignment', fields: ASSIGNMENT_FIELDS },
  { title: 'Login', fields: LOGIN_FIELDS },
] as const;

export function formatCount(value: number | null): string {
  return value === null ? UNKNOWN_COUNT : String(value);
}

export interface SnapshotJson {
  readonly project_id: string;
  readonly endpoint: string;
  readonly fetched_at: string;
  readonly groups: readonly ({ readonly key: string; readonly static_name: string | null } & Counts)[];
  readonly totals: Counts;
}

export function snapshotToJson(snapshot: FleetSnapshot): SnapshotJson {
  return {
    project_id: snapshot.projectId,
    endpoint: snapshot.endpoint,
    fetched_at: new Date(snapshot.fetchedAt).toISOString(),
    groups: snapshot.groups.map((group) => {
      const row: Record<string, string | number | null> = { key: group.key, static_name: group.static_name };
      for (const field of COUNT_FIELDS) row[field] = group[field];
      return row as { key: string; static_name: string | null } & Counts;
    }),
    totals: pickCounts(snapshot.totals),
  };
}

function pickCounts(counts: Counts): Counts {
  const picked: Record<string, number | null> = {};
  for (const field of COUNT_FIELDS) picked[field] = counts[field];
  return picked as Counts;
}

/** The error as scripts see it in `--json` output: its kind, exit code, server facts and the one-line message. */
export function errorToJson(error: WorkspaceError): Record<string, string | number | null> {
  return {
    kind: error.kind,
    exit_code: exitCodeFor(error),
    http_status: error.httpStatus ?? null,
    error_code: error.errorCode ?? null,
    request_id: error.requestId ?? null,
    message: formatCliError(error),
  };
}

/**
 * The widest a group name is shown in the table, in terminal columns: a longer name is cut with `…` so that one
 * long name does not push every row past the edge of the terminal (`--json` has every name in full).
 */
export const MAX_NAME_COLUMNS = 40;

/**
 * A table of groups × counts, headers grouped by family, and a totals row. Lines, without trailing newlines.
 * `empty` is the row shown when there are no groups (a filter that matches none says so, not that the project is empty).
 */
export function snapshotTable(snapshot: FleetSnapshot, empty: string = EMPTY_FLEET): string[] {
  const nameHeader = 'Group';
  const totalLabel = 'TOTAL';
  // Names come from the server: made printable, then measured in columns (Chinese names take two per character).
  // By key: unnamed and repeated groups are told apart the way history, alerts and the app name them.
  const names = snapshot.groups.map((group) => truncateColumns(terminalSafe(group.key), MAX_NAME_COLUMNS));
  const nameWidth = Math.max(nameHeader.length, totalLabel.length, ...names.map(displayWidth));
  const rows = snapshot.groups.map((group) => COUNT_FIELDS.map((field) => formatCount(group[field])));
  const totals = COUNT_FIELDS.map((field) => formatCount(snapshot.totals[field]));
  const widths = COUNT_FIELDS.map((field, column) =>
    Math.max(SHORT_HEADERS[field].length, totals[column]?.length ?? 0, ...rows.map((row) => row[column]?.length ?? 0)),
  );

  const gap = '  ';
  const familyGap = ' │ ';
  const renderRow = (label: string, cells: readonly string[]): string => {
    let column = 0;
    const parts = FAMILIES.map((family) =>
      family.fields
        .map(() => {
          const cell = padStartColumns(cells[column] ?? '', widths[column] ?? 0);
          column++;
          return cell;
        })
        .join(gap),
    );
    return `${padEndColumns(label, nameWidth)}${familyGap}${parts.join(familyGap)}`.trimEnd();
  };

  let offset = 0;
  const familyHeader = FAMILIES.map((family) => {
    const width = family.fields.reduce((sum, _field, index) => sum + (widths[offset + index] ?? 0), 0) + gap.length * (family.fields.length - 1);
    offset += family.fields.length;
    return family.title.padEnd(width);
  });
  const lines = [
    `${''.padEnd(nameWidth)}${familyGap}${familyHeader.join(familyGap)}`.trimEnd(),
    renderRow(nameHeader, COUNT_FIELDS.map((field) => SHORT_HEADERS[field])),
    '─'.repeat(displayWidth(renderRow(nameHeader, COUNT_FIELDS.map((field) => SHORT_HEADERS[field])))),
    ...names.map((name, index) => renderRow(name, rows[index] ?? [])),
  ];
  // An empty fleet is an answer, not a glitch: say so instead of leaving a table with no rows.
  if (names.length === 0) lines.push(empty);
  lines.push(lines[2] ?? '');
  lines.push(renderRow(totalLabel, totals));
  return lines;
}

/** The legend printed under the table, so the short headers stay unambiguous. */
export function snapshotLegend(): string {
  return (
    `Power: Run running, Stop stopped, Hib hibernated, Other other. Assignment: Asgn attached, Free unattached, ` +
    `Fail cannot attach, Busy in process. Login: InUse in use, Ready ready, Disc disconnected, Unreg unregistered, ` +
    `Unkn unknown. ${UNKNOWN_COUNT} = not reported by the API.`
  );
}

export function snapshotHeadline(label: string | null, snapshot: FleetSnapshot): string {
  const where = `project ${snapshot.projectId} at ${snapshot.endpoint}`;
  const groups = `${snapshot.groups.length} group${snapshot.groups.length === 1 ? '' : 's'}`;
  return `${label === null ? '' : `${terminalSafe(label)}: `}${where}, ${groups}, fetched ${new Date(snapshot.fetchedAt).toISOString()}`;
}
