import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, DEFAULT_MAX_BACKOFF_MS, MAX_INTERVAL_MS, MIN_INTERVAL_MS, Poller, STALE_REPEAT_MS, type PollerEvent } from '../../../main/app/poller.js';
import type { ErrorKind } from '../../../main/core/errors.js';
import type { Random } from '../../../main/core/ports.js';
import { FakeClock, sequenceRandom, settle } from '../../fakes/fake-clock.js';
import { failure, ScriptedFetch, success } from '../../fakes/scripted-fetch.js';
import { catchingUncaught } from './catching-uncaught.js';

const MINUTE = 60_000;
const INTERVAL = MINUTE;

function setup(reply: (index: number, clock: FakeClock) => ReturnType<typeof success> | 'hold', options: { random?: Random; intervalMs?: number; ignoreAbort?: boolean } = {}) {
  const clock = new FakeClock();
  const script = new ScriptedFetch(clock, (index) => reply(index, clock), { ignoreAbort: options.ignoreAbort ?? false });
  const events: PollerEvent[] = [];
  const poller = new Poller({
    fetch: script.fetch,
    clock,
    random: options.random ?? sequenceRandom(0.5),
    intervalMs: options.intervalMs ?? INTERVAL,
    onEvent: (event) => events.push(event),
  });
  const times = () => script.calls.map((call) => call.startedAt - clockStart);
  const clockStart = clock.now();
  return { clock, script, events, poller, times, since: (at: number) => at - clockStart };
}

const always = (result: (clock: FakeClock) => ReturnType<typeof success>) => (_index: number, clock: FakeClock) => result(clock);

describe('Poller schedule', () => {
  it('polls at start, then one interval after each success', async () => {
    const { clock, poller, times, events, since } = setup(always((clock) => success(clock)));
    poller.start();
    await clock.advanceAsync(3 * INTERVAL);
    expect(times()).toEqual([0, INTERVAL, 2 * INTERVAL, 3 * INTERVAL]);
    expect(events.map((event) => event.type)).toEqual(['snapshot', 'snapshot', 'snapshot', 'snapshot']);
    const status = poller.status();
    expect(since(status.nextPollAt ?? 0)).toBe(4 * INTERVAL);
    expect(since(status.lastSuccessAt ?? 0)).toBe(3 * INTERVAL);
    expect(status).toMatchObject({ stale: false, paused: false, halted: false, polling: false, consecutiveFailures: 0, lastError: null });
    poller.stop();
  });

  it('keeps one request in flight: refresh during a poll returns that poll', async () => {
    const { clock, poller, script } = setup(() => 'hold');
    poller.start();
    expect(script.calls).toHaveLength(1);
    const first = poller.refresh();
    const second = poller.refresh();
    expect(second).toBe(first);
    // The interval passing while the request hangs must not start another one either.
    await clock.advanceAsync(5 * INTERVAL);
    expect(script.calls).toHaveLength(1);
    expect(poller.status().polling).toBe(true);
    let settled = false;
    void first.then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    script.last().settle(success(clock));
    await first;
    expect(poller.status().lastSnapshot).not.toBeNull();
    expect(script.maxInFlight).toBe(1);
    poller.stop();
  });

  it('refresh when idle polls now and restarts the interval from there', async () => {
    const { clock, poller, times } = setup(always((clock) => success(clock)));
    poller.start();
    await clock.advanceAsync(20_000);
    await poller.refresh();
    await clock.advanceAsync(INTERVAL + 20_000);
    expect(times()).toEqual([0, 20_000, 20_000 + INTERVAL]);
    poller.stop();
  });

  it('applies a new interval to the poll already scheduled after a success', async () => {
    const { clock, poller, times } = setup(always((clock) => success(clock)));
    poller.start();
    await clock.advanceAsync(10_000);
    poller.setIntervalMs(30_000);
    await clock.advanceAsync(60_000);
    expect(times()).toEqual([0, 30_000, 60_000]);
    // Shortened below the time already waited: polls at once rather than in the past.
    poller.setIntervalMs(4 * MINUTE);
    await clock.advanceAsync(MINUTE);
    poller.setIntervalMs(15_000);
    await clock.advanceAsync(0);
    expect(times()).toEqual([0, 30_000, 60_000, 130_000]);
    expect(() => poller.setIntervalMs(0)).toThrow(RangeError);
    poller.stop();
  });

  it('refuses an interval outside 1 s to 24 h, keeping the one it has', async () => {
    const { clock, poller, times } = setup(always((clock) => success(clock)));
    expect(() => new Poller({ fetch: async () => success(clock), clock, random: sequenceRandom(0), intervalMs: 60, onEvent: () => {} })).toThrow(
      /between 1000 and 86400000 milliseconds, got 60/,
    );
    poller.start();
    await settle();
    // Seconds passed where milliseconds are meant, or a day in seconds: both refused, not clamped.
    for (const wrong of [15, MIN_INTERVAL_MS - 1, MAX_INTERVAL_MS + 1, Number.NaN, Number.POSITIVE_INFINITY, -MINUTE]) {
      expect(() => poller.setIntervalMs(wrong)).toThrow(RangeError);
    }
    poller.setIntervalMs(MIN_INTERVAL_MS);
    poller.setIntervalMs(MAX_INTERVAL_MS);
    poller.setIntervalMs(INTERVAL);
    await clock.advanceAsync(2 * INTERVAL);
    expect(times()).toEqual([0, INTERVAL, 2 * INTERVAL]);
    poller.stop();
  });
});

