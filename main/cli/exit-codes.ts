// The CLI's exit codes, decided by the error's kind. They are the CLI's contract with scripts (docs/cli.md); the
// retry policy is not derived from them (see isRetryable in core/errors.ts), so changing one changes nothing else.
import type { WorkspaceError } from '../core/errors.js';

/** 0 ok, 2 usage or configuration (nothing was sent), 3 authentication or permission, 4 not found, 5 the rest. */
export type ExitCode = 0 | 2 | 3 | 4 | 5;

export function exitCodeFor(error: WorkspaceError): Exclude<ExitCode, 0> {
  switch (error.kind) {
    case 'usage':
    case 'config':
    case 'keychain':
      return 2;
    case 'auth':
    case 'permission':
    case 'clock-skew':
      return 3;
    case 'not-found':
      return 4;
    case 'throttled':
    case 'service':
    case 'network':
    case 'timeout':
    case 'invalid-response':
    case 'aborted':
      return 5;
  }
}
