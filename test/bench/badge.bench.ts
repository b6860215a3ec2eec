// The tray icon: drawn on every change of state or count (target: ≤ 1 ms per representation, PNG included), so
// an app updating its tray every poll spends nothing noticeable on it.
import type { Bench } from 'tinybench';
import { renderTrayIcon } from '../../main/core/tray/badge.js';
import { trayView } from '../../main/core/tray/tray-view.js';
import { encodePng } from '../../main/node/png.js';
import { COUNT_FIELDS, type Counts } from '../../main/core/api/fields.js';
import type { AccountView, AppState } from '../../preload/contract.js';
import type { Figures } from './protocol.js';

const totals = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 12])) as Counts;
const accounts: AccountView[] = Array.from({ length: 5 }, (_, index) => ({
  id: `acc-${index}`,
  name: `account-${index}`,
  demo: false,
  region: 'cn-north-4',
  projectId: 'p',
  freshness: index === 3 ? 'stale' : 'fresh',
  error: null,
  halted: false,
  lastSuccessAt: 1_000,
  nextPollAt: 61_000,
  totals,
  groupCount: 40,
  spikingGroupKeys: index === 1 ? ['pool-a'] : [],
  fleetSpiking: false,
}));
const state: AppState = {
  demo: false,
  accounts,
  badgeMetric: 'disconnected_num',
  notificationsPausedUntil: null,
  totals,
  theme: 'dark',
  language: 'en',
  platform: 'win32',
  appVersion: '0',
};

export function register(bench: Bench, figures: Figures): void {
  let count = 0;
  bench.add('tray icon 16 px, spike with a count', () => {
    renderTrayIcon({ state: 'spike', count: count++ % 120, size: 16, scale: 1, template: false });
  });
  bench.add('tray icon 32 px (16 @2x), spike with a count', () => {
    renderTrayIcon({ state: 'spike', count: count++ % 120, size: 16, scale: 2, template: false });
  });
  bench.add('tray icon 16 px drawn and PNG-encoded', () => {
    encodePng(renderTrayIcon({ state: 'warning', count: count++ % 120, size: 16, scale: 1, template: false }));
  });
  bench.add('tray icon 44 px (22 @2x) drawn and PNG-encoded', () => {
    encodePng(renderTrayIcon({ state: 'error-network', count: count++ % 120, size: 22, scale: 2, template: false }));
  });
  figures.target('tray icon 16 px drawn and PNG-encoded', { max: 1 }, 'badge render, 16 px icon with PNG');
  figures.target('tray icon 44 px (22 @2x) drawn and PNG-encoded', { max: 1 }, 'badge render, 44 px icon with PNG');
  bench.add('trayView, 5 accounts (icon id, tooltip, menu)', () => {
    trayView(state, 90_000 + count++, { platform: 'win32', launchAtLogin: false, timeZone: 'UTC' });
  });
}
