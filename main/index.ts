// The Electron entry (dist/main/index.js): wires the Electron adapters (main/electron) around the one
// MonitoringService, with the same settings file, keychain service and environment overrides as the CLI.
// Every decision is made elsewhere (core, app); this file only connects the parts and owns their lifetime.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, nativeTheme } from 'electron';
import type { AppState } from '../preload/contract.js';
import { appBridgeHandlers, appState } from './app/app-bridge.js';
import { createMonitoringService, DEMO_ACCOUNT_ID, type MonitoringService } from './app/monitoring-service.js';
import { historyFolder } from './app/targets.js';
import { DisconnectedService } from './app/disconnected-service.js';
import { FileFirstSeenStore } from './node/file-first-seen-store.js';
import type { WorkspaceError } from './core/errors.js';
import { deleteHistoryFolder, saveExport } from './node/user-files.js';
import { notificationView, settingsSetAsideView } from './core/notifications/notification-view.js';
import { ok } from './core/result.js';
import { appPlatform, DEMO_INTERVAL_MS, intervalOverrideMs, resolveLanguage, resolveTheme, windowBackground } from './core/shell/presentation.js';
import type { Settings } from './core/settings/schema.js';
import { pauseUntil } from './core/tray/pause.js';
import { trayView, type TrayAction } from './core/tray/tray-view.js';
import { openConsoleLink, hardenWebContents } from './electron/hardening.js';
import { netFetchHttpClient } from './electron/http.js';
import { registerBridgeHandlers, sendBridgeEvent, type RequestSender } from './electron/ipc.js';
import { launchesAtLogin, loginItemContext, setLaunchAtLogin } from './electron/login-item.js';
import { NotificationPresenter, setNotificationIdentity } from './electron/notifications.js';
import { followPowerState } from './electron/power.js';
import { registerAppScheme, serveApp } from './electron/protocol.js';
import { ElectronStoreSettingsStore } from './electron/settings.js';
import { TrayPresenter } from './electron/tray.js';
import { AppWindows } from './electron/windows.js';
import { configDir } from './node/config-dir.js';
import { fileHistoryOpener } from './node/file-history-opener.js';
import { fileSpikeLogOpener } from './node/file-spike-log.js';
import { KeytarSecretStore, keychainService } from './node/keytar-secret-store.js';
import { systemClock } from './node/system-clock.js';
import { readWindowState, writeWindowState } from './node/window-state-file.js';
import { startDemoSimulator } from './simulator/demo-source.js';
import { isScenarioName } from './simulator/scenarios.js';
import { startSimulator } from './simulator/server.js';

