// The three windows (core/shell/app-windows.ts says which views each shows). The popup: frameless, at the tray
// icon (core/window-position.ts decides where, from the tray bounds and displays read again on every show, since
// taskbars move), hidden on blur and Escape, and destroyed after a minute hidden so that an idle app holds no
// renderer. The dashboard: resizable, reopened where it was left (core/shell/window-bounds.ts), destroyed when
// closed. Settings: a normal "Preferences…" window, centred, destroyed when closed. All load the renderer from
// app://, sandboxed.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Rectangle, type WebContents } from 'electron';
import type { AppState, Route } from '../../preload/contract.js';
import type { CancelTimer, Clock } from '../core/ports.js';
import { appPageUrl } from '../core/shell/app-url.js';
import { windowOfRoute } from '../core/shell/app-windows.js';
import { DASHBOARD_DEFAULT_SIZE, DASHBOARD_MIN_SIZE, restoredBounds, SETTINGS_DEFAULT_SIZE, SETTINGS_MIN_SIZE, type Bounds } from '../core/shell/window-bounds.js';
import { computeWindowPosition, type DisplayArea } from '../core/window-position.js';
import { sendBridgeEvent } from './ipc.js';

export const POPUP_SIZE = { width: 380, height: 520 } as const;
/** A hidden popup is kept this long for a quick reopen, then destroyed with its renderer. */
export const POPUP_IDLE_MS = 60_000;

export interface AppWindowsDeps {
  /** dist/preload/index.cjs, absolute. */
  readonly preloadPath: string;
  readonly platform: AppState['platform'];
  readonly clock: Clock;
  /** The tray icon's bounds now; null where the platform does not say. */
  readonly trayBounds: () => Rectangle | null;
  /** The window background before the page paints, so a dark theme does not flash white. */
  readonly backgroundColor: () => string;
  readonly loadDashboardBounds: () => unknown;
  readonly saveDashboardBounds: (bounds: Bounds) => void;
}

/**
 * Every window is made here, so every one gets the same web preferences: the renderer gets the bridge and nothing
 * else. Written out in the constructor call (not built by a helper) so that electronegativity's static checks see
 * each value. Middle-click (auxclick) is disabled: it could open a link in a new window without a click event.
 */
function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
}

export class AppWindows {
  private popup: BrowserWindow | null = null;
  private dashboard: BrowserWindow | null = null;
  private settings: BrowserWindow | null = null;
  private cancelPopupDestroy: CancelTimer = () => {};

  constructor(private readonly deps: AppWindowsDeps) {}

  /** Shows the popup at the tray icon, creating it when needed. */
  showPopup(): void {
    this.cancelPopupDestroy();
    const popup = this.popup ?? this.createPopup();
    this.placePopup(popup);
    popup.show();
    popup.focus();
  }

  togglePopup(): void {
    if (this.popup?.isVisible() === true) this.hidePopup();
    else this.showPopup();
  }

  hidePopup(): void {
    const popup = this.popup;
    if (popup === null || !popup.isVisible()) return;
    popup.hide();
    this.cancelPopupDestroy();
    this.cancelPopupDestroy = this.deps.clock.schedule(() => {
      if (this.popup === popup && !popup.isVisible()) popup.destroy();
    }, POPUP_IDLE_MS);
  }

  /**
   * Opens (or brings forward) the window that shows `route` (the dashboard when null, the settings window for a
   * settings route); the route is sent to its page once it listens.
   */
  open(route: Route | null): void {
    const window = route === null ? 'dashboard' : windowOfRoute(route);
    switch (window) {
      case 'popup':
        this.showPopup();
        return;
      case 'dashboard':
        this.dashboard = this.bringForward(this.dashboard, route, () => this.createDashboard());
        return;
      case 'settings':
        this.settings = this.bringForward(this.settings, route, () => this.createSettings());
        return;
    }
  }

