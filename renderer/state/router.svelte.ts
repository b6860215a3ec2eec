// The window's route, from its URL hash: changed by links (hashchange), by `go`, and by main's `navigate` event
// (a notification click, a tray menu item).
import type { Bridge, Route } from '../../preload/contract.js';
import { formatRoute, parseRoute } from '../lib/route.js';

export interface HashLocation {
  hash: string;
}

export class Router {
  route = $state.raw<Route>({ view: 'dashboard' });
  readonly #bridge: Bridge;
  readonly #location: HashLocation;
  readonly #target: EventTarget;

  constructor(bridge: Bridge, location: HashLocation = window.location, target: EventTarget = window) {
    this.#bridge = bridge;
    this.#location = location;
    this.#target = target;
    this.route = parseRoute(location.hash);
  }

  listen(): () => void {
    const onHash = () => {
      this.route = parseRoute(this.#location.hash);
    };
    this.#target.addEventListener('hashchange', onHash);
    const off = this.#bridge.on('navigate', (route) => this.go(route));
    return () => {
      this.#target.removeEventListener('hashchange', onHash);
      off();
    };
  }

  go(route: Route): void {
    this.route = route;
    const hash = formatRoute(route);
    if (this.#location.hash !== hash) this.#location.hash = hash;
  }

  /** The popup shows only the glance: anything else opens (or focuses) the dashboard window there. */
  open(route: Route): void {
    if (this.route.view !== 'popup') {
      this.go(route);
      return;
    }
    this.#bridge.openDashboard(route).catch(() => {
      // A main that predates `accountId` on the settings route rejects it: open the accounts section instead,
      // where the settings page opens the failing account's form by itself.
      if (route.view === 'settings' && route.accountId !== undefined) return this.#bridge.openDashboard({ view: 'settings', section: 'accounts' });
      return undefined;
    });
  }
}
