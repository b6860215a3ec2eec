// The CLI's two renderings of a snapshot: a table for people and a JSON document for scripts. JSON uses the
// API's own field names so a script written against the API reads ours unchanged.
import { ASSIGNMENT_FIELDS, COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, type CountField, type Counts, type FleetSnapshot } from '../core/api/fields.js';
import type { WorkspaceError } from '../core/errors.js';
import { formatCliError } from './error-text.js';
import { exitCodeFor } from './exit-codes.js';
import { desktopCount, disconnectedLevel } from '../app/attention.js';
import { paint, type Tint } from './colour.js';
import { localTime } from './local-time.js';
import { displayWidth, padEndColumns, terminalSafe, truncateColumns } from './terminal-text.js';

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

/** The narrowest a group name gets in a table fitted to the terminal (`status` without --wide). */
export const MIN_NAME_COLUMNS = 12;

/**
 * The counts of the compact table (`status` without --wide), chosen to fit 80 columns: the power states that
 * matter (running, stopped), the assignment ones (free, cannot attach) and the login states but unknown.
 */
export const COMPACT_FIELDS: readonly CountField[] = [
  'running_num',
  'stop_num',
  'unattached_num',
  'cannot_attach_num',
  'in_use_num',
  'ready_num',
  'disconnected_num',
  'unregistered_num',
];

export interface TableOptions {
  /** The counts shown, in this order within their family (default: all 13). */
  readonly fields?: readonly CountField[];
  /** The terminal's width: names are cut so the table fits it, down to MIN_NAME_COLUMNS. Default: only MAX_NAME_COLUMNS. */
  readonly width?: number;
  /** The row shown when there are no groups (a filter that matches none says so, not that the project is empty). */
  readonly empty?: string;
  /** A cell's colour (`paint`): which counts need attention. Only used when `colour` is set. */
  readonly tint?: (field: CountField, counts: Counts, row: 'group' | 'total') => Tint | null;
  readonly colour?: boolean;
}

/** A table of groups × counts, headers grouped by family, and a totals row. Lines, without trailing newlines. */
export function snapshotTable(snapshot: FleetSnapshot, options: TableOptions = {}): string[] {
  const shown = options.fields ?? COUNT_FIELDS;
  const families = FAMILIES.map((family) => ({ title: family.title, fields: family.fields.filter((field) => shown.includes(field)) })).filter(
    (family) => family.fields.length > 0,
  );
  const fields = families.flatMap((family) => family.fields);
  const nameHeader = 'Group';
  const totalLabel = 'TOTAL';
  const rows = snapshot.groups.map((group) => fields.map((field) => formatCount(group[field])));
  const totals = fields.map((field) => formatCount(snapshot.totals[field]));
  const widths = fields.map((field, column) =>
    Math.max(SHORT_HEADERS[field].length, totals[column]?.length ?? 0, ...rows.map((row) => row[column]?.length ?? 0)),
  );

  const gap = '  ';
  const familyGap = ' │ ';
  // A family title wider than its columns (Assignment over Free and Fail) widens its last column.
  let offset = 0;
  for (const family of families) {
    const spanned = family.fields.reduce((sum, _field, index) => sum + (widths[offset + index] ?? 0), 0) + gap.length * (family.fields.length - 1);
    const last = offset + family.fields.length - 1;
    if (spanned < family.title.length) widths[last] = (widths[last] ?? 0) + family.title.length - spanned;
    offset += family.fields.length;
  }
  const countsWidth = widths.reduce((sum, width) => sum + width, 0) + gap.length * (fields.length - families.length) + familyGap.length * families.length;

  // Names come from the server: made printable, then measured in columns (Chinese names take two per character).
  // By key: unnamed and repeated groups are told apart the way history, alerts and the app name them.
  const nameColumns = options.width === undefined ? MAX_NAME_COLUMNS : Math.min(MAX_NAME_COLUMNS, Math.max(MIN_NAME_COLUMNS, options.width - countsWidth));
  const names = snapshot.groups.map((group) => truncateColumns(terminalSafe(group.key), nameColumns));
  const nameWidth = Math.max(nameHeader.length, totalLabel.length, ...names.map(displayWidth));

  const colour = options.colour === true && options.tint !== undefined;
  const renderRow = (label: string, cells: readonly string[], counts?: { readonly values: Counts; readonly row: 'group' | 'total' }): string => {
    let column = 0;
    const parts = families.map((family) =>
      family.fields
        .map((field) => {
          const text = cells[column] ?? '';
          const padding = ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(text)));
          column++;
          // Only the digits are painted: the padding is measured on the plain text, and escape codes take no columns.
          return padding + (counts !== undefined && colour ? paint(text, options.tint?.(field, counts.values, counts.row) ?? null, true) : text);
        })
        .join(gap),
    );
    return `${padEndColumns(label, nameWidth)}${familyGap}${parts.join(familyGap)}`.trimEnd();
  };

  offset = 0;
  const familyHeader = families.map((family) => {
    const width = family.fields.reduce((sum, _field, index) => sum + (widths[offset + index] ?? 0), 0) + gap.length * (family.fields.length - 1);
    offset += family.fields.length;
    return family.title.padEnd(width);
  });
  const header = renderRow(nameHeader, fields.map((field) => SHORT_HEADERS[field]));
  const rule = '─'.repeat(displayWidth(header));
  const lines = [
    `${''.padEnd(nameWidth)}${familyGap}${familyHeader.join(familyGap)}`.trimEnd(),
    header,
    rule,
    ...names.map((name, index) => renderRow(name, rows[index] ?? [], { values: snapshot.groups[index] as Counts, row: 'group' })),
  ];
  // An empty fleet is an answer, not a glitch: say so instead of leaving a table with no rows.
  if (names.length === 0) lines.push(options.empty ?? EMPTY_FLEET);
  lines.push(rule);
  lines.push(renderRow(totalLabel, totals, { values: snapshot.totals, row: 'total' }));
  return lines;
}

