// A stand-in for the `electron` module, for tests in plain Node (an unaliased `electron` import would try to
// download the binary). Every test aliases `electron` here: vitest's `resolve.alias`, and the full-stack harness's
// `module.register` resolve hook.
//
// Each piece implements a `Pick` of the real type from electron.d.ts, so a signature the app uses cannot drift
// from Electron's. It records what the app does (tray, notifications, windows, IPC handlers, protocol handlers,
// external links) and lets a test play the user and the OS (click a notification, blur a window, suspend, go
// offline, answer a dialog). The test side lives on `electronFake` (see control.ts), never on Electron's names.
import { EventEmitter } from 'node:events';
import type Electron from 'electron';
import { electronFake, type FakeInvokeSender } from './control.js';

export { electronFake } from './control.js';

type Rectangle = Electron.Rectangle;

// ---------------------------------------------------------------------------------------------------- app

type AppPart = Pick<
  Electron.App,
  | 'whenReady' | 'isReady' | 'quit' | 'exit' | 'requestSingleInstanceLock' | 'releaseSingleInstanceLock' | 'getPath' | 'getVersion'
  | 'getName' | 'setAppUserModelId' | 'setLoginItemSettings' | 'getLoginItemSettings' | 'getAppPath' | 'getLocale' | 'focus'
>;

class FakeApp extends EventEmitter implements AppPart {
  isPackaged = false;
  private ready = false;
  private readonly readyWaiters: Array<() => void> = [];
  private loginItem: Electron.Settings = {};
  appUserModelId: string | null = null;
  quitRequested = false;
  exitCode: number | null = null;

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Test side: what Electron does after the main script's first turn. */
  emitReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.emit('will-finish-launching');
    this.emit('ready', { preventDefault() {} }, {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  quit(): void {
    if (this.quitRequested) return;
    let prevented = false;
    const event = { preventDefault: () => { prevented = true; } };
    this.emit('before-quit', event);
    if (prevented) return;
    for (const window of FakeBrowserWindow.getAllWindows()) window.destroy();
    this.emit('will-quit', event);
    if (prevented) return;
    this.quitRequested = true;
    this.emit('quit', event, 0);
    electronFake.events.emit('app-quit');
  }
  exit(exitCode?: number): void {
    this.exitCode = exitCode ?? 0;
    this.quitRequested = true;
    electronFake.events.emit('app-quit');
  }
  requestSingleInstanceLock(): boolean {
    return electronFake.singleInstanceLockAvailable;
  }
  releaseSingleInstanceLock(): void {}
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    return electronFake.paths[name] ?? `/nonexistent/electron-fake/${name}`;
  }
  getVersion(): string {
    return electronFake.appVersion;
  }
  getName(): string {
    return 'Workspace Tray';
  }
  getAppPath(): string {
    return process.cwd();
  }
  getLocale(): string {
    return electronFake.locale;
  }
  focus(): void {}
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItem = { ...settings };
    electronFake.loginItemCalls.push({ ...settings });
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return {
      openAtLogin: this.loginItem.openAtLogin ?? false,
      wasOpenedAtLogin: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: this.loginItem.openAtLogin ?? false,
      launchItems: [],
    };
  }
}

// ---------------------------------------------------------------------------------------------------- session

type SessionPart = Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

