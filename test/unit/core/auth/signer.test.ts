import { describe, expect, it } from 'vitest';
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  encodeSigningComponent,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  signatureOf,
  signRequest,
  stringToSign,
  verifySignedRequest,
} from '../../../../main/core/auth/signer.js';

const at = (sdkDate: string): number => {
  const ms = parseSdkDate(sdkDate);
  if (ms === undefined) throw new Error(`bad date ${sdkDate}`);
  return ms;
};

const signatureIn = (authorization: string | undefined): string => /Signature=([0-9a-f]{64})$/.exec(authorization ?? '')?.[1] ?? 'none';

describe('published vectors', () => {
  it('Python SDK: GET with host;x-sdk-date and an empty body', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://service.endpoint.myhuaweicloud.com/resources?size=1'),
      headers: {},
      body: '',
      accessKey: 'AccessKey',
      secretKey: 'SecretKey',
      now: at('20200608T023900Z'),
    });
    expect(headers).toEqual({
      'X-Sdk-Date': '20200608T023900Z',
      Authorization:
        'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
    });
  });

  it('Python SDK: the same as POST with a JSON body', () => {
    const headers = signRequest({
      method: 'POST',
      url: new URL('https://service.endpoint.myhuaweicloud.com/resources?size=1'),
      headers: {},
      body: '{"name":"test","id":1}',
      accessKey: 'AccessKey',
      secretKey: 'SecretKey',
      now: at('20200608T023900Z'),
    });
    expect(signatureIn(headers.Authorization)).toBe('436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  });

  it('Go SDK: only x-sdk-date signed', () => {
    const canonical = canonicalRequest({
      method: 'GET',
      url: new URL('https://example.huaweicloud.com/path?limit=1'),
      headers: { 'x-sdk-date': '20060102T150405Z' },
      signedHeaders: ['x-sdk-date'],
      body: '',
    });
    expect(signatureOf('SecretKey', stringToSign('20060102T150405Z', canonical))).toBe('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
  });

  it("Huawei's documentation example: content-type;host;x-sdk-date", () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0'),
      headers: { 'Content-Type': 'application/json' },
      body: '',
      accessKey: 'QTWAOYTTINDUT2QVKYUC',
      secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
      now: at('20191115T033655Z'),
    });
    expect(headers.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });
});

describe('SDK dates', () => {
  it('formats UTC to the second', () => {
    expect(formatSdkDate(Date.UTC(2006, 0, 2, 15, 4, 5, 999))).toBe('20060102T150405Z');
  });

  it('parses only real dates in the exact form', () => {
    expect(parseSdkDate('20060102T150405Z')).toBe(Date.UTC(2006, 0, 2, 15, 4, 5));
    for (const bad of ['20060231T000000Z', '20060102T150405', '2006-01-02T15:04:05Z', '20060102T250000Z', ' 20060102T150405Z', '']) {
      expect(parseSdkDate(bad), bad).toBeUndefined();
    }
  });
});

