// Windows pick their view from the URL hash; a route is written and read here only.
import type { Route } from '../../preload/contract.js';

export type { Route };

const SETTINGS_SECTIONS = ['accounts', 'add-account', 'alerts', 'general'] as const;
type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/** `#/popup`, `#/dashboard[/<account>]`, `#/group/<account>/<key>`, `#/settings[/<section>[/<account>]]`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(safeDecode);
  const [view, first, second] = parts;
  switch (view) {
    case 'popup':
      return { view: 'popup' };
    case 'group':
      if (first && second !== undefined && second !== '') return { view: 'group', accountId: first, groupKey: second };
      return { view: 'dashboard' };
    case 'settings': {
      const section = SETTINGS_SECTIONS.find((name) => name === first);
      if (section === undefined) return { view: 'settings' };
      return second ? { view: 'settings', section, accountId: second } : { view: 'settings', section };
    }
    case 'dashboard':
      return first ? { view: 'dashboard', accountId: first } : { view: 'dashboard' };
    default:
      return { view: 'dashboard' };
  }
}

export function formatRoute(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.view) {
    case 'popup':
      return '#/popup';
    case 'dashboard':
      return route.accountId ? `#/dashboard/${enc(route.accountId)}` : '#/dashboard';
    case 'group':
      return `#/group/${enc(route.accountId)}/${enc(route.groupKey)}`;
    case 'settings': {
      if (route.section === undefined) return '#/settings';
      const section: SettingsSection = route.section;
      return route.accountId ? `#/settings/${section}/${enc(route.accountId)}` : `#/settings/${section}`;
    }
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