class FakeSession extends EventEmitter implements SessionPart {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

// ---------------------------------------------------------------------------------------------------- web contents

type WebContentsPart = Pick<Electron.WebContents, 'send' | 'getURL' | 'isDestroyed' | 'setWindowOpenHandler' | 'focus' | 'isFocused' | 'reload'>;
type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter implements WebContentsPart {
  readonly id = nextWebContentsId++;
  readonly session: FakeSession;
  url = '';
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Every `send`, oldest first. */
  readonly sent: Array<{ readonly channel: string; readonly args: unknown[] }> = [];
  /** The main frame: `senderFrame` of what this page invokes. */
  readonly mainFrame: { readonly url: string; readonly parent: null; readonly top: unknown; readonly origin: string };

  constructor(session: FakeSession) {
    super();
    this.session = session;
    const contents = this;
    this.mainFrame = {
      get url() {
        return contents.url;
      },
      get origin() {
        return URL.canParse(contents.url) ? new URL(contents.url).origin : '';
      },
      parent: null,
      get top() {
        return contents.mainFrame;
      },
    };
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Structured clone, as Electron's IPC does: a function or class instance in a payload fails here too.
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    electronFake.events.emit('send', this, channel, cloned);
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  focus(): void {}
  isFocused(): boolean {
    return false;
  }
  reload(): void {}
}

// ---------------------------------------------------------------------------------------------------- windows

type BrowserWindowPart = Pick<
  Electron.BrowserWindow,
  | 'loadURL' | 'show' | 'showInactive' | 'hide' | 'focus' | 'blur' | 'isVisible' | 'isFocused' | 'close' | 'destroy' | 'isDestroyed'
  | 'getBounds' | 'setBounds' | 'setPosition' | 'getPosition' | 'getSize' | 'setAlwaysOnTop' | 'isMinimized' | 'restore'
  | 'isMaximized' | 'maximize' | 'setSkipTaskbar' | 'setVisibleOnAllWorkspaces' | 'getNormalBounds' | 'setBackgroundColor'
>;

let nextWindowId = 1;
const allWindows = new Set<FakeBrowserWindow>();

export class FakeBrowserWindow extends EventEmitter implements BrowserWindowPart {
  readonly id = nextWindowId++;
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents: FakeWebContents;
  private visible = false;
  private focused = false;
  private destroyed = false;
  private bounds: Rectangle;
  backgroundColor: string | null = null;
  alwaysOnTop = false;
  /** Every URL loaded, oldest first. */
  readonly loadedUrls: string[] = [];

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.visible = options.show ?? true;
    this.webContents = new FakeWebContents(defaultSession);
    allWindows.add(this);
    // Electron announces every web contents it creates, which is where the app's hardening hooks in.
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
    electronFake.events.emit('window-created', this);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return [...allWindows];
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return [...allWindows].find((window) => window.webContents === contents) ?? null;
  }
  static fromId(id: number): FakeBrowserWindow | null {
    return [...allWindows].find((window) => window.id === id) ?? null;
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return [...allWindows].find((window) => window.focused) ?? null;
  }

  async loadURL(url: string): Promise<void> {
    this.assertAlive();
    this.loadedUrls.push(url);
    this.webContents.url = url;
    // The harness opens a Chromium page here and resolves once it has loaded; unit tests resolve at once.
    await electronFake.loadHook(this, url);
    if (!this.destroyed) {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    }
  }
  show(): void {
    this.assertAlive();
    const wasVisible = this.visible;
    this.visible = true;
    this.focused = true;
    if (!wasVisible) {
      this.emit('show');
      electronFake.events.emit('window-shown', this);
    }
    this.emit('focus');
  }
  showInactive(): void {
    this.assertAlive();
    if (this.visible) return;
    this.visible = true;
    this.emit('show');
    electronFake.events.emit('window-shown', this);
  }
  hide(): void {
    this.assertAlive();
    if (!this.visible) return;
    this.visible = false;
    this.focused = false;
    this.emit('hide');
    electronFake.events.emit('window-hidden', this);
  }
  focus(): void {
    this.assertAlive();
    this.focused = true;
    this.emit('focus');
  }
  /** Also the test side of "the user clicked elsewhere". */
  blur(): void {
    if (this.destroyed) return;
    this.focused = false;
    this.emit('blur');
  }
  isVisible(): boolean {
    return !this.destroyed && this.visible;
  }
  isFocused(): boolean {
    return !this.destroyed && this.focused;
  }
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => { prevented = true; } });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    allWindows.delete(this);
    this.webContents.emit('destroyed');
    this.emit('closed');
    electronFake.events.emit('window-destroyed', this);
    if (allWindows.size === 0) app.emit('window-all-closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('resize');
    this.emit('move');
  }
  setPosition(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y };
    this.emit('move');
  }
  getPosition(): number[] {
    return [this.bounds.x, this.bounds.y];
  }
  getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }
  setAlwaysOnTop(flag: boolean): void {
    this.alwaysOnTop = flag;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isMaximized(): boolean {
    return false;
  }
  maximize(): void {}
  setSkipTaskbar(): void {}
  setVisibleOnAllWorkspaces(): void {}
  setBackgroundColor(color: string): void {
    this.backgroundColor = color;
  }
  /** The view the window shows, from its URL's hash (`#/popup`, `#/dashboard`). */
  get view(): string {
    const hash = URL.canParse(this.webContents.url) ? new URL(this.webContents.url).hash : '';
    return hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  }
  private assertAlive(): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }
}

// ---------------------------------------------------------------------------------------------------- images

type NativeImagePart = Pick<Electron.NativeImage, 'isEmpty' | 'getSize' | 'setTemplateImage' | 'isTemplateImage' | 'getScaleFactors' | 'toPNG'>;

