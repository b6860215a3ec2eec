// Reading a secret typed at a terminal without showing it: raw mode, one key at a time, nothing echoed.
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import type { CliIo } from './io.js';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** Prompts on stderr and reads one line; with `echo: false` the typed characters are never shown. */
export function promptLine(io: CliIo, question: string, echo: boolean): Promise<WorkspaceResult<string>> {
  const stdin = io.stdin;
  io.stderrWrite(question);
  return new Promise((resolve) => {
    let value = '';
    const finish = (result: WorkspaceResult<string>): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderrWrite('\n');
      resolve(result);
    };
    const onData = (chunk: string | Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (ENTER.has(char)) return finish(ok(value));
        if (char === CTRL_C || char === CTRL_D) return finish(err(workspaceError('usage', 'Cancelled')));
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
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
