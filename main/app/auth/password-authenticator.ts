// Auth method 2: an IAM user's password, exchanged for a project-scoped token that is cached in the keychain,
// reused until shortly before it expires, and refetched once when Workspace answers 401.
import { z } from 'zod';
import type { Authenticator, OutgoingRequest, UnauthorizedOutcome } from '../../core/auth/authenticator.js';
import { phrase, reworded, wordedError } from '../../core/error-wording.js';
import { IAM_ENDPOINT_ADVICE, iamTokensUrl, passwordTokenRequestBody, readPasswordTokenAnswer, redactSecrets } from '../../core/auth/iam.js';
import type { PasswordSecret } from '../../core/auth/secrets.js';
import type { WorkspaceError, WorkspaceResult } from '../../core/errors.js';
import type { Clock, HttpClient, SecretStore } from '../../core/ports.js';
import { err, ok } from '../../core/result.js';
import { sendRequest } from '../http-request.js';

/** Refresh this long before `expires_at`: IAM tokens live 24 hours, so ten minutes costs nothing. */
export const TOKEN_REFRESH_MARGIN_MS = 10 * 60 * 1000;

/**
 * The keychain value: the token, its expiry and when we obtained it (epoch ms, both by the local clock). `issuedAt`
 * lets a short-lived token (a simulator's, a test's) keep a proportionate margin after a restart.
 */
const CachedTokenSchema = z.object({ token: z.string().min(1), expiresAt: z.number().finite(), issuedAt: z.number().finite().optional() });
type CachedToken = z.infer<typeof CachedTokenSchema>;

/** Ten minutes, or a quarter of the token's lifetime when that is shorter. */
export function refreshMarginMs(token: { readonly expiresAt: number; readonly issuedAt?: number | undefined }): number {
  if (token.issuedAt === undefined) return TOKEN_REFRESH_MARGIN_MS;
  return Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, token.expiresAt - token.issuedAt) / 4);
}

export interface PasswordAuthenticatorOptions {
  readonly http: HttpClient;
  readonly clock: Pick<Clock, 'now'>;
  readonly secret: PasswordSecret;
  readonly projectId: string;
  /** e.g. `https://iam.cn-north-4.myhuaweicloud.com`; `/v3/auth/tokens` is appended. */
  readonly iamEndpoint: string;
  /** Where the token is cached across restarts; without both, it is cached in memory only. */
  readonly secrets?: SecretStore;
  readonly tokenCacheKey?: string;
  readonly timeoutMs?: number;
}

export class PasswordAuthenticator implements Authenticator {
  readonly method = 'password';
  private current: CachedToken | null = null;
  private keychainRead = false;
  /** One IAM request at a time, shared by every caller waiting for a token. */
  private pending: Promise<WorkspaceResult<CachedToken>> | null = null;

  constructor(private readonly options: PasswordAuthenticatorOptions) {}

  async authorize(_request: OutgoingRequest, signal?: AbortSignal): Promise<WorkspaceResult<Readonly<Record<string, string>>>> {
    const token = this.current !== null && this.isFresh(this.current) ? ok(this.current) : await abortable(this.shared(() => this.cachedOrFetched()), signal);
    if (!token.ok) return token;
    return ok({ 'X-Auth-Token': token.value.token });
  }

  /**
   * Workspace refused the token (revoked, password changed, expired early): forget it and fetch one new token.
   * The client reports a second 401 as it is, so this never loops; a refresh already under way (another request's
   * 401) is joined, not repeated.
   */
  async handleUnauthorized(_error: WorkspaceError, _serverDate: number | undefined, signal?: AbortSignal): Promise<UnauthorizedOutcome> {
    if (this.pending === null) {
      this.current = null;
      this.keychainRead = true; // the cached token is the one refused
      await this.forgetCachedToken();
    }
    const fetched = await abortable(this.shared(() => this.fetchAndCache()), signal);
    return fetched.ok ? { retry: true } : { retry: false, error: fetched.error };
  }

  private isFresh(token: CachedToken): boolean {
    return this.options.clock.now() < token.expiresAt - refreshMarginMs(token);
  }

