// Browser tests of the built renderer (dist/renderer) in Chromium, with the FakeBridge (test/fakes)
// playing the main process in this test process: the page's `window.workspaceTray` forwards every request
// through a Playwright binding, and the fake's events are delivered with page.evaluate. Used until the shell's
// full-stack harness (real main, real preload) is on main; the views, data flow and assertions are the same.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { BRIDGE_EVENTS, BRIDGE_REQUESTS, type BridgeEvents, type BridgeRequests } from '../../../preload/contract.js';
import { FakeBridge, type FakeBridgeOptions } from '../../fakes/fake-bridge.js';
import { APP_WAIT_MS } from './waits.js';

export const RENDERER_DIR = resolve('dist/renderer');
export const SCREENSHOT_DIR = resolve('test-artifacts/screenshots');

export function rendererBuilt(): boolean {
  return existsSync(join(RENDERER_DIR, 'index.html'));
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves dist/renderer on an ephemeral loopback port, as the app:// protocol handler would. */
export async function serveRenderer(): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

export interface RendererPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly fake: FakeBridge;
  /** Content-Security-Policy violations the page reported (must stay empty). */
  readonly cspViolations: string[];
  readonly consoleErrors: string[];
}

export interface OpenOptions {
  readonly hash: string;
  readonly fake?: FakeBridgeOptions;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly colorScheme?: 'light' | 'dark';
  readonly locale?: string;
}

// The page side of the bridge: requests go to the test process through a binding, events come back by evaluate.
const INIT_SCRIPT = (requests: readonly string[], events: readonly string[]) => `
(() => {
  const listeners = new Map();
  const bridge = { on(event, listener) {
    if (!${JSON.stringify(events)}.includes(event)) throw new Error('unknown event ' + event);
    const set = listeners.get(event) ?? new Set(); listeners.set(event, set); set.add(listener);
    return () => set.delete(listener);
  } };
  for (const name of ${JSON.stringify(requests)}) bridge[name] = (...args) => window.__wtInvoke(name, args);
  Object.defineProperty(window, '__wtEmit', { value: (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); } });
  Object.defineProperty(window, 'workspaceTray', { value: Object.freeze(bridge) });
  document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
})();`;

export async function openRenderer(browser: Browser, baseUrl: string, options: OpenOptions): Promise<RendererPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(APP_WAIT_MS);
  const fake = new FakeBridge({ ...options.fake, systemTheme: options.colorScheme ?? 'light', systemLanguage: options.locale?.startsWith('zh') ? 'zh-CN' : 'en' });
  const cspViolations: string[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('CSP violation')) cspViolations.push(message.text());
    else consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.exposeBinding('__wtInvoke', (_source, name: keyof BridgeRequests, args: unknown[]) => structuredClone(fake.handle(name, args)));
  await page.addInitScript(INIT_SCRIPT(BRIDGE_REQUESTS, BRIDGE_EVENTS));
  for (const event of BRIDGE_EVENTS) {
    fake.on(event, (payload: BridgeEvents[typeof event]) => {
      void page
        .evaluate(([name, value]) => (globalThis as unknown as { __wtEmit(name: string, value: unknown): void }).__wtEmit(name, value), [event, payload] as const)
        .catch(() => undefined);
    });
  }
  await page.goto(`${baseUrl}${options.hash}`);
  return { page, context, fake, cspViolations, consoleErrors };
}
