// The Electron shell's wiring in Node, against the typed electron stand-in (vitest aliases `electron` to it):
// IPC sender checks and payload validation, the tray applied only on change, notifications opening the
// dashboard, power events, hardening, the app protocol.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_REQUESTS, requestChannel, type AccountView, type AppState } from '../../../preload/contract.js';
import { COUNT_FIELDS, type Counts } from '../../../main/core/api/fields.js';
import { notificationView } from '../../../main/core/notifications/notification-view.js';
import { appPageUrl } from '../../../main/core/shell/app-url.js';
import { trayView } from '../../../main/core/tray/tray-view.js';
import { openConsoleLink, hardenWebContents } from '../../../main/electron/hardening.js';
import { registerBridgeHandlers, type BridgeHandlers } from '../../../main/electron/ipc.js';
import { NotificationPresenter } from '../../../main/electron/notifications.js';
import { followPowerState, ONLINE_CHECK_MS } from '../../../main/electron/power.js';
import { registerAppScheme, serveApp } from '../../../main/electron/protocol.js';
import { TrayPresenter } from '../../../main/electron/tray.js';
import { AppWindows, POPUP_IDLE_MS } from '../../../main/electron/windows.js';
import { BrowserWindow, electronFake } from '../../fakes/electron/index.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const counts = (values: Partial<Counts> = {}): Counts => Object.fromEntries(COUNT_FIELDS.map((field) => [field, values[field] ?? 0])) as Counts;
const account = (overrides: Partial<AccountView> = {}): AccountView => ({
  id: 'acc', name: 'prod', demo: false, region: 'cn-north-4', projectId: 'p', freshness: 'fresh', error: null, halted: false,
  lastSuccessAt: NOW - 10_000, nextPollAt: NOW + 50_000, totals: counts({ disconnected_num: 3, in_use_num: 40 }), groupCount: 4,
  spikingGroupKeys: [], fleetSpiking: false, ...overrides,
});
const state = (accounts: readonly AccountView[]): AppState => ({
  demo: false, accounts, badgeMetric: 'disconnected_num', notificationsPausedUntil: null,
  totals: accounts[0]?.totals ?? null, theme: 'light', language: 'en', platform: 'darwin', appVersion: '0.1.0',
});

const clock = new FakeClock(NOW);
let rendererDir: string;
let windows: AppWindows;

