// IAM password tokens (auth method 2), the pure half: the request to send and the reading of IAM's answer.
// Neither the password nor the token ever reaches an error: errors are written here or copied from IAM's
// error body, and even that copy is scrubbed of the secrets in case a server echoes them.
import { checkEndpoint } from '../api/endpoint.js';
import { errorFromResponse } from '../api/error-response.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../errors.js';
import { ERROR_PHRASES, mapWordingText, phrase, reworded, sayPhrase, worded, type ErrorPhrase } from '../error-wording.js';
import { err, ok } from '../result.js';
import type { PasswordSecret } from './secrets.js';

export const IAM_TOKENS_PATH = '/v3/auth/tokens';

/** Private deployments and proxies have their own IAM: where to say so when the one used cannot be reached. */
export const IAM_ENDPOINT_ADVICE = ERROR_PHRASES['hint.iam-endpoint-advice'];
export const SUBJECT_TOKEN_HEADER = 'X-Subject-Token';

/** An IAM endpoint's problem, said as one: the Workspace endpoint's hint (workspace.REGION...) would mislead. */
export function iamEndpointError(error: WorkspaceError): WorkspaceError {
  return reworded(
    error,
    (inner) => ({ message: phrase('iam.endpoint', { cause: inner.message }), hint: [phrase('hint.iam-endpoint')] }),
    (unworded) => ({ message: `IAM endpoint: ${unworded.message}`, hint: sayPhrase(phrase('hint.iam-endpoint')) }),
  );
}

/**
 * `{iamEndpoint}/v3/auth/tokens`, keeping a base path the endpoint may have (a proxy prefix). The endpoint gets the
 * same checks as Workspace's: the password goes in this request's body, so never over plain http to another host.
 */
