// Auth method 1: an X-Auth-Token the admin pasted. Nothing can renew it, so a 401 is never retried; an expired
// token becomes an error telling the admin to paste a new one.
import type { Authenticator, OutgoingRequest, UnauthorizedOutcome } from '../../core/auth/authenticator.js';
import { redactSecrets } from '../../core/auth/iam.js';
import { ERROR_PHRASES, phrase, worded } from '../../core/error-wording.js';
import type { TokenSecret } from '../../core/auth/secrets.js';
import type { WorkspaceError, WorkspaceResult } from '../../core/errors.js';
import { ok } from '../../core/result.js';

export const PASTE_NEW_TOKEN_HINT = ERROR_PHRASES['hint.paste-token'];

export class TokenAuthenticator implements Authenticator {
  readonly method = 'token';

  constructor(private readonly secret: TokenSecret) {}

  async authorize(_request: OutgoingRequest): Promise<WorkspaceResult<Readonly<Record<string, string>>>> {
    return ok({ 'X-Auth-Token': this.secret.token });
  }

  async handleUnauthorized(error: WorkspaceError): Promise<UnauthorizedOutcome> {
    const refined: WorkspaceError = /token expires/i.test(error.errorMsg ?? '')
      ? { ...error, kind: 'auth', ...worded(phrase('auth.token-expired'), [phrase('hint.paste-token')]), action: { do: 'replace-token' } }
      : error;
    return { retry: false, error: redactSecrets(refined, [this.secret.token]) };
  }
}