  private shared(fetch: () => Promise<WorkspaceResult<CachedToken>>): Promise<WorkspaceResult<CachedToken>> {
    if (this.pending === null) {
      this.pending = fetch().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  private async cachedOrFetched(): Promise<WorkspaceResult<CachedToken>> {
    if (!this.keychainRead) {
      this.keychainRead = true;
      const cached = await this.readCachedToken();
      if (cached !== null && this.isFresh(cached)) {
        this.current = cached;
        return ok(cached);
      }
    }
    return this.fetchAndCache();
  }

  private async fetchAndCache(): Promise<WorkspaceResult<CachedToken>> {
    const { http, clock, secret, projectId, iamEndpoint, timeoutMs } = this.options;
    const url = iamTokensUrl(iamEndpoint);
    if (!url.ok) return url;
    // No caller's signal here: the request is shared, and one caller giving up must not fail the others.
    const answer = await sendRequest(
      { method: 'POST', url: url.value, headers: { 'Content-Type': 'application/json;charset=utf8' }, body: passwordTokenRequestBody(secret, projectId) },
      { http, timeoutMs },
    );
    if (!answer.ok) return err(redactSecrets(unreachableIam(answer.error), [secret.password]));
    const issued = readPasswordTokenAnswer({ answer: answer.value, iamHost: url.value.host, secret, now: clock.now() });
    if (!issued.ok) return issued;
    // Expiry on the local clock: IAM's stated lifetime from now, so a skewed local clock cannot misjudge it. Only an
    // answer without issued_at or Date falls back to comparing IAM's expires_at with the local clock.
    const now = clock.now();
    const { lifetimeMs } = issued.value;
    const token: CachedToken = { token: issued.value.token, expiresAt: lifetimeMs === undefined ? issued.value.expiresAt : now + lifetimeMs, issuedAt: now };
    this.current = token;
    await this.storeCachedToken(token);
    return ok(token);
  }

  // The keychain cache only saves IAM requests across restarts: when it fails, the token still works from memory,
  // and the account's own secret (read from the same keychain) reports keychain trouble where it matters.

  private async readCachedToken(): Promise<CachedToken | null> {
    const { secrets, tokenCacheKey } = this.options;
    if (secrets === undefined || tokenCacheKey === undefined) return null;
    const stored = await secrets.get(tokenCacheKey);
    if (!stored.ok || stored.value === null) return null;
    try {
      const parsed = CachedTokenSchema.safeParse(JSON.parse(stored.value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private async storeCachedToken(token: CachedToken): Promise<void> {
    const { secrets, tokenCacheKey } = this.options;
    if (secrets === undefined || tokenCacheKey === undefined) return;
    await secrets.set(tokenCacheKey, JSON.stringify(token));
  }

  private async forgetCachedToken(): Promise<void> {
    const { secrets, tokenCacheKey } = this.options;
    if (secrets === undefined || tokenCacheKey === undefined) return;
    await secrets.delete(tokenCacheKey);
  }
}

/** A DNS failure or a timeout at IAM most often means the wrong IAM for this cloud: say so, and how to set another. */
function unreachableIam(error: WorkspaceError): WorkspaceError {
  if (error.kind !== 'network' && error.kind !== 'timeout') return error;
  const explained = reworded(
    error,
    (inner) => ({ message: phrase('iam.unreachable', { cause: inner.message }), hint: [...(inner.hint ?? []), phrase('hint.iam-endpoint-advice')] }),
    (unworded) => ({
      message: `Could not get an IAM token: ${unworded.message.charAt(0).toLowerCase()}${unworded.message.slice(1)}`,
      hint: `${unworded.hint === undefined ? '' : `${unworded.hint} `}${IAM_ENDPOINT_ADVICE}`,
    }),
  );
  return { ...explained, action: { do: 'set-iam-endpoint' } };
}

/** The shared result, or 'aborted' as soon as this caller's own signal fires. */
async function abortable<T>(promise: Promise<WorkspaceResult<T>>, signal: AbortSignal | undefined): Promise<WorkspaceResult<T>> {
  if (signal === undefined) return promise;
  const aborted = () => err(wordedError('aborted', phrase('iam.cancelled')));
  if (signal.aborted) return aborted();
  let onAbort: () => void = () => undefined;
  const cancelled = new Promise<WorkspaceResult<T>>((resolve) => {
    onAbort = () => resolve(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, cancelled]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
