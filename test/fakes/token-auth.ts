// A pasted-token authenticator for tests that talk to the simulator: it never refreshes, so a 401 is final.
import type { Authenticator, UnauthorizedOutcome } from '../../main/core/auth/authenticator.js';
import type { WorkspaceError } from '../../main/core/errors.js';
import { ok } from '../../main/core/result.js';

export function tokenAuth(token: string): Authenticator {
  return {
    method: 'token',
    authorize: async () => ok({ 'X-Auth-Token': token }),
    handleUnauthorized: async (error: WorkspaceError): Promise<UnauthorizedOutcome> => ({ retry: false, error }),
  };
}
