// When `watch --max-polls` stops, against a stand-in for the monitoring service that controls the order of events.
// The first case is the run under load that printed one snapshot for an account instead of two: the other
// accounts had finished while it was still coming up, and watch took "every account seen" for "every account".
import { describe, expect, it } from 'vitest';
import type { MonitoringEvent } from '../../../main/app/monitoring-service.js';
import { workspaceError, type WorkspaceResult } from '../../../main/core/errors.js';
import { watchUntilDone, type WatchableService, type WatchedTarget } from '../../../main/cli/watch-until-done.js';
import type { WatchEvent } from '../../../main/cli/watch-output.js';
import { snapshotOf } from '../../fakes/scripted-fetch.js';

class StandInService implements WatchableService {
  readonly paused: string[] = [];
  private readonly listeners: ((event: MonitoringEvent) => void)[] = [];
  private releaseStart: (result: WorkspaceResult<void>) => void = () => undefined;
  private readonly started = new Promise<WorkspaceResult<void>>((resolve) => (this.releaseStart = resolve));
  private revision = 0;

  constructor(private readonly accounts: readonly string[]) {}

  subscribe(listener: (event: MonitoringEvent) => void): () => void {
    this.listeners.push(listener);
    return () => undefined;
  }
  start(): Promise<WorkspaceResult<void>> {
    return this.started;
  }
  pause(accountId?: string): void {
    if (accountId !== undefined) this.paused.push(accountId);
  }
  state(): { readonly accounts: readonly { readonly id: string }[] } {
    return { accounts: this.accounts.map((id) => ({ id })) };
  }

  /** start() resolves: every account has come up (its secret read, its history opened). */
  finishStarting(result: WorkspaceResult<void> = { ok: true, value: undefined }): void {
    this.releaseStart(result);
  }
  snapshot(accountId: string): void {
    this.emit({ type: 'snapshot', accountId, account: accountId, snapshot: snapshotOf(Date.now()), revision: ++this.revision, durationMs: 5 });
  }
  failure(accountId: string, halted: boolean): void {
    const error = workspaceError(halted ? 'auth' : 'network', halted ? 'The token was rejected.' : 'Could not connect.');
    this.emit({ type: 'error', accountId, account: accountId, error, nextAttemptAt: halted ? null : Date.now() + 1000, halted, durationMs: null });
  }
  private emit(event: MonitoringEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Lets finish()'s setImmediate and any promise continuations run. */
const turns = async (count = 5): Promise<void> => {
  for (let index = 0; index < count; index++) await new Promise((resolve) => setImmediate(resolve));
};

function watch(service: StandInService, maxPolls: number | undefined, signal = new AbortController().signal) {
  const watched = new Map<string, WatchedTarget>();
  const printed: WatchEvent[] = [];
  let finished = false;
  const run = watchUntilDone(service, watched, maxPolls, signal, (event) => printed.push(event)).finally(() => (finished = true));
  return { watched, printed, run, isFinished: () => finished };
}

describe('watch --max-polls: when it is done', () => {
  it('waits for an account still coming up when every account seen so far has finished', async () => {
    const service = new StandInService(['fast', 'rejected', 'slow']);
    const watching = watch(service, 2);
    service.snapshot('fast');
    service.snapshot('fast');
    service.failure('rejected', true);
    await turns();
    expect(watching.isFinished()).toBe(false);

    service.finishStarting();
    await turns();
    expect(watching.isFinished()).toBe(false);
    service.snapshot('slow');
    await turns();
    expect(watching.isFinished()).toBe(false);
    service.failure('slow', false);
    await watching.run;

    expect(watching.printed.filter((event) => event.accountId === 'slow').map((event) => event.type)).toEqual(['snapshot', 'error']);
    expect(Object.fromEntries([...watching.watched].map(([id, entry]) => [id, [entry.attempts, entry.exitCode]]))).toEqual({
      fast: [2, 0],
      rejected: [1, 3],
      slow: [2, 0],
    });
    expect(service.paused.sort()).toEqual(['fast', 'rejected', 'slow']);
  });

  it('ignores a poll a finished account still reports (the pause takes effect after the event)', async () => {
    const service = new StandInService(['only']);
    const watching = watch(service, 1);
    service.finishStarting();
    service.snapshot('only');
    service.snapshot('only');
    await watching.run;
    expect(watching.printed).toHaveLength(1);
    expect(watching.watched.get('only')).toEqual({ attempts: 1, exitCode: 0 });
  });

  it('stops on Ctrl-C with targets unfinished, and without --max-polls never stops by itself', async () => {
    const service = new StandInService(['a', 'b']);
    const interrupt = new AbortController();
    const watching = watch(service, undefined, interrupt.signal);
    service.finishStarting();
    for (let poll = 0; poll < 5; poll++) {
      service.snapshot('a');
      service.snapshot('b');
    }
    await turns();
    expect(watching.isFinished()).toBe(false);
    interrupt.abort();
    await watching.run;
    expect([...watching.watched.values()].map((entry) => entry.exitCode)).toEqual([null, null]);
  });

  it('gives back the reason when the service cannot start', async () => {
    const service = new StandInService([]);
    const watching = watch(service, 2);
    service.finishStarting({ ok: false, error: workspaceError('config', 'No accounts are saved.') });
    expect(await watching.run).toMatchObject({ ok: false, error: { kind: 'config' } });
  });
});
