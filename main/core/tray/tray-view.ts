// The tray as data: which icon (and its images), the count, the tooltip, the macOS title and the context menu,
// decided from the app state alone. The Electron adapter only applies it: it replaces the image when `iconId`
// changes, and sets tooltip, title and menu when their values change.
import type { AccountView, AppState, Route } from '../../../preload/contract.js';
import { formatCount } from '../engine/count-format.js';
import { badgeText } from './digit-font.js';
import type { TrayIconSpec, TrayIconState } from './badge.js';
import { type PauseChoice, MORNING_HOUR } from './pause.js';
import { accountState, notificationsPaused, overallState } from './tray-state.js';
import { ageText, clockText, METRIC_WORDS } from './tray-text.js';

export type Platform = AppState['platform'];

export interface TrayContext {
  readonly platform: Platform;
  /** The launch-at-login checkbox shows the OS's answer (`getLoginItemSettings`, or the autostart file on Linux). */
  readonly launchAtLogin: boolean;
  /** IANA zone for clock times in the menu; undefined: the system's zone. */
  readonly timeZone?: string;
}

export type TrayAction =
  | { readonly type: 'open-popup' }
  | { readonly type: 'refresh' }
  | { readonly type: 'open-dashboard'; readonly route: Route | null }
  | { readonly type: 'pause-notifications'; readonly choice: PauseChoice }
  | { readonly type: 'resume-notifications' }
  | { readonly type: 'open-settings' }
  | { readonly type: 'toggle-launch-at-login' }
  | { readonly type: 'quit' };

/** A menu item as data; `id` is stable (tests and the adapter find items by it). */
export type TrayMenuItem =
  | { readonly kind: 'action'; readonly id: string; readonly label: string; readonly enabled: boolean; readonly action: TrayAction }
  /** A line of information (account summaries, "Paused until ..."): shown disabled. */
  | { readonly kind: 'info'; readonly id: string; readonly label: string }
  | { readonly kind: 'checkbox'; readonly id: string; readonly label: string; readonly checked: boolean; readonly action: TrayAction }
  | { readonly kind: 'submenu'; readonly id: string; readonly label: string; readonly items: readonly TrayMenuItem[] }
  | { readonly kind: 'separator'; readonly id: string };

export interface TrayView {
  /** Changes exactly when the images change: replace the tray image only then. */
  readonly iconId: string;
  readonly state: TrayIconState;
  /** The fleet's count for the badge metric; null when no account has reported it. */
  readonly count: number | null;
  /** One representation per scale factor, for one native image. */
  readonly images: readonly TrayIconSpec[];
  readonly tooltip: string;
  /** macOS menu bar text beside the template icon (the count); '' elsewhere and when there is no count. */
  readonly title: string;
  readonly menu: readonly TrayMenuItem[];
}

export interface TrayImageSet {
  /** Logical size in points/DIPs. */
  readonly size: number;
  /** One representation per display scale factor the platform commonly runs at. */
  readonly scales: readonly number[];
  readonly template: boolean;
}

/**
 * Windows: 16 DIP at 100/125/150/200 % (16, 20, 24, 32 px). macOS: a 16 pt template at @1x and @2x, the count in
 * the title. Linux: 22 px (KDE's and XFCE's panel size; AppIndicator hosts scale it to their own) and 44 px.
 */
export const TRAY_IMAGE_SETS: { readonly [P in Platform]: TrayImageSet } = {
  win32: { size: 16, scales: [1, 1.25, 1.5, 2], template: false },
  darwin: { size: 16, scales: [1, 2], template: true },
  linux: { size: 22, scales: [1, 2], template: false },
};

/** Windows cuts a notification-area tooltip at 127 characters. */
export const WINDOWS_TOOLTIP_LIMIT = 127;

const STATE_WORDS: { readonly [S in TrayIconState]: string } = {
  ok: '',
  warning: '',
  spike: 'alert',
  stale: 'stale',
  'error-auth': 'sign-in or permission error',
  'error-network': 'network error',
  'error-service': 'service error',
  paused: '',
  demo: '',
};

/**
 * `prod: 12 disconnected · stale, updated 5 min ago`; `Demo (demo data): ...` for the simulator; without a count
 * before the first snapshot: `prod: sign-in or permission error, no data yet`.
 */
export function accountLine(account: AccountView, state: AppState, now: number, precision: 'seconds' | 'minutes' = 'seconds'): string {
  const name = account.demo ? `${account.name} (demo data)` : account.name;
  const count = account.totals?.[state.badgeMetric] ?? null;
  const word = STATE_WORDS[accountState(account, state.badgeMetric)];
  const updated = account.lastSuccessAt === null ? 'no data yet' : `updated ${ageText(account.lastSuccessAt, now, precision)}`;
  const status = word !== '' ? `${word}, ${updated}` : account.freshness === 'refreshing' ? `refreshing, ${updated}` : updated;
  return count === null ? `${name}: ${status}` : `${name}: ${formatCount(count)} ${METRIC_WORDS[state.badgeMetric]} · ${status}`;
}