describe('Poller backoff', () => {
  it.each<ErrorKind>(['network', 'timeout', 'service', 'invalid-response'])('backs off exponentially with jitter on %s, capped at 15 minutes (hourly polling)', async (kind) => {
    const randoms = [0, 0.999, 0.5, 0.25];
    const { clock, poller, events } = setup(always(() => failure(kind)), { random: sequenceRandom(...randoms), intervalMs: 60 * MINUTE });
    poller.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      await settle();
      const status = poller.status();
      expect(status.consecutiveFailures).toBe(attempt + 1);
      const delay = (status.nextPollAt ?? Number.NaN) - clock.now();
      delays.push(delay);
      await clock.advanceAsync(delay);
    }
    delays.forEach((delay, index) => {
      const ceiling = Math.min(DEFAULT_MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** index);
      const random = randoms[index % randoms.length] ?? Number.NaN;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(delay).toBeCloseTo(ceiling / 2 + (random * ceiling) / 2, 6);
    });
    expect(delays[0]).toBe(BACKOFF_BASE_MS / 2);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DEFAULT_MAX_BACKOFF_MS);
    expect(delays.slice(-3).every((delay) => delay >= DEFAULT_MAX_BACKOFF_MS / 2)).toBe(true);
    const errors = events.filter((event) => event.type === 'error');
    expect(errors).toHaveLength(13);
    expect(errors.every((event) => event.type === 'error' && !event.halted && event.nextAttemptAt !== null)).toBe(true);
    poller.stop();
  });

  it('never waits longer than one interval, so a fault that clears is noticed within one', async () => {
    const { clock, poller, times } = setup((index, clock) => (index < 8 ? failure('network') : success(clock)), { random: sequenceRandom(0.999) });
    poller.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      await settle();
      const delay = (poller.status().nextPollAt ?? Number.NaN) - clock.now();
      delays.push(delay);
      await clock.advanceAsync(delay);
    }
    // 5-10 s, 10-20 s, 20-40 s, then the interval itself (the backoff's 40-80 s would exceed it).
    expect(delays.slice(0, 3).every((delay, index) => delay > (BACKOFF_BASE_MS * 2 ** index) / 2 && delay <= BACKOFF_BASE_MS * 2 ** index)).toBe(true);
    expect(delays.slice(3)).toEqual([INTERVAL, INTERVAL, INTERVAL, INTERVAL, INTERVAL]);
    await settle();
    expect(poller.status().consecutiveFailures).toBe(0);
    expect(times()).toHaveLength(9);
    poller.stop();
  });

  it('starts the backoff at one interval when the interval is shorter than the base', async () => {
    const { clock, poller } = setup(always(() => failure('network')), { intervalMs: 1_000, random: sequenceRandom(0.999) });
    poller.start();
    await settle();
    const first = (poller.status().nextPollAt ?? 0) - clock.now();
    expect(first).toBeGreaterThan(500);
    expect(first).toBeLessThanOrEqual(1_000);
    poller.stop();
  });

  it('resets the backoff after a success', async () => {
    const { clock, poller, times } = setup((index, clock) => (index === 2 ? success(clock) : failure('network')), { random: sequenceRandom(0) });
    poller.start();
    await clock.advanceAsync(5_000 + 10_000); // failures at 0 and 5 s, success at 15 s
    expect(poller.status().consecutiveFailures).toBe(0);
    await clock.advanceAsync(INTERVAL);
    expect(times()).toEqual([0, 5_000, 15_000, 15_000 + INTERVAL]);
    await settle();
    // The failure after the success waits the first step again.
    expect((poller.status().nextPollAt ?? 0) - clock.now()).toBe(BACKOFF_BASE_MS / 2);
    poller.stop();
  });

  it('treats a fetch that throws as a retryable fault', async () => {
    const clock = new FakeClock();
    const events: PollerEvent[] = [];
    let calls = 0;
    const poller = new Poller({
      fetch: () => {
        calls++;
        return Promise.reject(new Error('password=hunter2'));
      },
      clock,
      random: sequenceRandom(0),
      intervalMs: INTERVAL,
      onEvent: (event) => events.push(event),
    });
    poller.start();
    await clock.advanceAsync(BACKOFF_BASE_MS / 2);
    expect(calls).toBe(2);
    const first = events[0];
    expect(first?.type === 'error' && first.error.kind).toBe('service');
    expect(JSON.stringify(events)).not.toContain('hunter2');
    poller.stop();
  });
});

