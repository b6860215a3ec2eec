// The test's side of the `electron` stand-in: what the app did, and the OS and user events a test plays.
// Kept apart from index.ts so that nothing here wears an Electron name.
import { EventEmitter } from 'node:events';
import type Electron from 'electron';
import type { FakeBrowserWindow, FakeMenu, FakeNotification, FakeTray, FakeWebContents } from './index.js';

/** Who invokes: the page's web contents (null for a sender that is no window of ours) and its frame's URL. */
export interface FakeInvokeSender {
  readonly webContents: FakeWebContents | { readonly id: number } | null;
  readonly frameUrl: string;
}

export type FakeDialogRecord =
  | { readonly kind: 'save'; readonly options: Electron.SaveDialogOptions }
  | { readonly kind: 'message'; readonly options: Electron.MessageBoxOptions }
  | { readonly kind: 'error'; readonly options: { readonly title: string; readonly content: string } };

interface Attached {
  readonly app: EventEmitter & { emitReady(): void };
  readonly ipcMain: EventEmitter & { readonly handlers: Map<string, unknown>; invoke(channel: string, sender: FakeInvokeSender, ...args: unknown[]): Promise<unknown> };
  readonly protocol: { readonly handlers: Map<string, unknown>; readonly privileged: Electron.CustomScheme[]; fetch(url: string, init?: RequestInit): Promise<Response> };
  readonly powerMonitor: EventEmitter;
  readonly nativeTheme: EventEmitter & { themeSource: 'system' | 'light' | 'dark' };
  readonly session: { permissionRequestHandler: unknown; permissionCheckHandler: unknown };
  readonly windows: () => FakeBrowserWindow[];
}

