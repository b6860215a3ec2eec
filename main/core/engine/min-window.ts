/**
 * The lowest value among the samples of the last few minutes, as a monotonic deque: a sample is dropped as soon
 * as a later one is no higher (it can never be the minimum again), so each sample is pushed and dropped once and
 * the minimum is always at the head. Memory stays within the samples of one window, usually far fewer.
 */
export class MinWindow {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private head = 0;

  /** Drops the samples taken before `cutoff`. */
  evictBefore(cutoff: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? cutoff) < cutoff) this.head += 1;
    // Compact now and then instead of shifting on every eviction, which would cost O(window) each time.
    if (this.head > 16 && this.head * 2 >= this.times.length) {
      this.times.splice(0, this.head);
      this.values.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The lowest value still in the window, or `undefined` when it is empty. */
  min(): number | undefined {
    return this.head < this.values.length ? this.values[this.head] : undefined;
  }

  push(at: number, value: number): void {
    while (this.values.length > this.head && (this.values[this.values.length - 1] ?? value) >= value) {
      this.values.pop();
      this.times.pop();
    }
    this.times.push(at);
    this.values.push(value);
  }

  /** Moves the newest sample to `at`: what `push(at, value)` does when `value` equals the newest sample's. */
  renewNewest(at: number): void {
    if (this.times.length > this.head) this.times[this.times.length - 1] = at;
  }

  /** When the oldest sample still held was taken, or `undefined` when the window is empty. */
  oldestAt(): number | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined;
  }

  /** Samples held (also for tests of the memory bound). */
  get size(): number {
    return this.values.length - this.head;
  }
}
