// `workspace-tray disconnected`: who is disconnected (or connected, ready, unregistered), since when, and how
// their last connection went. One on-demand look per target; the "since" memory lives beside the history.
import { DEFAULT_MAX_PAGES, MAX_PAGES_LIMIT } from '../app/desktop-lists.js';
import { DisconnectedLookup, LOOKUP_STATES, type LookupAnswer } from '../app/disconnected-lookup.js';
import type { FailureAnalysis, Shared } from '../core/desktops/failure-analysis.js';
import { disconnectedToCsv, formatClient, formatDuration, formatRoundTrips } from '../core/desktops/rows.js';
import { historyFolder } from '../app/targets.js';
import { groupIndex } from '../core/desktops/group-of.js';
import type { WorkspaceResult } from '../core/errors.js';
import { FileFirstSeenStore } from '../node/file-first-seen-store.js';
import { systemClock } from '../node/system-clock.js';
import { STORM_START_POLL } from '../simulator/fleet.js';
import { exitCodeFor, type ExitCode } from './exit-codes.js';
import { integerOption, oneOf, parseCommandArgs, secondsOption, usageError, atMostOne } from './args.js';
import { errorToJson } from './format.js';
import { helpText } from './help.js';
import { localMinute, localTime } from './local-time.js';
import type { CliIo } from './io.js';
import { fail, worstExitCode } from './report.js';
import { cliConfigDir, readCliSettings } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { cliMonitoring } from './targets.js';
import { fittedTable, type TableColumn } from './fitted-table.js';
import { displayWidth, terminalSafe, truncateColumns, outputColumns, wrapColumns } from './terminal-text.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  user: { type: 'string' },
  state: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  wide: { type: 'boolean' },
  'max-pages': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function disconnectedCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('disconnected', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('disconnected', outputColumns(io)));
    return 0;
  }
  const state = oneOf('disconnected', 'state', values.state, LOOKUP_STATES);
  if (!state.ok) return fail(io, state.error);
  const maxPages = integerOption('disconnected', 'max-pages', values['max-pages'], 1, MAX_PAGES_LIMIT);
  if (!maxPages.ok) return fail(io, maxPages.error);
  const timeout = secondsOption('disconnected', 'timeout', values.timeout, 0.1, 300);
  if (!timeout.ok) return fail(io, timeout.error);
  const formats = atMostOne('disconnected', { json: values.json === true, csv: values.csv === true });
  if (!formats.ok) return fail(io, formats.error);
  if (values.user !== undefined && values.user.trim() === '') return fail(io, usageError('disconnected', '--user needs a name'));
  const request = targetRequest('disconnected', values);
  if (!request.ok) return fail(io, request.error);
  const settings = await readCliSettings(io);
  if (!settings.ok) return fail(io, settings.error);
  const timeoutMs = timeout.value ?? settings.value.polling.timeoutSeconds * 1000;

  // The storm demo opens at the storm's first poll, so there is someone to list.
  const demoStartPoll = request.value.kind === 'demo' && request.value.scenario === 'disconnect-storm' ? STORM_START_POLL : undefined;
  // One status request per account (`once`): it resolves the account and names the groups desktops belong to.
  const monitoring = await cliMonitoring(request.value, io, { mode: 'once', timeoutMs, ...(demoStartPoll === undefined ? {} : { demoStartPoll }) });
  if (!monitoring.ok) return fail(io, monitoring.error);
  const lookState = state.value ?? 'disconnected';
  const userName = values.user?.trim();
  const { service, several } = monitoring.value;
  try {
    const started = await service.start();
    if (!started.ok) return fail(io, started.error);
    const results = await Promise.all(
      service.state().accounts.map(async (account) => {
        const context = account.error === null ? service.requestContext(account.id) : { ok: false as const, error: account.error };
        if (!context.ok) return { label: account.name, target: null, result: context as WorkspaceResult<LookupAnswer>, groupOf: null };
        const { endpoint, projectId, auth, http, clock } = context.value;
        const lookup = new DisconnectedLookup({
          target: { endpoint, projectId },
          client: { http, auth, clock, timeoutMs, signal: io.interrupted },
          clock,
          // The demo's simulator lives for one run: nothing to remember.
          firstSeen: account.demo ? null : new FileFirstSeenStore(historyFolder(cliConfigDir(io), account.id)),
          maxPages: maxPages.value ?? DEFAULT_MAX_PAGES,
        });
        const names = (service.groups(account.id)?.groups ?? []).flatMap((group) => (group.static_name === null ? [] : [group.static_name]));
        return {
          label: account.name,
          target: { endpoint, projectId },
          result: await lookup.look({ state: lookState, ...(userName === undefined ? {} : { userName }) }),
          groupOf: groupIndex(names),
        };
      }),
    );
    const codes = results.map((entry) => (entry.result.ok ? 0 : exitCodeFor(entry.result.error)));
    for (const entry of results) if (!entry.result.ok) fail(io, entry.result.error, several ? entry.label : undefined);
    const groupOf = (entry: (typeof results)[number]) => entry.groupOf ?? (() => null);
    if (values.json === true) {
      const documents = results.map((entry) =>
        entry.result.ok && entry.target !== null
          ? { ...(several ? { account: entry.label } : {}), ...answerJson(entry.target, entry.result.value, groupOf(entry)) }
          : { account: entry.label, error: entry.result.ok ? null : errorToJson(entry.result.error) },
      );
      if (several) io.out(JSON.stringify(documents));
      else if (results[0]?.result.ok === true) io.out(JSON.stringify(documents[0]));
    } else if (values.csv === true) {
      const rows = results.flatMap((entry) => (entry.result.ok ? entry.result.value.rows : []));
      for (const line of disconnectedToCsv(rows).split('\r\n').slice(0, -1)) io.out(line);
    } else {
      const width = values.wide === true ? null : outputColumns(io);
      for (const entry of results) {
        if (!entry.result.ok || entry.target === null) continue;
        for (const line of answerTable(several ? entry.label : null, entry.result.value, systemClock.now(), groupOf(entry), width)) io.out(line);
      }
    }
    for (const entry of results) if (entry.result.ok) for (const note of entry.result.value.notes) io.err(`workspace-tray: ${terminalSafe(note.text)}`);
    return worstExitCode(codes);
  } finally {
    await monitoring.value.close();
  }
}

