import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iamTokensUrl, parseIamTimestamp, passwordTokenRequestBody, readPasswordTokenAnswer, redactSecrets } from '../../../../main/core/auth/iam.js';
import { formatError, workspaceError } from '../../../../main/core/errors.js';

const SECRET = { user: 'ops-admin', password: 'S3cret "quoted" \\ pass', domain: 'acme-corp' };
const PROJECT = '0123456789abcdef0123456789abcdef';
const answer = (status: number, headers: Record<string, string>, bodyText: string) => ({ status, headers: new Headers(headers), bodyText });
const read = (status: number, headers: Record<string, string>, body: unknown) =>
  readPasswordTokenAnswer({ answer: answer(status, headers, typeof body === 'string' ? body : JSON.stringify(body)), iamHost: 'iam.example.com', secret: SECRET, now: 0 });

describe('the token request', () => {
  it('is the password method scoped to the project by id', () => {
    expect(JSON.parse(passwordTokenRequestBody(SECRET, PROJECT))).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'ops-admin', password: SECRET.password, domain: { name: 'acme-corp' } } } },
        scope: { project: { id: PROJECT } },
      },
    });
  });

  it('goes to {endpoint}/v3/auth/tokens, keeping a base path', () => {
    const plain = iamTokensUrl('https://iam.cn-north-4.myhuaweicloud.com/');
    expect(plain.ok && plain.value.href).toBe('https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens');
    const prefixed = iamTokensUrl('http://127.0.0.1:8080/iam/');
    expect(prefixed.ok && prefixed.value.href).toBe('http://127.0.0.1:8080/iam/v3/auth/tokens');
    expect(iamTokensUrl('not a url')).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('never sends the password over plain http to another host', () => {
    const plain = iamTokensUrl('http://iam.private-cloud.example');
    expect(plain).toMatchObject({ ok: false, error: { kind: 'config', message: /^IAM endpoint: .*plain http/ } });
    expect(iamTokensUrl('https://user:pw@iam.example.com')).toMatchObject({ ok: false, error: { kind: 'config' } });
  });
});

describe('expires_at', () => {
  it('reads microseconds and offsets', () => {
    expect(parseIamTimestamp('2020-01-04T09:05:22.701000Z')).toBe(Date.UTC(2020, 0, 4, 9, 5, 22, 701));
    expect(parseIamTimestamp('2020-01-04T09:05:22Z')).toBe(Date.UTC(2020, 0, 4, 9, 5, 22));
    expect(parseIamTimestamp('2020-01-04T10:05:22.5+01:00')).toBe(Date.UTC(2020, 0, 4, 9, 5, 22, 500));
    for (const bad of ['2020-02-30T00:00:00Z', '2020-01-04 09:05:22Z', '2020-01-04T09:05:22', 'tomorrow', '2020-13-01T00:00:00Z']) expect(parseIamTimestamp(bad), bad).toBeUndefined();
  });

  it('round-trips any instant written with microseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2199, 0, 1) }), (ms) => {
        expect(parseIamTimestamp(new Date(ms).toISOString().replace('Z', '123Z'))).toBe(ms);
      }),
    );
  });
});

describe('reading the answer', () => {
  it('takes the token from X-Subject-Token and the expiry from the body', () => {
    expect(read(201, { 'X-Subject-Token': 'MIItoken' }, { token: { expires_at: '2020-01-04T09:05:22.701000Z' } })).toEqual({
      ok: true,
      value: { token: 'MIItoken', expiresAt: Date.UTC(2020, 0, 4, 9, 5, 22, 701) },
    });
  });

  it("measures the token's lifetime on IAM's clock: issued_at first, else the Date header", () => {
    const expires = '2020-01-04T09:05:22.701000Z';
    const issued = '2020-01-03T09:05:22.701000Z';
    const day = 24 * 60 * 60 * 1000;
    expect(read(201, { 'X-Subject-Token': 'MIItoken', Date: 'Sat, 04 Jan 2020 08:05:22 GMT' }, { token: { expires_at: expires, issued_at: issued } })).toMatchObject({
      ok: true,
      value: { lifetimeMs: day },
    });
    expect(read(201, { 'X-Subject-Token': 'MIItoken', Date: 'Sat, 04 Jan 2020 08:05:22 GMT' }, { token: { expires_at: expires } })).toMatchObject({
      ok: true,
      value: { lifetimeMs: 60 * 60 * 1000 + 701 },
    });
    // A Date after the expiry (a stale proxy, a broken server) says nothing useful: the absolute expiry stays.
    const stale = read(201, { 'X-Subject-Token': 'MIItoken', Date: 'Sun, 05 Jan 2020 08:05:22 GMT' }, { token: { expires_at: expires, issued_at: 'garbage' } });
    expect(stale.ok && stale.value).toEqual({ token: 'MIItoken', expiresAt: Date.UTC(2020, 0, 4, 9, 5, 22, 701) });
  });

  it('rejects a success without a token or without a readable expiry', () => {
    expect(read(201, {}, { token: { expires_at: '2020-01-04T09:05:22.701000Z' } })).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect(read(201, { 'X-Subject-Token': 't0k3n-value' }, 'oops')).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect(read(201, { 'X-Subject-Token': 't0k3n-value' }, { token: {} })).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect(read(201, { 'X-Subject-Token': 't0k3n-value' }, { token: { expires_at: 'soon' } })).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
  });

  it("maps IAM's error shape", () => {
    const wrong = read(401, {}, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401, errorCode: '401', errorMsg: 'The username or password is wrong.' } });
    if (wrong.ok) return;
    expect(wrong.error.message).toBe('IAM at iam.example.com did not accept the sign-in of user "ops-admin" of account "acme-corp"');
    expect(wrong.error.hint).toContain('The user name, password or account (domain) name is wrong');
    expect(read(403, {}, { error: { code: 403, message: 'user disabled', title: 'Forbidden' } })).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(read(400, {}, { error: { code: 400, message: 'invalid project', title: 'Bad Request' } })).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it("maps the gateway's error shape", () => {
    expect(read(404, { 'X-Request-Id': 'abc' }, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', errorCode: 'APIGW.0101', requestId: 'abc' },
    });
    expect(read(502, {}, '')).toMatchObject({ ok: false, error: { kind: 'service', httpStatus: 502 } });
  });

  it('never shows the password or token, even when a server echoes them', () => {
    const echoed = read(401, { 'X-Subject-Token': 'echoed-token-value' }, { error: { code: 401, message: `no ${SECRET.password} here, echoed-token-value`, title: 'Unauthorized' } });
    expect(echoed.ok).toBe(false);
    if (echoed.ok) return;
    const text = `${JSON.stringify(echoed.error)} ${formatError(echoed.error)}`;
    expect(text).not.toContain(SECRET.password);
    expect(text).not.toContain('echoed-token-value');
  });
});

describe('redactSecrets', () => {
  it('replaces secrets in every text field', () => {
    const error = workspaceError('auth', 'has abcd1234', { hint: 'abcd1234!', errorMsg: 'x', httpStatus: 401 });
    expect(redactSecrets(error, ['abcd1234', ''])).toEqual({ kind: 'auth', message: 'has [redacted]', hint: '[redacted]!', errorMsg: 'x', httpStatus: 401 });
  });
});
