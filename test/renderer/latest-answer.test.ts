// The history and the disconnected list load through LatestAnswer: a newer request wins, a late answer is dropped.
import { describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../preload/contract.js';
import { LatestAnswer } from '../../renderer/state/latest-answer.svelte.js';

/** A request whose answer the test releases when it wants. */
function deferred<T>(): { promise: Promise<BridgeResult<T>>; answer(value: T): void; fail(error: unknown): void } {
  let answer!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<BridgeResult<T>>((resolve, reject) => {
    answer = (value) => resolve({ ok: true, value });
    fail = reject;
  });
  return { promise, answer, fail };
}

describe('LatestAnswer', () => {
  it('keeps the newest request\'s answer when an older one arrives after it', async () => {
    const latest = new LatestAnswer<string>();
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = latest.load(() => older.promise);
    const second = latest.load(() => newer.promise);
    expect(latest.status).toBe('loading');
    newer.answer('24h of CallCenter');
    await second;
    older.answer('1h of Finance');
    await first;
    expect(latest.value).toBe('24h of CallCenter');
    expect(latest.status).toBe('ready');
  });

  it('a bridge error is kept with its message; a throw becomes a service error; a late failure is dropped', async () => {
    const latest = new LatestAnswer<string>();
    await latest.load(async () => ({ ok: false, error: { kind: 'network', message: 'connection reset' } }));
    expect(latest.status).toBe('error');
    expect(latest.error).toEqual({ kind: 'network', message: 'connection reset' });
    await latest.load(() => Promise.reject(new Error('IPC closed')));
    expect(latest.error).toEqual({ kind: 'service', message: 'IPC closed' });
    const slow = deferred<string>();
    const pending = latest.load(() => slow.promise);
    await latest.load(async () => ({ ok: true, value: 'fresh' }));
    slow.fail(new Error('too late'));
    await pending;
    expect(latest.status).toBe('ready');
    expect(latest.error).toBeNull();
    expect(latest.value).toBe('fresh');
  });

  it('reset forgets the value and drops the answer under way', async () => {
    const latest = new LatestAnswer<string>();
    await latest.load(async () => ({ ok: true, value: 'group A' }));
    const slow = deferred<string>();
    const pending = latest.load(() => slow.promise);
    latest.reset();
    expect(latest.status).toBe('idle');
    expect(latest.value).toBeNull();
    slow.answer('group A again');
    await pending;
    expect(latest.value).toBeNull();
    expect(latest.status).toBe('idle');
  });
});
