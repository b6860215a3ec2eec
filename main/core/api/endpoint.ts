// Where requests go, checked before anything is sent: a wrong endpoint or project id is a configuration error
// (exit code 2), never a request to a surprising place.
import type { WorkspaceResult } from '../errors.js';
import { phrase, wordedError, type ErrorPhrase } from '../error-wording.js';
import { fieldProblem, type FieldProblem } from '../field-problem.js';
import { err, ok, type Result } from '../result.js';
import type { Region } from './regions.js';

export function workspaceEndpointForRegion(region: Region): string {
  return `https://workspace.${region}.myhuaweicloud.com`;
}

export function iamEndpointForRegion(region: Region): string {
  return `https://iam.${region}.myhuaweicloud.com`;
}

/** The Workspace endpoint of an account or ad-hoc target: its region's, or its custom endpoint once checked. */
export function resolveWorkspaceEndpoint(location: { readonly region?: Region | undefined; readonly endpoint?: string | undefined }): WorkspaceResult<string> {
  if (location.region !== undefined) return ok(workspaceEndpointForRegion(location.region));
  const checked = checkEndpoint(location.endpoint ?? '');
  return checked.ok ? ok(formatEndpoint(checked.value)) : checked;
}

/**
 * `hostname` as `URL` gives it: IPv4 already normalised to dotted decimal (so `0x7f.1` arrives as `127.0.0.1`),
 * IPv6 in brackets. Only names that never leave the machine: not `*.localhost`, which a resolver may send out.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === 'localhost.') return true;
  if (host === '[::1]' || host === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}


/**
 * A valid endpoint URL, normalised: no trailing slash on its base path (kept, for proxies that mount the API
 * under a prefix). Plain http only to this machine, where nothing can listen in on the token.
 */
export function checkEndpoint(raw: string): WorkspaceResult<URL> {
  const checked = endpointRejection(raw);
  return checked.ok ? checked : err(wordedError('config', checked.error.said, [phrase('hint.endpoint')], { problem: checked.error.problem }));
}

/**
 * Why a value is refused, named: the phrase main words its error with, and the field problem a form shows. The
 * windows check with these (they never load main's English phrases, which worded errors need).
 */
export interface FieldRejection {
  readonly said: ErrorPhrase;
  readonly problem: FieldProblem;
}

/** `checkEndpoint` without the error around the reason. */
export function endpointRejection(raw: string): Result<URL, FieldRejection> {
  const text = raw.trim();
  const reject = (said: ErrorPhrase, problem: FieldProblem) => err({ said, problem });
  if (text === '') return reject(phrase('endpoint.empty'), fieldProblem('required', {}));
  const endpoint = displayEndpoint(text);
  if (!URL.canParse(text)) return reject(phrase('endpoint.not-url', { endpoint }), fieldProblem('endpoint-not-url', {}));
  const url = new URL(text);
  const scheme = url.protocol.slice(0, -1);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return reject(phrase('endpoint.scheme', { endpoint, scheme }), fieldProblem('endpoint-scheme', { scheme }));
  if (url.hostname === '') return reject(phrase('endpoint.no-host', { endpoint }), fieldProblem('endpoint-no-host', {}));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    const secure = new URL(url.href);
    secure.protocol = 'https:';
    return reject(phrase('endpoint.plain-http', { endpoint, secure: displayEndpoint(secure.href) }), fieldProblem('endpoint-plain-http', {}));
  }
  if (url.username !== '' || url.password !== '') return reject(phrase('endpoint.credentials', { endpoint }), fieldProblem('endpoint-credentials', {}));
  if (url.search !== '' || text.includes('?')) return reject(phrase('endpoint.query', { endpoint }), fieldProblem('endpoint-query', {}));
  if (url.hash !== '' || text.includes('#')) return reject(phrase('endpoint.fragment', { endpoint }), fieldProblem('endpoint-fragment', {}));
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return ok(url);
}

/** The endpoint quoted in an error without what might be secret: a user name, password, query or fragment. */
function displayEndpoint(text: string): string {
  if (!URL.canParse(text)) return text.includes('@') || text.length > 200 ? '(as given)' : JSON.stringify(text);
  const url = new URL(text);
  const redacted = `${url.protocol}//${url.host}${url.pathname}`;
  return JSON.stringify(redacted.length > 200 ? `${redacted.slice(0, 200)}…` : redacted);
}

