// Why a request got no answer, in words an admin can act on. Node's fetch (undici) hides the useful code
// (ENOTFOUND, ECONNREFUSED, certificate errors) in `cause`; Electron's net.fetch names it as `net::ERR_...` in the
// message. The code is kept in brackets, because it is what a search engine or a network team needs.

import { phrase, sayPhrase, type ERROR_PHRASES, type ErrorPhrase, type ErrorPhraseCode } from '../core/error-wording.js';

export interface TransportFailure {
  /** e.g. `host name not found (ENOTFOUND)`. */
  readonly text: string;
  readonly hint: string;
  /** The same, named (core/error-wording.ts). */
  readonly phrases: { readonly text: ErrorPhrase; readonly hint: ErrorPhrase };
  /** `config` when the request could not even be built (nothing was sent); `invalid-response` when what came back is not HTTP. */
  readonly kind: 'network' | 'config' | 'invalid-response';
}

/** The transport phrases that end in the platform's code: `... ({code})`. */
type CodedPhrase = { [C in ErrorPhraseCode]: C extends `transport.${string}` ? ((typeof ERROR_PHRASES)[C] extends `${string}({code})` ? C : never) : never }[ErrorPhraseCode];

const TLS_CODES: Readonly<Record<string, CodedPhrase>> = {
  CERT_HAS_EXPIRED: 'transport.cert-expired',
  CERT_NOT_YET_VALID: 'transport.cert-not-yet-valid',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'transport.cert-untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'transport.issuer-untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'transport.issuer-untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'transport.self-signed-chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'transport.self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'transport.cert-wrong-host',
  ERR_SSL_WRONG_VERSION_NUMBER: 'transport.tls-handshake',
  // Electron's net.fetch (Chromium) names.
  'net::ERR_CERT_AUTHORITY_INVALID': 'transport.cert-untrusted',
  'net::ERR_CERT_DATE_INVALID': 'transport.cert-date',
  'net::ERR_CERT_COMMON_NAME_INVALID': 'transport.cert-wrong-host',
};

const NETWORK_CODES: Readonly<Record<string, CodedPhrase>> = {
  ENOTFOUND: 'transport.host-not-found',
  EAI_AGAIN: 'transport.lookup-failed',
  ECONNREFUSED: 'transport.refused',
  ECONNRESET: 'transport.reset',
  UND_ERR_SOCKET: 'transport.closed',
  EPIPE: 'transport.closed',
  ETIMEDOUT: 'transport.connect-timeout',
  UND_ERR_CONNECT_TIMEOUT: 'transport.connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'transport.stopped-answering',
  UND_ERR_BODY_TIMEOUT: 'transport.stopped-answering',
  EHOSTUNREACH: 'transport.host-unreachable',
  ENETUNREACH: 'transport.network-unreachable',
  'net::ERR_NAME_NOT_RESOLVED': 'transport.host-not-found',
  'net::ERR_CONNECTION_REFUSED': 'transport.refused',
  'net::ERR_CONNECTION_RESET': 'transport.reset',
  'net::ERR_CONNECTION_CLOSED': 'transport.closed',
  'net::ERR_EMPTY_RESPONSE': 'transport.closed',
  'net::ERR_INTERNET_DISCONNECTED': 'transport.offline',
  'net::ERR_PROXY_CONNECTION_FAILED': 'transport.proxy-unreachable',
};

function failure(kind: TransportFailure['kind'], text: ErrorPhrase, hint: ErrorPhrase): TransportFailure {
  return { kind, text: sayPhrase(text), hint: sayPhrase(hint), phrases: { text, hint } };
}

function known(code: string): TransportFailure | undefined {
  const tls = TLS_CODES[code];
  if (tls !== undefined) return failure('network', phrase(tls, { code }), phrase('hint.tls'));
  const network = NETWORK_CODES[code];
  return network === undefined ? undefined : failure('network', phrase(network, { code }), phrase('hint.network'));
}

/**
 * The failure of `fetch` in plain words. `sentValues` are the request's header values: an invalid one makes fetch
 * throw a message quoting it, and header values carry tokens and signatures, so they never reach the text.
 */
export function describeTransportFailure(cause: unknown, sentValues: readonly string[] = []): TransportFailure {
  const chain = errorChain(cause);
  // fetch throws these itself, before sending (not as the cause of `fetch failed`, which is about the answer).
  if (chain[0] instanceof TypeError && /is an invalid header value|Cannot convert argument to a ByteString/.test(chain[0].message)) {
    return failure('config', phrase('transport.bad-header'), phrase('hint.header-chars'));
  }
  for (const error of chain) {
    const code = codeOf(error);
    // llhttp's codes: the server (or something posing as it) answered with bytes that are not valid HTTP.
    if (code?.startsWith('HPE_')) return failure('invalid-response', phrase('transport.not-http', { code }), phrase('hint.not-http'));
    const found = code === undefined ? undefined : known(code);
    if (found !== undefined) return found;
  }
  const parts = chain.map((error) => {
    const code = codeOf(error);
    const message = redact(error.message.trim(), sentValues);
    if (code === undefined) return message;
    return message === '' || message.includes(code) ? message || code : `${message} (${code})`;
  });
  const meaningful = parts.filter((part) => part !== '' && part !== 'fetch failed');
  const text = meaningful.length > 0 ? phrase('transport.other', { detail: meaningful.join(': ') }) : phrase('transport.failed');
  return failure('network', text, phrase('hint.network'));
}
function errorChain(cause: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

function codeOf(error: Error): string | undefined {
  const code: unknown = 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && code !== '') return code;
  return /net::ERR_[A-Z_]+/.exec(error.message)?.[0];
}

function redact(text: string, values: readonly string[]): string {
  return values.filter((value) => value.length >= 4).reduce((current, value) => current.split(value).join('[redacted]'), text);
}
