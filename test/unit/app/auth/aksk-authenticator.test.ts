import { afterEach, describe, expect, it } from 'vitest';
import { AkSkAuthenticator, explainRejectedSignature } from '../../../../main/app/auth/aksk-authenticator.js';
import { createAuthenticator } from '../../../../main/app/auth/create-authenticator.js';
import { fetchConnectionStatus } from '../../../../main/app/workspace-client.js';
import type { AkSkSecret } from '../../../../main/core/auth/secrets.js';
import { verifySignedRequest } from '../../../../main/core/auth/signer.js';
import { workspaceError } from '../../../../main/core/errors.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { replyWith, startLoopbackServer, type LoopbackServer, type Reply } from '../../../fakes/loopback-server.js';
import { everyTextOf, statusBody } from './fixtures.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const KEY: AkSkSecret = { ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };
const TEMPORARY: AkSkSecret = { ak: 'TMPAOYTTINDUT2QVKYUC', sk: 'tmp-secret-key-0123456789abcdef', security_token: 'gQpzZWN1cml0eS10b2tlbi1ub3Qtc2hvd24' };
const MINUTE = 60_000;

/** A gateway that verifies signatures with the server-side verifier and dates its answers by its own clock. */
class SigningGateway {
  server!: LoopbackServer;
  /** The server's clock minus ours. */
  serverOffsetMs = 0;
  /** Forces the 401 message, as a locked key would. */
  forcedError: string | null = null;

  constructor(private readonly clock: FakeClock) {}

  async start(): Promise<this> {
    this.server = await startLoopbackServer(replyWith((req) => this.answer(req.method, req.path, req.headers, req.body)));
    return this;
  }

  private answer(method: string, path: string, headers: Readonly<Record<string, string>>, body: string): Reply {
    const date = { Date: new Date(this.clock.now() + this.serverOffsetMs).toUTCString() };
    const refuse = (errorMsg: string): Reply => ({ status: 401, headers: { ...date, 'X-Request-Id': 'req-1' }, body: JSON.stringify({ error_code: 'APIGW.0301', error_msg: errorMsg }) });
    if (this.forcedError !== null) return refuse(this.forcedError);
    const secrets = new Map([KEY, TEMPORARY].map((key) => [key.ak, key]));
    const verified = verifySignedRequest({
      method,
      url: new URL(path, `http://${headers.host}`),
      headers,
      body,
      secretKeyFor: (ak) => secrets.get(ak)?.sk,
      now: this.clock.now() + this.serverOffsetMs,
    });
    if (!verified.ok) return refuse(verified.failure === 'expired' ? 'Incorrect IAM authentication information: the request has expired' : 'Incorrect IAM authentication information: verify aksk signature fail');
    const key = secrets.get(verified.accessKey);
    if (headers['x-project-id'] !== PROJECT) return { status: 400, body: JSON.stringify({ error_code: 'WKS.0001', error_msg: 'project mismatch' }) };
    if (key?.security_token !== undefined && headers['x-security-token'] !== key.security_token) return refuse('Incorrect IAM authentication information: security token invalid');
    // The signature must cover what the SDKs sign.
    if (!/SignedHeaders=[^,]*\bx-project-id\b/.test(headers.authorization ?? '') || !/SignedHeaders=[^,]*\bhost\b/.test(headers.authorization ?? '')) return refuse('x-project-id or host unsigned');
    return { status: 200, headers: date, body: statusBody() };
  }
}

let gateway: SigningGateway;
let clock: FakeClock;

const setUp = async () => {
  clock = new FakeClock();
  gateway = await new SigningGateway(clock).start();
};

const statusWith = (secret: AkSkSecret) =>
  fetchConnectionStatus(
    { endpoint: gateway.server.url, projectId: PROJECT },
    { http: fetch, clock, auth: createAuthenticator({ method: 'aksk', secret }, { http: fetch, clock, iamEndpoint: 'https://iam.invalid', projectId: PROJECT }) },
  );

const expectNoSecrets = (error: Parameters<typeof everyTextOf>[0]): void => {
  const text = everyTextOf(error);
  for (const secret of [KEY.sk, TEMPORARY.sk, TEMPORARY.security_token ?? '']) expect(text).not.toContain(secret);
};

