// What the popup and dashboard say about the data's state, worst first, each with the one action that helps.
import type { AccountView, AppState, Route } from '../../preload/contract.js';
import { errorKey } from './messages.js';
import { errorLine, errorText } from './error-text.js';
import { formatAgo, formatTime, t } from './i18n.svelte.js';

export type BannerAction =
  | { readonly kind: 'retry'; readonly accountId: string | null }
  | { readonly kind: 'open'; readonly route: Route }
  | { readonly kind: 'resume-notifications' };

export interface Banner {
  readonly id: string;
  readonly tone: 'error' | 'warning' | 'info';
  readonly text: string;
  /** Main's words about the error (message and hint, in the window's language, and the server's facts), under the plain sentence. */
  readonly detail?: string;
  readonly actionLabel: string;
  readonly action: BannerAction;
}

/** Retrying cannot fix these: the person has to give new details. */
const NEEDS_RECONNECT = new Set(['auth', 'permission', 'keychain', 'config', 'clock-skew', 'not-found']);

export function bannersFor(state: AppState, accounts: readonly AccountView[], now: number): Banner[] {
  const banners: Banner[] = [];
  const several = state.accounts.length > 1;
  for (const account of accounts) {
    const named = (text: string) => (several ? t('banner.errorOf', { account: account.name, problem: text }) : text);
    if (account.freshness === 'error' || (account.error !== null && account.halted)) {
      const error = account.error;
      const problem = error === null ? t('error.service') : t(errorKey(error.kind));
      const reconnect = error !== null && (account.halted || NEEDS_RECONNECT.has(error.kind)) && !account.demo;
      banners.push({
        id: `error:${account.id}`,
        tone: 'error',
        text: named(problem),
        ...(error === null ? {} : { detail: errorLine(error, true) }),
        actionLabel: reconnect ? t('banner.reconnect') : t('banner.retry'),
        action: reconnect ? { kind: 'open', route: { view: 'settings', section: 'accounts', accountId: account.id } } : { kind: 'retry', accountId: account.id },
      });
    } else if (account.freshness === 'stale') {
      const ago = account.lastSuccessAt === null ? '' : formatAgo(account.lastSuccessAt, now);
      banners.push({
        id: `stale:${account.id}`,
        tone: 'warning',
        text: t('banner.stale', { account: account.name, ago }),
        ...(account.error === null ? {} : { detail: errorText(account.error).message }),
        actionLabel: t('banner.retry'),
        action: { kind: 'retry', accountId: account.id },
      });
    } else if (account.freshness === 'paused') {
      banners.push({
        id: `paused:${account.id}`,
        tone: 'info',
        text: t('banner.pollingPaused', { account: account.name }),
        actionLabel: t('banner.retry'),
        action: { kind: 'retry', accountId: account.id },
      });
    }
  }
  if (state.notificationsPausedUntil !== null && state.notificationsPausedUntil > now) {
    banners.push({
      id: 'notifications-paused',
      tone: 'info',
      text: t('banner.paused', { time: formatTime(state.notificationsPausedUntil) }),
      actionLabel: t('banner.pausedAction'),
      action: { kind: 'resume-notifications' },
    });
  }
  if (state.demo) {
    banners.push({
      id: 'demo',
      tone: 'info',
      text: t('banner.demo'),
      actionLabel: t('banner.demoAction'),
      action: { kind: 'open', route: { view: 'settings', section: 'add-account' } },
    });
  }
  return banners;
}