/** JSON uses the API's own snake_case names; `since` and `disconnected_since` are the same ISO time (null: unknown). */
export function answerJson(
  target: { readonly endpoint: string; readonly projectId: string },
  answer: LookupAnswer,
  groupOf: (desktopName: string | null) => string | null,
): Record<string, unknown> {
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    project_id: target.projectId,
    endpoint: target.endpoint,
    state: answer.state,
    fetched_at: iso(answer.at),
    complete: answer.complete,
    notes: answer.notes.map((note) => note.text),
    failures:
      answer.failures === null
        ? null
        : {
            records: answer.failures.records,
            failed: answer.failures.failures,
            reasons: answer.failures.reasons.map(sharedJson),
            client_versions: answer.failures.clientVersions.map(sharedJson),
            networks: answer.failures.networks.map(sharedJson),
          },
    desktops: answer.rows.map((row) => {
      const record = row.lastConnection;
      return {
        desktop_id: row.desktopId,
        desktop_name: row.desktopName,
        group: groupOf(row.desktopName),
        connect_status: row.connectStatus,
        users: row.users,
        since: iso(row.since),
        disconnected_since: iso(row.since),
        since_source: row.sinceSource,
        last_connection:
          record === null
            ? null
            : {
                transaction_id: record.transactionId,
                user_name: record.userName,
                connection_start_time: iso(record.connectionStartTime),
                connection_end_time: iso(record.connectionEndTime),
                connection_failure_reason: record.connectionFailureReason,
                is_reconnect: record.isReconnect,
                network_rtt: record.networkRtt,
                e2e_rtt: record.e2eRtt,
                terminal_type: record.terminalType,
                client_version: record.clientVersion,
                terminal_ip: record.terminalIp,
              },
      };
    }),
  };
}

function sharedJson(shared: Shared): Record<string, unknown> {
  return { value: shared.value, failures: shared.failures, share_of_failures: round(shared.shareOfFailures), share_of_sessions: round(shared.shareOfSessions) };
}

const round = (share: number): number => Math.round(share * 1000) / 1000;

