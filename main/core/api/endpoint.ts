// Where requests go, checked before anything is sent: a wrong endpoint or project id is a configuration error
// (exit code 2), never a request to a surprising place.
import { workspaceError, type WorkspaceResult } from '../errors.js';
import { fieldProblem, type FieldProblem } from '../field-problem.js';
import { err, ok } from '../result.js';
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

const ENDPOINT_HINT = 'Use https://workspace.REGION.myhuaweicloud.com, or choose a region instead of a custom endpoint.';

/**
 * A valid endpoint URL, normalised: no trailing slash on its base path (kept, for proxies that mount the API
 * under a prefix). Plain http only to this machine, where nothing can listen in on the token.
 */
export function checkEndpoint(raw: string): WorkspaceResult<URL> {
  const text = raw.trim();
  const reject = (why: string, problem: FieldProblem) => err(workspaceError('config', `The endpoint ${displayEndpoint(text)} ${why}`, { hint: ENDPOINT_HINT, problem }));
  if (text === '') return err(workspaceError('config', 'The endpoint is empty', { hint: ENDPOINT_HINT, problem: fieldProblem('required', {}) }));
  if (!URL.canParse(text)) return reject('is not a URL', fieldProblem('endpoint-not-url', {}));
  const url = new URL(text);
  const scheme = url.protocol.slice(0, -1);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return reject(`uses ${scheme}; only https is allowed`, fieldProblem('endpoint-scheme', { scheme }));
  if (url.hostname === '') return reject('has no host', fieldProblem('endpoint-no-host', {}));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    const secure = new URL(url.href);
    secure.protocol = 'https:';
    return reject(
      `uses plain http to a remote host, which would send credentials unencrypted: use https (${displayEndpoint(secure.href)}); plain http is only for this machine (127.0.0.1, ::1, localhost), such as the simulator`,
      fieldProblem('endpoint-plain-http', {}),
    );
  }
  if (url.username !== '' || url.password !== '') return reject('contains a user name or password; credentials belong in the keychain', fieldProblem('endpoint-credentials', {}));
  if (url.search !== '' || text.includes('?')) return reject('contains a query (?...)', fieldProblem('endpoint-query', {}));
  if (url.hash !== '' || text.includes('#')) return reject('contains a fragment (#...)', fieldProblem('endpoint-fragment', {}));
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
const FORBIDDEN_IN_PROJECT_ID: ReadonlyArray<readonly [RegExp, string, FieldProblem]> = [
  [/\//, 'a slash (/)', fieldProblem('project-id-character', { character: '/' })],
  [/\?/, 'a question mark (?)', fieldProblem('project-id-character', { character: '?' })],
  [/#/, 'a hash (#)', fieldProblem('project-id-character', { character: '#' })],
  [/%/, 'a percent sign (%)', fieldProblem('project-id-character', { character: '%' })],
  [/[\s\p{Z}]/u, 'whitespace', fieldProblem('project-id-whitespace', {})],
  [/[\p{Cc}\p{Cf}]/u, 'a control or invisible character', fieldProblem('project-id-invisible', {})],
  [/\p{Cs}/u, 'an unpaired surrogate', fieldProblem('project-id-invisible', {})],
];

/**
 * Public-cloud project ids are 32 lower-case hex characters, but private deployments may differ, so only what
 * would break or redirect the request path is rejected.
 */
/** Longest project id a saved account or an ad-hoc `--project-id` may have (Huawei's are 32 hex digits). */
export const MAX_PROJECT_ID_LENGTH = 128;

export function checkProjectId(raw: string): WorkspaceResult<string> {
  const hint = 'Copy the project id from the console: My Credentials > API Credentials, for the region you use.';
  if (raw === '') return err(workspaceError('config', 'The project id is empty', { hint, problem: fieldProblem('required', {}) }));
  // Not quoted: something this long was pasted into the wrong place, and may be a secret.
  if (raw.length > MAX_PROJECT_ID_LENGTH) {
    const problem = fieldProblem('too-long', { max: MAX_PROJECT_ID_LENGTH });
    return err(workspaceError('config', `The project id is ${raw.length} characters long; the limit is ${MAX_PROJECT_ID_LENGTH}`, { hint, problem }));
  }
  // `.` and `..` would be resolved away as path segments, sending the request to another path.
  if (raw === '.' || raw === '..') return err(workspaceError('config', `The project id ${JSON.stringify(raw)} is not valid`, { hint, problem: fieldProblem('project-id-dot', {}) }));
  for (const [pattern, what, problem] of FORBIDDEN_IN_PROJECT_ID) {
    if (pattern.test(raw)) return err(workspaceError('config', `The project id ${JSON.stringify(raw)} contains ${what}`, { hint, problem }));
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