/** How often the tray is recomputed without a state change: the ages in its tooltip and menu move. */
const TRAY_TICK_MS = 15_000;

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it opens its dashboard (its `second-instance` handler); this one leaves at once.
  app.quit();
} else {
  // A tray app keeps running with no window open; without a listener Electron would quit here.
  app.on('window-all-closed', () => {});
  void app.whenReady().then(start).catch((error: unknown) => {
    console.error('Workspace Tray could not start:', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenWebContents();
  setNotificationIdentity(process.platform);
  serveApp(here('../renderer/'));

  const env = process.env;
  const platform = appPlatform(process.platform);
  const folder = resolve(configDir(env, process.platform, homedir()));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // A corrupt or newer settings file is set aside and the defaults used: said as a notification once it can be.
  const setAside: WorkspaceError[] = [];
  let settingsWarning = (warning: WorkspaceError): void => void setAside.push(warning);
  const settings = new ElectronStoreSettingsStore({ cwd: folder, onWarning: (warning) => settingsWarning(warning) });
  const secrets = new KeytarSecretStore(keychainService(env));
  const initial = await settings.read();
  if (!initial.ok) {
    // A broken settings file is never replaced by defaults: say where it is and what is wrong, then leave.
    dialog.showErrorBox('Workspace Tray cannot read its settings', `${initial.error.message}${initial.error.hint === undefined ? '' : `\n\n${initial.error.hint}`}`);
    app.exit(2);
    return;
  }

  // The demo storms now and then (startDemoSimulator); WORKSPACE_TRAY_DEMO_SCENARIO shows another scenario instead.
  const scenario = env['WORKSPACE_TRAY_DEMO_SCENARIO'];
  const demo = scenario !== undefined && isScenarioName(scenario) && scenario !== 'disconnect-storm' ? () => startSimulator({ scenario }) : () => startDemoSimulator({ clock: systemClock });
  // The demo polls faster so its storm comes within a minute; a saved account polls as its settings say.
  const intervalMs = intervalOverrideMs(env['WORKSPACE_TRAY_INTERVAL_SECONDS']) ?? (initial.value.accounts.length === 0 ? DEMO_INTERVAL_MS : null);
  const history = fileHistoryOpener({ temporaryDemo: true });
  const service = createMonitoringService({
    settings,
    secrets,
    http: netFetchHttpClient,
    clock: systemClock,
    random: Math.random,
    env,
    configDir: folder,
    openHistory: history.open,
    // The demo's history is temporary, so are its spikes: both start afresh with each launch.
    openSpikeLog: fileSpikeLogOpener({ temporaryDemo: true }),
    demo,
    options: { scope: { kind: 'settings' }, ...(intervalMs === null ? {} : { intervalMs }) },
  });

  let notificationSettings = initial.value.notifications;
  const disconnected = new DisconnectedService({
    accounts: service,
    clock: systemClock,
    settings: () => notificationSettings,
    firstSeenStoreFor: (accountId) => new FileFirstSeenStore(historyFolder(folder, accountId)),
  });

  const login = loginItemContext();
  let launchAtLogin = launchesAtLogin(login);
  let language = resolveLanguage(initial.value.appearance.language, app.getLocale());
  nativeTheme.themeSource = initial.value.appearance.theme;
  const presentation = (): Pick<AppState, 'theme' | 'language' | 'platform' | 'appVersion'> => ({
    theme: resolveTheme(nativeTheme.shouldUseDarkColors),
    language,
    platform,
    appVersion: app.getVersion(),
  });
  const currentState = (): AppState => appState(service.state(), presentation());

  const windows = new AppWindows({
    preloadPath: here('../preload/index.cjs'),
    platform,
    clock: systemClock,
    trayBounds: () => tray.bounds(),
    backgroundColor: () => windowBackground(presentation().theme),
    loadDashboardBounds: () => readWindowState(folder, 'dashboard'),
    saveDashboardBounds: (bounds) => writeWindowState(folder, 'dashboard', bounds),
  });
  const notifications = new NotificationPresenter((route) => windows.open(route));
  settingsWarning = (warning) => void notifications.show(settingsSetAsideView(warning, language));
  for (const warning of setAside.splice(0)) settingsWarning(warning);

  const settingsChanged = (next: Settings): void => {
    notificationSettings = next.notifications;
    nativeTheme.themeSource = next.appearance.theme;
    language = resolveLanguage(next.appearance.language, app.getLocale());
    if (next.launchAtLogin !== launchAtLogin) {
      void setLaunchAtLogin(next.launchAtLogin, login).then((set) => {
        if (set.ok) launchAtLogin = next.launchAtLogin;
        else console.error(set.error.message);
        refreshTray();
      });
    }
    publishState();
  };

  const onTrayAction = (action: TrayAction): void => {
    switch (action.type) {
      case 'open-popup':
        windows.showPopup();
        return;
      case 'refresh':
        void service.refresh();
        return;
      case 'open-dashboard':
        windows.open(action.route);
        return;
      case 'pause-notifications':
        void service.snooze(pauseUntil(action.choice, systemClock.now()));
        return;
      case 'resume-notifications':
        void service.snooze(null);
        return;
      case 'open-settings':
        windows.open({ view: 'settings' });
        return;
      case 'toggle-launch-at-login':
        void settings.update((current) => ({ ...current, launchAtLogin: !launchAtLogin })).then((saved) => {
          if (saved.ok) settingsChanged(saved.value);
        });
        return;
      case 'quit':
        app.quit();
        return;
    }
  };
  const tray = new TrayPresenter(onTrayAction, () => windows.togglePopup());
  const refreshTray = (): void => tray.apply(trayView(currentState(), systemClock.now(), { platform, launchAtLogin }));
  const publishState = (): void => {
    const state = currentState();
    tray.apply(trayView(state, systemClock.now(), { platform, launchAtLogin }));
    sendBridgeEvent(windows.webContents(), 'state', state);
  };

  registerBridgeHandlers(
    appBridgeHandlers<RequestSender>({
      service,
      disconnected,
      settings,
      secrets,
      clock: systemClock,
      shell: {
        openDashboard: (route) => windows.open(route),
        closeWindow: (sender) => windows.closeWindowOf(sender.webContents),
        openConsole: openConsoleLink,
        saveText: async (sender, suggestedName, text) => {
          const owner = BrowserWindow.fromWebContents(sender.webContents);
          const options = { defaultPath: suggestedName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
          const answer = owner === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(owner, options);
          if (answer.canceled || answer.filePath === undefined) return ok({ saved: false });
          const saved = await saveExport(answer.filePath, text);
          return saved.ok ? ok({ saved: true, path: answer.filePath }) : saved;
        },
        presentation,
        settingsChanged,
        deleteHistory: (accountId) => deleteHistoryFolder(historyFolder(folder, accountId)),
      },
    }),
    (contents) => windows.isOurWebContents(contents),
  );

  subscribe(service, { publishState, windows, notifications });
  // Spikes and recoveries reach the person through DisconnectedService: it names the users of the spiking groups
  // (unless notifications.showUserNames is off) and holds a warning spike for a quick reconnect when configured.
  disconnected.onNotification(({ notification, accountId, account }) => {
    const demo = accountId === DEMO_ACCOUNT_ID;
    notifications.show(notificationView({ notification, accountId, accountName: account, demo, language }));
    sendBridgeEvent(windows.webContents(), 'notification', { ...notification, accountId });
  });
  disconnected.start();
  nativeTheme.on('updated', () => {
    windows.setBackgroundColor(windowBackground(presentation().theme));
    publishState();
  });
  app.on('second-instance', () => windows.open(null));

  refreshTray();
  const started = await service.start();
  if (!started.ok) console.error(started.error.message);
  publishState();

  const stopPower = followPowerState({ pause: () => service.pause(), resume: () => service.resume(), refresh: () => service.refresh() }, systemClock);
  let cancelTick = systemClock.schedule(function tick() {
    refreshTray();
    cancelTick = systemClock.schedule(tick, TRAY_TICK_MS);
  }, TRAY_TICK_MS);

  // Quitting waits for history writes under way and closes the files, then quits for real.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    cancelTick();
    stopPower();
    disconnected.stop();
    notifications.closeAll();
    windows.closeAll();
    void service
      .stop()
      .then(() => history.dispose())
      .finally(() => {
        tray.destroy();
        app.quit();
      });
  });
}

function subscribe(
  service: MonitoringService,
  parts: { publishState(): void; readonly windows: AppWindows; readonly notifications: NotificationPresenter },
): void {
  service.subscribe((event) => {
    switch (event.type) {
      case 'state':
        parts.publishState();
        return;
      case 'change':
        // The smallest step between two polls, not the group list: a 5,000-group fleet is not copied per poll.
        sendBridgeEvent(parts.windows.webContents(), 'groupsChanged', {
          accountId: event.accountId,
          revision: event.revision,
          fetchedAt: event.fetchedAt,
          change: event.change,
          totals: event.totals,
        });
        return;
      case 'spike':
      case 'recovery':
        // Shown once DisconnectedService has named the users (or held it for a quick reconnect): see below.
        return;
      case 'snapshot':
      case 'error':
      case 'stale':
      case 'history-error':
        return;
    }
  });
}