class ElectronFake {
  /** window-created, window-shown, window-hidden, window-destroyed, send, notification-shown, tray-changed, app-quit. */
  readonly events = new EventEmitter();
  singleInstanceLockAvailable = true;
  appVersion = '0.1.0';
  locale = 'en-US';
  paths: Partial<Record<string, string>> = {};
  notificationsSupported = true;
  online = true;
  osDark = false;
  trayBounds: Electron.Rectangle = { x: 1800, y: 0, width: 24, height: 24 };
  cursor: Electron.Point = { x: 1810, y: 10 };
  displays: Array<{ id: number; bounds: Electron.Rectangle; workArea: Electron.Rectangle; scaleFactor: number }> = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 28, width: 1920, height: 1052 }, scaleFactor: 1 },
  ];
  readonly trays: FakeTray[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly openedExternal: string[] = [];
  readonly netFetches: string[] = [];
  readonly loginItemCalls: Electron.Settings[] = [];
  readonly dialogs: FakeDialogRecord[] = [];
  /** Scripted answers, taken in order; a dialog without one fails the test that opened it. */
  readonly saveDialogAnswers: Electron.SaveDialogReturnValue[] = [];
  readonly messageBoxAnswers: number[] = [];
  applicationMenu: FakeMenu | null = null;
  /** What `contextBridge.exposeInMainWorld` put on the (one) page's window, in preload tests. */
  readonly mainWorld: Record<string, unknown> = {};
  /** Who `ipcRenderer.invoke` claims to be, in preload tests. */
  rendererSender: () => FakeInvokeSender = () => ({ webContents: null, frameUrl: 'app://workspace-tray/index.html#/popup' });
  /** Awaited by `BrowserWindow.loadURL`: the harness opens a Chromium page there. */
  loadHook: (window: FakeBrowserWindow, url: string) => Promise<void> = async () => {};
  private attached: Attached | null = null;

  attach(parts: Attached): void {
    this.attached = parts;
  }
  private get parts(): Attached {
    if (this.attached === null) throw new Error('the electron stand-in (test/fakes/electron/index.ts) is not loaded');
    return this.attached;
  }

  // ------------------------------------------------------------------ what the app did
  get tray(): FakeTray | undefined {
    return this.trays.at(-1);
  }
  windows(): FakeBrowserWindow[] {
    return this.parts.windows();
  }
  windowShowing(view: string): FakeBrowserWindow | undefined {
    return this.windows().find((window) => window.view === view);
  }
  handledChannels(): string[] {
    return [...this.parts.ipcMain.handlers.keys()].sort();
  }
  get privilegedSchemes(): readonly Electron.CustomScheme[] {
    return this.parts.protocol.privileged;
  }
  get permissionRequestHandler(): unknown {
    return this.parts.session.permissionRequestHandler;
  }
  get permissionCheckHandler(): unknown {
    return this.parts.session.permissionCheckHandler;
  }

  // ------------------------------------------------------------------ what the OS and the user do
  emitReady(): void {
    this.parts.app.emitReady();
  }
  /** A renderer invoking a bridge request; see FakeInvokeSender. */
  invoke(channel: string, sender: FakeInvokeSender, ...args: unknown[]): Promise<unknown> {
    return this.parts.ipcMain.invoke(channel, sender, ...args);
  }
  /** Invokes as the page of `window`, with its current URL as the frame's. */
  invokeFrom(window: FakeBrowserWindow, channel: string, ...args: unknown[]): Promise<unknown> {
    return this.invoke(channel, { webContents: window.webContents, frameUrl: window.webContents.getURL() }, ...args);
  }
  /** Chromium asking the app's protocol handler for `url`. */
  fetchApp(url: string, init?: RequestInit): Promise<Response> {
    return this.parts.protocol.fetch(url, init);
  }
  secondInstance(argv: readonly string[] = [], workingDirectory = process.cwd()): void {
    this.parts.app.emit('second-instance', { preventDefault() {} }, argv, workingDirectory, {});
  }
  appEvent(name: string, ...args: unknown[]): void {
    this.parts.app.emit(name, ...args);
  }
  suspend(): void {
    this.parts.powerMonitor.emit('suspend');
  }
  resume(): void {
    this.parts.powerMonitor.emit('resume');
  }
  lockScreen(): void {
    this.parts.powerMonitor.emit('lock-screen');
  }
  unlockScreen(): void {
    this.parts.powerMonitor.emit('unlock-screen');
  }
  /** The network going away or coming back; Electron has no event for it, the app polls `net.isOnline()`. */
  setOnline(online: boolean): void {
    this.online = online;
  }
  setOsDark(dark: boolean): void {
    this.osDark = dark;
    this.parts.nativeTheme.emit('updated');
  }
  /** A page trying to navigate: true when the app prevented it. */
  attemptNavigation(window: FakeBrowserWindow, url: string, event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate'): boolean {
    let prevented = false;
    window.webContents.emit(event, { preventDefault: () => { prevented = true; }, url }, url);
    return prevented;
  }
  /** A page calling `window.open(url)` or following a target=_blank link: what the app's handler answers. */
  attemptWindowOpen(window: FakeBrowserWindow, url: string): Electron.WindowOpenHandlerResponse {
    const handler = window.webContents.windowOpenHandler;
    if (handler === null) return { action: 'allow' };
    return handler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } } as unknown as Electron.HandlerDetails);
  }
  /** A page adding a <webview>: true when the app prevented it. */
  attemptAttachWebview(window: FakeBrowserWindow): boolean {
    let prevented = false;
    const webPreferences: Electron.WebPreferences = { nodeIntegration: true };
    window.webContents.emit('will-attach-webview', { preventDefault: () => { prevented = true; } }, webPreferences, { src: 'https://example.com' });
    return prevented;
  }
  /** A page asking for a permission (camera, notifications...): what the app's handler grants. */
  requestPermission(window: FakeBrowserWindow, permission: string): Promise<boolean> {
    const handler = this.parts.session.permissionRequestHandler as ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null;
    if (handler === null) return Promise.resolve(true);
    return new Promise((resolve) => handler(window.webContents, permission, resolve, { requestingUrl: window.webContents.getURL(), isMainFrame: true }));
  }
  checkPermission(window: FakeBrowserWindow, permission: string): boolean {
    const handler = this.parts.session.permissionCheckHandler as ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null;
    if (handler === null) return true;
    return handler(window.webContents, permission, new URL(window.webContents.getURL()).origin, { requestingUrl: window.webContents.getURL(), isMainFrame: true });
  }
}

/** One per process, as Electron is. */
export const electronFake = new ElectronFake();
