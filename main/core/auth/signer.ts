// AK/SK request signing (`SDK-HMAC-SHA256`), byte for byte as the Huawei Cloud SDKs sign, and its inverse for
// the simulator. Pure: the date comes in as `now`, crypto is computation.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** The gateway rejects an `X-Sdk-Date` further than this from its own clock. */
export const MAX_SIGNATURE_SKEW_MS = 15 * 60 * 1000;

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2020-06-08T02:39:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** Epoch milliseconds of an `X-Sdk-Date`, or undefined when it is not a real UTC date in that exact form. */
export function parseSdkDate(value: string): number | undefined {
  const match = SDK_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March: a date that does not survive the round trip is not a date.
  return formatSdkDate(ms) === value ? ms : undefined;
}

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/** Percent-encodes UTF-8 bytes, keeping only `A-Z a-z 0-9 - _ . ~`, with upper-case hex (the SDKs' urlEncode). */
export function encodeSigningComponent(value: string): string {
  let out = '';
  for (const char of value) {
    if (UNRESERVED.test(char)) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A path segment as the SDK saw it before it was sent: decoded, unless it is not valid percent-encoding. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The SDKs sign the path before it is percent-encoded for sending; a URL holds it encoded. Decoding each segment
 * and re-encoding it gives the SDK's form on the client and, from the received path, on the server.
 */
export function canonicalUri(pathname: string): string {
  const encoded = pathname.split('/').map((segment) => encodeSigningComponent(decodeSegment(segment))).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Names sorted (as decoded strings, like the SDKs), one `name=value` per value with the values sorted too. */
export function canonicalQueryString(params: URLSearchParams): string {
  const valuesByName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = valuesByName.get(name);
    if (values) values.push(value);
    else valuesByName.set(name, [value]);
  }
  return [...valuesByName.keys()]
    .sort(byCodeUnits)
    .flatMap((name) => (valuesByName.get(name) ?? []).sort(byCodeUnits).map((value) => `${encodeSigningComponent(name)}=${encodeSigningComponent(value)}`))
    .join('&');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface CanonicalRequestInput {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names to values, holding at least every signed header. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case names, sorted. */
  readonly signedHeaders: readonly string[];
  readonly body: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const canonicalHeaders = input.signedHeaders.map((name) => `${name}:${(input.headers[name] ?? '').trim()}\n`).join('');
  return [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    canonicalQueryString(input.url.searchParams),
    canonicalHeaders,
    input.signedHeaders.join(';'),
    sha256Hex(input.body),
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** No key derivation: the SK's bytes key the HMAC directly. */
export function signatureOf(secretKey: string, toSign: string): string {
  return createHmac('sha256', secretKey).update(toSign, 'utf8').digest('hex');
}

/** Like the Python and Go SDKs, names holding `_` are left unsigned (proxies may drop such headers). */
function isSignable(lowerName: string): boolean {
  return !lowerName.includes('_') && lowerName !== 'authorization';
}

export interface SignRequestInput {
  readonly method: string;
  readonly url: URL;
  /** The headers that will be sent (any case), e.g. `X-Project-Id`, `X-Security-Token`, `Content-Type`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly now: number;
}

/**
 * The headers to add to a request (`X-Sdk-Date`, `Authorization`). Signed: every caller header (except names with
 * `_`), `host` (from the URL unless the caller sets one) and `x-sdk-date`.
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const sdkDate = formatSdkDate(input.now);
  const headers: Record<string, string> = { host: input.url.host };
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (isSignable(lower) && lower !== 'x-sdk-date') headers[lower] = value;
  }
  headers['x-sdk-date'] = sdkDate;
  const signedHeaders = Object.keys(headers).sort(byCodeUnits);
  const canonical = canonicalRequest({ method: input.method, url: input.url, headers, signedHeaders, body: input.body });
  const signature = signatureOf(input.secretKey, stringToSign(sdkDate, canonical));
  return {
    'X-Sdk-Date': sdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}

export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/;

export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = AUTHORIZATION.exec(value.trim());
  if (!match) return undefined;
  const [, accessKey = '', signed = '', signature = ''] = match;
  return { accessKey, signedHeaders: signed.split(';'), signature: signature.toLowerCase() };
}

/** Why a signed request was refused; `reason` says it in words for logs. */
export type SignatureFailure = 'malformed' | 'unknown-access-key' | 'expired' | 'bad-signature';

export interface VerifySignedRequestInput {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names, as received by a server. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly secretKeyFor: (accessKey: string) => string | undefined;
  /** When given, an `X-Sdk-Date` more than `maxSkewMs` (default 15 minutes) from it is refused as 'expired'. */
  readonly now?: number;
  readonly maxSkewMs?: number;
}

export type VerifySignedRequestResult =
  | { readonly ok: true; readonly accessKey: string }
  | { readonly ok: false; readonly reason: string; readonly failure: SignatureFailure };

/** The gateway's side: recompute the signature from what arrived and compare in constant time. */
export function verifySignedRequest(input: VerifySignedRequestInput): VerifySignedRequestResult {
  const fail = (failure: SignatureFailure, reason: string): VerifySignedRequestResult => ({ ok: false, failure, reason });
  const header = input.headers['authorization'];
  if (header === undefined) return fail('malformed', 'no Authorization header');
  const authorization = parseAuthorization(header);
  if (!authorization) return fail('malformed', `the Authorization header is not "${SIGNING_ALGORITHM} Access=..., SignedHeaders=..., Signature=..."`);
  const { signedHeaders } = authorization;
  if (!signedHeaders.includes('x-sdk-date')) return fail('malformed', 'x-sdk-date is not among the signed headers');
  if (signedHeaders.some((name, index) => name !== name.toLowerCase() || (index > 0 && byCodeUnits(signedHeaders[index - 1] ?? '', name) >= 0))) {
    return fail('malformed', 'the signed header names are not lower-case, sorted and unique');
  }
  const missing = signedHeaders.filter((name) => input.headers[name] === undefined);
  if (missing.length > 0) return fail('malformed', `signed header${missing.length > 1 ? 's' : ''} missing from the request: ${missing.join(', ')}`);
  const sdkDate = input.headers['x-sdk-date'] ?? '';
  const signedAt = parseSdkDate(sdkDate.trim());
  if (signedAt === undefined) return fail('malformed', 'x-sdk-date is not a UTC date of the form YYYYMMDDTHHMMSSZ');
  if (input.now !== undefined && Math.abs(input.now - signedAt) > (input.maxSkewMs ?? MAX_SIGNATURE_SKEW_MS)) {
    return fail('expired', `x-sdk-date is ${Math.round((signedAt - input.now) / 60_000)} minutes away from the server's clock`);
  }
  const secretKey = input.secretKeyFor(authorization.accessKey);
  if (secretKey === undefined) return fail('unknown-access-key', 'unknown access key');
  const canonical = canonicalRequest({ method: input.method, url: input.url, headers: input.headers, signedHeaders, body: input.body });
  const expected = Buffer.from(signatureOf(secretKey, stringToSign(sdkDate.trim(), canonical)), 'utf8');
  const received = Buffer.from(authorization.signature, 'utf8');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return fail('bad-signature', 'the signature does not match');
  return { ok: true, accessKey: authorization.accessKey };
}
