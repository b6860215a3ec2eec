// `workspace-tray history`: what the app or `watch` recorded, as a table (local time), CSV (a header row, for
// spreadsheets) or NDJSON (for scripts), ISO 8601 times with the local offset in both. It opens the history
// read-only, without the writer's lock, so it works while the app or a `watch` is recording. The spikes and
// recoveries the app or `watch` raised (the spike log beside the history) are marked in the table between the
// counts, and `--spikes` lists them alone, in any of the three formats.
import { resolveWorkspaceEndpoint, checkProjectId } from '../core/api/endpoint.js';
import { COUNT_FIELDS, type CountField } from '../core/api/fields.js';
import { isKeyOfName } from '../core/api/group-keys.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import type { ExitCode } from './exit-codes.js';
import { CSV_FLEET_LABEL, DAY_MS, HOUR_MS, MINUTE_MS, RETENTION_MS, csvCell } from '../app/history-export.js';
import { FLEET_SERIES, type HistoryPoint, type SpikeLogRecord } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { FileHistoryStore } from '../node/file-history-store.js';
import { FileSpikeLog } from '../node/file-spike-log.js';
import { systemClock } from '../node/system-clock.js';
import { atMostOne, parseCommandArgs, usageError } from './args.js';
import { SHORT_HEADERS, formatCount } from './format.js';
import { helpText } from './help.js';
import { historyFolderOf, type HistoryOwner } from './history-folder.js';
import { localIso, localTime } from './local-time.js';
import type { CliIo } from './io.js';
import { fail, oneLine } from './report.js';
import { cliConfigDir, openAccounts } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { padEndColumns, padStartColumns, terminalSafe, truncateColumns, outputColumns } from './terminal-text.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  group: { type: 'string', multiple: true },
  since: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  fields: { type: 'string' },
  csv: { type: 'boolean' },
  json: { type: 'boolean' },
  spikes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The table's columns when --fields is not given (CSV and JSON carry every count). */
const TABLE_FIELDS: readonly CountField[] = ['disconnected_num', 'in_use_num', 'ready_num', 'unregistered_num'];
const GROUP_COLUMNS = 20;
const DEFAULT_SINCE_MS = DAY_MS;

interface Owner extends HistoryOwner {
  readonly label: string;
}

interface Row {
  readonly account: string;
  /** FLEET_SERIES or the group (its name or stable key, as asked). */
  readonly series: string;
  readonly point: HistoryPoint;
}

/** A spike or recovery in the output: with the account it belongs to. */
interface SpikeRow {
  readonly account: string;
  readonly mark: SpikeLogRecord;
}

/** The table's marker for a spike or recovery row. */
const SPIKE_MARKER = '!';