export function iamTokensUrl(iamEndpoint: string): WorkspaceResult<URL> {
  const checked = checkEndpoint(iamEndpoint);
  if (!checked.ok) return err(iamEndpointError(checked.error));
  const url = checked.value;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${IAM_TOKENS_PATH}`;
  url.search = '';
  url.hash = '';
  return ok(url);
}

/** The body of `POST /v3/auth/tokens`: the password method, scoped to one project by id. */
export function passwordTokenRequestBody(secret: PasswordSecret, projectId: string): string {
  return JSON.stringify({
    auth: {
      identity: { methods: ['password'], password: { user: { name: secret.user, password: secret.password, domain: { name: secret.domain } } } },
      scope: { project: { id: projectId } },
    },
  });
}

export interface IssuedToken {
  readonly token: string;
  /** `token.expires_at`, epoch milliseconds by IAM's clock. */
  readonly expiresAt: number;
  /**
   * How long the token lives from IAM's answer, measured on IAM's clock alone: `expires_at` minus `issued_at`, or
   * minus the answer's `Date` header. A local clock that is hours off then neither throws away every token as
   * expired nor keeps one past its end. Undefined when the answer gives neither.
   */
  readonly lifetimeMs?: number;
}

export interface IamAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly bodyText: string;
}

const IAM_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** IAM's `expires_at` (`2020-01-04T09:05:22.701000Z`: microseconds, which `Date.parse` need not accept) in ms. */
export function parseIamTimestamp(value: string): number | undefined {
  const match = IAM_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const zone = match[8] ?? 'Z';
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms - offsetMinutes * 60_000;
}

export interface ReadTokenAnswerInput {
  readonly answer: IamAnswer;
  /** Host of the IAM endpoint, named in messages. */
  readonly iamHost: string;
  /** Who asked, named in messages: `user` in account (domain) `domain`. Not secrets. */
  readonly secret: PasswordSecret;
  /** For the Retry-After of a 429. */
  readonly now: number;
}

/** The token and its expiry from a 201, or one WorkspaceError saying what IAM refused and what to do. */
export function readPasswordTokenAnswer(input: ReadTokenAnswerInput): WorkspaceResult<IssuedToken> {
  const { answer, iamHost, secret } = input;
  const scrub = (error: WorkspaceError) => redactSecrets(error, [secret.password, answer.headers.get(SUBJECT_TOKEN_HEADER) ?? '']);
  if (answer.status !== 201 && answer.status !== 200) return err(scrub(iamError(input)));

  const host = iamHost;
  const invalid = (what: ErrorPhrase) => {
    const { message, ...words } = worded(what, [phrase('hint.iam-not-iam')]);
    return err(workspaceError('invalid-response', message, { httpStatus: answer.status, ...words }));
  };
  const token = answer.headers.get(SUBJECT_TOKEN_HEADER)?.trim() ?? '';
  if (token === '') return invalid(phrase('iam.no-token-header', { host }));
  let body: unknown;
  try {
    body = JSON.parse(answer.bodyText);
  } catch {
    return invalid(phrase('iam.not-json', { host }));
  }
  const expiresAtText = isRecord(body) && isRecord(body['token']) ? body['token']['expires_at'] : undefined;
  if (typeof expiresAtText !== 'string') return invalid(phrase('iam.no-expiry', { host }));
  const expiresAt = parseIamTimestamp(expiresAtText);
  if (expiresAt === undefined) return invalid(phrase('iam.bad-expiry', { host, value: JSON.stringify(expiresAtText.slice(0, 40)) }));
  const issuedAtText = isRecord(body) && isRecord(body['token']) ? body['token']['issued_at'] : undefined;
  const lifetimeMs = serverLifetime(expiresAt, [typeof issuedAtText === 'string' ? parseIamTimestamp(issuedAtText) : undefined, httpDate(answer.headers.get('Date'))]);
  return ok(lifetimeMs === undefined ? { token, expiresAt } : { token, expiresAt, lifetimeMs });
}

/** The first positive `expiresAt - issuedAt` among IAM's own statements of when it issued the token. */
function serverLifetime(expiresAt: number, issuedAtCandidates: ReadonlyArray<number | undefined>): number | undefined {
  for (const issuedAt of issuedAtCandidates) {
    if (issuedAt !== undefined && expiresAt > issuedAt) return expiresAt - issuedAt;
  }
  return undefined;
}

/** An HTTP `Date` header in epoch ms; an HTTP-date always names its weekday or month in letters. */
function httpDate(value: string | null): number | undefined {
  if (value === null || !/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : undefined;
}

function iamError(input: ReadTokenAnswerInput): WorkspaceError {
  const { answer, iamHost: host, secret } = input;
  const facts = errorFromResponse({ status: answer.status, bodyText: answer.bodyText, headers: answer.headers, now: input.now });
  const user = JSON.stringify(secret.user);
  const domain = JSON.stringify(secret.domain);
  const refine = (kind: WorkspaceError['kind'], message: ErrorPhrase, hint: readonly ErrorPhrase[]): WorkspaceError => {
    const { hint: _generic, wording: _genericWording, ...rest } = facts;
    return { ...rest, kind, ...worded(message, hint) };
  };
  switch (answer.status) {
    case 400:
      return refine('config', phrase('iam.bad-request', { host, user, domain }), [phrase('hint.iam-bad-request')]);
    case 401:
      return refine('auth', phrase('iam.sign-in-refused', { host, user, domain }), [phrase('hint.iam-sign-in')]);
    case 403:
      return refine('permission', phrase('iam.token-refused', { host, user, domain }), [phrase('hint.iam-refused')]);
    case 404:
      return { ...refine('not-found', phrase('iam.no-service', { host }), [phrase('hint.iam-check-endpoint-example'), phrase('hint.iam-endpoint-advice')]), action: { do: 'set-iam-endpoint' } };
    case 429:
      return refine('throttled', phrase('iam.throttled', { host }), [phrase('hint.wait-retry')]);
    default:
      return answer.status >= 500
        ? refine('service', phrase('iam.failed', { host }), [phrase('hint.temporary')])
        : refine('service', phrase('iam.status', { host, status: answer.status }), [phrase('hint.iam-check-endpoint')]);
  }
}

/** Replaces every occurrence of each secret in every text field of `error`; secrets shorter than 4 chars are too common to hunt. */
export function redactSecrets(error: WorkspaceError, secrets: readonly string[]): WorkspaceError {
  const hunted = secrets.filter((secret) => secret.length >= 4);
  if (hunted.length === 0) return error;
  const clean = (text: string) => hunted.reduce((current, secret) => current.split(secret).join('[redacted]'), text);
  const scrubbed = Object.fromEntries(Object.entries(error).map(([key, value]) => [key, typeof value === 'string' ? clean(value) : value])) as unknown as WorkspaceError;
  // The wording's parameters are facts, but a server may echo a secret into one just as into the message.
  return error.wording === undefined ? scrubbed : { ...scrubbed, wording: mapWordingText(error.wording, clean) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
