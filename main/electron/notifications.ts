// Applies a NotificationView (core/notifications/notification-view.ts) as a native notification: a click opens
// the route it names, a newer notification with the same tag replaces the older one.
import { app, Notification } from 'electron';
import type { Route } from '../../preload/contract.js';
import type { NotificationView } from '../core/notifications/notification-view.js';

/** Windows shows toasts only for an app with an AppUserModelID; the installer's shortcut carries the same id. */
export const APP_USER_MODEL_ID = 'com.workspacetray.app';

export function setNotificationIdentity(platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}

export class NotificationPresenter {
  /** Shown notifications by tag: kept referenced, or the click handler may be collected with the object. */
  private readonly shown = new Map<string, Notification>();

  constructor(private readonly openRoute: (route: Route) => void) {}

  show(view: NotificationView): boolean {
    if (!Notification.isSupported()) return false;
    const notification = new Notification({
      title: view.title,
      body: view.body,
      urgency: view.urgency,
      // A critical spike stays until dismissed where the platform allows; the rest go away by themselves.
      timeoutType: view.urgency === 'critical' ? 'never' : 'default',
    });
    notification.on('click', () => this.openRoute(view.route));
    notification.on('close', () => {
      if (this.shown.get(view.tag) === notification) this.shown.delete(view.tag);
    });
    this.shown.get(view.tag)?.close();
    this.shown.set(view.tag, notification);
    notification.show();
    return true;
  }

  closeAll(): void {
    for (const notification of this.shown.values()) notification.close();
    this.shown.clear();
  }
}
