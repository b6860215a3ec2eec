// Why a request got no answer, in words an admin can act on. Node's fetch (undici) hides the useful code
// (ENOTFOUND, ECONNREFUSED, certificate errors) in `cause`; Electron's net.fetch names it as `net::ERR_...` in the
// message. The code is kept in brackets, because it is what a search engine or a network team needs.

export interface TransportFailure {
  /** e.g. `host name not found (ENOTFOUND)`. */
  readonly text: string;
  readonly hint: string;
  /** `config` when the request could not even be built (nothing was sent); `invalid-response` when what came back is not HTTP. */
  readonly kind: 'network' | 'config' | 'invalid-response';
}

const NETWORK_HINT = 'Check the endpoint, the network connection and any proxy or firewall.';

const TLS_HINT =
  'If a corporate proxy or a private certificate authority signs this traffic, trust its CA certificate: for the CLI, set ' +
  'NODE_EXTRA_CA_CERTS=/path/to/ca.pem; the app uses the operating system\'s certificate store. Otherwise check the endpoint.';

interface Known {
  readonly words: string;
  readonly hint?: string;
}

const TLS_CODES: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  CERT_NOT_YET_VALID: "the server's TLS certificate is not valid yet (check this computer's clock)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate is not signed by a trusted certificate authority",
  UNABLE_TO_GET_ISSUER_CERT: "the issuer of the server's TLS certificate is not trusted here",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the issuer of the server's TLS certificate is not trusted here",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate chain ends in a self-signed certificate that is not trusted here",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for a different host name",
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (is the endpoint plain http, or a proxy port?)',
  // Electron's net.fetch (Chromium) names.
  'net::ERR_CERT_AUTHORITY_INVALID': "the server's TLS certificate is not signed by a trusted certificate authority",
  'net::ERR_CERT_DATE_INVALID': "the server's TLS certificate has expired or is not valid yet",
  'net::ERR_CERT_COMMON_NAME_INVALID': "the server's TLS certificate is for a different host name",
};

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'the server closed the connection',
  EPIPE: 'the server closed the connection',
  ETIMEDOUT: 'connecting timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server stopped answering',
  UND_ERR_BODY_TIMEOUT: 'the server stopped answering',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  'net::ERR_NAME_NOT_RESOLVED': 'host name not found',
  'net::ERR_CONNECTION_REFUSED': 'connection refused',
  'net::ERR_CONNECTION_RESET': 'connection reset',
  'net::ERR_CONNECTION_CLOSED': 'the server closed the connection',
  'net::ERR_EMPTY_RESPONSE': 'the server closed the connection',
  'net::ERR_INTERNET_DISCONNECTED': 'this computer is offline',
  'net::ERR_PROXY_CONNECTION_FAILED': 'the proxy could not be reached',
};

function known(code: string): Known | undefined {
  const tls = TLS_CODES[code];
  if (tls !== undefined) return { words: tls, hint: TLS_HINT };
  const network = NETWORK_CODES[code];
  return network === undefined ? undefined : { words: network };
}

/**
 * The failure of `fetch` in plain words. `sentValues` are the request's header values: an invalid one makes fetch
 * throw a message quoting it, and header values carry tokens and signatures, so they never reach the text.
 */
export function describeTransportFailure(cause: unknown, sentValues: readonly string[] = []): TransportFailure {
  const chain = errorChain(cause);
  // fetch throws these itself, before sending (not as the cause of `fetch failed`, which is about the answer).
  if (chain[0] instanceof TypeError && /is an invalid header value|Cannot convert argument to a ByteString/.test(chain[0].message)) {
    return {
      kind: 'config',
      text: 'a request header holds a character HTTP does not allow, so nothing was sent',
      hint: 'Check the credentials for stray spaces, line breaks or non-ASCII characters, then save them again.',
    };
  }
  for (const error of chain) {
    const code = codeOf(error);
    // llhttp's codes: the server (or something posing as it) answered with bytes that are not valid HTTP.
    if (code?.startsWith('HPE_')) return { kind: 'invalid-response', text: `the answer is not valid HTTP (${code})`, hint: 'Check the endpoint: it may not be an HTTPS API, or a proxy may be mangling the answer.' };
    const found = code === undefined ? undefined : known(code);
    if (code !== undefined && found !== undefined) return { kind: 'network', text: `${found.words} (${code})`, hint: found.hint ?? NETWORK_HINT };
  }
  const parts = chain.map((error) => {
    const code = codeOf(error);
    const message = redact(error.message.trim(), sentValues);
    if (code === undefined) return message;
    return message === '' || message.includes(code) ? message || code : `${message} (${code})`;
  });
  const meaningful = parts.filter((part) => part !== '' && part !== 'fetch failed');
  return { kind: 'network', text: meaningful.length > 0 ? meaningful.join(': ') : 'connection failed', hint: NETWORK_HINT };
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