describe('AkSkAuthenticator over HTTP', () => {
  afterEach(async () => {
    await gateway.server.close();
  });

  it('signs requests the gateway verifies, with X-Project-Id signed', async () => {
    await setUp();
    const answered = await statusWith(KEY);
    expect(answered.ok).toBe(true);
    const sent = gateway.server.received[0];
    expect(sent?.headers['x-project-id']).toBe(PROJECT);
    expect(sent?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(sent?.headers['x-security-token']).toBeUndefined();
  });

  it('sends and signs X-Security-Token for temporary keys', async () => {
    await setUp();
    expect((await statusWith(TEMPORARY)).ok).toBe(true);
    expect(gateway.server.received[0]?.headers.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,');
  });

  it('reports a wrong SK once, without retrying and without the SK', async () => {
    await setUp();
    const answered = await statusWith({ ak: KEY.ak, sk: 'not-the-right-secret-key' });
    expect(answered.ok).toBe(false);
    if (answered.ok) return;
    expect(answered.error).toMatchObject({ kind: 'auth', httpStatus: 401, errorCode: 'APIGW.0301', requestId: 'req-1' });
    expect(answered.error.hint).toContain('Check the AK/SK pair');
    expect(gateway.server.received).toHaveLength(1);
    expect(everyTextOf(answered.error)).not.toContain('not-the-right-secret-key');
    expectNoSecrets(answered.error);
  });

  it('explains a locked key: 5 minutes after 5 bad signatures', async () => {
    await setUp();
    gateway.forcedError = 'AK access failed to reach the limit,forbidden';
    const answered = await statusWith(KEY);
    expect(answered).toMatchObject({ ok: false, error: { kind: 'auth', errorMsg: 'AK access failed to reach the limit,forbidden' } });
    if (answered.ok) return;
    expect(answered.error.message).toContain('locked this access key for 5 minutes after 5 requests with bad signatures');
    expect(answered.error.hint).toContain('Do not retry now');
    expect(gateway.server.received).toHaveLength(1);
  });

  it('names the clock skew when the server date is more than 15 minutes away', async () => {
    await setUp();
    gateway.serverOffsetMs = -20 * MINUTE; // we are 20 minutes ahead
    const ahead = await statusWith(KEY);
    expect(ahead).toMatchObject({ ok: false, error: { kind: 'clock-skew', httpStatus: 401 } });
    if (ahead.ok) return;
    expect(ahead.error.message).toContain("This computer's clock is 20 minutes ahead of the server's");
    expectNoSecrets(ahead.error);

    gateway.serverOffsetMs = 16 * MINUTE + 30_000;
    const behind = await statusWith(KEY);
    expect(behind).toMatchObject({ ok: false, error: { kind: 'clock-skew' } });
    if (behind.ok) return;
    expect(behind.error.message).toContain("This computer's clock is 17 minutes behind the server's");
    expect(gateway.server.received).toHaveLength(2);
  });

  it('signs fine within 15 minutes of the server', async () => {
    await setUp();
    gateway.serverOffsetMs = 14 * MINUTE;
    expect((await statusWith(KEY)).ok).toBe(true);
  });
});

describe('explainRejectedSignature', () => {
  const rejected = (errorMsg: string) => workspaceError('auth', 'Workspace did not accept the credentials', { httpStatus: 401, errorCode: 'APIGW.0301', errorMsg, hint: 'generic' });

  it('mentions the skew also when the key is locked', () => {
    const error = explainRejectedSignature(rejected('AK access failed to reach the limit,forbidden'), 30 * MINUTE, false);
    expect(error.kind).toBe('auth');
    expect(error.hint).toContain("this computer's clock is 30 minutes ahead of the server's");
  });

  it('says a temporary key may have expired', () => {
    expect(explainRejectedSignature(rejected('security token expired'), 0, true)).toMatchObject({ kind: 'auth', hint: expect.stringContaining('Temporary AK/SK') });
  });

  it('leaves other 401s as they are', () => {
    const error = rejected('something else');
    expect(explainRejectedSignature(error, undefined, false)).toBe(error);
    expect(explainRejectedSignature(error, 15 * MINUTE, false)).toBe(error);
  });

  it('never retries', async () => {
    const auth = new AkSkAuthenticator({ secret: KEY, projectId: PROJECT, clock: new FakeClock() });
    expect(await auth.handleUnauthorized(rejected('verify aksk signature fail'), undefined)).toMatchObject({ retry: false });
  });
});
