// `workspace-tray status`: one fetch per target, then a table or JSON. With several accounts every account is
// queried concurrently and reported, and the highest exit code wins.
import type { MonitoringService } from '../app/monitoring-service.js';
import { COUNT_FIELDS, type FleetSnapshot } from '../core/api/fields.js';
import { type WorkspaceResult } from '../core/errors.js';
import { exitCodeFor, type ExitCode } from './exit-codes.js';
import { parseCommandArgs, secondsOption } from './args.js';
import type { CountField } from '../core/api/fields.js';
import type { SpikeConfig } from '../core/engine/spike-config.js';
import { NO_COLOR_OPTION, colourWanted } from './colour.js';
import { COMPACT_FIELDS, attentionTint, errorToJson, legendHint, snapshotHeadline, snapshotLegend, snapshotTable, snapshotToJson } from './format.js';
import { NO_MATCH, groupSelectionOptions, hiddenGroupsLine, selectGroups, type GroupSelection } from './group-selection.js';
import { helpText } from './help.js';
import type { CliIo } from './io.js';
import { fail, worstExitCode } from './report.js';
import { readCliSettings } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { outputColumns, wrapColumns } from './terminal-text.js';
import { cliMonitoring } from './targets.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  json: { type: 'boolean' },
  sort: { type: 'string' },
  top: { type: 'string' },
  filter: { type: 'string' },
  timeout: { type: 'string' },
  wide: { type: 'boolean' },
  legend: { type: 'boolean' },
  ...NO_COLOR_OPTION,
  help: { type: 'boolean', short: 'h' },
} as const;

/** How the table looks: compact (fitted to the terminal) or wide (all 13 counts), its legend, colour. */
interface TableLook {
  readonly fields: readonly CountField[];
  readonly wide: boolean;
  readonly width: number;
  readonly legend: boolean;
  readonly colour: boolean;
  readonly alerts: SpikeConfig;
}

export async function statusCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('status', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('status', outputColumns(io)));
    return 0;
  }
  const timeout = secondsOption('status', 'timeout', values.timeout, 0.1, 300);
  if (!timeout.ok) return fail(io, timeout.error);
  const selection = groupSelectionOptions('status', values);
  if (!selection.ok) return fail(io, selection.error);
  const request = targetRequest('status', values);
  if (!request.ok) return fail(io, request.error);
  const settings = await readCliSettings(io);
  if (!settings.ok) return fail(io, settings.error);
  const timeoutMs = timeout.value ?? settings.value.polling.timeoutSeconds * 1000;

  const monitoring = await cliMonitoring(request.value, io, { mode: 'once', timeoutMs });
  if (!monitoring.ok) return fail(io, monitoring.error);
  try {
    const started = await monitoring.value.service.start();
    if (!started.ok) return fail(io, started.error);
    const results = onceResults(monitoring.value.service);
    const json = values.json === true;
    const wide = values.wide === true;
    const sort = selection.value.sort;
    const look: TableLook = {
      // The compact table also shows the count it is sorted by.
      fields: wide ? COUNT_FIELDS : COUNT_FIELDS.filter((field) => COMPACT_FIELDS.includes(field) || field === sort),
      wide,
      width: outputColumns(io),
      legend: values.legend === true,
      colour: colourWanted(io, values['no-color'] === true),
      alerts: settings.value.alerts,
    };
    return monitoring.value.several ? reportSeveral(results, json, selection.value, look, io) : reportOne(results[0], json, selection.value, look, io);
  } finally {
    await monitoring.value.close();
  }
}

/** What a `once` service got from each account, in order: the snapshot, or the error. */
export function onceResults(service: MonitoringService): LabelledResult[] {
  return service.state().accounts.map((account) => {
    const groups = service.groups(account.id);
    const result: WorkspaceResult<FleetSnapshot> =
      groups !== null && account.error === null
        ? { ok: true, value: { groups: groups.groups, totals: groups.totals, projectId: groups.projectId, endpoint: groups.endpoint, fetchedAt: groups.fetchedAt } }
        : { ok: false, error: account.error ?? { kind: 'aborted', message: 'The request was cancelled' } };
    return { label: account.name, result, sent: account.lastPollDurationMs !== null };
  });
}

export interface LabelledResult {
  readonly label: string;
  /** A request went out (false when the account could not even be resolved). */
  readonly sent: boolean;
  readonly result: WorkspaceResult<FleetSnapshot>;
}

function reportOne(entry: LabelledResult | undefined, json: boolean, selection: GroupSelection, look: TableLook, io: CliIo): ExitCode {
  if (entry === undefined) return 0;
  if (!entry.result.ok) return fail(io, entry.result.error);
  const selected = selectGroups(entry.result.value, selection);
  if (json) {
    io.out(JSON.stringify(snapshotToJson(selected.snapshot)));
  } else {
    printTable(null, entry.result.value, selection, look, io);
    printLegend(look, io);
  }
  return 0;
}

/** The headline (counting every group), the table of the selected groups, and how many are not shown. */
function printTable(label: string | null, snapshot: FleetSnapshot, selection: GroupSelection, look: TableLook, io: CliIo): void {
  const selected = selectGroups(snapshot, selection);
  for (const line of snapshotHeadline(label, snapshot, look.width)) io.out(line);
  const table = snapshotTable(selected.snapshot, {
    fields: look.fields,
    ...(look.wide ? {} : { width: look.width }),
    ...(snapshot.groups.length === 0 ? {} : { empty: NO_MATCH }),
    tint: attentionTint(look.alerts),
    colour: look.colour,
  });
  for (const line of table) io.out(line);
  const hidden = hiddenGroupsLine(selected.hidden);
  if (hidden !== null) io.out(hidden);
}

/** The legend with --legend (wrapped to the width), else one line saying where it is. */
function printLegend(look: TableLook, io: CliIo): void {
  if (!look.legend) {
    io.out(legendHint(look.wide));
    return;
  }
  for (const line of wrapColumns(snapshotLegend(look.fields, look.colour), look.width)) io.out(line);
}

function reportSeveral(entries: readonly LabelledResult[], json: boolean, selection: GroupSelection, look: TableLook, io: CliIo): ExitCode {
  const codes = entries.map((entry) => (entry.result.ok ? 0 : exitCodeFor(entry.result.error)));
  // Failures always reach stderr, one line each, so a person sees them even when stdout goes to a script.
  for (const entry of entries) if (!entry.result.ok) fail(io, entry.result.error, entry.label);
  if (json) {
    io.out(
      JSON.stringify(
        entries.map((entry) =>
          entry.result.ok ? { account: entry.label, ...snapshotToJson(selectGroups(entry.result.value, selection).snapshot) } : { account: entry.label, error: errorToJson(entry.result.error) },
        ),
      ),
    );
  } else {
    for (const entry of entries) {
      if (!entry.result.ok) continue;
      printTable(entry.label, entry.result.value, selection, look, io);
      io.out('');
    }
    if (entries.some((entry) => entry.result.ok)) printLegend(look, io);
  }
  return worstExitCode(codes);
}