export class FakeNativeImage implements NativeImagePart {
  readonly representations: Array<{ readonly scaleFactor: number; readonly width: number; readonly height: number; readonly png: Buffer }> = [];
  private template = false;

  addRepresentation(options: Electron.AddRepresentationOptions): void {
    if (options.buffer === undefined) throw new Error('the stand-in takes PNG buffers only');
    const scaleFactor = options.scaleFactor ?? 1;
    const { width, height } = pngSize(options.buffer);
    this.representations.push({ scaleFactor, width, height, png: options.buffer });
  }
  isEmpty(): boolean {
    return this.representations.length === 0;
  }
  getSize(scaleFactor?: number): Electron.Size {
    const base = this.representations.find((rep) => rep.scaleFactor === (scaleFactor ?? 1)) ?? this.representations[0];
    if (base === undefined) return { width: 0, height: 0 };
    return { width: Math.round(base.width / base.scaleFactor), height: Math.round(base.height / base.scaleFactor) };
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  getScaleFactors(): number[] {
    return this.representations.map((rep) => rep.scaleFactor);
  }
  toPNG(options?: Electron.ToPNGOptions): Buffer {
    const wanted = options?.scaleFactor ?? 1;
    return (this.representations.find((rep) => rep.scaleFactor === wanted) ?? this.representations[0])?.png ?? Buffer.alloc(0);
  }
}

/** The width and height from a PNG's IHDR chunk; throws on anything that is not a PNG, as Electron yields an empty image. */
function pngSize(buffer: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (buffer.length < 24 || buffer.subarray(0, 8).toString('hex') !== signature || buffer.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error('not a PNG image');
  }
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

export const nativeImage = {
  createEmpty: (..._args: Parameters<typeof Electron.nativeImage.createEmpty>): FakeNativeImage => new FakeNativeImage(),
  createFromBuffer: (...[buffer, options]: Parameters<typeof Electron.nativeImage.createFromBuffer>): FakeNativeImage => {
    const image = new FakeNativeImage();
    image.addRepresentation({ buffer, scaleFactor: options?.scaleFactor ?? 1 });
    return image;
  },
};

// ---------------------------------------------------------------------------------------------------- menus

type MenuItemTemplate = Electron.MenuItemConstructorOptions;

export class FakeMenu {
  readonly items: readonly MenuItemTemplate[];
  constructor(items: readonly MenuItemTemplate[]) {
    this.items = items;
  }
  static buildFromTemplate(template: ReadonlyArray<MenuItemTemplate | Electron.MenuItem>): FakeMenu {
    return new FakeMenu(template as MenuItemTemplate[]);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    electronFake.applicationMenu = menu;
  }
  /** Labels, nested with ` > `, separators left out: what a person reads in the menu. */
  labels(prefix = ''): string[] {
    return this.items.flatMap((item) => {
      if (item.type === 'separator') return [];
      const label = `${prefix}${item.label ?? ''}`;
      const sub = Array.isArray(item.submenu) ? new FakeMenu(item.submenu as MenuItemTemplate[]).labels(`${label} > `) : [];
      return [label, ...sub];
    });
  }
  /** Finds an item by its label path (`['Pause notifications', 'For 1 hour']`). */
  find(path: readonly string[]): MenuItemTemplate | undefined {
    const [first, ...rest] = path;
    const item = this.items.find((candidate) => candidate.label === first);
    if (item === undefined || rest.length === 0) return item;
    return Array.isArray(item.submenu) ? new FakeMenu(item.submenu as MenuItemTemplate[]).find(rest) : undefined;
  }
  /** Test side: what Electron does when the item is chosen. */
  click(path: readonly string[]): void {
    const item = this.find(path);
    if (item === undefined) throw new Error(`no menu item ${path.join(' > ')} in ${JSON.stringify(this.labels())}`);
    if (item.enabled === false) throw new Error(`menu item ${path.join(' > ')} is disabled`);
    const click = item.click as ((...args: unknown[]) => void) | undefined;
    click?.(item, undefined, { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false });
  }
}
export { FakeMenu as Menu };

// ---------------------------------------------------------------------------------------------------- tray

type TrayPart = Pick<Electron.Tray, 'setToolTip' | 'setTitle' | 'getTitle' | 'getBounds' | 'destroy' | 'isDestroyed' | 'setIgnoreDoubleClickEvents' | 'popUpContextMenu'>;

export class FakeTray extends EventEmitter implements TrayPart {
  image: FakeNativeImage;
  /** How many times the image was set, the constructor's included. */
  imageSets = 1;
  tooltip = '';
  title = '';
  contextMenu: FakeMenu | null = null;
  bounds: Rectangle = electronFake.trayBounds;
  private destroyed = false;

  constructor(image: FakeNativeImage | string) {
    super();
    this.image = typeof image === 'string' ? new FakeNativeImage() : image;
    electronFake.trays.push(this);
  }
  setImage(image: FakeNativeImage | string): void {
    this.image = typeof image === 'string' ? new FakeNativeImage() : image;
    this.imageSets++;
    electronFake.events.emit('tray-changed', this);
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
    electronFake.events.emit('tray-changed', this);
  }
  setTitle(title: string): void {
    this.title = title;
    electronFake.events.emit('tray-changed', this);
  }
  getTitle(): string {
    return this.title;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
    electronFake.events.emit('tray-changed', this);
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setIgnoreDoubleClickEvents(): void {}
  popUpContextMenu(): void {}
  /** Test side: a click on the icon. */
  click(): void {
    this.emit('click', { preventDefault() {} }, this.getBounds(), { x: this.bounds.x, y: this.bounds.y });
  }
}
export { FakeTray as Tray };

// ---------------------------------------------------------------------------------------------------- notifications

type NotificationPart = Pick<Electron.Notification, 'show' | 'close'>;

export class FakeNotification extends EventEmitter implements NotificationPart {
  readonly options: Electron.NotificationConstructorOptions;
  shown = false;
  closed = false;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.options = options;
  }
  static isSupported(): boolean {
    return electronFake.notificationsSupported;
  }
  get title(): string {
    return this.options.title ?? '';
  }
  get body(): string {
    return this.options.body ?? '';
  }
  show(): void {
    if (this.shown) return;
    this.shown = true;
    electronFake.notifications.push(this);
    this.emit('show');
    electronFake.events.emit('notification-shown', this);
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
  /** Test side: the user clicks it. */
  click(): void {
    this.emit('click', { preventDefault() {} });
  }
}
export { FakeNotification as Notification };

// ---------------------------------------------------------------------------------------------------- IPC

type IpcMainPart = Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter implements IpcMainPart {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: (event: Electron.IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /**
   * Test side: what Electron does when a renderer invokes `channel`. The reply is structured-cloned both ways,
   * and a thrown error reaches the renderer as Electron words it.
   */
  async invoke(channel: string, sender: FakeInvokeSender, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const senderFrame = { url: sender.frameUrl, origin: URL.canParse(sender.frameUrl) ? new URL(sender.frameUrl).origin : 'null', parent: null };
    const event = { sender: sender.webContents, senderFrame, frameId: 1, processId: 1, preventDefault() {} } as unknown as Electron.IpcMainInvokeEvent;
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
}

/** Renderer side, for preload tests in Node: invokes go to the stand-in ipcMain as `electronFake.rendererSender`. */
class FakeIpcRenderer extends EventEmitter implements Pick<Electron.IpcRenderer, 'invoke'> {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return ipcMain.invoke(channel, electronFake.rendererSender(), ...args);
  }
}

type ContextBridgePart = Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

class FakeContextBridge implements ContextBridgePart {
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (apiKey in electronFake.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
    electronFake.mainWorld[apiKey] = api;
  }
}

// ---------------------------------------------------------------------------------------------------- protocol, net

type ProtocolPart = Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'>;
type ProtocolHandler = Parameters<Electron.Protocol['handle']>[1];

class FakeProtocol implements ProtocolPart {
  readonly privileged: Electron.CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle should be called after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** Test side: what Chromium does to load `url` from a custom scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (handler === undefined) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme})`);
    return handler(new Request(url, init));
  }
}

class FakeNet implements Pick<Electron.Net, 'isOnline' | 'fetch'> {
  isOnline(): boolean {
    return electronFake.online;
  }
  get online(): boolean {
    return electronFake.online;
  }
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    electronFake.netFetches.push(typeof input === 'string' ? input : input.url);
    // Node's fetch stands in for Chromium's network stack (system proxy and certificates are Electron's part).
    return globalThis.fetch(input, init);
  }
}

// ---------------------------------------------------------------------------------------------------- OS services

class FakePowerMonitor extends EventEmitter implements Pick<Electron.PowerMonitor, 'getSystemIdleState' | 'isOnBatteryPower'> {
  getSystemIdleState(): 'active' | 'idle' | 'locked' | 'unknown' {
    return 'active';
  }
  isOnBatteryPower(): boolean {
    return false;
  }
}

class FakeScreen extends EventEmitter implements Pick<Electron.Screen, 'getCursorScreenPoint'> {
  getPrimaryDisplay(): Electron.Display {
    return fakeDisplay(electronFake.displays[0] ?? DEFAULT_DISPLAY);
  }
  getAllDisplays(): Electron.Display[] {
    return electronFake.displays.map(fakeDisplay);
  }
  getDisplayNearestPoint(point: Electron.Point): Electron.Display {
    const inside = electronFake.displays.find((display) => contains(display.bounds, point));
    return fakeDisplay(inside ?? electronFake.displays[0] ?? DEFAULT_DISPLAY);
  }
  getDisplayMatching(rect: Rectangle): Electron.Display {
    return this.getDisplayNearestPoint({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
  }
  getCursorScreenPoint(): Electron.Point {
    return { ...electronFake.cursor };
  }
}

export interface FakeDisplaySpec {
  readonly id: number;
  readonly bounds: Rectangle;
  readonly workArea: Rectangle;
  readonly scaleFactor: number;
}
const DEFAULT_DISPLAY: FakeDisplaySpec = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 };
const contains = (rect: Rectangle, point: Electron.Point): boolean => point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height;

function fakeDisplay(spec: FakeDisplaySpec): Electron.Display {
  return {
    id: spec.id,
    bounds: spec.bounds,
    workArea: spec.workArea,
    scaleFactor: spec.scaleFactor,
    size: { width: spec.bounds.width, height: spec.bounds.height },
    workAreaSize: { width: spec.workArea.width, height: spec.workArea.height },
    accelerometerSupport: 'unknown',
    colorDepth: 24,
    colorSpace: 'srgb',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    internal: false,
    label: `display ${spec.id}`,
    monochrome: false,
    nativeOrigin: { x: spec.bounds.x, y: spec.bounds.y },
    rotation: 0,
    touchSupport: 'unknown',
    maximumCursorSize: { width: 0, height: 0 },
  };
}

class FakeShell implements Pick<Electron.Shell, 'openExternal'> {
  async openExternal(url: string): Promise<void> {
    electronFake.openedExternal.push(url);
  }
}

class FakeDialog implements Pick<Electron.Dialog, 'showErrorBox'> {
  showSaveDialog(...args: [Electron.BrowserWindow, Electron.SaveDialogOptions] | [Electron.SaveDialogOptions]): Promise<Electron.SaveDialogReturnValue> {
    const options = args.length === 2 ? args[1] : args[0];
    electronFake.dialogs.push({ kind: 'save', options });
    const answer = electronFake.saveDialogAnswers.shift();
    if (answer === undefined) throw new Error('the test scripted no answer for this save dialog (electronFake.saveDialogAnswers)');
    return Promise.resolve(answer);
  }
  showMessageBox(...args: [Electron.BrowserWindow, Electron.MessageBoxOptions] | [Electron.MessageBoxOptions]): Promise<Electron.MessageBoxReturnValue> {
    const options = args.length === 2 ? args[1] : args[0];
    electronFake.dialogs.push({ kind: 'message', options });
    const answer = electronFake.messageBoxAnswers.shift();
    if (answer === undefined) throw new Error('the test scripted no answer for this message box (electronFake.messageBoxAnswers)');
    return Promise.resolve({ response: answer, checkboxChecked: false });
  }
  showErrorBox(title: string, content: string): void {
    electronFake.dialogs.push({ kind: 'error', options: { title, content } });
  }
}

class FakeNativeTheme extends EventEmitter implements Pick<Electron.NativeTheme, 'themeSource'> {
  themeSource: 'system' | 'light' | 'dark' = 'system';
  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'system' ? electronFake.osDark : this.themeSource === 'dark';
  }
}

// ---------------------------------------------------------------------------------------------------- the module

export const app = new FakeApp();
const defaultSession = new FakeSession();
export const session = { defaultSession };
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
export const protocol = new FakeProtocol();
export const net = new FakeNet();
export const powerMonitor = new FakePowerMonitor();
export const screen = new FakeScreen();
export const shell = new FakeShell();
export const dialog = new FakeDialog();
export const nativeTheme = new FakeNativeTheme();
export { FakeBrowserWindow as BrowserWindow };

electronFake.attach({ app, ipcMain, protocol, powerMonitor, nativeTheme, session: defaultSession, windows: () => FakeBrowserWindow.getAllWindows() });

// `import electron from 'electron'` (electron-store does this) sees the same objects.
export default {
  app, session, ipcMain, ipcRenderer, contextBridge, protocol, net, powerMonitor, screen, shell, dialog, nativeTheme, nativeImage,
  BrowserWindow: FakeBrowserWindow, Menu: FakeMenu, Tray: FakeTray, Notification: FakeNotification,
};