/** The endpoint as shown and stored: origin plus base path, no trailing slash. */
export function formatEndpoint(endpoint: URL): string {
  return endpoint.pathname === '/' ? endpoint.origin : `${endpoint.origin}${endpoint.pathname}`;
}

// Characters that would change the URL's meaning or hide in a display: path and query delimiters, escapes,
// whitespace, control and invisible format characters, and lone surrogates (which encodeURIComponent rejects).
const FORBIDDEN_IN_PROJECT_ID: ReadonlyArray<readonly [RegExp, ErrorPhrase, FieldProblem]> = [
  [/\//, phrase('char.slash'), fieldProblem('project-id-character', { character: '/' })],
  [/\?/, phrase('char.question'), fieldProblem('project-id-character', { character: '?' })],
  [/#/, phrase('char.hash'), fieldProblem('project-id-character', { character: '#' })],
  [/%/, phrase('char.percent'), fieldProblem('project-id-character', { character: '%' })],
  [/[\s\p{Z}]/u, phrase('char.whitespace'), fieldProblem('project-id-whitespace', {})],
  [/[\p{Cc}\p{Cf}]/u, phrase('char.invisible'), fieldProblem('project-id-invisible', {})],
  [/\p{Cs}/u, phrase('char.surrogate'), fieldProblem('project-id-invisible', {})],
];

/**
 * Public-cloud project ids are 32 lower-case hex characters, but private deployments may differ, so only what
 * would break or redirect the request path is rejected.
 */
/** Longest project id a saved account or an ad-hoc `--project-id` may have (Huawei's are 32 hex digits). */
export const MAX_PROJECT_ID_LENGTH = 128;

export function checkProjectId(raw: string): WorkspaceResult<string> {
  const checked = projectIdRejection(raw);
  return checked.ok ? checked : err(wordedError('config', checked.error.said, [phrase('hint.project-id')], { problem: checked.error.problem }));
}

/** `checkProjectId` without the error around the reason. */
export function projectIdRejection(raw: string): Result<string, FieldRejection> {
  const reject = (said: ErrorPhrase, problem: FieldProblem) => err({ said, problem });
  if (raw === '') return reject(phrase('project.empty'), fieldProblem('required', {}));
  // Not quoted: something this long was pasted into the wrong place, and may be a secret.
  if (raw.length > MAX_PROJECT_ID_LENGTH) return reject(phrase('project.too-long', { length: raw.length, max: MAX_PROJECT_ID_LENGTH }), fieldProblem('too-long', { max: MAX_PROJECT_ID_LENGTH }));
  // `.` and `..` would be resolved away as path segments, sending the request to another path.
  if (raw === '.' || raw === '..') return reject(phrase('project.dot', { id: JSON.stringify(raw) }), fieldProblem('project-id-dot', {}));
  for (const [pattern, what, problem] of FORBIDDEN_IN_PROJECT_ID) {
    if (pattern.test(raw)) return reject(phrase('project.contains', { id: JSON.stringify(raw), what }), problem);
  }
  return ok(raw);
}

/** `{endpoint}/v2/{project_id}/connections/status`, keeping the endpoint's base path. */
export function connectionStatusUrl(endpoint: URL, projectId: string): URL {
  return workspaceApiUrl(endpoint, projectId, 'connections/status');
}

/**
 * `{endpoint}/v2/{project_id}/{path}` with the given query, keeping the endpoint's base path. Query values are
 * percent-encoded by URLSearchParams (`,` as `%2C`), which the gateway decodes, and AK/SK signing canonicalises.
 */
export function workspaceApiUrl(endpoint: URL, projectId: string, path: string, query: ReadonlyArray<readonly [string, string]> = []): URL {
  const url = new URL(endpoint.href);
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = `${base}/v2/${encodeURIComponent(projectId)}/${path}`;
  url.search = query.length === 0 ? '' : new URLSearchParams(query.map(([name, value]): [string, string] => [name, value])).toString();
  url.hash = '';
  return url;
}