export async function historyCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('history', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('history', outputColumns(io)));
    return 0;
  }
  if (values.demo === true) return fail(io, usageError('history', '--demo keeps no history; read a saved account (--account NAME) or an ad-hoc target'));
  const format = atMostOne('history', { csv: values.csv === true, json: values.json === true });
  if (!format.ok) return fail(io, format.error);
  const spikesOnly = values.spikes === true;
  if (spikesOnly && values.fields !== undefined) return fail(io, usageError('history', '--fields chooses counts, and --spikes prints no counts; leave one of them out'));
  const now = systemClock.now();
  const range = timeRange(values, now);
  if (!range.ok) return fail(io, range.error);
  const fields = fieldsOption(values.fields, values.csv === true || values.json === true);
  if (!fields.ok) return fail(io, fields.error);
  const groups = values.group ?? [];
  if (groups.some((group) => group === '')) return fail(io, usageError('history', '--group needs a group name or key'));
  const request = targetRequest('history', values);
  if (!request.ok) return fail(io, request.error);
  const owners = await historyOwners(request.value, io);
  if (!owners.ok) return fail(io, owners.error);

  const asked = groups.length === 0 ? [FLEET_SERIES] : [...new Set(groups)];
  const several = owners.value.length > 1;
  if (spikesOnly) return printSpikes(owners.value, asked, range.value, values, several, io);
  const rows: Row[] = [];
  const spikes = new Map<string, SpikeRow[]>();
  for (const owner of owners.value) {
    const folder = historyFolderOf(cliConfigDir(io), owner);
    const read = await readHistory(folder, asked, range.value, io, owner.label);
    if (!read.ok) return fail(io, read.error, owner.label);
    // Only the table marks spikes: CSV and JSON rows keep one shape (their spikes come with --spikes).
    const marks = values.csv === true || values.json === true ? ok([]) : await readSpikes(folder, range.value, io, owner.label);
    if (!marks.ok) return fail(io, marks.error, owner.label);
    const shown = new Set<string>();
    for (const name of asked) {
      const keys = read.value.keysOf.get(name) ?? [name];
      if (keys.length > 1) {
        io.err(
          `workspace-tray: ${oneLine(owner.label)}: "${oneLine(name)}" is the name of ${keys.length} groups, shown under their keys: ` +
            `${keys.map((key) => `"${oneLine(key)}"`).join(', ')} (--group KEY for one of them)`,
        );
      }
      for (const key of keys) {
        if (shown.has(key)) continue;
        shown.add(key);
        const points = read.value.points.get(key) ?? [];
        if (points.length === 0) io.err(`workspace-tray: ${oneLine(owner.label)}: no history of ${key === FLEET_SERIES ? 'the fleet' : `group "${oneLine(key)}"`} in that time range`);
        for (const point of points) rows.push({ account: owner.label, series: key, point });
        spikes.set(seriesId(owner.label, key), marks.value.filter((mark) => concerns(mark, key)).map((mark) => ({ account: owner.label, mark })));
      }
    }
  }
  if (values.csv === true) for (const line of csvLines(rows, fields.value)) io.out(line);
  else if (values.json === true) for (const row of rows) io.out(JSON.stringify(rowJson(row, fields.value)));
  else for (const line of tableLines(rows, spikes, fields.value, several)) io.out(line);
  return 0;
}

/** `--spikes`: the spike log alone, for the fleet (every mark) or the groups asked for. */
async function printSpikes(
  owners: readonly Owner[],
  series: readonly string[],
  range: TimeRange,
  values: { readonly csv?: boolean | undefined; readonly json?: boolean | undefined },
  several: boolean,
  io: CliIo,
): Promise<ExitCode> {
  const rows: SpikeRow[] = [];
  for (const owner of owners) {
    const marks = await readSpikes(historyFolderOf(cliConfigDir(io), owner), range, io, owner.label);
    if (!marks.ok) return fail(io, marks.error, owner.label);
    // A name asked for stands for every group that shares it (`NAME`, `NAME (#2)`, ...), as in the counts.
    const chosen = marks.value.filter((mark) => series.some((name) => name === FLEET_SERIES || mark.groupKeys.some((key) => isKeyOfName(key, name))));
    if (chosen.length === 0) {
      const whose = series.includes(FLEET_SERIES) ? '' : ` for ${series.map((name) => `group "${name}"`).join(', ')}`;
      io.err(`workspace-tray: ${oneLine(owner.label)}: no spikes recorded${whose} in that time range`);
    }
    for (const mark of chosen) rows.push({ account: owner.label, mark });
  }
  if (values.csv === true) for (const line of spikeCsvLines(rows)) io.out(line);
  else if (values.json === true) for (const row of rows) io.out(JSON.stringify(spikeJson(row)));
  else for (const line of spikeTableLines(rows, several)) io.out(line);
  return 0;
}

/** The fleet's view shows every spike of the account; a group's, those that name it. */
function concerns(mark: SpikeLogRecord, series: string): boolean {
  return series === FLEET_SERIES || mark.groupKeys.includes(series);
}

const seriesId = (account: string, series: string): string => JSON.stringify([account, series]);

interface TimeRange {
  readonly from: number;
  readonly to: number;
}

