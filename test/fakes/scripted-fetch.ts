// A poll function whose answers a test scripts, for testing scheduling without HTTP. Each call either answers at
// once (from `reply`) or waits until the test settles it, so a test can hold a request in flight.
import { COUNT_FIELDS, type Counts, type FleetSnapshot, type GroupStatus } from '../../main/core/api/fields.js';
import type { WorkspaceError, WorkspaceResult } from '../../main/core/errors.js';
import type { Clock } from '../../main/core/ports.js';
import { err, ok } from '../../main/core/result.js';

export interface ScriptedCall {
  readonly signal: AbortSignal;
  readonly startedAt: number;
  settled: boolean;
  settle(result: WorkspaceResult<FleetSnapshot>): void;
}

export class ScriptedFetch {
  readonly calls: ScriptedCall[] = [];
  private inFlight = 0;
  /** The most requests that were ever in flight at once. */
  maxInFlight = 0;

  /**
   * `reply` answers a call at once; returning `'hold'` leaves it in flight for the test to settle.
   * An aborted held call settles itself with an `aborted` error unless `ignoreAbort` is set.
   */
  constructor(
    private readonly clock: Clock,
    private readonly reply: (index: number) => WorkspaceResult<FleetSnapshot> | 'hold',
    private readonly options: { readonly ignoreAbort?: boolean } = {},
  ) {}

  readonly fetch = (signal: AbortSignal): Promise<WorkspaceResult<FleetSnapshot>> => {
    const index = this.calls.length;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve) => {
      const call: ScriptedCall = {
        signal,
        startedAt: this.clock.now(),
        settled: false,
        settle: (result) => {
          if (call.settled) return;
          call.settled = true;
          this.inFlight--;
          resolve(result);
        },
      };
      this.calls.push(call);
      if (!this.options.ignoreAbort) signal.addEventListener('abort', () => call.settle(err({ kind: 'aborted', message: 'cancelled' })), { once: true });
      const answer = this.reply(index);
      if (answer !== 'hold') call.settle(answer);
    });
  };

  /** The latest call. */
  last(): ScriptedCall {
    const call = this.calls.at(-1);
    if (call === undefined) throw new Error('no call yet');
    return call;
  }
}

export function counts(values: Partial<Record<keyof Counts, number | null>> = {}): Counts {
  return Object.fromEntries(COUNT_FIELDS.map((field) => [field, values[field] ?? 0])) as unknown as Counts;
}

/** A snapshot of the given groups' disconnected counts, each group of `desktops` desktops. */
export function snapshotOf(fetchedAt: number, disconnected: Readonly<Record<string, number>> = { 'group-a': 0 }, desktops = 100): FleetSnapshot {
  const groups: GroupStatus[] = Object.entries(disconnected).map(([name, value]) => ({
    key: name,
    static_name: name,
    ...counts({ running_num: desktops, attached_num: desktops, disconnected_num: value, in_use_num: desktops - value }),
  }));
  const totals = counts(
    Object.fromEntries(COUNT_FIELDS.map((field) => [field, groups.reduce((sum, group) => sum + (group[field] ?? 0), 0)])),
  );
  return { projectId: 'project-1', endpoint: 'https://workspace.example.invalid', fetchedAt, groups, totals };
}

export const success = (clock: Clock, disconnected?: Readonly<Record<string, number>>): WorkspaceResult<FleetSnapshot> =>
  ok(snapshotOf(clock.now(), disconnected));

export const failure = (kind: WorkspaceError['kind'], details: Omit<WorkspaceError, 'kind' | 'message'> = {}): WorkspaceResult<FleetSnapshot> =>
  err({ kind, message: `scripted ${kind}`, ...details });
