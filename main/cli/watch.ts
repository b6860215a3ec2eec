// `workspace-tray watch`: the tray app's engine (poller → spike detector → history) without Electron, one line
// per event. --max-polls counts poll attempts per target, successful or not, so a flaky run still ends.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Monitor } from '../app/monitor.js';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../app/poller.js';
import { fetchConnectionStatus } from '../app/workspace-client.js';
import { SpikeDetector } from '../core/engine/spikes.js';
import { exitCodeFor, type ExitCode } from '../core/errors.js';
import type { HistoryStore } from '../core/ports.js';
import { FileHistoryStore } from '../node/file-history-store.js';
import { nodeHttpClient } from '../node/node-http.js';
import { systemClock } from '../node/system-clock.js';
import { integerOption, parseCommandArgs, secondsOption } from './args.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
import { fail, worstExitCode } from './report.js';
import { cliConfigDir, readCliSettings } from './stores.js';
import { TARGET_OPTIONS, targetRequest } from './target-options.js';
import { resolveTargets, type Target } from './targets.js';
import { watchEventJson, watchEventLine, type WatchEvent } from './watch-output.js';
import { DisconnectedLookup } from '../app/disconnected-lookup.js';
import { SpikePeople } from '../app/spike-people.js';
import { FileFirstSeenStore } from '../node/file-first-seen-store.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  interval: { type: 'string' },
  'max-polls': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Watched {
  readonly target: Target;
  readonly monitor: Monitor;
  /** Names the users of a spike (one on-demand look per spike), holds and words quick reconnects. */
  readonly people: SpikePeople;
  readonly history: HistoryStore | null;
  attempts: number;
  /** Set when the target is finished: 0 after --max-polls, the error's code when it halted. */
  exitCode: ExitCode | null;
}

export async function watchCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('watch', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(HELP.watch);
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
  const intervalMs = interval.value ?? settings.value.polling.intervalSeconds * 1000;
  const timeoutMs = timeout.value ?? settings.value.polling.timeoutSeconds * 1000;

  const resolved = await resolveTargets(request.value, { io, http: nodeHttpClient, clock: systemClock, timeoutMs });
  if (!resolved.ok) return fail(io, resolved.error);

  const json = values.json === true;
  const print = (event: WatchEvent, users?: ReadonlyMap<string, readonly string[]>): void => {
    const now = systemClock.now();
    io.out(json ? JSON.stringify(watchEventJson(event, now, users)) : watchEventLine(event, now));
  };
  // Events print in the order they happened: a spike waits for its users to be looked up, and what follows waits for it.
  let printing: Promise<void> = Promise.resolve();
  const inOrder = (step: () => void | Promise<void>): void => {
    printing = printing.then(step).catch(() => undefined);
  };

  const codes: ExitCode[] = [];
  const watched: Watched[] = [];
  let demoFolder: string | null = null;
  try {
    for (const { label, target } of resolved.value.targets) {
      if (!target.ok) {
        print({ type: 'error', account: label, error: target.error, nextAttemptAt: null, halted: true });
        codes.push(exitCodeFor(target.error));
        continue;
      }
      let folder: string;
      if (target.value.kind === 'demo') {
        demoFolder ??= await mkdtemp(join(tmpdir(), 'workspace-tray-demo-'));
        folder = demoFolder;
      } else {
        folder = historyFolder(cliConfigDir(io), target.value);
      }
      const history = await openHistory(folder, label, print);
      let groupNames: readonly string[] = [];
      const lookup = new DisconnectedLookup({
        target: { endpoint: target.value.endpoint, projectId: target.value.projectId },
        client: { http: nodeHttpClient, auth: target.value.auth, clock: systemClock, timeoutMs },
        clock: systemClock,
        firstSeen: new FileFirstSeenStore(folder),
        // Never more than one look per poll interval, and never on a poll by itself: only when a spike fires.
        minIntervalMs: Math.min(intervalMs, 60_000),
      });
      const people = new SpikePeople({
        lookup,
        clock: systemClock,
        settings: () => settings.value.notifications,
        groupNames: () => groupNames,
        deliver: ({ notification, users }) => print({ type: 'spike', account: label, notification }, notification.kind === 'spike' ? users : undefined),
      });
      const monitor = new Monitor({
        account: label,
        detector: new SpikeDetector(settings.value.alerts),
        ...(history === null ? {} : { history }),
        fetch: (signal) =>
          fetchConnectionStatus(
            { endpoint: target.value.endpoint, projectId: target.value.projectId },
            { http: nodeHttpClient, auth: target.value.auth, clock: systemClock, timeoutMs, signal },
          ),
        clock: systemClock,
        random: Math.random,
        intervalMs,
      });
      monitor.subscribe((event) => {
        if (event.type === 'snapshot') groupNames = event.snapshot.groups.flatMap((group) => (group.static_name === null ? [] : [group.static_name]));
      });
      watched.push({ target: target.value, monitor, people, history, attempts: 0, exitCode: null });
    }

    await runUntilDone(watched, maxPolls.value, io, (event) =>
      inOrder(() => {
        const entry = watched.find((candidate) => candidate.monitor.account === event.account);
        if (event.type === 'spike' && entry !== undefined) return entry.people.handle(event.notification);
        print(event);
      }),
    );
    for (const entry of watched) codes.push(entry.exitCode ?? 0);
  } finally {
    await Promise.all(watched.map(async (entry) => {
      await entry.monitor.stop();
      await printing;
      entry.people.stop();
      await entry.history?.close();
    }));
    await resolved.value.close();
    if (demoFolder !== null) await rm(demoFolder, { recursive: true, force: true });
  }
  return worstExitCode(codes);
}

