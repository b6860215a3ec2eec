import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CliIo, InputStream } from '../../../main/cli/io.js';
import { promptLine } from '../../../main/cli/prompt.js';

/** A terminal stand-in: records raw mode and what was written back to the user. */
function fakeTerminal(typed: readonly string[]) {
  const emitter = new EventEmitter();
  const written: string[] = [];
  const rawModes: boolean[] = [];
  const stdin: InputStream = {
    isTTY: true,
    setRawMode: (mode: boolean) => rawModes.push(mode),
    on: (event, listener) => emitter.on(event, listener),
    removeListener: (event, listener) => emitter.removeListener(event, listener),
    resume: () => queueMicrotask(() => typed.forEach((chunk) => emitter.emit('data', Buffer.from(chunk)))),
    pause: () => undefined,
    [Symbol.asyncIterator]: () => {
      throw new Error('a prompt reads keys, not the whole stream');
    },
  };
  const io: CliIo = {
    out: () => undefined,
    err: () => undefined,
    stderrWrite: (text) => written.push(text),
    env: {},
    stdin,
    interrupted: new AbortController().signal,
    platform: 'linux',
    homedir: '/nonexistent',
  };
  return { io, written, rawModes };
}

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
