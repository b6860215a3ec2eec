// The window's route, from its URL hash: changed by links (hashchange), by `go`, and by main's `navigate` event
// (a notification click, a tray menu item). A window shows only its own views (main/core/shell/app-windows.ts):
// a route that belongs to another window (the dashboard's "Settings", the popup's "Open dashboard") asks main to
// open that window instead, so no window ever loads another's views.
import type { Bridge, Route } from '../../preload/contract.js';
import { windowOfRoute, type AppWindowName } from '../../main/core/shell/app-windows.js';
import { formatRoute, parseRoute } from '../lib/route.js';

export interface HashLocation {
  hash: string;
}

export class Router {
  route = $state.raw<Route>({ view: 'dashboard' });
  /** The window this page is, fixed by the hash it was opened with. */
  readonly window: AppWindowName;
  readonly #bridge: Bridge;
  readonly #location: HashLocation;
  readonly #target: EventTarget;

  constructor(bridge: Bridge, location: HashLocation = window.location, target: EventTarget = window) {
    this.#bridge = bridge;
    this.#location = location;
    this.#target = target;
    this.route = parseRoute(location.hash);
    this.window = windowOfRoute(this.route);
  }

  listen(): () => void {
    const onHash = () => {
      const route = parseRoute(this.#location.hash);
      if (windowOfRoute(route) === this.window) {
        this.route = route;
        return;
      }
      // A link to another window's view: that window opens, this one stays where it was.
      this.#location.hash = formatRoute(this.route);
      this.#openElsewhere(route);
    };
    this.#target.addEventListener('hashchange', onHash);
    const off = this.#bridge.on('navigate', (route) => this.open(route));
    return () => {
      this.#target.removeEventListener('hashchange', onHash);
      off();
    };
  }

  /** Shows the route here when it is one of this window's views; otherwise main opens (or focuses) its window. */
  open(route: Route): void {
    if (windowOfRoute(route) !== this.window) {
      this.#openElsewhere(route);
      return;
    }
    this.route = route;
    const hash = formatRoute(route);
    if (this.#location.hash !== hash) this.#location.hash = hash;
  }

  #openElsewhere(route: Route): void {
    this.#bridge.openDashboard(route).catch(() => {
      // A main that predates `accountId` on the settings route rejects it: open the accounts section instead,
      // where the settings page opens the failing account's form by itself.
      if (route.view === 'settings' && route.accountId !== undefined) return this.#bridge.openDashboard({ view: 'settings', section: 'accounts' });
      return undefined;
    });
  }
}
