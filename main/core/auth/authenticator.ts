import type { WorkspaceError, WorkspaceResult } from '../errors.js';

/** What an authenticator may look at to authorise one request. The body is already serialised. */
export interface OutgoingRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  /** Header names in any case; the authenticator returns the headers to add. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type UnauthorizedOutcome =
  | { readonly retry: true }
  | { readonly retry: false; readonly error: WorkspaceError };

/**
 * One auth method (token, IAM password, AK/SK) bound to one account's credentials. The Workspace client asks it
 * for headers before each request and tells it about a 401 at most once per request.
 */
export interface Authenticator {
  readonly method: 'token' | 'password' | 'aksk';
  authorize(request: OutgoingRequest, signal?: AbortSignal): Promise<WorkspaceResult<Readonly<Record<string, string>>>>;
  /**
   * After a 401: `retry` when fresh credentials were obtained (an IAM token refetched), otherwise the error to
   * report, refined where the method knows better (expired token, clock skew, locked key).
   * `serverDate` is the response's `Date` header in epoch milliseconds, when present.
   */
  handleUnauthorized(error: WorkspaceError, serverDate: number | undefined, signal?: AbortSignal): Promise<UnauthorizedOutcome>;
}
