import type { WorkspaceError } from '../core/errors.js';
import { formatCliError } from './error-text.js';
import { exitCodeFor, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { terminalSafe } from './terminal-text.js';

/** The one way a command reports a failure: one line on stderr, and the error's exit code. */
export function fail(io: CliIo, error: WorkspaceError, label?: string): Exclude<ExitCode, 0> {
  io.err(`workspace-tray: ${label === undefined ? '' : `${oneLine(label)}: `}${oneLine(formatCliError(error))}`);
  return exitCodeFor(error);
}

/** Server-provided text may carry newlines or escape sequences; stderr gets exactly one printable line per error. */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (code > worst ? code : worst), 0);
}
