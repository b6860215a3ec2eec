// When `watch` is finished: every target has had its --max-polls attempts or halted, or the user pressed Ctrl-C.
// "Every target" is only known once the service has started: until then the targets seen are those that have
// spoken, and an account slow to come up (a keychain read under load, a history folder to open) would be missed.
import type { MonitoringEvent, MonitoringService } from '../app/monitoring-service.js';
import type { WorkspaceResult } from '../core/errors.js';
import { exitCodeFor, type ExitCode } from './exit-codes.js';
import type { WatchEvent } from './watch-output.js';

export interface WatchedTarget {
  attempts: number;
  /** Set when the target is finished: 0 after --max-polls, the error's code when it halted. */
  exitCode: ExitCode | null;
}

/** What `watch` needs of the monitoring service (which fits it); narrow so a test can stand in for it. */
export interface WatchableService extends Pick<MonitoringService, 'subscribe' | 'start' | 'pause'> {
  state(): { readonly accounts: readonly { readonly id: string }[] };
}

/** Resolves when every target has finished (max polls, or halted), or on interrupt; or at once when the service cannot start. */
export async function watchUntilDone(
  service: WatchableService,
  watched: Map<string, WatchedTarget>,
  maxPolls: number | undefined,
  interrupted: AbortSignal,
  print: (event: WatchEvent) => void,
): Promise<WorkspaceResult<void>> {
  let everyTargetKnown = false;
  let settleIfDone = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    settleIfDone = () => {
      if (everyTargetKnown && watched.size > 0 && [...watched.values()].every((entry) => entry.exitCode !== null)) resolve();
    };
    interrupted.addEventListener('abort', () => resolve(), { once: true });
  });
  const finish = (accountId: string, entry: WatchedTarget, code: ExitCode): void => {
    if (entry.exitCode !== null) return;
    entry.exitCode = code;
    // After the current event has reached every listener (a spike follows its snapshot in the same turn).
    setImmediate(() => {
      service.pause(accountId);
      settleIfDone();
    });
  };
  service.subscribe((event) => {
    if (!isWatchEvent(event)) return;
    let entry = watched.get(event.accountId);
    if (entry === undefined) watched.set(event.accountId, (entry = { attempts: 0, exitCode: null }));
    if (entry.exitCode !== null && event.type !== 'spike' && event.type !== 'recovery' && event.type !== 'history-error') return;
    print(event);
    if (event.type === 'snapshot' || event.type === 'error') {
      entry.attempts++;
      if (event.type === 'error' && event.halted) finish(event.accountId, entry, exitCodeFor(event.error));
      else if (maxPolls !== undefined && entry.attempts >= maxPolls) finish(event.accountId, entry, 0);
    }
  });
  if (interrupted.aborted) return { ok: true, value: undefined };
  const started = await service.start();
  if (!started.ok) return started;
  for (const account of service.state().accounts) if (!watched.has(account.id)) watched.set(account.id, { attempts: 0, exitCode: null });
  everyTargetKnown = true;
  settleIfDone();
  await done;
  return started;
}

function isWatchEvent(event: MonitoringEvent): event is WatchEvent {
  return event.type !== 'change' && event.type !== 'state';
}
