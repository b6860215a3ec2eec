// One call of `GET /v2/{project_id}/connections/status`: checked target, authorised request, at most one retry
// after a 401 when the authenticator obtained fresh credentials, then a validated snapshot or one typed error.
import { checkEndpoint, checkProjectId, connectionStatusUrl, formatEndpoint } from '../core/api/endpoint.js';
import { errorFromResponse } from '../core/api/error-response.js';
import type { FleetSnapshot, StatusSnapshot } from '../core/api/fields.js';
import { parseConnectionStatus } from '../core/api/parse.js';
import type { Authenticator } from '../core/auth/authenticator.js';
import { redactSecrets } from '../core/auth/iam.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { Clock, HttpClient } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { sendRequest, type HttpAnswer } from './http-request.js';

export interface WorkspaceTarget {
  /** A region's endpoint or a custom one; checked before anything is sent. */
  readonly endpoint: string;
  readonly projectId: string;
}

export interface WorkspaceClientDeps {
  readonly http: HttpClient;
  readonly auth: Authenticator;
  readonly clock: Pick<Clock, 'now'>;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly signal?: AbortSignal;
}

/**
 * `previous`: the account's last snapshot, if any. It changes nothing in the result; unchanged groups are reused
 * from it instead of being built again (see parseConnectionStatus).
 */
export async function fetchConnectionStatus(target: WorkspaceTarget, deps: WorkspaceClientDeps, previous?: StatusSnapshot): Promise<WorkspaceResult<FleetSnapshot>> {
  const checked = checkTarget(target);
  if (!checked.ok) return checked;
  const { endpoint, projectId } = checked.value;
  const answer = await getWorkspaceAnswer(connectionStatusUrl(endpoint, projectId), deps);
  if (!answer.ok) return answer;
  const parsed = parseConnectionStatus(answer.value.bodyText, answer.value.status, previous);
  if (!parsed.ok) return parsed;
  return ok({ ...parsed.value, projectId, endpoint: formatEndpoint(endpoint), fetchedAt: deps.clock.now() });
}

/** The endpoint and project id, checked before anything is sent (a wrong one is a configuration error). */
export function checkTarget(target: WorkspaceTarget): WorkspaceResult<{ readonly endpoint: URL; readonly projectId: string }> {
  const endpoint = checkEndpoint(target.endpoint);
  if (!endpoint.ok) return endpoint;
  const projectId = checkProjectId(target.projectId);
  if (!projectId.ok) return projectId;
  return ok({ endpoint: endpoint.value, projectId: projectId.value });
}

/**
 * One authorised GET of a Workspace API, for every Workspace endpoint: at most one retry after a 401 when the
 * authenticator obtained fresh credentials; a non-2xx answer becomes the one typed error, credentials redacted.
 */
export async function getWorkspaceAnswer(url: URL, deps: WorkspaceClientDeps): Promise<WorkspaceResult<HttpAnswer>> {
  let answer = await send(url, deps);
  if (!answer.ok) return answer;
  if (answer.value.status === 401) {
    const outcome = await deps.auth.handleUnauthorized(errorOf(answer.value, deps), serverDate(answer.value), deps.signal);
    if (!outcome.retry) return err(outcome.error);
    // The authenticator hears of a 401 once per request: a second one is reported as it is.
    answer = await send(url, deps);
    if (!answer.ok) return answer;
  }
  const { status } = answer.value;
  if (status < 200 || status > 299) return err(errorOf(answer.value, deps));
  return ok(answer.value);
}

/** An answer, with the credential header values that were sent to get it. */
interface SentAnswer extends HttpAnswer {
  readonly credentials: readonly string[];
}

/** Headers whose values are credentials (or, for AK/SK, derived from one). */
const CREDENTIAL_HEADERS = new Set(['x-auth-token', 'authorization', 'x-security-token']);

async function send(url: URL, deps: WorkspaceClientDeps): Promise<WorkspaceResult<SentAnswer>> {
  const headers = { 'Content-Type': 'application/json' };
  const authorization = await deps.auth.authorize({ method: 'GET', url, headers, body: '' }, deps.signal);
  if (!authorization.ok) return authorization;
  const { http, timeoutMs, maxBodyBytes, signal } = deps;
  const answer = await sendRequest({ method: 'GET', url, headers: { ...headers, ...authorization.value } }, { http, timeoutMs, maxBodyBytes, signal });
  if (!answer.ok) return answer;
  const credentials = Object.entries(authorization.value)
    .filter(([name]) => CREDENTIAL_HEADERS.has(name.toLowerCase()))
    .map(([, value]) => value);
  return ok({ ...answer.value, credentials });
}

/** Debugging proxies and some gateways echo request headers in their error pages: the credentials never get through. */
function errorOf(answer: SentAnswer, deps: WorkspaceClientDeps): WorkspaceError {
  const error = errorFromResponse({ status: answer.status, bodyText: answer.bodyText, headers: answer.headers, now: deps.clock.now() });
  return redactSecrets(error, answer.credentials);
}

function serverDate(answer: SentAnswer): number | undefined {
  const date = answer.headers.get('Date');
  if (date === null) return undefined;
  const at = Date.parse(date);
  return Number.isFinite(at) ? at : undefined;
}