/**
 * Which counts `status` colours: a group's disconnected desktops yellow when there are as many as a warning alert
 * needs (the settings' alert thresholds, as a rise from none), red at the critical level, the TOTAL by the fleet's
 * thresholds; desktops that cannot be attached yellow.
 */
export function attentionTint(alerts: Parameters<typeof disconnectedLevel>[2]): NonNullable<TableOptions['tint']> {
  return (field, counts, row) => {
    if (field === 'cannot_attach_num') return (counts.cannot_attach_num ?? 0) > 0 ? 'yellow' : null;
    if (field !== 'disconnected_num') return null;
    const level = disconnectedLevel(counts.disconnected_num, desktopCount(counts), alerts, row === 'group' ? 'group' : 'fleet');
    return level === 'critical' ? 'red' : level === 'warning' ? 'yellow' : null;
  };
}

const LONG_NAMES: Readonly<Record<CountField, string>> = {
  running_num: 'running',
  stop_num: 'stopped',
  hibernate_num: 'hibernated',
  other_num: 'other',
  attached_num: 'attached',
  unattached_num: 'unattached',
  cannot_attach_num: 'cannot attach',
  in_process_num: 'in process',
  in_use_num: 'in use',
  ready_num: 'ready',
  disconnected_num: 'disconnected',
  unregistered_num: 'unregistered',
  unknown_num: 'unknown',
};

/** The legend of the short headers shown (`status --legend`), and of the colours when they are on; one paragraph. */
export function snapshotLegend(fields: readonly CountField[] = COUNT_FIELDS, colour = false): string {
  const families = FAMILIES.map((family) => {
    const shown = family.fields.filter((field) => fields.includes(field));
    return shown.length === 0 ? '' : `${family.title}: ${shown.map((field) => `${SHORT_HEADERS[field]} ${LONG_NAMES[field]}`).join(', ')}.`;
  }).filter((text) => text !== '');
  const colours = colour
    ? ` Disc yellow: as many disconnected as a warning alert needs (the settings' alert thresholds), red: critical; Fail yellow: some desktops cannot be attached.`
    : '';
  return `${families.join(' ')} ${UNKNOWN_COUNT} = not reported by the API.${colours}`;
}

/** The line under a table without --legend: where the short headers are explained, and how to see every count. */
export function legendHint(wide: boolean): string {
  return `${UNKNOWN_COUNT} = not reported; --legend explains the heads${wide ? '' : '; --wide shows all 13 counts'}.`;
}

/**
 * The lines above a snapshot's table: which account (when several), how many groups and when, in local time; then
 * the project and endpoint, on one line when it fits the width, else on two.
 */
export function snapshotHeadline(label: string | null, snapshot: FleetSnapshot, width = 80): string[] {
  const groups = `${snapshot.groups.length} group${snapshot.groups.length === 1 ? '' : 's'}`;
  const first = `${label === null ? '' : `${terminalSafe(label)}: `}${groups}, fetched ${localTime(snapshot.fetchedAt)}`;
  const where = `project ${terminalSafe(snapshot.projectId)} at ${terminalSafe(snapshot.endpoint)}`;
  return displayWidth(where) <= width ? [first, where] : [first, `project ${terminalSafe(snapshot.projectId)}`, `endpoint ${terminalSafe(snapshot.endpoint)}`];
}
