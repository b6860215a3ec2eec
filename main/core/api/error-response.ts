// Every non-2xx answer becomes one WorkspaceError, whatever the body: Workspace's documented JSON, another
// gateway's variant of it, an HTML page from a proxy or load balancer, or nothing at all.
import { workspaceError, type ErrorKind, type WorkspaceError } from '../errors.js';
import { phrase, worded, type ErrorPhrase } from '../error-wording.js';
import { htmlText, htmlTitle, looksLikeHtml, oneLine } from './server-text.js';

export interface ErrorResponse {
  readonly status: number;
  readonly bodyText: string;
  readonly headers: { get(name: string): string | null };
  /** Epoch milliseconds, to turn an HTTP-date Retry-After into a delay. */
  readonly now: number;
}

export function errorFromResponse(input: ErrorResponse): WorkspaceError {
  const body = readErrorBody(input.bodyText);
  const kind = kindForStatus(input.status);
  const requestId = cleanText(input.headers.get('X-Request-Id'), 128) ?? body.requestId;
  const retryAfterMs = parseRetryAfter(input.headers.get('Retry-After'), input.now);
  const hint = hintFor(input.status, body.errorCode, body.errorMsg);
  const { message, ...words } = worded(messageFor(kind, input.status), [
    ...(kind === 'throttled' && retryAfterMs !== undefined ? [phrase('hint.retry-after', { seconds: Math.ceil(retryAfterMs / 1000) })] : []),
    ...(hint === undefined ? [] : [hint]),
  ]);
  return workspaceError(
    kind,
    message,
    withoutUndefined({
      ...words,
      httpStatus: input.status,
      errorCode: body.errorCode,
      errorMsg: body.errorMsg,
      errorDetail: body.errorDetail,
      encodedAuthorizationMessage: body.encodedAuthorizationMessage,
      requestId,
      retryAfterMs,
    }),
  );
}

export function kindForStatus(status: number): ErrorKind {
  switch (status) {
    case 401:
      return 'auth';
    case 403:
      return 'permission';
    case 404:
      return 'not-found';
    case 429:
      return 'throttled';
    default:
      return 'service';
  }
}

/** Retry-After as delay-seconds or an HTTP-date (relative to `now`); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  // Date.parse also accepts bare numbers and odd forms; an HTTP-date always names a weekday or month in letters.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

interface ErrorBody {
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly errorDetail?: string;
  readonly encodedAuthorizationMessage?: string;
  readonly requestId?: string;
}

function readErrorBody(bodyText: string): ErrorBody {
  if (bodyText.trim() === '') return {};
  const json = tryParseJson(bodyText);
  if (isRecord(json)) {
    // Workspace sends error_code/error_msg; some gateways code/message; IAM nests them under "error".
    const nested = isRecord(json['error']) ? json['error'] : {};
    const pick = (...values: unknown[]) => values.find((value) => typeof value === 'string' || typeof value === 'number');
    const fields = {
      errorCode: cleanText(pick(json['error_code'], json['code'], nested['code']), 64),
      errorMsg: cleanText(pick(json['error_msg'], json['message'], nested['message'], nested['title']), 500),
      errorDetail: cleanText(pick(json['error_detail'], json['detail']), 1000),
      encodedAuthorizationMessage: cleanText(json['encoded_authorization_message'], 16 * 1024),
      requestId: cleanText(json['request_id'], 128),
    };
    if (Object.values(fields).some((value) => value !== undefined)) return withoutUndefined(fields);
  }
  if (looksLikeHtml(bodyText)) {
    const summary = htmlTitle(bodyText) ?? cleanText(htmlText(bodyText), 120);
    return summary === undefined ? {} : { errorMsg: summary };
  }
  return withoutUndefined({ errorMsg: cleanText(bodyText, 200) });
}

function messageFor(kind: ErrorKind, status: number): ErrorPhrase {
  switch (kind) {
    case 'auth':
      return phrase('http.auth');
    case 'permission':
      return phrase('http.permission');
    case 'not-found':
      return phrase('http.not-found');
    case 'throttled':
      return phrase('http.throttled');
    default:
      if (status >= 500) return phrase('http.server-failed');
      if (status >= 300 && status < 400) return phrase('http.redirected');
      return phrase('http.rejected');
  }
}

const CODE_HINTS: Readonly<Record<string, ErrorPhrase>> = {
  'APIGW.0308': phrase('hint.apigw-throttled'),
  'APIGW.0101': phrase('hint.apigw-no-api'),
  'WKS.0001': phrase('hint.wks-invalid'),
  'WKS.00010099': phrase('hint.wks-not-enabled'),
};

const STATUS_HINTS: Readonly<Record<number, ErrorPhrase>> = {
  401: phrase('hint.check-credentials'),
  403: phrase('hint.needs-permission'),
  404: phrase('hint.check-location'),
  429: phrase('hint.poll-less'),
};

function hintFor(status: number, errorCode: string | undefined, errorMsg: string | undefined): ErrorPhrase | undefined {
  const code = errorCode?.trim().toUpperCase();
  if (code === 'APIGW.0301' || code === 'APIG.0301') return credentialsHint(errorMsg ?? '');
  const known = code === undefined ? undefined : Object.entries(CODE_HINTS).find(([name]) => name.toUpperCase() === code)?.[1];
  if (known !== undefined) return known;
  if (STATUS_HINTS[status] !== undefined) return STATUS_HINTS[status];
  if (status >= 500) return phrase('hint.temporary');
  if (status >= 300 && status < 400) return phrase('hint.redirect');
  return undefined;
}

/** The gateway's APIGW.0301 message says which credential problem it is. */
function credentialsHint(errorMsg: string): ErrorPhrase {
  if (/AK access failed to reach the limit/i.test(errorMsg)) return phrase('hint.ak-locked');
  if (/aksk signature/i.test(errorMsg)) return phrase('hint.signature-rejected');
  if (/token/i.test(errorMsg)) return phrase('hint.token-invalid');
  return phrase('hint.check-credentials');
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = oneLine(value, max);
  return text === '' ? undefined : text;
}

/** Keeps the error a tidy serialisable object: absent facts are absent keys, not `undefined` values. */
function withoutUndefined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
