// The whole app without Electron: the BUILT main entry runs in a Node child process (app-process.ts) with
// `electron` resolved to the typed stand-in, and each window it opens becomes a page in Chromium (support/chromium.ts). The
// real built preload (dist/preload/index.cjs) runs in every page inside a CommonJS scope whose
// require('electron') gives contextBridge/ipcRenderer stand-ins: ipcRenderer.invoke goes through a Playwright
// binding to the handler the app registered with ipcMain (with the page's real frame URL as senderFrame.url),
// webContents.send comes back through page.evaluate, and app:// is served by the app's own protocol handler
// (mapped to a made-up http origin with context.route). See test/e2e/README.md.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from '../support/chromium.js';
import type { AppState, Bridge, Route } from '../../../preload/contract.js';
import { windowOfRoute } from '../../../main/core/shell/app-windows.js';
import { PAGE_ORIGIN, toAppUrl, toPageUrl, type ControlOp, type ControlRequests, type NotificationSnapshot, type ToChild, type ToParent, type TraySnapshot, type WindowSnapshot } from './protocol.js';
import { APP_WAIT_MS } from '../support/waits.js';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface AppHarnessOptions {
  /** The simulator scenario of the demo (no account configured). Default `disconnect-storm`. */
  readonly scenario?: 'steady' | 'disconnect-storm' | 'large-fleet' | 'flaky' | 'throttled' | 'auth-failure';
  /** Polling interval; the app's minimum is 15 s, the harness defaults to 1 s so a storm comes in seconds. */
  readonly intervalSeconds?: number;
  /** Written as config.json before the app starts (a settings document, validated by the app as usual). */
  readonly settings?: unknown;
  /** Written as config.json as it is (a damaged file); instead of `settings`. */
  readonly settingsText?: string;
  /** Headed Chromium (run under `xvfb-run -a` without a display). Default false. */
  readonly headed?: boolean;
  /** Extra environment for the app's process. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The config folder of an earlier run, to start the app again on it (a restart); close() then leaves it for
   * the caller to remove. Default: a fresh temporary folder, removed by close().
   */
  readonly configDir?: string;
}

interface PageEntry {
  readonly windowId: number;
  readonly page: Page;
  /** The window's URL has finished loading (waitForPage answers only then). */
  loaded: boolean;
}

