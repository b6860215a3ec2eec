import type { ErrorWording } from './error-phrases.js';
import type { FieldProblem } from './field-problem.js';
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

/**
 * What a person can do about an error, named rather than worded: the hint says it in plain words, and each front
 * end may add its own means (the CLI its flags and commands, the app a button).
 */
export type ErrorAction =
  | { readonly do: 'add-account' }
  | { readonly do: 'readd-account'; readonly account: string }
  | { readonly do: 'rename-or-remove-account'; readonly account: string }
  | { readonly do: 'name-account' }
  | { readonly do: 'choose-region-or-endpoint' }
  | { readonly do: 'drop-iam-endpoint' }
  | { readonly do: 'set-iam-endpoint' }
  | { readonly do: 'replace-token' }
  | { readonly do: 'give-project-id' }
  | { readonly do: 'configure-target' };

export interface WorkspaceError {
  readonly kind: ErrorKind;
  /** One line saying what happened, for a person. */
  readonly message: string;
  /** What the person can do about it, in plain words (never a CLI flag: the app shows it too). */
  readonly hint?: string;
  /** The same, named, for a front end to add its own means (see ErrorAction). */
  readonly action?: ErrorAction;
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
  /** For a configuration error about one typed value: what is wrong, named, for a front end to word in its language. */
  readonly problem?: FieldProblem;
  /**
   * The message and hint named rather than worded (error-wording.ts), for a front end to say in its language; absent
   * when an error is only worded in English. Holds only facts, never a secret.
   */
  readonly wording?: ErrorWording;
}

export type WorkspaceResult<T> = Result<T, WorkspaceError>;

export function workspaceError(kind: ErrorKind, message: string, details: Omit<WorkspaceError, 'kind' | 'message'> = {}): WorkspaceError {
  return { kind, message, ...details };
}

/**
 * Whether trying again later may succeed by itself: the service, the network or the answer failed, or we were
 * throttled. Authentication, permission, configuration, keychain, clock skew and not-found errors wait for a
 * person (new credentials, a fixed setting, a manual retry); a cancellation is ours, not a failure.
 */
export function isRetryable(error: WorkspaceError): boolean {
  switch (error.kind) {
    case 'throttled':
    case 'service':
    case 'network':
    case 'timeout':
    case 'invalid-response':
      return true;
    case 'usage':
    case 'config':
    case 'keychain':
    case 'auth':
    case 'permission':
    case 'clock-skew':
    case 'not-found':
    case 'aborted':
      return false;
  }
}

/** The one-line form used on stderr, in logs and in notifications. */
/** A fact the server gave about a failure, in its own words (never translated): a status, code, message, detail or request id. */
export interface ServerFact {
  readonly kind: 'status' | 'code' | 'message' | 'detail' | 'request';
  readonly value: string;
}

/** The server's facts the error's message does not already say, in the order a person reads them. */
export function serverFacts(error: WorkspaceError): ServerFact[] {
  const facts: ServerFact[] = [];
  // Said once: a message that already names the status ("The connection status answer (HTTP 200) ...") keeps it.
  if (error.httpStatus !== undefined && !error.message.includes(`HTTP ${error.httpStatus}`)) facts.push({ kind: 'status', value: `HTTP ${error.httpStatus}` });
  // IAM puts the HTTP status in its error code too: "(HTTP 401, 401)" says nothing twice over.
  if (error.errorCode && error.errorCode !== String(error.httpStatus)) facts.push({ kind: 'code', value: error.errorCode });
  if (error.errorMsg && !error.message.includes(error.errorMsg)) facts.push({ kind: 'message', value: error.errorMsg });
  if (error.errorDetail) facts.push({ kind: 'detail', value: error.errorDetail });
  if (error.requestId) facts.push({ kind: 'request', value: error.requestId });
  return facts;
}

export function formatError(error: WorkspaceError): string {
  const facts = serverFacts(error).map(({ kind, value }) => (kind === 'message' ? `"${value}"` : kind === 'detail' ? `detail: ${value}` : kind === 'request' ? `request id ${value}` : value));
  const head = facts.length > 0 ? `${error.message} (${facts.join(', ')})` : error.message;
  const tail: string[] = [];
  if (error.hint) tail.push(error.hint);
  if (error.encodedAuthorizationMessage) {
    tail.push(`Encoded authorization message (decode it with STS decode-authorization-message): ${error.encodedAuthorizationMessage}`);
  }
  return tail.length > 0 ? `${head}. ${tail.join(' ')}` : head;
}
