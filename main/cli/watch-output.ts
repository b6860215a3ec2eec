// How `watch` renders monitor events: one line each, for people or (with --json) one JSON object per line.
import type { FleetSnapshot } from '../core/api/fields.js';
import type { SpikeNotification } from '../core/engine/notification.js';
import type { WorkspaceError } from '../core/errors.js';
import { formatCliError } from './error-text.js';
import { exitCodeFor } from './exit-codes.js';
import type { MonitoringEvent } from '../app/monitoring-service.js';
import { paint, type Tint } from './colour.js';
import { formatCount, snapshotToJson } from './format.js';
import { localTime } from './local-time.js';
import { oneLine } from './report.js';

/** What `watch` prints: the service's events but the renderer's (state, change). A target that could not start is a halted error. */
export type WatchEvent = Exclude<MonitoringEvent, { readonly type: 'change' | 'state' }>;

/**
 * The counts of a snapshot (every group's key and 13 counts, and the totals) as one comparable string: two
 * snapshots with the same fingerprint say the same thing, whenever they were fetched (`watch --changes-only`).
 */
export function snapshotCountsFingerprint(snapshot: FleetSnapshot): string {
  const { groups, totals } = snapshotToJson(snapshot);
  return JSON.stringify({ groups, totals });
}

/**
 * `users`: for a spike, the users of its spiking groups' disconnected desktops by group key (personal data: `watch`
 * is run by the person who asked to see them). Always present on a spike event, `{}` when none could be looked up.
 */
export function watchEventJson(event: WatchEvent, now: number, users?: ReadonlyMap<string, readonly string[]>): Record<string, unknown> {
  const at = new Date(now).toISOString();
  switch (event.type) {
    case 'snapshot':
      return { type: 'snapshot', account: event.account, at, ...snapshotToJson(event.snapshot) };
    case 'spike':
    case 'recovery':
      return {
        type: event.type,
        account: event.account,
        at,
        ...notificationJson(event.notification),
        ...(event.type === 'spike' ? { users: Object.fromEntries(users ?? []) } : {}),
      };
    case 'error':
      return {
        type: 'error',
        account: event.account,
        at,
        ...errorFields(event.error),
        next_attempt_at: event.nextAttemptAt === null ? null : new Date(event.nextAttemptAt).toISOString(),
        halted: event.halted,
      };
    case 'stale':
      return { type: 'stale', account: event.account, at, last_success_at: event.lastSuccessAt === null ? null : new Date(event.lastSuccessAt).toISOString() };
    case 'history-error':
      return { type: 'history-error', account: event.account, at, ...errorFields(event.error) };
  }
}

function errorFields(error: WorkspaceError): Record<string, unknown> {
  return {
    kind: error.kind,
    code: error.errorCode ?? null,
    exit_code: exitCodeFor(error),
    http_status: error.httpStatus ?? null,
    request_id: error.requestId ?? null,
    message: oneLine(formatCliError(error)),
  };
}

function notificationJson(notification: SpikeNotification): Record<string, unknown> {
  return {
    severity: notification.severity,
    title: notification.title,
    body: notification.body,
    groups: notification.groups.map((group) => ({ key: group.key, name: group.name, before: group.before, after: group.after, desktops: group.desktops })),
    fleet: notification.fleet,
  };
}

/**
 * The line of `watchEventLine`, coloured for a terminal when `colour` is set: critical spikes and errors red,
 * warning spikes, stale and history errors yellow; snapshots and recoveries plain. The escape codes wrap the whole
 * line, which the text itself never contains (names are made printable first).
 */
export function watchEventTerminalLine(event: WatchEvent, now: number, colour: boolean): string {
  return paint(watchEventLine(event, now), eventTint(event), colour);
}

function eventTint(event: WatchEvent): Tint | null {
  switch (event.type) {
    case 'spike':
      return event.notification.kind === 'spike' && event.notification.severity === 'critical' ? 'red' : 'yellow';
    case 'error':
      return 'red';
    case 'stale':
    case 'history-error':
      return 'yellow';
    default:
      return null;
  }
}

export function watchEventLine(event: WatchEvent, now: number): string {
  // Account and group names come from the settings file and the server: printable, one line.
  const head = `${localTime(now)}  ${oneLine(event.account)}`;
  switch (event.type) {
    case 'snapshot':
      return `${head}  snapshot  ${snapshotSummary(event.snapshot)}`;
    case 'spike':
    case 'recovery': {
      const { notification } = event;
      const label = notification.kind === 'spike' ? `SPIKE (${notification.severity})` : 'recovery';
      return `${head}  ${label}  ${oneLine(`${notification.title}: ${notification.body}`)}`;
    }
    case 'error': {
      const then =
        event.nextAttemptAt !== null
          ? `retrying in ${Math.max(0, Math.round((event.nextAttemptAt - now) / 1000))} s`
          : event.halted
            ? 'stopped: retrying cannot fix this'
            : 'waiting';
      return `${head}  error (exit ${exitCodeFor(event.error)})  ${oneLine(formatCliError(event.error))} [${then}]`;
    }
    case 'stale':
      return `${head}  stale  no successful poll since ${event.lastSuccessAt === null ? 'start' : localTime(event.lastSuccessAt)}`;
    case 'history-error':
      return `${head}  history error  ${oneLine(formatCliError(event.error))}`;
  }
}

function snapshotSummary(snapshot: FleetSnapshot): string {
  const totals = snapshot.totals;
  const groups = `${snapshot.groups.length} group${snapshot.groups.length === 1 ? '' : 's'}`;
  return `${groups}, in use ${formatCount(totals.in_use_num)}, ready ${formatCount(totals.ready_num)}, disconnected ${formatCount(totals.disconnected_num)}`;
}