/** "Failed connections: 38 of 612 …" lines under the table, wrapped to `width` (null: not wrapped). */
export function failureSummary(analysis: FailureAnalysis, width: number | null = null): string[] {
  if (analysis.failures === 0) return [`No failed connections among ${analysis.records} login records in the last 24 h.`];
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const list = (items: readonly Shared[], withSessions: boolean) =>
    items.slice(0, 3).map((item) => `${terminalSafe(item.value)} ${percent(item.shareOfFailures)}${withSessions ? ` (of sessions: ${percent(item.shareOfSessions)})` : ''}`);
  // Wrapped between items, so "8.0.0 12% (of sessions: 21%)" stays on one line.
  const labelled = (label: string, items: readonly string[]): string[] => {
    const indent = ' '.repeat(displayWidth(label));
    const lines: string[] = [];
    let line = '';
    items.forEach((item, index) => {
      const text = index < items.length - 1 ? `${item},` : item;
      if (line !== '' && width !== null && displayWidth(label) + displayWidth(line) + 1 + displayWidth(text) > width) {
        lines.push(line);
        line = text;
      } else line = line === '' ? text : `${line} ${text}`;
    });
    return (lines.length === 0 && line === '' ? ['(none)'] : [...lines, line]).map((text, index) => `${index === 0 ? label : indent}${text}`);
  };
  return [
    `Failed connections: ${analysis.failures} of ${analysis.records} login records in the last 24 h.`,
    ...labelled('  Reasons:  ', list(analysis.reasons, false)),
    ...labelled('  Clients:  ', list(analysis.clientVersions, true)),
    ...labelled('  Networks: ', list(analysis.networks, true)),
  ];
}

const MAX_CELL_COLUMNS = 32;
const UNKNOWN = '–';

/**
 * A table for people: a headline, then one row per desktop (longest disconnected first). Fitted to `width`
 * columns (how long rather than since when, the least useful columns left out and said so), or with every
 * column when `width` is null (`--wide`).
 */
export function answerTable(
  label: string | null,
  answer: LookupAnswer,
  now: number,
  groupOf: (desktopName: string | null) => string | null,
  width: number | null,
): string[] {
  const disconnected = answer.state === 'disconnected';
  const headline = `${label === null ? '' : `${terminalSafe(label)}: `}${answer.rows.length} ${answer.state} desktop${answer.rows.length === 1 ? '' : 's'}${answer.complete ? '' : ' (incomplete)'}, fetched ${localTime(answer.at)}`;
  if (answer.rows.length === 0) return [headline];
  const cells = (text: (row: LookupAnswer['rows'][number]) => string) => answer.rows.map((row) => truncateColumns(terminalSafe(text(row)), MAX_CELL_COLUMNS));
  const last = (row: LookupAnswer['rows'][number]) => row.lastConnection;
  // Ranks say what goes first when the screen is narrow: for a disconnected desktop, who and how long matter
  // most, then why; the group is the desktop name's prefix, so it can go before the client.
  const columns: TableColumn[] = [
    { title: 'Desktop', cells: cells((row) => row.desktopName ?? row.desktopId ?? UNKNOWN), dropRank: null, minWidth: 15 },
    { title: 'Group', cells: cells((row) => groupOf(row.desktopName) ?? UNKNOWN), dropRank: 3 },
    { title: 'User(s)', cells: cells((row) => (row.users === null ? UNKNOWN : row.users.length === 0 ? '(none)' : row.users.join(', '))), dropRank: null, minWidth: 10 },
    ...(disconnected
      ? [
          width === null
            ? { title: 'Disconnected since', cells: cells((row) => (row.since === null ? UNKNOWN : `${localMinute(row.since)} (${formatDuration(now - row.since)})`)), dropRank: null }
            : { title: 'Disconnected', cells: cells((row) => (row.since === null ? UNKNOWN : formatDuration(now - row.since))), dropRank: null },
        ]
      : []),
    {
      title: 'Last ended',
      cells: cells((row) => {
        const record = last(row);
        return record === null ? UNKNOWN : record.connectionEndTime === null ? 'still open' : localMinute(record.connectionEndTime);
      }),
      dropRank: disconnected ? 5 : 1,
    },
    { title: 'Failure reason', cells: cells((row) => last(row)?.connectionFailureReason ?? (last(row) === null ? UNKNOWN : '(none)')), dropRank: disconnected ? 1 : 4, minWidth: 14 },
    { title: 'RTT net / e2e', cells: cells((row) => formatRoundTrips(last(row)) ?? UNKNOWN), dropRank: disconnected ? 4 : 5 },
    { title: 'Client', cells: cells((row) => formatClient(last(row)) ?? UNKNOWN), dropRank: 2 },
  ];
  const table = fittedTable(columns, width);
  const hidden = table.hidden.length === 0 || width === null ? [] : wrapColumns(`Not shown to fit ${width} columns: ${table.hidden.join(', ')}; --wide shows every column.`, width);
  const footer = answer.failures === null ? [] : ['', ...failureSummary(answer.failures, width)];
  return [...(width === null ? [headline] : wrapColumns(headline, width)), ...table.lines, ...hidden, ...footer];
}