describe('canonical pieces', () => {
  it('encodes UTF-8 bytes with upper-case hex, keeping only unreserved characters', () => {
    expect(encodeSigningComponent("a-b_c.d~e f/g!*'()é中😀")).toBe('a-b_c.d~e%20f%2Fg%21%2A%27%28%29%C3%A9%E4%B8%AD%F0%9F%98%80');
  });

  it('signs the decoded path, re-encoded per segment, with a trailing slash', () => {
    expect(canonicalUri('/v2/abc/connections/status')).toBe('/v2/abc/connections/status/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/a%2Fb/c%20d/it\'s/%zz/')).toBe('/a%2Fb/c%20d/it%27s/%25zz/');
  });

  it('sorts query names and each name\'s values', () => {
    expect(canonicalQueryString(new URLSearchParams('b=2&a=z&a=y&c&d=%C3%A9+x'))).toBe('a=y&a=z&b=2&c=&d=%C3%A9%20x');
    expect(canonicalQueryString(new URLSearchParams(''))).toBe('');
  });

  it('trims header values and leaves names with "_" and a caller Authorization unsigned', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://h.example:8443/p'),
      headers: { 'X-Project-Id': '  p1 ', x_custom: 'v', Authorization: 'old', 'X-Sdk-Date': 'ignored' },
      body: '',
      accessKey: 'AK',
      secretKey: 'SK',
      now: 0,
    });
    expect(headers.Authorization).toContain('SignedHeaders=host;x-project-id;x-sdk-date,');
    const canonical = canonicalRequest({
      method: 'GET',
      url: new URL('https://h.example:8443/p'),
      headers: { host: 'h.example:8443', 'x-project-id': 'p1', 'x-sdk-date': '19700101T000000Z' },
      signedHeaders: ['host', 'x-project-id', 'x-sdk-date'],
      body: '',
    });
    expect(signatureIn(headers.Authorization)).toBe(signatureOf('SK', stringToSign('19700101T000000Z', canonical)));
  });

  it('parses an Authorization header', () => {
    expect(parseAuthorization('SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ABCDEF')).toEqual({
      accessKey: 'AK',
      signedHeaders: ['host', 'x-sdk-date'],
      signature: 'abcdef',
    });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
  });
});

describe('verifySignedRequest', () => {
  const url = new URL('https://workspace.example/v2/p1/connections/status');
  const now = Date.UTC(2025, 4, 6, 7, 8, 9);
  const keys: Record<string, string> = { AK1: 'secret-one' };
  const secretKeyFor = (ak: string) => keys[ak];
  const signed = (overrides: Partial<{ secretKey: string; accessKey: string; now: number; body: string }> = {}) => {
    const sent = { 'X-Project-Id': 'p1', 'Content-Type': 'application/json' };
    const added = signRequest({ method: 'POST', url, headers: sent, body: overrides.body ?? '{}', accessKey: overrides.accessKey ?? 'AK1', secretKey: overrides.secretKey ?? 'secret-one', now: overrides.now ?? now });
    const received: Record<string, string> = { host: url.host, 'x-project-id': 'p1', 'content-type': 'application/json', 'x-sdk-date': added['X-Sdk-Date'] ?? '', authorization: added.Authorization ?? '', 'user-agent': 'node' };
    return received;
  };

  it('accepts what signRequest signed', () => {
    expect(verifySignedRequest({ method: 'POST', url, headers: signed(), body: '{}', secretKeyFor, now })).toEqual({ ok: true, accessKey: 'AK1' });
  });

  it('refuses a wrong secret, a changed body, a changed signed header, an unknown key and an old date', () => {
    const check = (headers: Record<string, string>, body = '{}') => verifySignedRequest({ method: 'POST', url, headers, body, secretKeyFor, now });
    expect(check(signed({ secretKey: 'other' }))).toMatchObject({ ok: false, failure: 'bad-signature' });
    expect(check(signed(), '{"x":1}')).toMatchObject({ ok: false, failure: 'bad-signature' });
    expect(check({ ...signed(), 'x-project-id': 'p2' })).toMatchObject({ ok: false, failure: 'bad-signature' });
    expect(check(signed({ accessKey: 'AK2' }))).toMatchObject({ ok: false, failure: 'unknown-access-key' });
    expect(check(signed({ now: now - 16 * 60_000 }))).toMatchObject({ ok: false, failure: 'expired' });
    expect(check(signed({ now: now + 14 * 60_000 }))).toEqual({ ok: true, accessKey: 'AK1' });
    const { authorization: _dropped, ...unsigned } = signed();
    expect(check(unsigned)).toMatchObject({ ok: false, failure: 'malformed' });
    const { 'x-project-id': _gone, ...missing } = signed();
    expect(check(missing)).toMatchObject({ ok: false, failure: 'malformed', reason: expect.stringContaining('x-project-id') });
  });

  it('never puts the secret key in a reason', () => {
    const result = verifySignedRequest({ method: 'POST', url, headers: signed({ secretKey: 'other' }), body: '{}', secretKeyFor, now });
    expect(JSON.stringify(result)).not.toContain('secret-one');
  });
});