export class AppHarness {
  readonly notificationsShown: NotificationSnapshot[] = [];
  /** Every bridge event main sent, per window id, oldest first (what the preload's listeners were given). */
  readonly sentEvents = new Map<number, Array<{ readonly channel: string; readonly payload: unknown }>>();
  private readonly pages = new Map<number, PageEntry>();
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private exited = false;
  private readonly stderr: string[] = [];
  private readonly ready: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly browser: Browser,
    readonly context: BrowserContext,
    readonly configDir: string,
    private readonly ownsConfigDir: boolean,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString('utf8'));
      if (process.env['HARNESS_VERBOSE'] === '1') process.stderr.write(chunk);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (process.env['HARNESS_VERBOSE'] === '1') process.stdout.write(chunk);
    });
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    child.on('message', (message: ToParent) => {
      if (message.kind === 'event' && message.name === 'ready') markReady();
      void this.onMessage(message);
    });
    child.on('exit', (code) => {
      this.exited = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the app's process exited (${String(code)}): ${this.log().slice(-2000)}`));
      this.pending.clear();
    });
  }

  /** Starts the app (built: run `npm run build` first) with a fresh config folder, and Chromium. */
  static async start(options: AppHarnessOptions = {}): Promise<AppHarness> {
    const configDir = options.configDir ?? (await mkdtemp(join(tmpdir(), 'wt-harness-')));
    const settingsText = options.settingsText ?? (options.settings === undefined ? undefined : JSON.stringify(options.settings));
    if (settingsText !== undefined) await writeFile(join(configDir, 'config.json'), settingsText, { mode: 0o600 });
    const browser = await launchChromium({ ...(options.headed === undefined ? {} : { headed: options.headed }) });
    const context = await browser.newContext({ colorScheme: 'light' });
    const child = fork(join(ROOT, 'test/e2e/harness/app-process.ts'), [join(ROOT, 'dist/main/index.js')], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        WORKSPACE_TRAY_CONFIG_DIR: configDir,
        // Its own keychain service: the harness never touches a real account's secrets.
        WORKSPACE_TRAY_KEYCHAIN_SERVICE: `workspace-tray-harness-${process.pid}`,
        WORKSPACE_TRAY_INTERVAL_SECONDS: String(options.intervalSeconds ?? 1),
        WORKSPACE_TRAY_DEMO_SCENARIO: options.scenario ?? 'disconnect-storm',
        ...options.env,
      },
    });
    const harness = new AppHarness(child, browser, context, configDir, options.configDir === undefined);
    await harness.installRoutes();
    await Promise.race([
      harness.ready,
      new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`the app exited (${String(code)}) before it was ready:\n${harness.log()}`)))),
    ]);
    return harness;
  }

  /** What the app's process wrote to stderr (its console.error), for a failing test's message. */
  log(): string {
    return this.stderr.join('');
  }

  // ------------------------------------------------------------------------------------------ control
  call<K extends ControlOp>(op: K, ...args: Parameters<ControlRequests[K]>): Promise<Awaited<ReturnType<ControlRequests[K]>>> {
    if (this.exited) return Promise.reject(new Error(`the app's process has exited: ${this.log().slice(-2000)}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ kind: 'request', id, op, args } satisfies ToChild);
    });
  }

  tray(): Promise<TraySnapshot | null> {
    return this.call('tray');
  }
  notifications(): Promise<NotificationSnapshot[]> {
    return this.call('notifications');
  }
  clickNotification(index: number): Promise<void> {
    return this.call('clickNotification', index);
  }
  clickTray(): Promise<void> {
    return this.call('clickTray');
  }
  clickMenu(...path: string[]): Promise<void> {
    return this.call('clickMenu', path);
  }
  windows(): Promise<WindowSnapshot[]> {
    return this.call('windows');
  }
  os(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'second-instance' | 'offline' | 'online' | 'dark' | 'light'): Promise<void> {
    return this.call('os', event);
  }

  /** Opens the popup the way a person does: a click on the tray icon. Resolves with its page once loaded. */
  async openPopup(): Promise<Page> {
    const open = await this.windows();
    if (!open.some((window) => window.view === 'popup' && window.visible)) await this.clickTray();
    return this.waitForPage('popup');
  }

  /**
   * Opens the dashboard through the tray menu, or the window of a route (the dashboard, or the settings window for
   * a settings route) through the popup's bridge call. Resolves with that window's page once loaded.
   */
  async openDashboard(route: Route | null = null): Promise<Page> {
    if (route === null) await this.clickMenu('Open dashboard');
    else {
      const popup = await this.openPopup();
      await popup.evaluate((target) => (globalThis as unknown as { workspaceTray: Bridge }).workspaceTray.openDashboard(target), route);
    }
    return this.waitForPage(route === null ? 'dashboard' : windowOfRoute(route));
  }

  /** Opens the settings window the way a person does: Settings in the tray menu. */
  async openSettings(): Promise<Page> {
    await this.clickMenu('Settings…');
    return this.waitForPage('settings');
  }

  /** The page of the window opened on `view` (`popup`, `dashboard`, `settings`), waiting for it to exist and load. */
  async waitForPage(view: string, timeoutMs = APP_WAIT_MS): Promise<Page> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const window = (await this.windows()).find((candidate) => candidate.view === view);
      const entry = window === undefined ? undefined : this.pages.get(window.id);
      if (entry?.loaded === true) return entry.page;
      if (Date.now() > deadline) throw new Error(`no ${view} window within ${timeoutMs} ms; windows: ${JSON.stringify(await this.windows())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The app state as a page sees it through the bridge. */
  state(page: Page): Promise<AppState> {
    return page.evaluate(() => (globalThis as unknown as { workspaceTray: Bridge }).workspaceTray.getState());
  }

  /** Polls `check` until it returns a value other than undefined/false, or fails with what it saw last. */
  async waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = APP_WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.log().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Quits the app as the tray menu does (history closed cleanly), then closes Chromium and the temp folder. */
  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      await this.call('quit').catch(() => {});
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (!this.exited) this.child.kill();
    }
    await this.browser.close();
    if (this.ownsConfigDir) await rm(this.configDir, { recursive: true, force: true });
  }

  // ------------------------------------------------------------------------------------------ plumbing
  private async installRoutes(): Promise<void> {
    await this.context.route(`${PAGE_ORIGIN}/**`, async (route) => {
      const request = route.request();
      try {
        const answer = await this.call('fetchApp', toAppUrl(request.url()), request.method());
        await route.fulfill({ status: answer.status, headers: answer.headers, body: Buffer.from(answer.body) });
      } catch (error) {
        await route.fulfill({ status: 500, body: String(error) });
      }
    });
    // Nothing else is reachable, as in the app (its CSP allows no network either).
    await this.context.route((url) => !url.href.startsWith(PAGE_ORIGIN) && !url.href.startsWith('data:'), (route) => route.abort('blockedbyclient'));
  }

  /** Answers the app; a page that finished loading after the app exited (a test that failed or stopped it) has no one to tell. */
  private reply(message: ToChild): void {
    if (this.child.connected) this.child.send(message);
  }

  private async onMessage(message: ToParent): Promise<void> {
    switch (message.kind) {
      case 'response': {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(new Error(message.error ?? 'the app failed'));
        return;
      }
      case 'request':
        try {
          await this.loadPage(message.windowId, message.url, message.width, message.height);
          this.reply({ kind: 'response', id: message.id, ok: true });
        } catch (error) {
          this.reply({ kind: 'response', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
        }
        return;
      case 'event':
        switch (message.name) {
          case 'send': {
            const sent = this.sentEvents.get(message.windowId) ?? [];
            sent.push({ channel: message.channel, payload: message.args[0] });
            this.sentEvents.set(message.windowId, sent);
            const entry = this.pages.get(message.windowId);
            if (entry !== undefined && !entry.page.isClosed()) {
              await entry.page.evaluate(([channel, args]) => (globalThis as unknown as { __wtHarnessDispatch(channel: string, args: unknown[]): void }).__wtHarnessDispatch(channel, args), [message.channel, message.args] as const).catch(() => {});
            }
            return;
          }
          case 'window-destroyed': {
            const entry = this.pages.get(message.windowId);
            this.pages.delete(message.windowId);
            await entry?.page.close().catch(() => {});
            return;
          }
          case 'notification-shown':
            this.notificationsShown.push(message.notification);
            return;
          case 'tray-changed':
          case 'quit':
          case 'ready':
            return;
        }
    }
  }

  private async loadPage(windowId: number, url: string, width: number, height: number): Promise<void> {
    let entry = this.pages.get(windowId);
    if (entry === undefined) {
      const page = await this.context.newPage();
      page.setDefaultTimeout(APP_WAIT_MS);
      await page.setViewportSize({ width, height });
      await page.exposeBinding('__wtInvoke', (source, channel: string, args: unknown[]) =>
        this.call('invoke', windowId, toAppUrl(source.frame.url()), channel, args),
      );
      await page.addInitScript({ content: await preloadInitScript() });
      entry = { windowId, page, loaded: false };
      this.pages.set(windowId, entry);
    }
    entry.loaded = false;
    await entry.page.goto(toPageUrl(url), { waitUntil: 'load' });
    entry.loaded = true;
  }
}

let preloadScript: Promise<string> | null = null;

/**
 * The built preload inside a CommonJS scope, with the two renderer modules a sandboxed preload may require:
 * contextBridge puts the one object on window (non-writable, as Electron does), ipcRenderer.invoke goes to the
 * `__wtInvoke` binding and `__wtHarnessDispatch` delivers main's events to the preload's listeners. Unlike in
 * Electron, the page's own scripts share a world with the preload (no context isolation in a plain page).
 */
function preloadInitScript(): Promise<string> {
  preloadScript ??= readFile(join(ROOT, 'dist/preload/index.cjs'), 'utf8').then(
    (source) => `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window.__wtInvoke(channel, args),
    on(channel, listener) { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(listener); return ipcRenderer; },
    removeListener(channel, listener) { listeners.get(channel)?.delete(listener); return ipcRenderer; },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: api, enumerable: true, writable: false, configurable: false });
    },
  };
  Object.defineProperty(window, '__wtHarnessDispatch', {
    value: (channel, args) => { for (const listener of [...(listeners.get(channel) ?? [])]) listener({ senderId: 0 }, ...args); },
  });
  const require = (name) => { if (name === 'electron') return { contextBridge, ipcRenderer }; throw new Error('Cannot find module ' + name); };
  const module = { exports: {} };
  (function (require, module, exports) {
${source}
  })(require, module, module.exports);
})();`,
  );
  return preloadScript;
}

/** `window.workspaceTray` as a page.evaluate callback sees it (the test tsconfig has no DOM types). */
export type PageWithBridge = { readonly workspaceTray: Bridge };
