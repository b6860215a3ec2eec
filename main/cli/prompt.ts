// Reading a secret typed at a terminal without showing it: raw mode, one key at a time, nothing echoed.
import { StringDecoder } from 'node:string_decoder';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import type { CliIo } from './io.js';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const ESC = '\u001b';
// What a key other than a character sends (arrows, Home, F1…): ESC [ params final, or ESC O final. Skipped
// whole, so an arrow pressed while typing a hidden key does not end up in the key as "[D".
const ESCAPE_SEQUENCE = /^\u001b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|O[\x20-\x7e]|[\x20-\x7e])?/;

/** Prompts on stderr and reads one line; with `echo: false` the typed characters are never shown. */
export function promptLine(io: CliIo, question: string, echo: boolean): Promise<WorkspaceResult<string>> {
  const stdin = io.stdin;
  io.stderrWrite(question);
  return new Promise((resolve) => {
    let value = '';
    // A multi-byte character may arrive split across two chunks.
    const decoder = new StringDecoder('utf8');
    const cancelled = (): WorkspaceResult<string> => err(workspaceError('usage', 'Cancelled', { hint: 'Nothing was saved.' }));
    const finish = (result: WorkspaceResult<string>): void => {
      stdin.removeListener('data', onData);
      io.interrupted.removeEventListener('abort', onInterrupt);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderrWrite('\n');
      resolve(result);
    };
    // SIGTERM (or SIGINT sent by `kill`, which raw mode does not turn into a key) must end the prompt, not be
    // forgotten until Enter and then followed by saving the account anyway.
    const onInterrupt = (): void => finish(cancelled());
    const onData = (chunk: string | Buffer): void => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (let index = 0; index < text.length; ) {
        if (text[index] === ESC) {
          index += ESCAPE_SEQUENCE.exec(text.slice(index))?.[0].length ?? 1;
          continue;
        }
        const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
        index += char.length;
        if (ENTER.has(char)) return finish(ok(value));
        if (char === CTRL_C || char === CTRL_D) return finish(cancelled());
        if (BACKSPACE.has(char)) {
          if (value.length > 0) {
            value = [...value].slice(0, -1).join('');
            if (echo) io.stderrWrite('\b \b');
          }
          continue;
        }
        if (char < ' ') continue;
        value += char;
        if (echo) io.stderrWrite(char);
      }
    };
    if (io.interrupted.aborted) return finish(cancelled());
    io.interrupted.addEventListener('abort', onInterrupt, { once: true });
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
