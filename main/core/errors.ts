import type { Result } from './result.js';

/**
 * The one error type of Workspace Tray. A plain serialisable object (it crosses IPC, JSON output and logs),
 * never carrying a secret: every field is either written by us or copied from a server's error body.
 */
export type ErrorKind =
  | 'usage' // the command line is wrong
  | 'config' // a setting, project id or endpoint is wrong; nothing was sent
  | 'keychain' // the OS keychain is missing, locked or refused
  | 'auth' // 401: credentials rejected or expired
  | 'permission' // 403: authenticated but not allowed (or the service is not enabled)
  | 'clock-skew' // AK/SK signature rejected because the local clock is off
  | 'not-found' // 404: wrong endpoint, region or project
  | 'throttled' // 429
  | 'service' // 5xx and other unexpected statuses
  | 'network' // connection refused, reset, DNS, TLS
  | 'timeout' // no complete answer in time
  | 'invalid-response' // the answer is not what the API documents
  | 'aborted'; // cancelled by us (shutdown, pause)

export interface WorkspaceError {
  readonly kind: ErrorKind;
  /** One line saying what happened, for a person. */
  readonly message: string;
  /** What the person can do about it, in plain words. */
  readonly hint?: string;
  readonly httpStatus?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly errorDetail?: string;
  readonly encodedAuthorizationMessage?: string;
  readonly requestId?: string;
  /** For throttling: how long the server asked us to wait. */
  readonly retryAfterMs?: number;
  /** For invalid responses: where in the body the problem is, e.g. `statics[3].disconnected_num`. */
  readonly path?: string;
}

export type WorkspaceResult<T> = Result<T, WorkspaceError>;

export function workspaceError(kind: ErrorKind, message: string, details: Omit<WorkspaceError, 'kind' | 'message'> = {}): WorkspaceError {
  return { kind, message, ...details };
}

/** CLI exit codes: 2 usage/configuration (nothing sent), 3 authentication/permission, 4 not found, 5 the rest. */
export type ExitCode = 0 | 2 | 3 | 4 | 5;

export function exitCodeFor(error: WorkspaceError): Exclude<ExitCode, 0> {
  switch (error.kind) {
    case 'usage':
    case 'config':
    case 'keychain':
      return 2;
    case 'auth':
    case 'permission':
    case 'clock-skew':
      return 3;
    case 'not-found':
      return 4;
    case 'throttled':
    case 'service':
    case 'network':
    case 'timeout':
    case 'invalid-response':
    case 'aborted':
      return 5;
  }
}

/** Authentication failures do not heal by retrying: they wait for new credentials or a manual retry. */
export function isRetryable(error: WorkspaceError): boolean {
  return exitCodeFor(error) === 5 && error.kind !== 'aborted';
}

/** The one-line form used on stderr, in logs and in notifications. */
export function formatError(error: WorkspaceError): string {
  const facts: string[] = [];
  // Said once: a message that already names the status ("The connection status answer (HTTP 200) ...") keeps it.
  if (error.httpStatus !== undefined && !error.message.includes(`HTTP ${error.httpStatus}`)) facts.push(`HTTP ${error.httpStatus}`);
  // IAM puts the HTTP status in its error code too: "(HTTP 401, 401)" says nothing twice over.
  if (error.errorCode && error.errorCode !== String(error.httpStatus)) facts.push(error.errorCode);
  if (error.errorMsg && !error.message.includes(error.errorMsg)) facts.push(`"${error.errorMsg}"`);
  if (error.errorDetail) facts.push(`detail: ${error.errorDetail}`);
  if (error.requestId) facts.push(`request id ${error.requestId}`);
  const head = facts.length > 0 ? `${error.message} (${facts.join(', ')})` : error.message;
  const tail: string[] = [];
  if (error.hint) tail.push(error.hint);
  if (error.encodedAuthorizationMessage) {
    tail.push(`Encoded authorization message (decode it with STS decode-authorization-message): ${error.encodedAuthorizationMessage}`);
  }
  return tail.length > 0 ? `${head}. ${tail.join(' ')}` : head;
}
