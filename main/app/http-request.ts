// The one HTTP path: every call to Workspace and IAM goes through sendRequest, so timeouts, cancellation, the
// body-size cap and the mapping of transport faults to WorkspaceError exist once.
import type { WorkspaceResult } from '../core/errors.js';
import { phrase, wordedError } from '../core/error-wording.js';
import type { HttpClient } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { describeTransportFailure } from './transport-failure.js';

export const DEFAULT_TIMEOUT_MS = 20_000;
/** 5,000 groups of 13 int32 counts is about 2.5 MB of JSON; 16 MiB leaves room without trusting a server blindly. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly bodyText: string;
}

export interface SendOptions {
  readonly http: HttpClient;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly signal?: AbortSignal;
}

export async function sendRequest(request: HttpRequest, options: SendOptions): Promise<WorkspaceResult<HttpAnswer>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const host = request.url.host;
  if (options.signal?.aborted) return err(wordedError('aborted', phrase('net.cancelled', { host })));

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const transportError = (cause: unknown): WorkspaceResult<HttpAnswer> => {
    if (timedOut) {
      return err(
        wordedError('timeout', phrase('net.timeout', { host, seconds: formatSeconds(timeoutMs) }), [phrase('hint.timeout')]),
      );
    }
    if (options.signal?.aborted) return err(wordedError('aborted', phrase('net.cancelled', { host })));
    const failure = describeTransportFailure(cause, Object.values(request.headers));
    const what = ({ config: 'net.not-sent', 'invalid-response': 'net.unreadable', network: 'net.unreachable' } as const)[failure.kind];
    return err(wordedError(failure.kind, phrase(what, { host, failure: failure.phrases.text }), [failure.phrases.hint]));
  };

  try {
    let response: Response;
    try {
      const init: RequestInit = { method: request.method, headers: { ...request.headers }, signal: controller.signal, redirect: 'manual' };
      if (request.body !== undefined) init.body = request.body;
      response = await options.http(request.url.toString(), init);
    } catch (cause) {
      return transportError(cause);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      controller.abort();
      return err(tooLarge(host, response.status, maxBodyBytes));
    }
    let bodyText: string;
    try {
      const read = await readCapped(response, maxBodyBytes);
      if (read === null) {
        controller.abort();
        return err(tooLarge(host, response.status, maxBodyBytes));
      }
      bodyText = read;
    } catch (cause) {
      return transportError(cause);
    }
    return ok({ status: response.status, headers: response.headers, bodyText });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** The body as UTF-8 text, or null when it exceeds the cap (reading stops there). */
async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(host: string, status: number, maxBytes: number) {
  return wordedError('invalid-response', phrase('net.too-large', { host, mib: Math.round(maxBytes / 1024 / 1024) }), [phrase('hint.not-workspace-api')], { httpStatus: status });
}

/** Seconds as a fact for the phrase ("20", "2.5"), which says the unit. */
function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}` : (ms / 1000).toFixed(1);
}