beforeAll(async () => {
  registerAppScheme();
  electronFake.emitReady();
  hardenWebContents();
  rendererDir = await mkdtemp(join(tmpdir(), 'wt-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(tmpdir(), 'wt-secret.txt'), 'not served');
  serveApp(rendererDir);
  windows = new AppWindows({
    preloadPath: '/app/dist/preload/index.cjs', platform: 'linux', clock, trayBounds: () => null, backgroundColor: () => '#fff',
    loadDashboardBounds: () => undefined, saveDashboardBounds: () => {},
  });
});
afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

describe('IPC handlers', () => {
  const calls: string[] = [];
  const handlers = Object.fromEntries(BRIDGE_REQUESTS.map((name) => [name, (_sender: unknown, ...args: unknown[]) => {
    calls.push(`${name}(${JSON.stringify(args)})`);
    return null;
  }])) as unknown as BridgeHandlers;

  it('registers one handler per contract request, reachable only from our windows on app://', async () => {
    const remove = registerBridgeHandlers(handlers, (contents) => windows.isOurWebContents(contents));
    try {
      expect(electronFake.handledChannels()).toEqual(BRIDGE_REQUESTS.map(requestChannel).sort());
      windows.showPopup();
      const popup = electronFake.windowShowing('popup');
      expect(popup?.webContents.getURL()).toBe(appPageUrl('popup'));
      await electronFake.invokeFrom(popup!, 'wt:getGroups', 'acc');
      expect(calls).toEqual(['getGroups(["acc"])']);

      // A window that is not ours, showing our page (e.g. one opened by a bug): refused.
      const foreign = new BrowserWindow({});
      foreign.webContents.url = appPageUrl('popup');
      await expect(electronFake.invokeFrom(foreign, 'wt:getGroups', 'acc')).rejects.toThrow(/getGroups refused: the sender is not a Workspace Tray window/);
      foreign.destroy();
      // Our window, navigated elsewhere (navigation is denied, but the check does not rely on it): refused.
      await expect(electronFake.invoke('wt:refresh', { webContents: popup!.webContents, frameUrl: 'https://evil.example/' }, null)).rejects.toThrow(/refresh refused: the sender is not showing a Workspace Tray page/);
      expect(calls).toHaveLength(1);
    } finally {
      remove();
    }
  });

  it('refuses a malformed payload with an error naming the argument, never its value', async () => {
    const remove = registerBridgeHandlers(handlers, (contents) => windows.isOurWebContents(contents));
    try {
      const popup = electronFake.windowShowing('popup')!;
      const draft = { name: 'x', region: 'cn-north-4', projectId: 'p', credentials: { method: 'token', secret: { token: 'SECRET VALUE' } } };
      const refused = electronFake.invokeFrom(popup, 'wt:addAccount', draft);
      await expect(refused).rejects.toThrow(/addAccount: invalid arguments: argument 0\.credentials\.secret\.token has characters that are not allowed/);
      await expect(refused).rejects.not.toThrow(/SECRET/);
      await expect(electronFake.invokeFrom(popup, 'wt:pauseNotifications', 'soon')).rejects.toThrow(/argument 0 must be/);
      await expect(electronFake.invokeFrom(popup, 'wt:getState', 'extra')).rejects.toThrow(/too many arguments/);
    } finally {
      remove();
    }
  });
});

describe('tray', () => {
  it('applies image, tooltip and title from the view, and leaves an unchanged view alone', () => {
    const onAction = vi.fn();
    const presenter = new TrayPresenter(onAction, () => {});
    const context = { platform: 'darwin' as const, launchAtLogin: false };
    presenter.apply(trayView(state([account()]), NOW, context));
    const tray = electronFake.tray!;
    expect(tray.image.isTemplateImage()).toBe(true);
    expect(tray.image.getScaleFactors()).toEqual([1, 2]);
    expect(tray.title).toBe('3');
    expect(tray.tooltip).toMatch(/prod/);
    const sets = tray.imageSets;
    const menu = tray.contextMenu;

    // The same state a poll later (same counts): nothing is replaced.
    presenter.apply(trayView(state([account()]), NOW, context));
    expect(tray.imageSets).toBe(sets);
    expect(tray.contextMenu).toBe(menu);

    // A spike: a new image, a new title.
    presenter.apply(trayView(state([account({ totals: counts({ disconnected_num: 30 }), spikingGroupKeys: ['g1'] })]), NOW, context));
    expect(tray.imageSets).toBe(sets + 1);
    expect(tray.title).toBe('30');

    tray.contextMenu?.click(['Open dashboard']);
    expect(onAction).toHaveBeenCalledWith({ type: 'open-dashboard', route: null });
  });

  it('rebuilds the menu and tooltip in Chinese when the language changes, keeping the image and the actions', () => {
    const onAction = vi.fn();
    const presenter = new TrayPresenter(onAction, () => {});
    const context = { platform: 'linux' as const, launchAtLogin: false };
    presenter.apply(trayView(state([account()]), NOW, context));
    const tray = electronFake.tray!;
    const sets = tray.imageSets;
    expect(tray.contextMenu?.labels()).toContain('Refresh now');

    presenter.apply(trayView({ ...state([account()]), language: 'zh-CN' }, NOW, context));
    expect(tray.imageSets).toBe(sets);
    expect(tray.tooltip).toBe('prod：3 台已断开 · 10秒前更新');
    const labels = tray.contextMenu?.labels() ?? [];
    expect(labels).toEqual(expect.arrayContaining(['显示 Workspace Tray', '立即刷新', '打开仪表板', '暂停通知', '暂停通知 > 1 小时', '设置…', '登录时启动', '退出 Workspace Tray']));
    expect(labels).not.toContain('Refresh now');
    tray.contextMenu?.click(['暂停通知', '1 小时']);
    expect(onAction).toHaveBeenCalledWith({ type: 'pause-notifications', choice: 'hour' });
  });
});

describe('notifications and windows', () => {
  it('shows a spike as a notification and opens the dashboard on its group when clicked', async () => {
    const presenter = new NotificationPresenter((route) => windows.open(route));
    const notification = {
      kind: 'spike' as const, severity: 'critical' as const, title: 'Disconnected sessions spiked in Finance (+12)', body: 'b', at: NOW,
      groups: [{ name: 'Finance', key: 'finance', before: 1, after: 13, desktops: 20 }], fleet: null,
    };
    expect(presenter.show(notificationView({ notification, accountId: 'acc', accountName: 'prod', demo: false, language: 'en' }))).toBe(true);
    const shown = electronFake.notifications.at(-1)!;
    expect(shown.title).toBe('prod: Disconnected sessions spiked in Finance (+12)');
    expect(shown.options.urgency).toBe('critical');
    expect(presenter.show(notificationView({ notification, accountId: 'acc', accountName: 'prod', demo: false, language: 'zh-CN' }))).toBe(true);
    expect(electronFake.notifications.at(-1)!.title).toBe('prod：Finance 的断开会话突增（+12）');

    shown.click();
    const dashboard = electronFake.windowShowing('dashboard')!;
    expect(dashboard.webContents.getURL()).toBe(appPageUrl('dashboard'));
    await vi.waitFor(() => expect(dashboard.webContents.sent).toContainEqual({ channel: 'wt:event:navigate', args: [{ view: 'group', accountId: 'acc', groupKey: 'finance' }] }));
    expect(dashboard.isVisible()).toBe(true);
    expect(dashboard.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  it('opens settings in their own window, brought forward with the route on the next request, closed on request', async () => {
    windows.open({ view: 'settings', section: 'add-account' });
    const settings = electronFake.windowShowing('settings')!;
    expect(settings.webContents.getURL()).toBe(appPageUrl('settings'));
    await vi.waitFor(() => expect(settings.webContents.sent).toContainEqual({ channel: 'wt:event:navigate', args: [{ view: 'settings', section: 'add-account' }] }));
    expect(settings.isVisible()).toBe(true);
    expect(settings.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // The stand-in's web contents, as the shell's methods type them (they only compare identity).
    const contents = settings.webContents as unknown as Parameters<AppWindows['closeWindowOf']>[0];
    expect(windows.isOurWebContents(contents)).toBe(true);

    // The dashboard's own routes stay in the dashboard window; a settings route reuses the open settings window.
    const dashboard = electronFake.windowShowing('dashboard')!;
    const dashboardSent = dashboard.webContents.sent.length;
    windows.open({ view: 'settings', section: 'accounts', accountId: 'acc' });
    expect(electronFake.windows().filter((window) => window.view === 'settings')).toHaveLength(1);
    expect(settings.webContents.sent.at(-1)).toEqual({ channel: 'wt:event:navigate', args: [{ view: 'settings', section: 'accounts', accountId: 'acc' }] });
    expect(dashboard.webContents.sent).toHaveLength(dashboardSent);

    windows.closeWindowOf(contents);
    expect(settings.isDestroyed()).toBe(true);
    windows.open({ view: 'settings' });
    expect(electronFake.windowShowing('settings')).not.toBe(settings);
  });

  it('hides the popup on blur and destroys it after a minute hidden', () => {
    windows.showPopup();
    const popup = electronFake.windowShowing('popup')!;
    popup.blur();
    expect(popup.isVisible()).toBe(false);
    expect(popup.isDestroyed()).toBe(false);
    clock.advance(POPUP_IDLE_MS);
    expect(popup.isDestroyed()).toBe(true);
  });
});

describe('power', () => {
  it('pauses polling on suspend and offline, resumes on wake and reconnect, refreshes on unlock', () => {
    const target = { pause: vi.fn(), resume: vi.fn(async () => {}), refresh: vi.fn(async () => {}) };
    const stop = followPowerState(target, clock);
    electronFake.suspend();
    expect(target.pause).toHaveBeenCalledTimes(1);
    electronFake.resume();
    expect(target.resume).toHaveBeenCalledTimes(1);
    electronFake.setOnline(false);
    clock.advance(ONLINE_CHECK_MS);
    expect(target.pause).toHaveBeenCalledTimes(2);
    electronFake.suspend();
    electronFake.resume();
    expect(target.resume).toHaveBeenCalledTimes(1);
    electronFake.setOnline(true);
    clock.advance(ONLINE_CHECK_MS);
    expect(target.resume).toHaveBeenCalledTimes(2);
    electronFake.unlockScreen();
    expect(target.refresh).toHaveBeenCalledTimes(1);
    stop();
    electronFake.suspend();
    expect(target.pause).toHaveBeenCalledTimes(2);
    electronFake.resume();
  });
});

describe('hardening', () => {
  it('denies navigation, window.open, webviews and permissions; opens only console links', async () => {
    const window = new BrowserWindow({});
    window.webContents.url = appPageUrl('dashboard');
    expect(electronFake.attemptNavigation(window, 'https://evil.example/')).toBe(true);
    expect(electronFake.attemptWindowOpen(window, 'https://evil.example/')).toEqual({ action: 'deny' });
    expect(electronFake.attemptAttachWebview(window)).toBe(true);
    expect(await electronFake.requestPermission(window, 'media')).toBe(false);
    expect(electronFake.checkPermission(window, 'notifications')).toBe(false);

    expect(await openConsoleLink('https://evil.example/workspace')).toBe(false);
    expect(await openConsoleLink('http://console-intl.huaweicloud.com/workspace/')).toBe(false);
    expect(await openConsoleLink('https://console-intl.huaweicloud.com.evil.example/')).toBe(false);
    expect(electronFake.openedExternal).toEqual([]);
    expect(electronFake.attemptWindowOpen(window, 'https://console-intl.huaweicloud.com/workspace/?region=ap-southeast-1')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(electronFake.openedExternal).toEqual(['https://console-intl.huaweicloud.com/workspace/?region=ap-southeast-1']));
    window.destroy();
  });
});

describe('app protocol', () => {
  it('registers app:// as a privileged scheme before ready and serves the renderer with the CSP', async () => {
    expect(electronFake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const index = await electronFake.fetchApp('app://workspace-tray/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'/);
    expect((await electronFake.fetchApp('app://workspace-tray/assets/app.js')).status).toBe(200);
    for (const escape of ['app://workspace-tray/../wt-secret.txt', 'app://workspace-tray/assets/%2e%2e/%2e%2e/wt-secret.txt', 'app://workspace-tray/assets%2F..%2F..%2Fwt-secret.txt', 'app://other-host/index.html']) {
      const answer = await electronFake.fetchApp(escape);
      expect([403, 404]).toContain(answer.status);
    }
    expect((await electronFake.fetchApp('app://workspace-tray/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