describe('Poller on throttling', () => {
  it('waits the Retry-After the server asked for', async () => {
    const { clock, poller, times, events } = setup((index, clock) => (index === 0 ? failure('throttled', { httpStatus: 429, retryAfterMs: 120_000 }) : success(clock)));
    poller.start();
    await settle();
    const error = events[0];
    expect(error?.type === 'error' && error.nextAttemptAt).toBe(clock.now() + 120_000);
    await clock.advanceAsync(119_999);
    expect(times()).toEqual([0]);
    await clock.advanceAsync(1);
    expect(times()).toEqual([0, 120_000]);
    poller.stop();
  });

  it('never retries sooner than the backoff, even when Retry-After is shorter', async () => {
    const { clock, poller } = setup(always(() => failure('throttled', { retryAfterMs: 1_000 })), { random: sequenceRandom(0) });
    poller.start();
    await settle();
    expect((poller.status().nextPollAt ?? 0) - clock.now()).toBe(BACKOFF_BASE_MS / 2);
    poller.stop();
  });

  it('backs off when the 429 has no Retry-After, and caps an absurd one at the backoff ceiling (15 min)', async () => {
    const { clock, poller, times } = setup((index) => failure('throttled', index === 0 ? {} : { retryAfterMs: 999_999_999_000 }), { random: sequenceRandom(0) });
    poller.start();
    await settle();
    expect((poller.status().nextPollAt ?? 0) - clock.now()).toBe(BACKOFF_BASE_MS / 2);
    await clock.runNext();
    expect(DEFAULT_MAX_BACKOFF_MS).toBe(15 * MINUTE);
    expect((poller.status().nextPollAt ?? 0) - clock.now()).toBe(DEFAULT_MAX_BACKOFF_MS);
    // The server keeps saying "come back in 31 years": the monitor keeps asking every 15 minutes.
    await clock.advanceAsync(60 * MINUTE);
    expect(times()).toEqual([0, 5_000, 5_000 + 15 * MINUTE, 5_000 + 30 * MINUTE, 5_000 + 45 * MINUTE, 5_000 + 60 * MINUTE]);
    poller.stop();
  });
});

