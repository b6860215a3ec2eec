// The no-echo prompt of `accounts add` as a person uses it: hidden input, backspace, Ctrl-C, arrow keys pressed
// by habit, a character split across reads, and a SIGTERM while it waits.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CliIo, InputStream } from '../../../main/cli/io.js';
import { promptLine } from '../../../main/cli/prompt.js';

/** A terminal stand-in: records raw mode and what was written back to the user. */
function fakeTerminal(typed: readonly (string | Buffer)[], interrupted = new AbortController().signal) {
  const emitter = new EventEmitter();
  const written: string[] = [];
  const rawModes: boolean[] = [];
  const stdin: InputStream = {
    isTTY: true,
    setRawMode: (mode: boolean) => rawModes.push(mode),
    on: (event, listener) => emitter.on(event, listener),
    removeListener: (event, listener) => emitter.removeListener(event, listener),
    resume: () => queueMicrotask(() => typed.forEach((chunk) => emitter.emit('data', typeof chunk === 'string' ? Buffer.from(chunk) : chunk))),
    pause: () => undefined,
    [Symbol.asyncIterator]: () => {
      throw new Error('a prompt reads keys, not the whole stream');
    },
  };
  const io: CliIo = { out: () => undefined, err: () => undefined, stderrWrite: (text) => written.push(text), env: {}, stdin, interrupted, platform: 'linux', homedir: '/nonexistent' };
  return { io, written, rawModes, listeners: () => emitter.listenerCount('data') };
}

describe('promptLine keys', () => {
  it('ignores arrow, Home, F1 and Esc keys instead of typing their escape sequences into the answer', async () => {
    const terminal = fakeTerminal(['AK\u001b[D\u001b[DID', '\u001b[1;5C\u001bOP\u001b[H\u001b', '9\r']);
    expect(await promptLine(terminal.io, 'Access key ID (AK): ', true)).toEqual({ ok: true, value: 'AKID9' });
    expect(terminal.written.join('')).toBe('Access key ID (AK): AKID9\n');
  });

  it('keeps a character whose bytes arrive in two reads', async () => {
    const bytes = Buffer.from('运维\r');
    const terminal = fakeTerminal([bytes.subarray(0, 2), bytes.subarray(2, 4), bytes.subarray(4)]);
    expect(await promptLine(terminal.io, 'Account (domain) name: ', true)).toEqual({ ok: true, value: '运维' });
  });

  it('is cancelled by SIGTERM while it waits, restoring the terminal and reading no more keys', async () => {
    const controller = new AbortController();
    const terminal = fakeTerminal(['abc'], controller.signal);
    const answer = promptLine(terminal.io, 'X-Auth-Token (input hidden): ', false);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await answer;
    expect(result.ok).toBe(false);
    expect(terminal.rawModes).toEqual([true, false]);
    expect(terminal.listeners()).toBe(0);
  });

  it('does not wait for keys when already interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const terminal = fakeTerminal([], controller.signal);
    expect((await promptLine(terminal.io, 'Password: ', false)).ok).toBe(false);
    expect(terminal.listeners()).toBe(0);
  });
});

describe('promptLine', () => {
  it('reads a hidden answer without echoing it, handling backspace, and restores the terminal', async () => {
    const terminal = fakeTerminal(['s3cr', 'x\u007f', 'et!\r', 'ignored']);
    const answer = await promptLine(terminal.io, 'Password: ', false);
    expect(answer).toEqual({ ok: true, value: 's3cret!' });
    expect(terminal.written.join('')).toBe('Password: \n');
    expect(terminal.rawModes).toEqual([true, false]);
  });

  it('echoes visible answers and treats Ctrl-C as cancel', async () => {
    const visible = fakeTerminal(['ops\r']);
    expect(await promptLine(visible.io, 'User: ', true)).toEqual({ ok: true, value: 'ops' });
    expect(visible.written.join('')).toBe('User: ops\n');
    const cancelled = fakeTerminal(['ab\u0003']);
    const result = await promptLine(cancelled.io, 'Password: ', false);
    expect(result.ok).toBe(false);
    expect(cancelled.rawModes).toEqual([true, false]);
  });
});
