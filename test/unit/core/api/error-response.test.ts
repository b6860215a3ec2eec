import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseRetryAfter } from '../../../../main/core/api/error-response.js';
import { formatError } from '../../../../main/core/errors.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return errorFromResponse({
    status,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    headers: new Headers(headers),
    now: NOW,
  });
}

describe('errorFromResponse: kinds by status', () => {
  it.each([
    [401, 'auth'],
    [403, 'permission'],
    [404, 'not-found'],
    [429, 'throttled'],
    [400, 'service'],
    [409, 'service'],
    [500, 'service'],
    [502, 'service'],
    [503, 'service'],
    [302, 'service'],
  ])('HTTP %i is %s', (status, kind) => {
    const error = answer(status, '');
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(status);
  });
});

describe('errorFromResponse: bodies', () => {
  it('carries every documented field and the request id header', () => {
    const error = answer(
      403,
      { error_code: 'WKS.00010099', error_msg: 'workspace service is not open', error_detail: 'project x', encoded_authorization_message: 'ENC+abc/123==' },
      { 'X-Request-Id': 'req-42' },
    );
    expect(error).toMatchObject({
      kind: 'permission',
      httpStatus: 403,
      errorCode: 'WKS.00010099',
      errorMsg: 'workspace service is not open',
      errorDetail: 'project x',
      encodedAuthorizationMessage: 'ENC+abc/123==',
      requestId: 'req-42',
    });
    expect(error.hint).toMatch(/Workspace is not enabled in this project or region/);
    const line = formatError(error);
    expect(line).toContain('HTTP 403');
    expect(line).toContain('WKS.00010099');
    expect(line).toContain('req-42');
    expect(line).toContain('decode-authorization-message');
  });

  it('accepts the code/message variant and IAM\'s nested error object', () => {
    expect(answer(429, { code: 'APIGW.0308', message: 'policy user over ratelimit, limit:10, time:1 minute' })).toMatchObject({
      errorCode: 'APIGW.0308',
      errorMsg: 'policy user over ratelimit, limit:10, time:1 minute',
    });
    expect(answer(401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } })).toMatchObject({
      errorCode: '401',
      errorMsg: 'The request you have made requires authentication.',
    });
  });

  it('summarises an HTML gateway page by its title', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway &amp; friends</title></head><body><h1>502</h1><hr>nginx</body></html>';
    const error = answer(502, page, { 'x-request-id': 'gw-1' });
    expect(error).toMatchObject({ kind: 'service', httpStatus: 502, errorMsg: '502 Bad Gateway & friends', requestId: 'gw-1' });
    expect(error.errorCode).toBeUndefined();
  });

  it('summarises an untitled HTML page by its text, truncated', () => {
    const error = answer(503, `<html><body><script>var x = 1;</script><h1>Service   Unavailable</h1><p>${'z'.repeat(500)}</p></body></html>`);
    expect(error.errorMsg).toMatch(/^Service Unavailable z+…$/);
    expect(error.errorMsg?.length).toBeLessThanOrEqual(121);
  });

  it('truncates a long title', () => {
    const error = answer(502, `<html><title>${'t'.repeat(1000)}</title></html>`);
    expect(error.errorMsg?.length).toBe(121);
  });

  it('handles an empty body with just the status', () => {
    const error = answer(500, '');
    expect(error).toEqual({ kind: 'service', message: expect.any(String), hint: expect.any(String), httpStatus: 500, wording: expect.any(Object) });
    expect(formatError(error)).toMatch(/HTTP 500/);
  });

  it('quotes a plain-text body, flattened to one printable line', () => {
    const error = answer(400, 'Bad request\n\u001b[31mline two\u0007');
    expect(error.errorMsg).toBe('Bad request [31mline two');
  });

  it('keeps unrelated JSON as a short excerpt', () => {
    expect(answer(500, { oops: true }).errorMsg).toBe('{"oops":true}');
  });

  it('takes a request id from the body when the header is missing', () => {
    expect(answer(500, { error_code: 'X', error_msg: 'y', request_id: 'body-req' }).requestId).toBe('body-req');
  });
});

describe('errorFromResponse: hints for known codes', () => {
  it.each([
    ['APIGW.0301', 'token expires, expires_at: 2025-06-01T00:00:00Z', /paste a new token/],
    ['APIG.0301', 'decrypt token fail', /paste a new token/],
    ['APIGW.0301', 'x-auth-token not found', /paste a new token/],
    ['APIGW.0301', 'verify aksk signature fail', /secret key.*clock/],
    ['APIGW.0301', 'AK access failed to reach the limit,forbidden', /locked for 5 minutes.*Do not retry/],
    ['APIGW.0301', 'something new', /credentials/],
  ])('%s "%s"', (code, msg, hint) => {
    const error = answer(401, { error_code: code, error_msg: msg });
    expect(error.kind).toBe('auth');
    expect(error.hint).toMatch(hint);
  });

  it.each([
    [429, 'APIGW.0308', /poll less often/],
    [404, 'APIGW.0101', /no such API.*region/],
    [400, 'WKS.0001', /project id/],
    [403, 'WKS.00010099', /not enabled/],
  ])('HTTP %i %s', (status, code, hint) => {
    expect(answer(status, { error_code: code, error_msg: 'm' }).hint).toMatch(hint);
  });

  it('names the permission a generic 403 needs', () => {
    expect(answer(403, { error_code: 'IAM.0001', error_msg: 'no permission' }).hint).toContain('workspace:desktops:getConnectStatus');
    expect(answer(403, '').hint).toContain('workspace:desktops:getConnectStatus');
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(answer(429, { error_code: 'APIGW.0308' }, { 'Retry-After': '30' }).retryAfterMs).toBe(30_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(answer(429, '', { 'Retry-After': new Date(NOW + 90_000).toUTCString() }).retryAfterMs).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
  });

  it('tells a throttled admin how long the server asked to wait, and only when it said so', () => {
    expect(answer(429, { error_code: 'APIGW.0308' }, { 'Retry-After': '30' }).hint).toMatch(/^The server asked to wait 30 s before the next request\. Too many requests/);
    expect(answer(429, '').hint).not.toContain('asked to wait');
    expect(answer(503, '', { 'Retry-After': '30' }).hint).not.toContain('asked to wait');
  });

  it('ignores a missing or unreadable value', () => {
    expect(answer(429, '').retryAfterMs).toBeUndefined();
    for (const value of ['soon', '-5', '1.5', '', '2025-06-01']) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
