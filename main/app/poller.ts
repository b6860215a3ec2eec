// Polls one account's connection status on a schedule. The poller owns only timing: what a poll does is the
// injected `fetch`, and what happens with the result is the listener's business.
//
// Rules it keeps:
// - At most one request in flight per account. `refresh()` during a poll returns that poll; a poll cancelled by
//   pause()/stop() is waited for before the next one starts.
// - Polls happen only while started and not paused; refresh() outside that window does nothing.
// - After a success the next poll is one interval later. Retryable failures (network, timeout, invalid
//   response, 5xx) back off exponentially with "equal jitter": the ceiling doubles from min(interval, 10 s) up to
//   `maxBackoffMs` (15 min), and the delay is drawn uniformly from the upper half of it. Full jitter may retry
//   at once and decorrelated jitter may stay at its base forever; the upper half keeps both the growth and the
//   spread. No retry waits longer than one interval nor than `maxBackoffMs`: a fault that clears is noticed
//   within one interval (what the user was promised by choosing it), and a long outage is polled no faster
//   than normal polling would be.
// - 429 waits the server's Retry-After, but never longer than the backoff ceiling (15 min: a server, or a broken
//   header, cannot switch monitoring off with `Retry-After: 999999999`) and no less than the backoff that failure
//   would get.
// - Errors that retrying cannot heal (auth, permission, config, keychain, clock skew, not found) stop the
//   schedule: the poller waits for refresh() or resume(), e.g. after new credentials.
// - Data is stale when no poll has succeeded for two intervals (since start, or since the last success). While
//   no poll succeeds, `stale` is said again every STALE_REPEAT_MS, so a long outage is never a single line.
import type { FleetSnapshot } from '../core/api/fields.js';
import { isRetryable, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import { phrase, wordedError } from '../core/error-wording.js';
import type { CancelTimer, Clock, Random } from '../core/ports.js';
import { err } from '../core/result.js';

export const DEFAULT_MAX_BACKOFF_MS = 15 * 60_000;
/** The first retry after a failure waits at most this long (or one interval, when that is shorter). */
export const BACKOFF_BASE_MS = 10_000;
/** Data older than this many intervals is stale. */
export const STALE_AFTER_INTERVALS = 2;
/** While the data stays stale, the `stale` event is repeated this often: modest, but a long outage keeps saying so. */
export const STALE_REPEAT_MS = 15 * 60_000;
/**
 * The widest intervals any shell may ask for: `watch --interval` goes down to 1 s (demos, tests) and up to a day;
 * the app's settings narrow that to 15 s - 1 h. Anything else is a caller's bug, refused rather than clamped,
 * because a typo in milliseconds vs seconds would otherwise hammer the API or silently stop monitoring.
 */
export const MIN_INTERVAL_MS = 1_000;
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;

export type PollerEvent =
  | { readonly type: 'snapshot'; readonly snapshot: FleetSnapshot }
  | {
      readonly type: 'error';
      readonly error: WorkspaceError;
      /** When the poller tries again by itself; null when it waits for refresh()/resume(). */
      readonly nextAttemptAt: number | null;
      /** True when retrying cannot help (credentials, permissions, configuration): the schedule has stopped. */
      readonly halted: boolean;
    }
  | { readonly type: 'stale'; readonly lastSuccessAt: number | null };

export interface PollerStatus {
  /** The last good snapshot; kept through errors so the shell can still show it (marked stale in time). */
  readonly lastSnapshot: FleetSnapshot | null;
  /** The error of the latest poll, cleared by a success. */
  readonly lastError: WorkspaceError | null;
  readonly lastSuccessAt: number | null;
  readonly nextPollAt: number | null;
  readonly stale: boolean;
  readonly paused: boolean;
  /** A non-retryable error stopped the schedule; refresh() or resume() starts it again. */
  readonly halted: boolean;
  /** A request is in flight. */
  readonly polling: boolean;
  readonly consecutiveFailures: number;
}

export interface PollerDeps {
  /** One poll. Must honour the signal (pause/stop abort it) and return errors rather than throw. */
  readonly fetch: (signal: AbortSignal) => Promise<WorkspaceResult<FleetSnapshot>>;
  readonly clock: Clock;
  readonly random: Random;
  readonly intervalMs: number;
  readonly maxBackoffMs?: number;
  readonly onEvent: (event: PollerEvent) => void;
}

interface InFlightPoll {
  readonly controller: AbortController;
  done: Promise<void>;
}

export class Poller {
  private readonly deps: PollerDeps;
  private readonly maxBackoffMs: number;
  private intervalMs: number;

  private started = false;
  private paused = false;
  private halted = false;
  private inFlight: InFlightPoll | null = null;

  private cancelNextPoll: CancelTimer | null = null;
  private nextPollAt: number | null = null;
  /** Whether the pending poll is the regular one after a success (which a new interval re-times). */
  private nextPollIsRegular = false;

  private cancelStaleTimer: CancelTimer | null = null;
  /** Start of the current staleness window: the last success, or start() before any. */
  private freshSince = 0;

  private lastSnapshot: FleetSnapshot | null = null;
  private lastError: WorkspaceError | null = null;
  private lastSuccessAt: number | null = null;
  private stale = false;
  private consecutiveFailures = 0;

  constructor(deps: PollerDeps) {
    this.deps = deps;
    this.intervalMs = checkedInterval(deps.intervalMs);
    this.maxBackoffMs = checkedDelay('maxBackoffMs', deps.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
  }

  /** Starts polling with an immediate poll (or at resume(), when paused). Starting a started poller does nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.halted = false;
    this.freshSince = this.deps.clock.now();
    this.armStaleTimer();
    void this.refresh();
  }

  /** Stops polling: aborts the request in flight and cancels every timer. start() begins afresh. */
  stop(): void {
    this.started = false;
    this.halted = false;
    this.cancelScheduledPoll();
    this.cancelStaleTimer?.();
    this.cancelStaleTimer = null;
    this.inFlight?.controller.abort();
  }

  /**
   * Polls now, unless a poll is already in flight: then it returns that one. Also restarts a schedule halted
   * by a non-retryable error. Resolves when the poll has completed (never rejects); does nothing while stopped
   * or paused.
   */
  refresh(): Promise<void> {
    if (!this.started || this.paused) return Promise.resolve();
    const current = this.inFlight;
    if (current !== null) {
      // A cancelled poll may still be settling; the next one starts after it, so two never overlap.
      return current.controller.signal.aborted ? current.done.then(() => this.refresh()) : current.done;
    }
    this.cancelScheduledPoll();
    this.halted = false;
    const poll: InFlightPoll = { controller: new AbortController(), done: Promise.resolve() };
    this.inFlight = poll;
    poll.done = this.runPoll(poll);
    return poll.done;
  }

  /**
   * For the shell when the system sleeps or goes offline: aborts the poll in flight and the schedule. Pausing is
   * independent of start/stop: a poller paused before start() starts only on resume().
   */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.cancelScheduledPoll();
    this.inFlight?.controller.abort();
  }

  /**
   * Undoes pause() with an immediate poll (also a manual retry after a halting error). After a system sleep the
   * timers are late by the time asleep (they do not count it), so staleness is judged again by the clock: data
   * from before a long sleep is reported stale at once, not an interval after waking.
   */
  resume(): Promise<void> {
    this.paused = false;
    if (this.started && !this.stale) this.armStaleTimer();
    return this.refresh();
  }

  /**
   * Takes effect for the next regular poll: a poll already scheduled one interval after a success is re-timed
   * to the new interval (never into the past); a backoff or Retry-After wait is kept. The staleness deadline
   * moves too. Throws a RangeError outside MIN_INTERVAL_MS..MAX_INTERVAL_MS, keeping the current interval.
   */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = checkedInterval(intervalMs);
    if (this.nextPollIsRegular && this.lastSuccessAt !== null) {
      this.schedulePoll(Math.max(0, this.lastSuccessAt + this.intervalMs - this.deps.clock.now()), true);
    }
    if (this.started && !this.stale) this.armStaleTimer();
  }

  status(): PollerStatus {
    return {
      lastSnapshot: this.lastSnapshot,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt,
      nextPollAt: this.nextPollAt,
      // Also by the clock: the stale timer is late after a system sleep that pause() did not announce.
      stale: this.stale || (this.started && this.deps.clock.now() >= this.staleDeadline()),
      paused: this.paused,
      halted: this.halted,
      polling: this.inFlight !== null,
      consecutiveFailures: this.consecutiveFailures,
    };
  }

  private async runPoll(poll: InFlightPoll): Promise<void> {
    let result: WorkspaceResult<FleetSnapshot>;
    try {
      result = await this.deps.fetch(poll.controller.signal);
    } catch {
      // The fetch contract is to return errors; a throw is a bug, but it must not end monitoring. The thrown
      // value is not quoted: it could carry anything, including request details.
      result = err(wordedError('service', phrase('poll.unexpected'), [phrase('hint.bug-will-retry')]));
    } finally {
      if (this.inFlight === poll) this.inFlight = null;
    }
    // Cancelled by pause() or stop(): whatever came back is no longer wanted.
    if (poll.controller.signal.aborted) return;
    if (result.ok) this.succeeded(result.value);
    else this.failed(result.error);
  }

  private succeeded(snapshot: FleetSnapshot): void {
    const now = this.deps.clock.now();
    this.lastSnapshot = snapshot;
    this.lastSuccessAt = now;
    this.lastError = null;
    this.consecutiveFailures = 0;
    this.stale = false;
    this.freshSince = now;
    this.armStaleTimer();
    this.schedulePoll(this.intervalMs, true);
    this.emit({ type: 'snapshot', snapshot });
  }

  private failed(error: WorkspaceError): void {
    this.lastError = error;
    this.consecutiveFailures++;
    // An abort we did not ask for (a caller's signal) is a transient fault, not a reason to halt.
    if (isRetryable(error) || error.kind === 'aborted') {
      this.schedulePoll(this.retryDelay(error), false);
      this.emit({ type: 'error', error, nextAttemptAt: this.nextPollAt, halted: false });
    } else {
      this.halted = true;
      this.emit({ type: 'error', error, nextAttemptAt: null, halted: true });
    }
  }

  private retryDelay(error: WorkspaceError): number {
    const ceiling = Math.min(this.maxBackoffMs, Math.min(this.intervalMs, BACKOFF_BASE_MS) * 2 ** (this.consecutiveFailures - 1));
    const backoff = Math.min(ceiling / 2 + this.deps.random() * (ceiling / 2), this.intervalMs);
    if (error.kind === 'throttled' && error.retryAfterMs !== undefined && error.retryAfterMs > 0) {
      return Math.max(Math.min(error.retryAfterMs, this.maxBackoffMs), backoff);
    }
    return backoff;
  }

  private schedulePoll(delayMs: number, regular: boolean): void {
    this.cancelScheduledPoll();
    if (!this.started || this.paused) return;
    this.nextPollAt = this.deps.clock.now() + delayMs;
    this.nextPollIsRegular = regular;
    this.cancelNextPoll = this.deps.clock.schedule(() => {
      this.cancelNextPoll = null;
      this.nextPollAt = null;
      void this.refresh();
    }, delayMs);
  }

  private cancelScheduledPoll(): void {
    this.cancelNextPoll?.();
    this.cancelNextPoll = null;
    this.nextPollAt = null;
    this.nextPollIsRegular = false;
  }

  /** Marks the data stale at its deadline, or now when that has passed (a shorter interval, a sleep). */
  private armStaleTimer(): void {
    this.cancelStaleTimer?.();
    this.cancelStaleTimer = null;
    const delay = this.staleDeadline() - this.deps.clock.now();
    if (delay <= 0) {
      this.markStale();
      return;
    }
    this.cancelStaleTimer = this.deps.clock.schedule(() => {
      this.cancelStaleTimer = null;
      this.markStale();
    }, delay);
  }

  private markStale(): void {
    this.stale = true;
    // Said again until a poll succeeds (which re-arms the deadline) or the poller stops (which cancels this).
    this.cancelStaleTimer?.();
    this.cancelStaleTimer = this.deps.clock.schedule(() => {
      this.cancelStaleTimer = null;
      this.markStale();
    }, STALE_REPEAT_MS);
    this.emit({ type: 'stale', lastSuccessAt: this.lastSuccessAt });
  }

  private staleDeadline(): number {
    return this.freshSince + STALE_AFTER_INTERVALS * this.intervalMs;
  }

  /**
   * A throwing listener is a bug to surface, but it must not leave the poller half-updated or end the
   * schedule: state is settled before emitting, and the exception is rethrown outside the poll.
   */
  private emit(event: PollerEvent): void {
    try {
      this.deps.onEvent(event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function checkedInterval(value: number): number {
  if (!(value >= MIN_INTERVAL_MS && value <= MAX_INTERVAL_MS)) {
    throw new RangeError(`intervalMs must be between ${MIN_INTERVAL_MS} and ${MAX_INTERVAL_MS} milliseconds, got ${value}`);
  }
  return value;
}

function checkedDelay(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
  return value;
}
