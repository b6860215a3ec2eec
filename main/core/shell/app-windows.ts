// The app's windows and the views each one shows over its life: the popup (the glance), the dashboard (the table
// and the group pages) and the settings window (a tray app's "Preferences…"). Written once, here: main opens the
// window a route belongs to, a renderer page asks main to open another window rather than show a view that is not
// its own, and the renderer's bundle-budget test counts per window the JavaScript of every view it can reach.
import type { Route } from '../../../preload/contract.js';

export type AppWindowName = 'popup' | 'dashboard' | 'settings';

/** Every route's view belongs to exactly one window (the Record type makes a new view name its window). */
export const WINDOW_OF_VIEW = {
  popup: 'popup',
  dashboard: 'dashboard',
  group: 'dashboard',
  settings: 'settings',
} as const satisfies Readonly<Record<Route['view'], AppWindowName>>;

export const APP_WINDOWS: readonly AppWindowName[] = ['popup', 'dashboard', 'settings'];

export function windowOfRoute(route: Route): AppWindowName {
  return WINDOW_OF_VIEW[route.view];
}

/** The views a window can show, in the order of WINDOW_OF_VIEW. */
export function viewsOfWindow(window: AppWindowName): Route['view'][] {
  return (Object.keys(WINDOW_OF_VIEW) as Route['view'][]).filter((view) => WINDOW_OF_VIEW[view] === window);
}

