// Auth method 3: every request signed with an AK/SK (SDK-HMAC-SHA256). A rejected signature is never retried:
// five bad signatures lock the key for five minutes. A 401 is explained instead: a clock too far off, a locked
// key, or a wrong pair.
import type { Authenticator, OutgoingRequest, UnauthorizedOutcome } from '../../core/auth/authenticator.js';
import { redactSecrets } from '../../core/auth/iam.js';
import type { AkSkSecret } from '../../core/auth/secrets.js';
import { MAX_SIGNATURE_SKEW_MS, signRequest } from '../../core/auth/signer.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../../core/errors.js';
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
  const skew = skewMs !== undefined && Math.abs(skewMs) > MAX_SIGNATURE_SKEW_MS ? clockSentence(skewMs) : undefined;
  const { hint: _genericHint, ...facts } = error;
  if (/AK access failed to reach the limit/i.test(errorMsg)) {
    return {
      ...facts,
      kind: 'auth',
      message: 'Huawei Cloud has locked this access key for 5 minutes after 5 requests with bad signatures',
      hint:
        'Do not retry now. Check that the secret key (SK) is the one created with this access key (AK), then wait 5 minutes.' +
        (skew === undefined ? '' : ` Also: ${skew}; set it right first.`),
    };
  }
  if (skew !== undefined) {
    return workspaceError('clock-skew', `${capitalised(skew)}; Huawei Cloud refuses signatures more than 15 minutes off`, {
      ...withoutKindMessage(facts),
      hint: "Set this computer's clock right (turn on automatic time synchronisation), then try again. Retrying before that fails again and may lock the key for 5 minutes.",
    });
  }
  if (/verify aksk signature fail/i.test(errorMsg)) {
    return {
      ...facts,
      kind: 'auth',
      message: 'Huawei Cloud rejected the AK/SK signature',
      hint: 'Check the AK/SK pair: the secret key (SK) must be the one created with this access key (AK). After 5 bad signatures the key is locked for 5 minutes.',
    };
  }
  if (temporaryKey && /token/i.test(errorMsg)) {
    return { ...facts, kind: 'auth', message: 'Huawei Cloud did not accept the temporary access key', hint: 'Temporary AK/SK and their security token expire: get new ones and save them again.' };
  }
  return error;
}

function clockSentence(skewMs: number): string {
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  return `this computer's clock is ${minutes} minute${minutes === 1 ? '' : 's'} ${skewMs > 0 ? 'ahead of' : 'behind'} the server's`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withoutKindMessage(error: WorkspaceError): Omit<WorkspaceError, 'kind' | 'message'> {
  const { kind: _kind, message: _message, ...rest } = error;
  return rest;
}
