// The retry policy is decided by the kind of error, and the CLI's exit codes by the CLI: neither follows the other.
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../main/cli/exit-codes.js';
import { withCliAdvice } from '../../../main/cli/error-text.js';
import { isRetryable, workspaceError, type ErrorKind } from '../../../main/core/errors.js';

const KINDS: Readonly<Record<ErrorKind, { readonly retry: boolean; readonly exit: number }>> = {
  usage: { retry: false, exit: 2 },
  config: { retry: false, exit: 2 },
  keychain: { retry: false, exit: 2 },
  auth: { retry: false, exit: 3 },
  permission: { retry: false, exit: 3 },
  'clock-skew': { retry: false, exit: 3 },
  'not-found': { retry: false, exit: 4 },
  throttled: { retry: true, exit: 5 },
  service: { retry: true, exit: 5 },
  network: { retry: true, exit: 5 },
  timeout: { retry: true, exit: 5 },
  'invalid-response': { retry: true, exit: 5 },
  aborted: { retry: false, exit: 5 },
};

describe('errors', () => {
  it.each(Object.entries(KINDS))('%s: retryable and exit code, each by its own rule', (kind, expected) => {
    const error = workspaceError(kind as ErrorKind, 'x');
    expect(isRetryable(error)).toBe(expected.retry);
    expect(exitCodeFor(error)).toBe(expected.exit);
  });

  it('lets the CLI add its flags to a hint that names none', () => {
    const error = workspaceError('config', 'No project id', { hint: 'Give the project id, or set HUAWEICLOUD_SDK_PROJECT_ID.', action: { do: 'give-project-id' } });
    expect(error.hint).not.toMatch(/--/);
    expect(withCliAdvice(error).hint).toBe('Give the project id, or set HUAWEICLOUD_SDK_PROJECT_ID. Pass --project-id ID.');
    expect(withCliAdvice(workspaceError('auth', 'x'))).toEqual(workspaceError('auth', 'x'));
  });
});