const SINCE_PATTERN = /^(\d{1,4})(m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

function timeRange(values: { readonly since?: string | undefined; readonly from?: string | undefined; readonly to?: string | undefined }, now: number): WorkspaceResult<TimeRange> {
  if (values.since !== undefined && (values.from !== undefined || values.to !== undefined)) {
    return err(usageError('history', '--since cannot be used with --from/--to'));
  }
  if (values.since !== undefined) {
    const match = SINCE_PATTERN.exec(values.since);
    const span = match ? Number(match[1]) * (UNIT_MS[match[2]!] ?? 0) : Number.NaN;
    if (!(span > 0 && span <= RETENTION_MS + DAY_MS)) {
      return err(usageError('history', '--since must be a span such as 30m, 1h, 24h, 7d or 30d (history keeps 30 days)'));
    }
    return ok({ from: now - span, to: now });
  }
  const from = values.from === undefined ? now - DEFAULT_SINCE_MS : isoOption('from', values.from);
  const to = values.to === undefined ? now : isoOption('to', values.to);
  if (typeof from !== 'number') return err(from);
  if (typeof to !== 'number') return err(to);
  if (from > to) return err(usageError('history', '--from must not be after --to'));
  return ok({ from, to });
}

/** An ISO 8601 date or date-time; without an offset it is local time, as a person typing it means. */
function isoOption(name: string, raw: string): number | WorkspaceError {
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
  if (!iso.test(raw)) return usageError('history', `--${name} must be an ISO 8601 date or time, such as 2025-03-01 or 2025-03-01T08:00 or 2025-03-01T08:00:00+01:00`);
  // A bare date is local midnight (Date.parse would read it as UTC).
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00` : raw.replace(' ', 'T'));
  return Number.isFinite(at) ? at : usageError('history', `--${name} is not a valid date or time`);
}

function fieldsOption(raw: string | undefined, everyField: boolean): WorkspaceResult<readonly CountField[]> {
  if (raw === undefined) return ok(everyField ? COUNT_FIELDS : TABLE_FIELDS);
  const chosen: CountField[] = [];
  for (const name of raw.split(',').map((part) => part.trim())) {
    const field = COUNT_FIELDS.find((known) => known === name || known === `${name}_num`);
    if (field === undefined) return err(usageError('history', `Unknown field '${terminalSafe(name)}' in --fields; the fields are ${COUNT_FIELDS.join(', ')}`));
    if (!chosen.includes(field)) chosen.push(field);
  }
  return ok(chosen);
}

/** Whose history to read. No credentials are needed: only which folder. */
async function historyOwners(request: Exclude<ReturnType<typeof targetRequest>, { ok: false }>['value'], io: CliIo): Promise<WorkspaceResult<readonly Owner[]>> {
  if (request.kind === 'ad-hoc') {
    const endpoint = resolveWorkspaceEndpoint(request);
    if (!endpoint.ok) return endpoint;
    const rawProjectId = request.projectId ?? io.env.HUAWEICLOUD_SDK_PROJECT_ID;
    if (rawProjectId === undefined) return err(workspaceError('config', 'No project id', { hint: 'Pass --project-id ID or set HUAWEICLOUD_SDK_PROJECT_ID.' }));
    const projectId = checkProjectId(rawProjectId);
    if (!projectId.ok) return projectId;
    return ok([{ label: endpoint.value, accountId: null, endpoint: endpoint.value, projectId: projectId.value }]);
  }
  const { accounts } = openAccounts(io);
  if (request.kind === 'account') {
    const found = await accounts.named(request.name);
    return found.ok ? ok([ownerOf(found.value)]) : found;
  }
  const listed = await accounts.list();
  if (!listed.ok) return listed;
  if (listed.value.length === 0) {
    return err(workspaceError('config', 'No saved accounts, so no history', { hint: 'History is recorded by the app or `workspace-tray watch` for a saved account; for an ad-hoc target give --region or --endpoint with --project-id.' }));
  }
  return ok(listed.value.map(ownerOf));
}

function ownerOf(account: { readonly id: string; readonly name: string; readonly projectId: string }): Owner {
  return { label: account.name, accountId: account.id, endpoint: '', projectId: account.projectId };
}

interface HistoryRead {
  /** Points per series key. */
  readonly points: ReadonlyMap<string, readonly HistoryPoint[]>;
  /** Per name asked for, the keys it stands for: itself, and the keys of the other groups sharing that name. */
  readonly keysOf: ReadonlyMap<string, readonly string[]>;
}

/** How many `NAME (#k)` keys are asked for at a time while looking for the groups that share a name. */
const SIBLING_BATCH = 8;
/** Beyond any real project: the look stops here even if every key so far had history. */
const MAX_SIBLINGS = 10_000;

async function readHistory(folder: string, asked: readonly string[], range: TimeRange, io: CliIo, label: string): Promise<WorkspaceResult<HistoryRead>> {
  const opened = await FileHistoryStore.open({
    folder,
    readOnly: true,
    onDamage: (error) => io.err(`workspace-tray: ${oneLine(label)}: warning: ${oneLine(error.message)}`),
  });
  if (!opened.ok) return opened;
  const store = opened.value;
  try {
    const first = await store.queryMany(asked, range.from, range.to);
    if (!first.ok) return first;
    const points = new Map(first.value);
    const keysOf = new Map<string, readonly string[]>();
    for (const name of asked) {
      if (name === FLEET_SERIES) continue;
      const siblings = await sharedNameKeys(store, name, range);
      if (!siblings.ok) return siblings;
      for (const [key, found] of siblings.value) points.set(key, found);
      keysOf.set(name, [name, ...siblings.value.keys()]);
    }
    return ok({ points, keysOf });
  } finally {
    await store.close();
  }
}

/** The spike log beside the history, read-only and lock-free like the history (absent: no spikes). */
async function readSpikes(folder: string, range: TimeRange, io: CliIo, label: string): Promise<WorkspaceResult<readonly SpikeLogRecord[]>> {
  const opened = await FileSpikeLog.open({
    folder,
    readOnly: true,
    onDamage: (error) => io.err(`workspace-tray: ${oneLine(label)}: warning: ${oneLine(error.message)}`),
  });
  if (!opened.ok) return opened;
  try {
    return await opened.value.read(range.from, range.to);
  } finally {
    await opened.value.close();
  }
}

/**
 * The other groups named `name`, with their history: history knows groups by key only, and the key rule
 * (core/api/group-keys.ts) keeps the bare name for the first group of a repeated name and gives the k-th
 * `name (#k)`. Those keys are asked for a batch at a time until a whole batch has no history in the range.
 */
async function sharedNameKeys(store: FileHistoryStore, name: string, range: TimeRange): Promise<WorkspaceResult<ReadonlyMap<string, readonly HistoryPoint[]>>> {
  const found = new Map<string, readonly HistoryPoint[]>();
  for (let from = 2; from < MAX_SIBLINGS; from += SIBLING_BATCH) {
    const keys = Array.from({ length: SIBLING_BATCH }, (_unused, i) => `${name} (#${from + i})`);
    const read = await store.queryMany(keys, range.from, range.to);
    if (!read.ok) return read;
    let any = false;
    for (const key of keys) {
      const points = read.value.get(key) ?? [];
      if (points.length === 0) continue;
      found.set(key, points);
      any = true;
    }
    if (!any) break;
  }
  return ok(found);
}

const seriesLabel = (series: string): string => (series === FLEET_SERIES ? CSV_FLEET_LABEL : series);
const resolutionOf = (point: HistoryPoint): string => (point.bucketMs === 0 ? 'sample' : `peak-${point.bucketMs / MINUTE_MS}m`);

function csvLines(rows: readonly Row[], fields: readonly CountField[]): string[] {
  const lines = [['time', 'account', 'group', 'resolution', ...fields].join(',')];
  for (const { account, series, point } of rows) {
    const counts = fields.map((field) => {
      const value = point.counts[field];
      return value === null ? '' : String(value);
    });
    lines.push([localIso(point.at), csvCell(account), csvCell(seriesLabel(series)), resolutionOf(point), ...counts].join(','));
  }
  return lines;
}

function rowJson({ account, series, point }: Row, fields: readonly CountField[]): Record<string, unknown> {
  return {
    time: localIso(point.at),
    account,
    group: series === FLEET_SERIES ? null : series,
    resolution: resolutionOf(point),
    bucket_seconds: point.bucketMs / 1000,
    ...Object.fromEntries(fields.map((field) => [field, point.counts[field]])),
  };
}

function tableLines(rows: readonly Row[], spikes: ReadonlyMap<string, readonly SpikeRow[]>, fields: readonly CountField[], several: boolean): string[] {
  const widths = fields.map((field) => Math.max(SHORT_HEADERS[field].length, 5));
  const peaks = rows.some((row) => row.point.bucketMs !== 0);
  const render = (time: string, account: string, group: string, resolution: string, counts: readonly string[]): string =>
    [
      padEndColumns(time, 19),
      ...(several ? [padEndColumns(truncateColumns(terminalSafe(account), 12), 12)] : []),
      padEndColumns(truncateColumns(terminalSafe(group), GROUP_COLUMNS), GROUP_COLUMNS),
      ...(peaks ? [padEndColumns(resolution, 7)] : []),
      ...counts.map((count, i) => padStartColumns(count, widths[i]!)),
    ]
      .join(' ')
      .trimEnd();
  const lines = [render('Time', 'Account', 'Group', '', fields.map((field) => SHORT_HEADERS[field]))];
  const markLine = ({ account, mark }: SpikeRow): string =>
    truncateColumns([padEndColumns(localTime(mark.at), 19), ...(several ? [padEndColumns(truncateColumns(terminalSafe(account), 12), 12)] : []), spikeText(mark)].join(' '), 80);
  // Each series' spike rows go between its points by time; at the same time as a point, after it (the point shows
  // the counts that raised it).
  let marked = false;
  let pending: SpikeRow[] = [];
  let current = '';
  for (const { account, series, point } of rows) {
    const id = seriesId(account, series);
    if (id !== current) {
      for (const row of pending.splice(0)) lines.push(markLine(row));
      current = id;
      pending = [...(spikes.get(id) ?? [])];
      marked ||= pending.length > 0;
    }
    while (pending.length > 0 && pending[0]!.mark.at < point.at) lines.push(markLine(pending.shift()!));
    const counts = fields.map((field) => formatCount(point.counts[field]));
    lines.push(render(localTime(point.at), account, series === FLEET_SERIES ? '(fleet)' : series, point.bucketMs === 0 ? '' : 'peak10m', counts));
    while (pending.length > 0 && pending[0]!.mark.at === point.at) lines.push(markLine(pending.shift()!));
  }
  for (const row of pending) lines.push(markLine(row));
  if (peaks) lines.push('peak10m: older than 24 h, history keeps the highest value of each ten minutes.');
  if (marked) lines.push(`${SPIKE_MARKER}: a spike or recovery the app or watch raised then (--spikes lists them alone).`);
  return lines;
}

/** `! spike (critical): <title>` or `! recovery: <title>`, safe for a terminal. */
function spikeText(mark: SpikeLogRecord): string {
  const what = mark.kind === 'spike' ? `spike (${mark.severity})` : 'recovery';
  return `${SPIKE_MARKER} ${what}: ${terminalSafe(oneLine(mark.title))}`;
}

/** `--spikes` as a table: time, the account when several, what happened, then the groups it names. */
function spikeTableLines(rows: readonly SpikeRow[], several: boolean): string[] {
  const lead = (time: string, account: string): string[] => [padEndColumns(time, 19), ...(several ? [padEndColumns(truncateColumns(terminalSafe(account), 12), 12)] : [])];
  const lines = [[...lead('Time', 'Account'), 'Event'].join(' ')];
  for (const { account, mark } of rows) {
    const names = [...mark.groupKeys.map((key) => terminalSafe(oneLine(key))), ...(mark.fleet ? ['(fleet)'] : [])].join(', ');
    lines.push(truncateColumns([...lead(localTime(mark.at), account), spikeText(mark)].join(' '), 80));
    if (names !== '') lines.push(truncateColumns([...lead('', ''), `  ${names}`].join(' '), 80));
  }
  return lines;
}

function spikeCsvLines(rows: readonly SpikeRow[]): string[] {
  const lines = [['time', 'account', 'event', 'severity', 'fleet', 'groups', 'title'].join(',')];
  for (const { account, mark } of rows) {
    lines.push([localIso(mark.at), csvCell(account), mark.kind, mark.severity, String(mark.fleet), csvCell(mark.groupKeys.join('; ')), csvCell(mark.title)].join(','));
  }
  return lines;
}

function spikeJson({ account, mark }: SpikeRow): Record<string, unknown> {
  return { time: localIso(mark.at), account, event: mark.kind, severity: mark.severity, fleet: mark.fleet, groups: mark.groupKeys, title: mark.title };
}