describe('Poller on errors retrying cannot heal', () => {
  it.each<ErrorKind>(['auth', 'permission', 'config', 'keychain', 'clock-skew', 'not-found'])('stops the schedule on %s and waits for a manual retry', async (kind) => {
    const { clock, poller, times, events } = setup((index, clock) => (index === 0 ? failure(kind, { httpStatus: 401 }) : success(clock)));
    poller.start();
    await settle();
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ kind }), nextAttemptAt: null, halted: true }]);
    expect(poller.status()).toMatchObject({ halted: true, nextPollAt: null, consecutiveFailures: 1 });
    await clock.advanceAsync(24 * 60 * MINUTE);
    expect(times()).toEqual([0]);
    // New credentials: refresh() retries and a success brings the schedule back.
    await poller.refresh();
    expect(poller.status()).toMatchObject({ halted: false, lastError: null, consecutiveFailures: 0 });
    await clock.advanceAsync(INTERVAL);
    expect(times()).toHaveLength(3);
    poller.stop();
  });

  it('resume() also retries a halted poller', async () => {
    const { clock, poller, times } = setup((index, clock) => (index === 0 ? failure('auth') : success(clock)));
    poller.start();
    await settle();
    await clock.advanceAsync(10 * MINUTE);
    await poller.resume();
    expect(times()).toEqual([0, 10 * MINUTE]);
    expect(poller.status().halted).toBe(false);
    poller.stop();
  });
});

describe('Poller staleness', () => {
  it('marks the data stale once after two intervals without success, and clears it on success', async () => {
    const { clock, poller, events, since } = setup((index, clock) => (index === 0 || index >= 6 ? success(clock) : failure('network')), { random: sequenceRandom(0) });
    poller.start(); // success at 0, then failures from 60 s
    await clock.advanceAsync(2 * INTERVAL - 1);
    expect(poller.status().stale).toBe(false);
    await clock.advanceAsync(1);
    expect(poller.status().stale).toBe(true);
    const stale = events.filter((event) => event.type === 'stale');
    expect(stale).toEqual([{ type: 'stale', lastSuccessAt: clock.now() - 2 * INTERVAL }]);
    // Still failing: no second stale event.
    await clock.advanceAsync(2 * INTERVAL);
    expect(events.filter((event) => event.type === 'stale')).toHaveLength(1);
    await clock.advanceAsync(10 * INTERVAL);
    expect(poller.status().stale).toBe(false);
    expect(poller.status().lastSuccessAt).not.toBe(null);
    expect(since(poller.status().lastSuccessAt ?? 0)).toBeGreaterThan(2 * INTERVAL);
    const last = events.at(-1);
    expect(last?.type).toBe('snapshot');
  });

  it('judges the data stale by the clock after a sleep, when the timers are late', async () => {
    const { clock, poller, script, events } = setup((index, clock) => (index === 0 ? success(clock) : 'hold'));
    poller.start();
    await settle();
    poller.pause();
    clock.suspend(5 * 60 * MINUTE);
    // Asleep for hours: the stale timer has not fired (it does not count the sleep), but the data is old.
    expect(events.map((event) => event.type)).toEqual(['snapshot']);
    expect(poller.status().stale).toBe(true);
    void poller.resume();
    await settle();
    // Said at once, while the fresh poll is still on its way, not an interval after waking.
    expect(events.map((event) => event.type)).toEqual(['snapshot', 'stale']);
    expect(script.calls).toHaveLength(2);
    script.last().settle(success(clock));
    await settle();
    expect(poller.status().stale).toBe(false);
    expect(events.at(-1)?.type).toBe('snapshot');
    poller.stop();
  });

  it('repeats stale at a modest rate while no poll succeeds, and stops when one does', async () => {
    const outage = 3 * 60 * MINUTE;
    let start = 0;
    const { clock, poller, events } = setup((index, clock) => (index === 0 || clock.now() - start >= outage ? success(clock) : failure('network')), { random: sequenceRandom(0) });
    start = clock.now();
    poller.start();
    await clock.advanceAsync(outage - 1);
    const staleAt = events.flatMap((event, i) => (event.type === 'stale' ? [i] : []));
    // Stale after two intervals, then every STALE_REPEAT_MS: a three-hour outage is not a single line.
    expect(staleAt).toHaveLength(1 + Math.floor((outage - 1 - 2 * INTERVAL) / STALE_REPEAT_MS));
    await clock.advanceAsync(DEFAULT_MAX_BACKOFF_MS + 1);
    const count = events.filter((event) => event.type === 'stale').length;
    expect(events.at(-1)?.type).toBe('snapshot');
    await clock.advanceAsync(5 * STALE_REPEAT_MS);
    expect(events.filter((event) => event.type === 'stale')).toHaveLength(count);
    poller.stop();
  });

  it('counts from start when nothing ever succeeded, even while a request hangs', async () => {
    const { clock, poller, events } = setup(() => 'hold');
    poller.start();
    await clock.advanceAsync(2 * INTERVAL);
    expect(events).toEqual([{ type: 'stale', lastSuccessAt: null }]);
    poller.stop();
  });
});