/** Resolves when every target has finished (max polls, or halted), or on Ctrl-C. */
function runUntilDone(watched: readonly Watched[], maxPolls: number | undefined, io: CliIo, print: (event: WatchEvent) => void): Promise<void> {
  if (watched.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const settleIfDone = (): void => {
      if (watched.every((entry) => entry.exitCode !== null)) resolve();
    };
    const finish = (entry: Watched, code: ExitCode): void => {
      if (entry.exitCode !== null) return;
      entry.exitCode = code;
      // After the current event has reached every listener (a spike follows its snapshot in the same turn).
      setImmediate(() => void entry.monitor.stop().then(settleIfDone));
    };
    io.interrupted.addEventListener('abort', () => resolve(), { once: true });
    for (const entry of watched) {
      entry.monitor.subscribe((event) => {
        if (entry.exitCode !== null && event.type !== 'spike' && event.type !== 'history-error') return;
        print(event);
        if (event.type === 'snapshot' || event.type === 'error') {
          entry.attempts++;
          if (event.type === 'error' && event.halted) finish(entry, exitCodeFor(event.error));
          else if (maxPolls !== undefined && entry.attempts >= maxPolls) finish(entry, 0);
        }
      });
    }
    if (io.interrupted.aborted) return resolve();
    for (const entry of watched) entry.monitor.start();
  });
}

/** One history folder per account, named by its stable id so a rename keeps the history. */
export function historyFolder(configDir: string, target: Target): string {
  if (target.accountId !== null) return join(configDir, 'history', target.accountId);
  const digest = createHash('sha256').update(`${target.endpoint}\n${target.projectId}`).digest('hex').slice(0, 16);
  return join(configDir, 'history', `ad-hoc-${digest}`);
}

/**
 * Opens the account's history and catches up on the upkeep that piled up while nothing ran (expired days,
 * hours due for downsampling), so appends go back to one small step each. Without history the watch still
 * runs: the failure is reported once and polling goes on.
 */
async function openHistory(folder: string, account: string, print: (event: WatchEvent) => void): Promise<HistoryStore | null> {
  const opened = await FileHistoryStore.open({ folder });
  if (!opened.ok) {
    print({ type: 'history-error', account, error: opened.error });
    return null;
  }
  const maintained = await opened.value.maintain(systemClock.now());
  // Appends may still work (e.g. only an old file is undeletable): keep the store, the monitor reports its failures.
  if (!maintained.ok) print({ type: 'history-error', account, error: maintained.error });
  return opened.value;
}
