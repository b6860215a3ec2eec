// The tray as data: which icon (and its images), the count, the tooltip, the macOS title and the context menu,
// decided from the app state alone, in its language (`AppState.language`). The Electron adapter only applies it: it replaces the image when `iconId`
// changes, and sets tooltip, title and menu when their values change.
import type { AccountView, AppState, Route } from '../../../preload/contract.js';
import { formatCount } from '../engine/count-format.js';
import { badgeText } from './digit-font.js';
import type { TrayIconSpec, TrayIconState } from './badge.js';
import { type PauseChoice, MORNING_HOUR } from './pause.js';
import { accountState, notificationsPaused, overallState } from './tray-state.js';
import { ageText, clockText, metricWord } from './tray-text.js';
import { type Language, say, type UiWord } from '../ui-words.js';

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

/** The states an account line names (the others say nothing beyond the age). */
const STATE_WORDS: { readonly [S in TrayIconState]: UiWord | null } = {
  ok: null,
  warning: null,
  spike: 'state.spike',
  stale: 'state.stale',
  'error-auth': 'state.error-auth',
  'error-network': 'state.error-network',
  'error-service': 'state.error-service',
  paused: null,
  demo: null,
};

/**
 * `prod: 12 disconnected · stale, updated 5 min ago`; `Demo (demo data): ...` for the simulator; without a count
 * before the first snapshot: `prod: sign-in or permission error, no data yet`.
 */
export function accountLine(account: AccountView, state: AppState, now: number, precision: 'seconds' | 'minutes' = 'seconds'): string {
  const language = state.language;
  const name = account.demo ? say(language, 'account.demoName', { name: account.name }) : account.name;
  const count = account.totals?.[state.badgeMetric] ?? null;
  const word = STATE_WORDS[accountState(account, state.badgeMetric)];
  const updated =
    account.lastSuccessAt === null ? say(language, 'account.noData') : say(language, 'account.updated', { ago: ageText(account.lastSuccessAt, now, precision, language) });
  const status =
    word !== null
      ? say(language, 'account.stateUpdated', { state: say(language, word), updated })
      : account.freshness === 'refreshing'
        ? say(language, 'account.refreshing', { updated })
        : updated;
  return count === null
    ? say(language, 'account.status', { name, status })
    : say(language, 'account.countStatus', { name, count: formatCount(count, language), metric: metricWord(state.badgeMetric, language), status });
}

function tooltipLines(state: AppState, now: number, context: TrayContext): string[] {
  const lines: string[] = [];
  const language = state.language;
  if (state.accounts.length === 0) lines.push(say(language, state.demo ? 'tip.demo' : 'tip.noAccount'));
  else if (state.demo) lines.push(say(language, 'tip.demoSimulator'));
  for (const account of state.accounts) lines.push(accountLine(account, state, now));
  if (notificationsPaused(state, now) && state.notificationsPausedUntil !== null) {
    lines.push(say(language, 'tip.pausedUntil', { time: clockText(state.notificationsPausedUntil, context.timeZone) }));
  }
  return lines;
}

/**
 * Keeps the first lines that fit in `limit` characters with a last line counting the rest; cuts a lone first line.
 * Characters are UTF-16 code units, as Windows counts them (a Chinese character is one).
 */
export function fitTooltip(lines: readonly string[], limit: number, language: Language = 'en'): string {
  const all = lines.join('\n');
  if (all.length <= limit) return all;
  for (let keep = lines.length - 1; keep >= 1; keep--) {
    const text = [...lines.slice(0, keep), say(language, 'tip.more', { count: String(lines.length - keep) })].join('\n');
    if (text.length <= limit) return text;
  }
  return truncate(lines[0] ?? '', limit);
}

const truncate = (line: string, limit: number): string => (line.length <= limit ? line : `${line.slice(0, limit - 1)}…`);

function menuOf(state: AppState, now: number, context: TrayContext): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const word = (key: UiWord, params: Readonly<Record<string, string>> = {}): string => say(state.language, key, params);
  // AppIndicator hosts (GNOME, KDE on Wayland) never deliver a click on the icon: the menu is the way in.
  if (context.platform === 'linux') {
    items.push({ kind: 'action', id: 'open-popup', label: word('tray.show'), enabled: true, action: { type: 'open-popup' } });
    items.push({ kind: 'separator', id: 'separator-popup' });
  }
  if (state.accounts.length === 0) items.push({ kind: 'info', id: 'summary', label: word(state.demo ? 'tray.demo' : 'tray.noAccount') });
  // Ages to the minute: a menu rebuilt every second closes under the pointer on some Linux hosts.
  for (const account of state.accounts) items.push({ kind: 'info', id: `summary:${account.id}`, label: accountLine(account, state, now, 'minutes') });
  items.push({ kind: 'separator', id: 'separator-summary' });
  items.push({ kind: 'action', id: 'refresh', label: word('tray.refresh'), enabled: state.accounts.length > 0, action: { type: 'refresh' } });
  items.push({ kind: 'action', id: 'open-dashboard', label: word('tray.openDashboard'), enabled: true, action: { type: 'open-dashboard', route: null } });
  const paused = notificationsPaused(state, now);
  const pauseItems: TrayMenuItem[] = [];
  if (paused && state.notificationsPausedUntil !== null) {
    pauseItems.push({ kind: 'info', id: 'pause:status', label: word('tray.pausedUntil', { time: clockText(state.notificationsPausedUntil, context.timeZone) }) });
    pauseItems.push({ kind: 'separator', id: 'pause:separator' });
  }
  pauseItems.push({ kind: 'action', id: 'pause:hour', label: word('tray.pauseHour'), enabled: true, action: { type: 'pause-notifications', choice: 'hour' } });
  pauseItems.push({ kind: 'action', id: 'pause:tomorrow', label: word('tray.pauseTomorrow', { time: `${String(MORNING_HOUR).padStart(2, '0')}:00` }), enabled: true, action: { type: 'pause-notifications', choice: 'tomorrow' } });
  pauseItems.push({ kind: 'action', id: 'pause:resume', label: word('tray.resume'), enabled: paused, action: { type: 'resume-notifications' } });
  items.push({ kind: 'submenu', id: 'pause', label: word(paused ? 'tray.paused' : 'tray.pause'), items: pauseItems });
  items.push({ kind: 'separator', id: 'separator-settings' });
  items.push({ kind: 'action', id: 'settings', label: word('tray.settings'), enabled: true, action: { type: 'open-settings' } });
  items.push({ kind: 'checkbox', id: 'launch-at-login', label: word('tray.launchAtLogin'), checked: context.launchAtLogin, action: { type: 'toggle-launch-at-login' } });
  items.push({ kind: 'separator', id: 'separator-quit' });
  items.push({ kind: 'action', id: 'quit', label: word('tray.quit'), enabled: true, action: { type: 'quit' } });
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
    tooltip: context.platform === 'win32' ? fitTooltip(lines, WINDOWS_TOOLTIP_LIMIT, state.language) : lines.join('\n'),
    title: context.platform === 'darwin' && count !== null ? formatCount(count, state.language) : '',
    menu: menuOf(state, now, context),
  };
}
