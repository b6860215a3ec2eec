// `workspace-tray serve`: a Prometheus exporter. Each account is polled on its own schedule (one Workspace
// request per interval, whatever the scrape rate) and /metrics serves the latest snapshot of each from memory.
// `serve set-bearer-token` stores the scrape token in the OS keychain (read from stdin, never from argv).
import { ExporterMetrics, type ExportedAccount } from '../app/exporter/exporter-metrics.js';
import { Monitor, type MonitorEvent } from '../app/monitor.js';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../app/poller.js';
import { fetchConnectionStatus } from '../app/workspace-client.js';
import { SpikeDetector } from '../core/engine/spikes.js';
import { formatError, workspaceError, type ExitCode, type WorkspaceResult } from '../core/errors.js';
import { DEFAULT_GROUP_METRICS, formatGroupMetricsPolicy, parseGroupMetricsPolicy } from '../core/metrics/desktop-series.js';
import { err, ok } from '../core/result.js';
import { startMetricsServer, type RunningMetricsServer } from '../node/metrics-server.js';
import { nodeHttpClient } from '../node/node-http.js';
import { systemClock } from '../node/system-clock.js';
import { KeytarSecretStore, keychainService } from '../node/keytar-secret-store.js';
import { parseCommandArgs, secondsOption, usageError } from './args.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
import { DEFAULT_LISTEN, formatHostPort, isLoopback, parseListenAddress } from './listen-option.js';
import { promptLine } from './prompt.js';
import { fail, oneLine } from './report.js';
import { BEARER_TOKEN_KEY, checkBearerToken, readBearerTokenFile, readBearerTokenFromKeychain } from './serve-token.js';
import { readCliSettings } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { resolveTargets, type Target } from './targets.js';
import { packageVersion } from './version.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  listen: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  'group-metrics': { type: 'string' },
  'bearer-token-file': { type: 'string' },
  'bearer-token-keychain': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Scrapes in progress at shutdown get this long to finish. */
const SHUTDOWN_GRACE_MS = 5_000;

export async function serveCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (args[0] === 'set-bearer-token') return setBearerToken(args.slice(1), io);
  const parsed = parseCommandArgs('serve', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(HELP.serve);
    return 0;
  }
  const listen = values.listen === undefined ? ok(DEFAULT_LISTEN) : parseListenAddress(values.listen);
  if (!listen.ok) return fail(io, listen.error);
  const interval = secondsOption('serve', 'interval', values.interval, MIN_INTERVAL_MS / 1000, MAX_INTERVAL_MS / 1000);
  if (!interval.ok) return fail(io, interval.error);
  const timeout = secondsOption('serve', 'timeout', values.timeout, 0.1, 300);
  if (!timeout.ok) return fail(io, timeout.error);
  const groupMetrics = values['group-metrics'] === undefined ? ok(DEFAULT_GROUP_METRICS) : parseGroupMetricsPolicy(values['group-metrics']);
  if (!groupMetrics.ok) return fail(io, usageError('serve', groupMetrics.error.message));
  if (values['bearer-token-file'] !== undefined && values['bearer-token-keychain'] === true) {
    return fail(io, usageError('serve', '--bearer-token-file and --bearer-token-keychain cannot be used together'));
  }
  const request = targetRequest('serve', values);
  if (!request.ok) return fail(io, request.error);

  // The token first: a misconfigured token should fail before anything is polled or bound.
  let bearerToken: string | undefined;
  if (values['bearer-token-file'] !== undefined) {
    const read = await readBearerTokenFile(values['bearer-token-file']);
    if (!read.ok) return fail(io, read.error);
    if (read.value.warning !== null) io.err(`workspace-tray serve: warning: ${oneLine(read.value.warning)}`);
    bearerToken = read.value.token;
  } else if (values['bearer-token-keychain'] === true) {
    const read = await readBearerTokenFromKeychain(new KeytarSecretStore(keychainService(io.env)));
    if (!read.ok) return fail(io, read.error);
    bearerToken = read.value;
  }

  const settings = await readCliSettings(io);
  if (!settings.ok) return fail(io, settings.error);
  const intervalMs = interval.value ?? settings.value.polling.intervalSeconds * 1000;
  const timeoutMs = timeout.value ?? settings.value.polling.timeoutSeconds * 1000;

  const resolved = await resolveTargets(request.value, { io, http: nodeHttpClient, clock: systemClock, timeoutMs });
  if (!resolved.ok) return fail(io, resolved.error);
  const targets = resolved.value.targets;
  const usable = targets.flatMap(({ target }) => (target.ok ? [target.value] : []));
  const broken = targets.flatMap(({ label, target }) => (target.ok ? [] : [{ label, error: target.error }]));
  for (const { label, error } of broken) io.err(`workspace-tray serve: ${oneLine(label)}: ${oneLine(formatError(error))} (exported as down)`);
  if (usable.length === 0) {
    await resolved.value.close();
    return fail(io, broken[0]?.error ?? workspaceError('config', 'Nothing to serve'));
  }

  const version = packageVersion();
  const accounts: ExportedAccount[] = [
    ...usable.map((target) => ({ name: target.label, projectId: target.projectId, intervalMs })),
    ...broken.map(({ label }) => ({ name: label, projectId: '', intervalMs })),
  ];
  const metrics = new ExporterMetrics({ accounts, groupMetrics: groupMetrics.value, intervalMs, version, nodeVersion: process.version });
  for (const { label, error } of broken) metrics.recordSetupError(label, error);

  const server = await startMetricsServer({ host: listen.value.host, port: listen.value.port, metrics, bearerToken, version });
  if (!server.ok) {
    await resolved.value.close();
    return fail(io, server.error);
  }
  announce(io, server.value, usable.length, intervalMs, formatGroupMetricsPolicy(groupMetrics.value), bearerToken !== undefined);

  const monitors = usable.map((target) => pollingMonitor(target, { intervalMs, timeoutMs, alerts: settings.value.alerts, metrics, io }));
  try {
    for (const monitor of monitors) monitor.start();
    await new Promise<void>((resolve) => {
      if (io.interrupted.aborted) resolve();
      else io.interrupted.addEventListener('abort', () => resolve(), { once: true });
    });
    io.err('workspace-tray serve: stopping');
  } finally {
    await Promise.all(monitors.map((monitor) => monitor.stop()));
    await server.value.close(SHUTDOWN_GRACE_MS);
    await resolved.value.close();
  }
  return 0;
}

