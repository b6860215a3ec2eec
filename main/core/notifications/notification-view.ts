// A SpikeNotification as a desktop notification: title and body with the account named, urgency, the route a
// click opens, and a tag so that a recovery replaces its spike instead of stacking beside it.
import type { Route } from '../../../preload/contract.js';
import { FLEET_KEY } from '../api/group-keys.js';
import type { SpikeNotification } from '../engine/notification.js';
import type { WorkspaceError } from '../errors.js';

export interface NotificationViewInput {
  readonly notification: SpikeNotification;
  readonly accountId: string;
  readonly accountName: string;
  /** Data from the built-in simulator: said in the title and the body, so nobody acts on it. */
  readonly demo: boolean;
}

export interface NotificationView {
  readonly title: string;
  readonly body: string;
  /** `critical` for a critical spike (Linux urgency, Windows toast scenario); `normal` for the rest. */
  readonly urgency: 'critical' | 'normal';
  /** What a click opens: the worst group's page, or the account's dashboard for a fleet-only notification. */
  readonly route: Route;
  /** Same account and same worst group (or the fleet): the newer notification replaces the older one. */
  readonly tag: string;
}

export const DEMO_NOTE = 'Demo data from the built-in simulator, not your fleet.';

export function notificationView(input: NotificationViewInput): NotificationView {
  const { notification, accountId } = input;
  const worst = notification.groups[0];
  // Groups are identified by their stable key (GroupStatus.key), never by the name the text uses.
  const groupKey = worst === undefined ? null : worst.key;
  const route: Route = groupKey === null ? { view: 'dashboard', accountId } : { view: 'group', accountId, groupKey };
  return {
    title: input.demo ? `Demo data: ${notification.title}` : `${input.accountName}: ${notification.title}`,
    body: input.demo ? `${notification.body} ${DEMO_NOTE}` : notification.body,
    urgency: notification.kind === 'spike' && notification.severity === 'critical' ? 'critical' : 'normal',
    route,
    tag: `${accountId}/${groupKey ?? FLEET_KEY}`,
  };
}

/**
 * The settings file could not be used (corrupt, or from a newer version) and was set aside: the app runs on the
 * defaults, so the person must hear where their old file is. A click opens the settings.
 */
export function settingsSetAsideView(warning: WorkspaceError): NotificationView {
  return {
    title: 'Workspace Tray: settings file set aside',
    body: warning.hint === undefined ? warning.message : `${warning.message}. ${warning.hint}`,
    urgency: 'normal',
    route: { view: 'settings' },
    tag: 'settings-set-aside',
  };
}
