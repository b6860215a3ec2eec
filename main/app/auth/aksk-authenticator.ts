// Auth method 3: every request signed with an AK/SK (SDK-HMAC-SHA256). A rejected signature is never retried:
// five bad signatures lock the key for five minutes. A 401 is explained instead: a clock too far off, a locked
// key, or a wrong pair.
import type { Authenticator, OutgoingRequest, UnauthorizedOutcome } from '../../core/auth/authenticator.js';
import { redactSecrets } from '../../core/auth/iam.js';
import type { AkSkSecret } from '../../core/auth/secrets.js';
import { MAX_SIGNATURE_SKEW_MS, signRequest } from '../../core/auth/signer.js';
import type { WorkspaceError, WorkspaceResult } from '../../core/errors.js';
import { phrase, worded, wordedError } from '../../core/error-wording.js';
import type { Clock } from '../../core/ports.js';
import { ok } from '../../core/result.js';

export interface AkSkAuthenticatorOptions {
  readonly secret: AkSkSecret;
  readonly projectId: string;
  readonly clock: Pick<Clock, 'now'>;
}

export class AkSkAuthenticator implements Authenticator {
  readonly method = 'aksk';

  constructor(private readonly options: AkSkAuthenticatorOptions) {}

  async authorize(request: OutgoingRequest): Promise<WorkspaceResult<Readonly<Record<string, string>>>> {
    const { secret, projectId, clock } = this.options;
    // Added before signing, as the SDKs do, so the gateway sees them signed.
    const added: Record<string, string> = { 'X-Project-Id': projectId };
    if (secret.security_token !== undefined) added['X-Security-Token'] = secret.security_token;
    const signature = signRequest({
      method: request.method,
      url: request.url,
      headers: { ...request.headers, ...added },
      body: request.body,
      accessKey: secret.ak,
      secretKey: secret.sk,
      now: clock.now(),
    });
    return ok({ ...added, ...signature });
  }

  async handleUnauthorized(error: WorkspaceError, serverDate: number | undefined): Promise<UnauthorizedOutcome> {
    const { secret, clock } = this.options;
    const refined = explainRejectedSignature(error, serverDate === undefined ? undefined : clock.now() - serverDate, secret.security_token !== undefined);
    return { retry: false, error: redactSecrets(refined, [secret.sk, secret.security_token ?? '']) };
  }
}

/** `skewMs`: local clock minus the server's (positive: this computer is ahead). */
export function explainRejectedSignature(error: WorkspaceError, skewMs: number | undefined, temporaryKey: boolean): WorkspaceError {
  const errorMsg = error.errorMsg ?? '';
  const skewed = skewMs !== undefined && Math.abs(skewMs) > MAX_SIGNATURE_SKEW_MS;
  // More than 15 minutes off, so always "minutes".
  const minutes = skewMs === undefined ? 0 : Math.round(Math.abs(skewMs) / 60_000);
  const ahead = skewMs !== undefined && skewMs > 0;
  const { hint: _genericHint, wording: _genericWording, ...facts } = error;
  if (/AK access failed to reach the limit/i.test(errorMsg)) {
    const clock = skewed ? [phrase(ahead ? 'hint.also-clock-ahead' : 'hint.also-clock-behind', { minutes })] : [];
    return { ...facts, kind: 'auth', ...worded(phrase('auth.ak-locked'), [phrase('hint.ak-locked-wait'), ...clock]) };
  }
  if (skewed) {
    return wordedError('clock-skew', phrase(ahead ? 'auth.clock-ahead' : 'auth.clock-behind', { minutes }), [phrase('hint.set-clock')], withoutKindMessage(facts));
  }
  if (/verify aksk signature fail/i.test(errorMsg)) {
    return { ...facts, kind: 'auth', ...worded(phrase('auth.signature-rejected'), [phrase('hint.check-aksk-pair')]) };
  }
  if (temporaryKey && /token/i.test(errorMsg)) {
    return { ...facts, kind: 'auth', ...worded(phrase('auth.temporary-key-rejected'), [phrase('hint.temporary-key')]) };
  }
  return error;
}

function withoutKindMessage(error: WorkspaceError): Omit<WorkspaceError, 'kind' | 'message'> {
  const { kind: _kind, message: _message, ...rest } = error;
  return rest;
}