function announce(io: CliIo, server: RunningMetricsServer, accounts: number, intervalMs: number, groupMetrics: string, withToken: boolean): void {
  const plural = accounts === 1 ? 'account' : 'accounts';
  io.err(`workspace-tray serve: listening on ${server.url} (metrics at ${server.url}metrics), polling ${accounts} ${plural} every ${intervalMs / 1000} s, group metrics ${groupMetrics}`);
  if (!isLoopback(server.host) && !withToken) {
    io.err(`workspace-tray serve: warning: ${formatHostPort(server.host, server.port)} is reachable from the network and /metrics needs no token; consider --bearer-token-file`);
  }
}

interface PollingDeps {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly alerts: ConstructorParameters<typeof SpikeDetector>[0];
  readonly metrics: ExporterMetrics;
  readonly io: CliIo;
}

/** One account's poller, spike detector and metrics feed; errors go to stderr once per change of error. */
function pollingMonitor(target: Target, deps: PollingDeps): Monitor {
  const { metrics, io } = deps;
  const monitor = new Monitor({
    account: target.label,
    detector: new SpikeDetector(deps.alerts),
    fetch: async (signal) => {
      const started = performance.now();
      const result = await fetchConnectionStatus(
        { endpoint: target.endpoint, projectId: target.projectId },
        { http: nodeHttpClient, auth: target.auth, clock: systemClock, timeoutMs: deps.timeoutMs, signal },
      );
      if (result.ok || result.error.kind !== 'aborted') metrics.recordPoll(target.label, (performance.now() - started) / 1000, result.ok ? 'success' : 'error');
      return result;
    },
    clock: systemClock,
    random: Math.random,
    intervalMs: deps.intervalMs,
  });
  let lastReported: string | null = null;
  monitor.subscribe((event: MonitorEvent) => {
    metrics.record(event);
    const line = logLine(event);
    if (line === undefined || line === lastReported) return;
    // After errors, the first success is worth a line too; a success after successes is not.
    const text = line === '' ? (lastReported === null || lastReported === '' ? null : 'polled successfully again') : line;
    lastReported = line;
    if (text !== null) io.err(`workspace-tray serve: ${oneLine(target.label)}: ${text}`);
  });
  return monitor;
}

/** What is worth a log line: errors (once until they change), the return to normal after them, and staleness. */
function logLine(event: MonitorEvent): string | undefined {
  switch (event.type) {
    case 'snapshot':
      return '';
    case 'error':
      if (event.error.kind === 'aborted') return undefined;
      return `${oneLine(formatError(event.error))}${event.halted ? ' (polling stopped: fix the credentials or configuration and restart serve)' : ''}`;
    case 'stale':
      return 'data is stale (no successful poll for two intervals): its counts are no longer exported';
    case 'history-error':
    case 'spike':
      return undefined;
  }
}

async function setBearerToken(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('serve', args, { help: { type: 'boolean', short: 'h' } } as const);
  if (!parsed.ok) return fail(io, parsed.error);
  if (parsed.value.values.help === true) {
    io.out(HELP.serve);
    return 0;
  }
  const raw = await readTokenInput(io);
  if (!raw.ok) return fail(io, raw.error);
  const token = checkBearerToken(raw.value, 'stdin');
  if (!token.ok) return fail(io, token.error);
  const saved = await new KeytarSecretStore(keychainService(io.env)).set(BEARER_TOKEN_KEY, token.value);
  if (!saved.ok) return fail(io, saved.error);
  io.err('workspace-tray serve: bearer token saved in the OS keychain; start serve with --bearer-token-keychain');
  return 0;
}

async function readTokenInput(io: CliIo): Promise<WorkspaceResult<string>> {
  if (io.stdin.isTTY === true) return promptLine(io, 'Bearer token for scrapes (input hidden): ', false);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.byteLength;
    if (size > 4096) return err(workspaceError('usage', 'The token on stdin is larger than 4 KiB'));
    chunks.push(buffer);
  }
  return ok(Buffer.concat(chunks).toString('utf8'));
}
