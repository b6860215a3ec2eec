// Messages between the harness (the test process, which owns Chromium) and the app's process (the built main
// entry with the electron stand-in). Sent over the child's IPC channel with `serialization: 'advanced'`, so
// payloads are structured clones, as Electron's IPC sends them.

/** app://workspace-tray/... is served to Chromium from this made-up http origin (see toPageUrl). */
export const PAGE_ORIGIN = 'http://workspace-tray.app-scheme.test';
export const APP_ORIGIN_PREFIX = 'app://workspace-tray';

export const toPageUrl = (appUrl: string): string => (appUrl.startsWith(APP_ORIGIN_PREFIX) ? PAGE_ORIGIN + appUrl.slice(APP_ORIGIN_PREFIX.length) : appUrl);
export const toAppUrl = (pageUrl: string): string => (pageUrl.startsWith(PAGE_ORIGIN) ? APP_ORIGIN_PREFIX + pageUrl.slice(PAGE_ORIGIN.length) : pageUrl);

export interface TrayRepresentation {
  readonly scaleFactor: number;
  readonly width: number;
  readonly height: number;
  readonly png: Uint8Array;
}

export interface TrayMenuEntry {
  readonly label: string;
  readonly enabled: boolean;
  readonly checked?: boolean;
  readonly submenu?: readonly TrayMenuEntry[];
}

export interface TraySnapshot {
  readonly tooltip: string;
  readonly title: string;
  /** How many times the image was set (the first included): it must not grow on an unchanged state. */
  readonly imageSets: number;
  readonly template: boolean;
  readonly representations: readonly TrayRepresentation[];
  readonly menu: readonly TrayMenuEntry[];
}

export interface NotificationSnapshot {
  readonly title: string;
  readonly body: string;
  readonly urgency: string | undefined;
}

export interface WindowSnapshot {
  readonly id: number;
  readonly view: string;
  readonly url: string;
  readonly visible: boolean;
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly webPreferences: Record<string, unknown>;
}

/** Requests the harness makes of the app's process. */
export interface ControlRequests {
  tray(): TraySnapshot | null;
  notifications(): NotificationSnapshot[];
  clickNotification(index: number): void;
  clickTray(): void;
  clickMenu(path: readonly string[]): void;
  windows(): WindowSnapshot[];
  /** Chromium asking for an app:// URL; the app's own protocol handler answers. */
  fetchApp(url: string, method: string): { status: number; headers: Record<string, string>; body: Uint8Array };
  /** A page invoking a bridge request. */
  invoke(windowId: number, frameUrl: string, channel: string, args: unknown[]): unknown;
  /** OS events: suspend, resume, lock-screen, unlock-screen, second-instance, offline, online, dark, light. */
  os(event: string): void;
  openedExternal(): string[];
  quit(): void;
}

export type ControlOp = keyof ControlRequests;

export type ToChild =
  | { readonly kind: 'request'; readonly id: number; readonly op: ControlOp; readonly args: unknown[] }
  | { readonly kind: 'response'; readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: string };

export type ToParent =
  | { readonly kind: 'response'; readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: string }
  /** A window loads a URL: the harness opens (or navigates) its page and answers once loaded. */
  | { readonly kind: 'request'; readonly id: number; readonly op: 'load'; readonly windowId: number; readonly url: string; readonly width: number; readonly height: number }
  | { readonly kind: 'event'; readonly name: 'send'; readonly windowId: number; readonly channel: string; readonly args: unknown[] }
  | { readonly kind: 'event'; readonly name: 'window-destroyed'; readonly windowId: number }
  | { readonly kind: 'event'; readonly name: 'notification-shown'; readonly notification: NotificationSnapshot }
  | { readonly kind: 'event'; readonly name: 'tray-changed' }
  | { readonly kind: 'event'; readonly name: 'quit' }
  | { readonly kind: 'event'; readonly name: 'ready' };
