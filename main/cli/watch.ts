// `workspace-tray watch`: the tray app's engine (the monitoring service: poller → spike detector → history)
// without Electron, one line per event. --max-polls counts poll attempts per target, successful or not, so a flaky
// run still ends.
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../app/poller.js';
import { systemClock } from '../node/system-clock.js';
import { integerOption, parseCommandArgs, secondsOption } from './args.js';
import type { ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import { outputColumns } from './terminal-text.js';
import { NO_COLOR_OPTION, colourWanted } from './colour.js';
import type { CliIo } from './io.js';
import { fail, worstExitCode } from './report.js';
import { readCliSettings } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { cliMonitoring } from './targets.js';
import { watchUntilDone, type WatchedTarget } from './watch-until-done.js';
import { snapshotCountsFingerprint, watchEventJson, watchEventTerminalLine, type WatchEvent } from './watch-output.js';
import { DisconnectedService } from '../app/disconnected-service.js';
import { DEMO_ACCOUNT_ID } from '../app/monitoring-service.js';
import { historyFolder } from '../app/targets.js';
import { FileFirstSeenStore } from '../node/file-first-seen-store.js';
import { cliConfigDir } from './stores.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  interval: { type: 'string' },
  'max-polls': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  'changes-only': { type: 'boolean' },
  ...NO_COLOR_OPTION,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function watchCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('watch', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('watch', outputColumns(io)));
    return 0;
  }
  const interval = secondsOption('watch', 'interval', values.interval, MIN_INTERVAL_MS / 1000, MAX_INTERVAL_MS / 1000);
  if (!interval.ok) return fail(io, interval.error);
  const maxPolls = integerOption('watch', 'max-polls', values['max-polls'], 1, 1_000_000_000);
  if (!maxPolls.ok) return fail(io, maxPolls.error);
  const timeout = secondsOption('watch', 'timeout', values.timeout, 0.1, 300);
  if (!timeout.ok) return fail(io, timeout.error);
  const request = targetRequest('watch', values);
  if (!request.ok) return fail(io, request.error);

  // The app's settings decide the defaults and the spike thresholds, so `watch` alerts exactly as the tray does.
  const settings = await readCliSettings(io);
  if (!settings.ok) return fail(io, settings.error);
  const monitoring = await cliMonitoring(request.value, io, { mode: 'monitor', intervalMs: interval.value, timeoutMs: timeout.value });
  if (!monitoring.ok) return fail(io, monitoring.error);

  const json = values.json === true;
  const changesOnly = values['changes-only'] === true;
  const colour = colourWanted(io, values['no-color'] === true);
  // --changes-only: per account, the counts of the last snapshot printed; a snapshot that repeats them is skipped.
  // Every other event (spike, recovery, error, stale, history-error) always prints.
  const lastPrinted = new Map<string, string>();
  const print = (event: WatchEvent, users?: ReadonlyMap<string, readonly string[]>): void => {
    if (changesOnly && event.type === 'snapshot') {
      const fingerprint = snapshotCountsFingerprint(event.snapshot);
      if (lastPrinted.get(event.accountId) === fingerprint) return;
      lastPrinted.set(event.accountId, fingerprint);
    }
    const now = systemClock.now();
    io.out(json ? JSON.stringify(watchEventJson(event, now, users)) : watchEventTerminalLine(event, now, colour));
  };

  // Spikes and recoveries go through the people look-up (one rate-limited look when they fire, never on a plain
  // poll): they come out naming the spiking groups' users, held or worded per the quick-reconnect rule.
  const intervalMs = interval.value ?? settings.value.polling.intervalSeconds * 1000;
  const configDir = cliConfigDir(io);
  const people = new DisconnectedService({
    accounts: monitoring.value.service,
    clock: systemClock,
    settings: () => settings.value.notifications,
    firstSeenStoreFor: (accountId) => (accountId === DEMO_ACCOUNT_ID ? null : new FileFirstSeenStore(historyFolder(configDir, accountId))),
    minIntervalMs: Math.min(intervalMs, 60_000),
  });
  people.onNotification(({ accountId, account, notification, users }) =>
    print({ type: notification.kind, accountId, account, notification }, notification.kind === 'spike' ? users : undefined),
  );
  people.start();
  // Events print in the order they happened: what follows a spike waits until the spike has been looked up.
  let printing: Promise<void> = Promise.resolve();
  const inOrder = (event: WatchEvent): void => {
    printing = printing
      .then(() => (event.type === 'spike' || event.type === 'recovery' ? people.whenIdle() : print(event)))
      .catch(() => undefined);
  };

  const watched = new Map<string, WatchedTarget>();
  try {
    const started = await watchUntilDone(monitoring.value.service, watched, maxPolls.value, io.interrupted, inOrder);
    if (!started.ok) return fail(io, started.error);
  } finally {
    await printing;
    await people.whenIdle();
    people.stop();
    await monitoring.value.close();
  }
  return worstExitCode([...watched.values()].map((entry) => entry.exitCode ?? 0));
}