describe('Poller pause, resume and stop', () => {
  it('pause aborts the request in flight and the schedule; resume polls at once', async () => {
    const { clock, poller, script, events, times } = setup((index, clock) => (index === 0 ? success(clock) : 'hold'));
    poller.start();
    await clock.advanceAsync(INTERVAL);
    const held = script.last();
    poller.pause();
    expect(held.signal.aborted).toBe(true);
    await clock.advanceAsync(30 * INTERVAL);
    expect(times()).toEqual([0, INTERVAL]);
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(poller.status()).toMatchObject({ paused: true, nextPollAt: null });
    // Refresh while paused does nothing: the shell said the network is gone.
    await poller.refresh();
    expect(script.calls).toHaveLength(2);
    void poller.resume();
    expect(times()).toEqual([0, INTERVAL, 31 * INTERVAL]);
    expect(poller.status().paused).toBe(false);
    poller.stop();
  });

  it('waits for a cancelled request to settle before the next one, so two never overlap', async () => {
    const { clock, poller, script } = setup(() => 'hold', { ignoreAbort: true });
    poller.start();
    poller.pause();
    const resumed = poller.resume();
    poller.refresh();
    await settle();
    expect(script.calls).toHaveLength(1);
    script.calls[0]?.settle(success(clock));
    await settle();
    expect(script.calls).toHaveLength(2);
    script.calls[1]?.settle(success(clock));
    await resumed;
    expect(script.maxInFlight).toBe(1);
    expect(poller.status().lastSnapshot).not.toBeNull();
    poller.stop();
  });

  it('stop aborts the request in flight, reports nothing more and leaves no timer behind', async () => {
    const { clock, poller, script, events } = setup((index, clock) => (index === 0 ? success(clock) : 'hold'));
    poller.start();
    await clock.advanceAsync(INTERVAL);
    const held = script.last();
    poller.stop();
    expect(held.signal.aborted).toBe(true);
    await settle();
    expect(clock.pendingCount()).toBe(0);
    expect(events.map((event) => event.type)).toEqual(['snapshot']);
    await poller.refresh();
    expect(script.calls).toHaveLength(2);
  });

  it('a poller paused before start polls only on resume', async () => {
    const { clock, poller, script } = setup(always((clock) => success(clock)));
    poller.pause();
    poller.start();
    await clock.advanceAsync(5 * INTERVAL);
    expect(script.calls).toHaveLength(0);
    await poller.resume();
    expect(script.calls).toHaveLength(1);
    poller.stop();
  });

  it('keeps polling when a listener throws, and surfaces the exception', async () => {
    const clock = new FakeClock();
    const script = new ScriptedFetch(clock, () => success(clock));
    const poller = new Poller({ fetch: script.fetch, clock, random: sequenceRandom(0), intervalMs: INTERVAL, onEvent: () => { throw new Error('listener bug'); } });
    const surfaced: unknown[] = [];
    await catchingUncaught(surfaced, async () => {
      poller.start();
      await clock.advanceAsync(2 * INTERVAL);
    });
    expect(script.calls).toHaveLength(3);
    expect(surfaced).toEqual([new Error('listener bug'), new Error('listener bug'), new Error('listener bug')]);
    poller.stop();
  });
});
