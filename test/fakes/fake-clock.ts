// Fake time for every test that schedules: nothing moves until a test advances it, and timers run in the order
// a real clock would run them (by due time, then by scheduling order).
import type { CancelTimer, Clock, Random } from '../../main/core/ports.js';

interface Timer {
  readonly id: number;
  /** Moved only by `suspend`. */
  dueAt: number;
  readonly callback: () => void;
}

/** 2025-01-01T00:00:00Z: a fixed, readable epoch so that timestamps in failures are easy to follow. */
export const FAKE_EPOCH = Date.UTC(2025, 0, 1);

export class FakeClock implements Clock {
  private current: number;
  private nextId = 0;
  private timers: Timer[] = [];

  constructor(startAt: number = FAKE_EPOCH) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  schedule(callback: () => void, delayMs: number): CancelTimer {
    const dueAt = this.current + (Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0);
    const timer: Timer = { id: this.nextId++, dueAt, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /** How many callbacks are waiting. */
  pendingCount(): number {
    return this.timers.length;
  }

  /** When the earliest waiting callback is due, or null when nothing waits. */
  nextDueAt(): number | null {
    const next = this.earliest();
    return next === undefined ? null : next.dueAt;
  }

  /**
   * Moves time forward by `ms`, running every callback that falls due on the way (including ones scheduled by
   * those callbacks), each at its own due time. Synchronous: promise continuations run only afterwards, so use
   * `advanceAsync` for code that awaits between timers.
   */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let timer = this.dueBy(target); timer !== undefined; timer = this.dueBy(target)) this.run(timer);
    this.current = target;
  }

  /**
   * The machine sleeps for `ms`: the wall clock jumps forward but no timer fires, and each keeps the delay it had
   * left. That is how Node's timers behave across a suspend on Linux and macOS (a monotonic clock that stops while
   * asleep), so after waking a timer may be due long after the wall-clock time it was meant for.
   */
  suspend(ms: number): void {
    this.current += ms;
    // In place: a timer's cancel function finds it by identity.
    for (const timer of this.timers) timer.dueAt += ms;
  }

  /** Like `advance`, but lets pending promise chains settle before and after each callback. */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let timer = this.dueBy(target); timer !== undefined; timer = this.dueBy(target)) {
      this.run(timer);
      await settle();
    }
    this.current = target;
  }

  /** Advances exactly to the earliest waiting callback and runs it (and any due at the same instant). */
  async runNext(): Promise<void> {
    const due = this.nextDueAt();
    if (due === null) throw new Error('FakeClock.runNext: nothing is scheduled');
    await this.advanceAsync(due - this.current);
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) if (best === undefined || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)) best = timer;
    return best;
  }

  private dueBy(target: number): Timer | undefined {
    const next = this.earliest();
    return next !== undefined && next.dueAt <= target ? next : undefined;
  }

  private run(timer: Timer): void {
    this.timers = this.timers.filter((candidate) => candidate !== timer);
    this.current = Math.max(this.current, timer.dueAt);
    timer.callback();
  }
}

/**
 * Lets every pending promise continuation run. A macrotask boundary is enough: Node drains the whole
 * microtask queue, including continuations queued while draining, before it runs the next macrotask.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A reproducible Random: the given values in turn, cycling. */
export function sequenceRandom(...values: readonly number[]): Random {
  if (values.length === 0 || values.some((value) => !(value >= 0 && value < 1))) throw new RangeError('sequenceRandom needs values in [0, 1)');
  let index = 0;
  return () => {
    const value = values[index % values.length] as number;
    index++;
    return value;
  };
}
