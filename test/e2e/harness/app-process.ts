// The app's process in the full-stack harness: plain Node playing Electron's main process. It resolves
// `electron` to the stand-in, imports the BUILT main entry (argv[2]), makes the app ready, and relays to the
// harness (the parent, which owns Chromium) what the stand-in records: windows loading URLs, IPC events sent to
// pages, notifications, the tray. The parent's requests (a page's invoke, an app:// fetch, a click) are played
// on the stand-in here, so they reach the app's own handlers.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ControlRequests, ToChild, ToParent, TrayMenuEntry } from './protocol.js';

register('./electron-resolve-hook.mjs', import.meta.url);

const fake = await import('../../fakes/electron/index.js');
const { electronFake } = fake;
type MenuTemplate = Electron.MenuItemConstructorOptions;

const send = (message: ToParent): void => {
  process.send?.(message);
};

let nextRequestId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function requestParent(message: Omit<Extract<ToParent, { kind: 'request' }>, 'id' | 'kind'>): Promise<unknown> {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ kind: 'request', id, ...message });
  });
}

electronFake.loadHook = async (window, url) => {
  const { width, height } = window.getBounds();
  await requestParent({ op: 'load', windowId: window.id, url, width, height });
};
electronFake.events.on('send', (contents: InstanceType<typeof fake.FakeWebContents>, channel: string, args: unknown[]) => {
  const window = fake.BrowserWindow.fromWebContents(contents);
  if (window !== null) send({ kind: 'event', name: 'send', windowId: window.id, channel, args });
});
electronFake.events.on('window-destroyed', (window: InstanceType<typeof fake.BrowserWindow>) => send({ kind: 'event', name: 'window-destroyed', windowId: window.id }));
electronFake.events.on('notification-shown', (notification: InstanceType<typeof fake.Notification>) =>
  send({ kind: 'event', name: 'notification-shown', notification: { title: notification.title, body: notification.body, urgency: notification.options.urgency } }),
);
electronFake.events.on('tray-changed', () => send({ kind: 'event', name: 'tray-changed' }));
electronFake.events.on('app-quit', () => {
  send({ kind: 'event', name: 'quit' });
  setTimeout(() => process.exit(fake.app.exitCode ?? 0), 50);
});

function menuEntries(items: readonly MenuTemplate[]): TrayMenuEntry[] {
  return items
    .filter((item) => item.type !== 'separator')
    .map((item) => ({
      label: item.label ?? '',
      enabled: item.enabled !== false,
      ...(item.type === 'checkbox' ? { checked: item.checked === true } : {}),
      ...(Array.isArray(item.submenu) ? { submenu: menuEntries(item.submenu as MenuTemplate[]) } : {}),
    }));
}

const handlers: { [K in keyof ControlRequests]: (...args: Parameters<ControlRequests[K]>) => ReturnType<ControlRequests[K]> | Promise<ReturnType<ControlRequests[K]>> } = {
  tray: () => {
    const tray = electronFake.tray;
    if (tray === undefined) return null;
    return {
      tooltip: tray.tooltip,
      title: tray.title,
      imageSets: tray.imageSets,
      template: tray.image.isTemplateImage(),
      representations: tray.image.representations.map((rep) => ({ scaleFactor: rep.scaleFactor, width: rep.width, height: rep.height, png: new Uint8Array(rep.png) })),
      menu: tray.contextMenu === null ? [] : menuEntries(tray.contextMenu.items),
    };
  },
  notifications: () => electronFake.notifications.map((notification) => ({ title: notification.title, body: notification.body, urgency: notification.options.urgency })),
  clickNotification: (index) => {
    const notification = electronFake.notifications[index];
    if (notification === undefined) throw new Error(`no notification #${index} (${electronFake.notifications.length} shown)`);
    notification.click();
  },
  clickTray: () => {
    const tray = electronFake.tray;
    if (tray === undefined) throw new Error('the app has no tray icon yet');
    tray.click();
  },
  clickMenu: (path) => {
    const menu = electronFake.tray?.contextMenu;
    if (menu === null || menu === undefined) throw new Error('the tray has no context menu yet');
    menu.click(path);
  },
  windows: () =>
    electronFake.windows().map((window) => ({
      id: window.id,
      view: window.view,
      url: window.webContents.getURL(),
      visible: window.isVisible(),
      bounds: window.getBounds(),
      webPreferences: { ...(window.options.webPreferences ?? {}) },
    })),
  fetchApp: async (url, method) => {
    const response = await electronFake.fetchApp(url, { method });
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: new Uint8Array(await response.arrayBuffer()) };
  },
  invoke: (windowId, frameUrl, channel, args) => {
    const window = fake.BrowserWindow.fromId(windowId);
    return electronFake.invoke(channel, { webContents: window?.webContents ?? null, frameUrl }, ...args);
  },
  os: (event) => {
    switch (event) {
      case 'suspend':
        return electronFake.suspend();
      case 'resume':
        return electronFake.resume();
      case 'lock-screen':
        return electronFake.lockScreen();
      case 'unlock-screen':
        return electronFake.unlockScreen();
      case 'second-instance':
        return electronFake.secondInstance(['workspace-tray']);
      case 'offline':
        return electronFake.setOnline(false);
      case 'online':
        return electronFake.setOnline(true);
      case 'dark':
        return electronFake.setOsDark(true);
      case 'light':
        return electronFake.setOsDark(false);
      default:
        throw new Error(`unknown OS event ${event}`);
    }
  },
  openedExternal: () => [...electronFake.openedExternal],
  quit: () => fake.app.quit(),
};

process.on('message', (message: ToChild) => {
  if (message.kind === 'response') {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.error ?? 'the harness failed'));
    return;
  }
  const handler = handlers[message.op] as (...args: unknown[]) => unknown;
  void (async () => {
    try {
      send({ kind: 'response', id: message.id, ok: true, value: await handler(...message.args) });
    } catch (error) {
      send({ kind: 'response', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
// The harness going away takes the app with it; Ctrl-C is the harness's to handle (it quits the app cleanly).
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => {});

const mainEntry = process.argv[2];
if (mainEntry === undefined) throw new Error('usage: app-process.ts <built main entry>');
await import(pathToFileURL(mainEntry).href);
// What Electron does after the main script's first turn.
setImmediate(() => {
  fake.app.emitReady();
  send({ kind: 'event', name: 'ready' });
});
