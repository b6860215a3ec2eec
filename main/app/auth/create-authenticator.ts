import type { Authenticator } from '../../core/auth/authenticator.js';
import type { AccountSecret } from '../../core/auth/secrets.js';
import type { Clock, HttpClient, SecretStore } from '../../core/ports.js';
import { AkSkAuthenticator } from './aksk-authenticator.js';
import { PasswordAuthenticator } from './password-authenticator.js';
import { TokenAuthenticator } from './token-authenticator.js';

export interface AuthenticatorDeps {
  readonly http: HttpClient;
  readonly clock: Clock;
  /** The keychain, where the password method caches its IAM token (under `tokenCacheKey`). */
  readonly secrets?: SecretStore;
  readonly tokenCacheKey?: string;
  /** Base URL of IAM, e.g. `https://iam.cn-north-4.myhuaweicloud.com` (password method only). */
  readonly iamEndpoint: string;
  readonly projectId: string;
  /** For the IAM token request; Workspace requests have their own. */
  readonly timeoutMs?: number;
}

/**
 * The one way to get an Authenticator for an account: its secret (which names the auth method) plus deps.
 * - `token`: sends the pasted `X-Auth-Token`; a 401 is final, an expired token says to paste a new one.
 * - `password`: fetches a project-scoped token from `{iamEndpoint}/v3/auth/tokens` through `http`, caches it in
 *   `secrets` under `tokenCacheKey` (memory only when either is missing), refreshes it before it expires and
 *   once after a 401. Concurrent requests share one IAM call.
 * - `aksk`: adds `X-Project-Id` (and `X-Security-Token` for temporary keys) and signs with SDK-HMAC-SHA256 at
 *   `clock.now()`; a 401 is final and explained (clock skew, locked key, wrong pair).
 */
export function createAuthenticator(secret: AccountSecret, deps: AuthenticatorDeps): Authenticator {
  switch (secret.method) {
    case 'token':
      return new TokenAuthenticator(secret.secret);
    case 'password':
      return new PasswordAuthenticator({ ...deps, secret: secret.secret });
    case 'aksk':
      return new AkSkAuthenticator({ secret: secret.secret, projectId: deps.projectId, clock: deps.clock });
  }
}
