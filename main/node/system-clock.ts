// The real Clock, for both shells. Timers stay referenced on purpose: in the CLI's `watch` the scheduled poll is
// what keeps the process alive between polls, and the Electron main process lives on regardless. Stopping the
// poller cancels its timers, so nothing holds the process open after shutdown.
import type { CancelTimer, Clock } from '../core/ports.js';

/** setTimeout fires at once for delays beyond 2^31-1 ms (about 24.8 days); longer waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(callback: () => void, delayMs: number): CancelTimer {
    let remaining = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      const step = Math.min(remaining, MAX_TIMEOUT_MS);
      remaining -= step;
      timer = setTimeout(remaining > 0 ? arm : callback, step);
    };
    arm();
    return () => clearTimeout(timer);
  },
};
