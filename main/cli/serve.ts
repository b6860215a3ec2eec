// `workspace-tray serve`: a Prometheus exporter. The MonitoringService polls each account on its own schedule (one
// Workspace request per interval, whatever the scrape rate) and /metrics serves the latest snapshot of each from
// memory.
// `serve set-bearer-token` stores the scrape token in the OS keychain (read from stdin, never from argv).
import { ExporterMetrics } from '../app/exporter/exporter-metrics.js';
import type { MonitoringEvent } from '../app/monitoring-service.js';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../app/poller.js';
import { formatError, workspaceError, type WorkspaceResult } from '../core/errors.js';
import { DEFAULT_GROUP_METRICS, formatGroupMetricsPolicy, parseGroupMetricsPolicy } from '../core/metrics/desktop-series.js';
import { err, ok } from '../core/result.js';
import { startMetricsServer, type RunningMetricsServer } from '../node/metrics-server.js';
import { KeytarSecretStore, keychainService } from '../node/keytar-secret-store.js';
import { parseCommandArgs, secondsOption, usageError } from './args.js';
import type { ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import { outputColumns } from './terminal-text.js';
import type { CliIo } from './io.js';
import { DEFAULT_LISTEN, formatHostPort, isLoopback, parseListenAddress } from './listen-option.js';
import { promptLine } from './prompt.js';
import { fail, oneLine } from './report.js';
import { BEARER_TOKEN_KEY, checkBearerToken, readBearerTokenFile, readBearerTokenFromKeychain } from './serve-token.js';
import { readCliSettings } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { cliMonitoring } from './targets.js';
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
    io.out(helpText('serve', outputColumns(io)));
    return 0;
  }
  const listen = values.listen === undefined ? ok(DEFAULT_LISTEN) : parseListenAddress(values.listen);
  if (!listen.ok) return fail(io, listen.error);
  const interval = secondsOption('serve', 'interval', values.interval, MIN_INTERVAL_MS / 1000, MAX_INTERVAL_MS / 1000);
  if (!interval.ok) return fail(io, interval.error);
  const timeout = secondsOption('serve', 'timeout', values.timeout, 0.1, 300);
  if (!timeout.ok) return fail(io, timeout.error);
  const groupMetrics = values['group-metrics'] === undefined ? ok(DEFAULT_GROUP_METRICS) : parseGroupMetricsPolicy(values['group-metrics']);
  if (!groupMetrics.ok) return fail(io, usageError('serve', `--group-metrics ${groupMetrics.error.message}`));
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

  // One MonitoringService, as the tray and `watch` use: it resolves the accounts (keychain, environment, demo)
  // and polls each once per interval; the metrics only listen.
  const monitoring = await cliMonitoring(request.value, io, { mode: 'monitor', intervalMs: interval.value, timeoutMs: timeout.value, history: false });
  if (!monitoring.ok) return fail(io, monitoring.error);
  const { service } = monitoring.value;
  const version = packageVersion();
  const metrics = new ExporterMetrics({ accounts: [], groupMetrics: groupMetrics.value, intervalMs, version, nodeVersion: process.version });
  const log = eventLogger(io);
  const unsubscribe = service.subscribe((event) => {
    metrics.record(event);
    log(event);
  });
  try {
    // Bind before polling: a taken port fails without a single Workspace request.
    const server = await startMetricsServer({ host: listen.value.host, port: listen.value.port, metrics, bearerToken, version });
    if (!server.ok) return fail(io, server.error);
    try {
      const started = await service.start();
      if (!started.ok) return fail(io, started.error);
      const accounts = service.state().accounts;
      for (const account of accounts) metrics.addAccount({ name: account.name, projectId: account.projectId, intervalMs });
      // Accounts that could not even start (no secret, locked keychain) are exported as down; with none left, exit.
      const unstartable = accounts.filter((account) => account.halted && account.lastPollDurationMs === null && account.error !== null);
      if (accounts.length > 0 && unstartable.length === accounts.length && unstartable[0]?.error) return fail(io, unstartable[0].error);
      announce(io, server.value, accounts.length, intervalMs, formatGroupMetricsPolicy(groupMetrics.value), bearerToken !== undefined);
      await new Promise<void>((resolve) => {
        if (io.interrupted.aborted) resolve();
        else io.interrupted.addEventListener('abort', () => resolve(), { once: true });
      });
      io.err('workspace-tray serve: stopping');
    } finally {
      await service.stop();
      await server.value.close(SHUTDOWN_GRACE_MS);
    }
  } finally {
    unsubscribe();
    await monitoring.value.close();
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

/** Errors once per account until they change, the return to normal after them, and staleness. */
function eventLogger(io: CliIo): (event: MonitoringEvent) => void {
  const lastReported = new Map<string, string>();
  return (event) => {
    if (event.type === 'state') return;
    const line = logLine(event);
    const previous = lastReported.get(event.accountId) ?? '';
    if (line === undefined || line === previous) return;
    lastReported.set(event.accountId, line);
    const text = line === '' ? 'polled successfully again' : line;
    io.err(`workspace-tray serve: ${oneLine(event.account)}: ${text}`);
  };
}

function logLine(event: Exclude<MonitoringEvent, { readonly type: 'state' }>): string | undefined {
  switch (event.type) {
    case 'snapshot':
      return '';
    case 'error':
      if (event.error.kind === 'aborted') return undefined;
      return `${oneLine(formatError(event.error))}${event.halted ? ' (polling stopped: fix the credentials or configuration and restart serve)' : ''}`;
    case 'stale':
      return 'data is stale (no successful poll for two intervals): its counts are no longer exported';
    default:
      return undefined;
  }
}

async function setBearerToken(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('serve', args, { help: { type: 'boolean', short: 'h' } } as const);
  if (!parsed.ok) return fail(io, parsed.error);
  if (parsed.value.values.help === true) {
    io.out(helpText('serve', outputColumns(io)));
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