function tooltipLines(state: AppState, now: number, context: TrayContext): string[] {
  const lines: string[] = [];
  if (state.accounts.length === 0) lines.push(state.demo ? 'Workspace Tray: demo data' : 'Workspace Tray: no account yet. Open it to add one.');
  else if (state.demo) lines.push('Workspace Tray: demo data from the built-in simulator');
  for (const account of state.accounts) lines.push(accountLine(account, state, now));
  if (notificationsPaused(state, now) && state.notificationsPausedUntil !== null) lines.push(`Notifications paused until ${clockText(state.notificationsPausedUntil, context.timeZone)}`);
  return lines;
}

/** Keeps the first lines that fit in `limit` characters with a last line counting the rest; cuts a lone first line. */
export function fitTooltip(lines: readonly string[], limit: number): string {
  const all = lines.join('\n');
  if (all.length <= limit) return all;
  for (let keep = lines.length - 1; keep >= 1; keep--) {
    const text = [...lines.slice(0, keep), `… and ${lines.length - keep} more`].join('\n');
    if (text.length <= limit) return text;
  }
  return truncate(lines[0] ?? '', limit);
}

const truncate = (line: string, limit: number): string => (line.length <= limit ? line : `${line.slice(0, limit - 1)}…`);

function menuOf(state: AppState, now: number, context: TrayContext): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  // AppIndicator hosts (GNOME, KDE on Wayland) never deliver a click on the icon: the menu is the way in.
  if (context.platform === 'linux') {
    items.push({ kind: 'action', id: 'open-popup', label: 'Show Workspace Tray', enabled: true, action: { type: 'open-popup' } });
    items.push({ kind: 'separator', id: 'separator-popup' });
  }
  if (state.accounts.length === 0) items.push({ kind: 'info', id: 'summary', label: state.demo ? 'Demo data' : 'No account yet' });
  // Ages to the minute: a menu rebuilt every second closes under the pointer on some Linux hosts.
  for (const account of state.accounts) items.push({ kind: 'info', id: `summary:${account.id}`, label: accountLine(account, state, now, 'minutes') });
  items.push({ kind: 'separator', id: 'separator-summary' });
  items.push({ kind: 'action', id: 'refresh', label: 'Refresh now', enabled: state.accounts.length > 0, action: { type: 'refresh' } });
  items.push({ kind: 'action', id: 'open-dashboard', label: 'Open dashboard', enabled: true, action: { type: 'open-dashboard', route: null } });
  const paused = notificationsPaused(state, now);
  const pauseItems: TrayMenuItem[] = [];
  if (paused && state.notificationsPausedUntil !== null) {
    pauseItems.push({ kind: 'info', id: 'pause:status', label: `Paused until ${clockText(state.notificationsPausedUntil, context.timeZone)}` });
    pauseItems.push({ kind: 'separator', id: 'pause:separator' });
  }
  pauseItems.push({ kind: 'action', id: 'pause:hour', label: 'For 1 hour', enabled: true, action: { type: 'pause-notifications', choice: 'hour' } });
  pauseItems.push({ kind: 'action', id: 'pause:tomorrow', label: `Until tomorrow ${String(MORNING_HOUR).padStart(2, '0')}:00`, enabled: true, action: { type: 'pause-notifications', choice: 'tomorrow' } });
  pauseItems.push({ kind: 'action', id: 'pause:resume', label: 'Resume', enabled: paused, action: { type: 'resume-notifications' } });
  items.push({ kind: 'submenu', id: 'pause', label: paused ? 'Notifications paused' : 'Pause notifications', items: pauseItems });
  items.push({ kind: 'separator', id: 'separator-settings' });
  items.push({ kind: 'action', id: 'settings', label: 'Settings…', enabled: true, action: { type: 'open-settings' } });
  items.push({ kind: 'checkbox', id: 'launch-at-login', label: 'Launch at login', checked: context.launchAtLogin, action: { type: 'toggle-launch-at-login' } });
  items.push({ kind: 'separator', id: 'separator-quit' });
  items.push({ kind: 'action', id: 'quit', label: 'Quit Workspace Tray', enabled: true, action: { type: 'quit' } });
  return items;
}

/** The whole tray for one moment. Recompute on every state change and every few seconds (the ages in the text move). */
export function trayView(state: AppState, now: number, context: TrayContext): TrayView {
  const iconState = overallState(state, now);
  const count = state.totals?.[state.badgeMetric] ?? null;
  const set = TRAY_IMAGE_SETS[context.platform];
  const shownCount = set.template ? null : count;
  const images = set.scales.map((scale): TrayIconSpec => ({ state: iconState, count: shownCount, size: set.size, scale, template: set.template }));
  const lines = tooltipLines(state, now, context);
  return {
    iconId: `${iconState}/${set.template ? 'template' : shownCount === null ? 'no-count' : badgeText(shownCount)}`,
    state: iconState,
    count,
    images,
    tooltip: context.platform === 'win32' ? fitTooltip(lines, WINDOWS_TOOLTIP_LIMIT) : lines.join('\n'),
    title: context.platform === 'darwin' && count !== null ? formatCount(count) : '',
    menu: menuOf(state, now, context),
  };
}
