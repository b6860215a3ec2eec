// Which state the tray icon shows: one per account, then the worst over all accounts, with paused notifications
// and demo mode as states of their own that only replace the calm ones.
import type { AccountView, AppState } from '../../../preload/contract.js';
import type { CountField } from '../api/fields.js';
import type { ErrorKind, WorkspaceError } from '../errors.js';
import type { TrayIconState } from './badge.js';

export type ErrorCategory = 'auth' | 'network' | 'service';

/**
 * What an admin does about an error: `auth` waits for them (credentials, permission, configuration: retrying
 * cannot help), `network` is between this machine and the cloud, `service` is the cloud's answer.
 */
export function errorCategory(kind: ErrorKind): ErrorCategory {
  switch (kind) {
    case 'usage':
    case 'config':
    case 'keychain':
    case 'auth':
    case 'permission':
    case 'clock-skew':
    case 'not-found':
      return 'auth';
    case 'network':
    case 'timeout':
    case 'aborted':
      return 'network';
    case 'throttled':
    case 'service':
    case 'invalid-response':
      return 'service';
  }
}

const errorState = (error: WorkspaceError | null): TrayIconState => `error-${error === null ? 'service' : errorCategory(error.kind)}`;

/**
 * Worst first. An active alert leads: it is what the app is for, and an error on another account is still in the
 * tooltip and menu. Among errors, the one only the admin can fix leads. Stale data beats the calm states, paused
 * notifications and demo mode replace only the calm states (a demo storm still shows as a spike), and a warning
 * (a problem metric above zero) beats ok.
 */
export const STATE_ORDER: readonly TrayIconState[] = ['spike', 'error-auth', 'error-service', 'error-network', 'stale', 'paused', 'demo', 'warning', 'ok'];

export function worseState(a: TrayIconState, b: TrayIconState): TrayIconState {
  return STATE_ORDER.indexOf(a) <= STATE_ORDER.indexOf(b) ? a : b;
}

/** Metrics where any count above zero deserves a look; the others (in use, running...) are normal when high. */
export const PROBLEM_METRICS: ReadonlySet<CountField> = new Set<CountField>(['disconnected_num', 'unregistered_num', 'unknown_num', 'cannot_attach_num']);

/**
 * One account's state. An error the account is halted on, or with no data to show, is that error; otherwise an
 * alert that has not recovered is a spike even on stale data (the admin has not seen it end); then stale; then
 * warning when the badge metric is a problem metric above zero.
 */
export function accountState(account: AccountView, metric: CountField): TrayIconState {
  if (account.freshness === 'error' || (account.halted && account.error !== null)) return errorState(account.error);
  if (account.fleetSpiking || account.spikingGroupKeys.length > 0) return 'spike';
  if (account.freshness === 'stale') return 'stale';
  const count = account.totals?.[metric] ?? null;
  return PROBLEM_METRICS.has(metric) && count !== null && count > 0 ? 'warning' : 'ok';
}

export function notificationsPaused(state: AppState, now: number): boolean {
  return state.notificationsPausedUntil !== null && state.notificationsPausedUntil > now;
}

/** The icon's state for the whole app: the worst of the accounts', paused and demo included by the same order. */
export function overallState(state: AppState, now: number): TrayIconState {
  let worst: TrayIconState = 'ok';
  for (const account of state.accounts) worst = worseState(worst, accountState(account, state.badgeMetric));
  if (notificationsPaused(state, now)) worst = worseState(worst, 'paused');
  if (state.demo) worst = worseState(worst, 'demo');
  return worst;
}
