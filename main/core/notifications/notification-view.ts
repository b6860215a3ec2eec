// A SpikeNotification as a desktop notification: title and body with the account named, urgency, the route a
// click opens, and a tag so that a recovery replaces its spike instead of stacking beside it.
import type { Route } from '../../../preload/contract.js';
import { FLEET_KEY } from '../api/group-keys.js';
import { notificationText, type SpikeNotification } from '../engine/notification.js';
import type { WorkspaceError } from '../errors.js';
import { type Language, say } from '../ui-words.js';

export interface NotificationViewInput {
  readonly notification: SpikeNotification;
  readonly accountId: string;
  readonly accountName: string;
  /** Data from the built-in simulator: said in the title and the body, so nobody acts on it. */
  readonly demo: boolean;
  /** The app's language (AppState.language): the notification is worded from its facts in it. */
  readonly language: Language;
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

export function notificationView(input: NotificationViewInput): NotificationView {
  const { notification, accountId, language } = input;
  // English is the notification's own text (what the CLI printed); other languages are worded from its facts.
  const text = language === 'en' ? notification : notificationText(notification, language);
  const worst = notification.groups[0];
  // Groups are identified by their stable key (GroupStatus.key), never by the name the text uses.
  const groupKey = worst === undefined ? null : worst.key;
  const route: Route = groupKey === null ? { view: 'dashboard', accountId } : { view: 'group', accountId, groupKey };
  return {
    title: input.demo ? say(language, 'notification.demoTitle', { title: text.title }) : say(language, 'notification.title', { account: input.accountName, title: text.title }),
    body: input.demo ? `${text.body}${say(language, 'sentence.separator')}${say(language, 'notification.demoNote')}` : text.body,
    urgency: notification.kind === 'spike' && notification.severity === 'critical' ? 'critical' : 'normal',
    route,
    tag: `${accountId}/${groupKey ?? FLEET_KEY}`,
  };
}

/**
 * The settings file could not be used (corrupt, or from a newer version) and was set aside: the app runs on the
 * defaults, so the person must hear where their old file is. A click opens the settings. The title is in the app's
 * language; the message and hint stay the error's English (their Chinese lives in the renderer's phrase tables,
 * which main does not carry).
 */
export function settingsSetAsideView(warning: WorkspaceError, language: Language): NotificationView {
  return {
    title: say(language, 'settingsSetAside.title'),
    body: warning.hint === undefined ? warning.message : `${warning.message}. ${warning.hint}`,
    urgency: 'normal',
    route: { view: 'settings' },
    tag: 'settings-set-aside',
  };
}
