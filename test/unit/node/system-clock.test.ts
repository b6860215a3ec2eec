// The real Clock on vitest's fake timers: Node's setTimeout fires at once for delays beyond 2^31-1 ms, which a
// Retry-After cap or a long interval could reach, so systemClock chains such waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../main/node/system-clock.js';

const DAY = 24 * 60 * 60_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('systemClock', () => {
  it('reads the wall clock', () => {
    expect(systemClock.now()).toBe(Date.UTC(2025, 0, 1));
  });

  it('waits the whole of a delay longer than setTimeout can hold', () => {
    const fired = vi.fn();
    systemClock.schedule(fired, 30 * DAY);
    vi.advanceTimersByTime(MAX_TIMEOUT_MS + 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY - MAX_TIMEOUT_MS - 2);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
  });

  it('cancels a chained wait at any stage, and cancelling twice is harmless', () => {
    const fired = vi.fn();
    const cancel = systemClock.schedule(fired, 60 * DAY);
    vi.advanceTimersByTime(MAX_TIMEOUT_MS + 1_000);
    cancel();
    cancel();
    vi.advanceTimersByTime(60 * DAY);
    expect(fired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs a negative or NaN delay at once rather than never', () => {
    const fired = vi.fn();
    for (const delay of [-5, Number.NaN]) systemClock.schedule(fired, delay);
    vi.advanceTimersByTime(0);
    expect(fired).toHaveBeenCalledTimes(2);
  });
});
