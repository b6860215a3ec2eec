// What the authenticator tests share besides the loopback server (test/fakes/loopback-server.ts): IAM's time
// format, a Workspace status body, and the text an error exposes.
import { formatError, type WorkspaceError } from '../../../../main/core/errors.js';

/** IAM's `expires_at`: ISO-8601 UTC with microseconds. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Every text an error shows or carries, for secret-hygiene checks. */
export function everyTextOf(error: WorkspaceError): string {
  return `${JSON.stringify(error)}\n${formatError(error)}`;
}

export const statusBody = (disconnected = 3): string =>
  JSON.stringify({ statics: [{ static_name: 'group-a', running_num: 10, disconnected_num: disconnected }] });
