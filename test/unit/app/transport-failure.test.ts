// Transport faults in plain words, code kept: what undici and Electron's net.fetch actually throw.
import { describe, expect, it } from 'vitest';
import { describeTransportFailure } from '../../../main/app/transport-failure.js';

/** `fetch failed` with the system error as its cause, as undici reports it. */
const undici = (code: string, message: string): TypeError => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

describe('describeTransportFailure', () => {
  it.each([
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND iam.example.invalid', 'host name not found (ENOTFOUND)'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', 'connection refused (ECONNREFUSED)'],
    ['UND_ERR_SOCKET', 'other side closed', 'the server closed the connection (UND_ERR_SOCKET)'],
    ['ECONNRESET', 'read ECONNRESET', 'connection reset (ECONNRESET)'],
  ])('puts %s in plain words and keeps the code', (code, message, expected) => {
    const failure = describeTransportFailure(undici(code, message));
    expect(failure).toMatchObject({ kind: 'network', text: expected });
    expect(failure.hint).toMatch(/proxy or firewall/);
  });

  it.each(['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    'explains the certificate error %s and points at corporate CAs and NODE_EXTRA_CA_CERTS',
    (code) => {
      const failure = describeTransportFailure(undici(code, 'some openssl text'));
      expect(failure.text).toMatch(new RegExp(`certificate.*\\(${code}\\)$`));
      expect(failure.hint).toContain('NODE_EXTRA_CA_CERTS');
      expect(failure.hint).toMatch(/corporate proxy|certificate authority/);
    },
  );

  it("reads Electron's net::ERR_ names from the message", () => {
    expect(describeTransportFailure(new Error('net::ERR_NAME_NOT_RESOLVED')).text).toBe('host name not found (net::ERR_NAME_NOT_RESOLVED)');
    expect(describeTransportFailure(new Error('net::ERR_CERT_AUTHORITY_INVALID')).hint).toContain('certificate store');
  });

  it('keeps an unknown code with its message, and says something for an empty chain', () => {
    expect(describeTransportFailure(undici('EWEIRD', 'strange things')).text).toBe('strange things (EWEIRD)');
    expect(describeTransportFailure(new TypeError('fetch failed')).text).toBe('connection failed');
    expect(describeTransportFailure('not an error').text).toBe('connection failed');
  });

  it('never quotes a header value that fetch refused, and says nothing was sent', () => {
    const token = 'MIIT-secret-token\nwith-a-line-break';
    const failure = describeTransportFailure(new TypeError(`Headers.append: ${JSON.stringify(token)} is an invalid header value.`), [token]);
    expect(failure.kind).toBe('config');
    expect(JSON.stringify(failure)).not.toContain('secret-token');
    expect(failure.hint).toMatch(/line breaks/);
  });

  it('redacts header values from messages it does not know', () => {
    const failure = describeTransportFailure(new Error('odd failure near SDK-HMAC-SHA256 Access=AKEXAMPLE, Signature=abcdef0123'), ['SDK-HMAC-SHA256 Access=AKEXAMPLE, Signature=abcdef0123']);
    expect(failure.text).toBe('odd failure near [redacted]');
  });
});