  private bringForward(existing: BrowserWindow | null, route: Route | null, create: () => BrowserWindow): BrowserWindow {
    if (existing !== null && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      if (route !== null) sendBridgeEvent([existing.webContents], 'navigate', route);
      return existing;
    }
    const window = create();
    window.once('ready-to-show', () => {
      window.show();
      if (route !== null) sendBridgeEvent([window.webContents], 'navigate', route);
    });
    this.hidePopup();
    return window;
  }

  /** A page asked to close its window (the popup on Escape): the popup hides, the dashboard closes. */
  closeWindowOf(contents: WebContents): void {
    if (this.popup?.webContents === contents) this.hidePopup();
    else if (this.dashboard?.webContents === contents) this.dashboard.close();
    else if (this.settings?.webContents === contents) this.settings.close();
  }

  isOurWebContents(contents: WebContents): boolean {
    return this.liveWindows().some((window) => window.webContents === contents);
  }

  /** The pages that receive bridge events. */
  webContents(): WebContents[] {
    return this.liveWindows().map((window) => window.webContents);
  }

  setBackgroundColor(color: string): void {
    for (const window of this.liveWindows()) window.setBackgroundColor(color);
  }

  closeAll(): void {
    this.cancelPopupDestroy();
    this.dashboard?.close();
    this.settings?.close();
    this.popup?.destroy();
  }

  private liveWindows(): BrowserWindow[] {
    return [this.popup, this.dashboard, this.settings].filter((window): window is BrowserWindow => window !== null && !window.isDestroyed());
  }

  private createPopup(): BrowserWindow {
    const popup = createSecureWindow({
      ...POPUP_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'Workspace Tray',
      backgroundColor: this.deps.backgroundColor(),
    }, this.deps.preloadPath);
    popup.on('blur', () => this.hidePopup());
    popup.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        this.hidePopup();
      }
    });
    popup.on('closed', () => {
      if (this.popup === popup) this.popup = null;
    });
    this.popup = popup;
    void popup.loadURL(appPageUrl('popup'));
    return popup;
  }

  private placePopup(popup: BrowserWindow): void {
    const displays = allDisplays();
    const cursor = screen.getCursorScreenPoint();
    const placement = computeWindowPosition({ trayBounds: this.deps.trayBounds(), windowSize: POPUP_SIZE, displays, cursor, platform: this.deps.platform });
    popup.setBounds({ x: Math.round(placement.x), y: Math.round(placement.y), width: Math.round(placement.width), height: Math.round(placement.height) });
  }

  private createDashboard(): BrowserWindow {
    const saved = restoredBounds(this.deps.loadDashboardBounds(), allDisplays().map((display) => display.workArea));
    const dashboard = createSecureWindow({
      ...(saved ?? DASHBOARD_DEFAULT_SIZE),
      minWidth: DASHBOARD_MIN_SIZE.width,
      minHeight: DASHBOARD_MIN_SIZE.height,
      show: false,
      title: 'Workspace Tray',
      autoHideMenuBar: true,
      backgroundColor: this.deps.backgroundColor(),
    }, this.deps.preloadPath);
    dashboard.on('close', () => this.deps.saveDashboardBounds(dashboard.getNormalBounds()));
    dashboard.on('closed', () => {
      if (this.dashboard === dashboard) this.dashboard = null;
    });
    this.dashboard = dashboard;
    void dashboard.loadURL(appPageUrl('dashboard'));
    return dashboard;
  }

  private createSettings(): BrowserWindow {
    const settings = createSecureWindow({
      ...SETTINGS_DEFAULT_SIZE,
      minWidth: SETTINGS_MIN_SIZE.width,
      minHeight: SETTINGS_MIN_SIZE.height,
      show: false,
      title: 'Workspace Tray',
      autoHideMenuBar: true,
      backgroundColor: this.deps.backgroundColor(),
    }, this.deps.preloadPath);
    settings.on('closed', () => {
      if (this.settings === settings) this.settings = null;
    });
    this.settings = settings;
    void settings.loadURL(appPageUrl('settings'));
    return settings;
  }
}

/** Every display as the position function wants them, the primary one first. */
function allDisplays(): DisplayArea[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return [primary, ...others].map((display) => ({ bounds: display.bounds, workArea: display.workArea, scaleFactor: display.scaleFactor }));
}
