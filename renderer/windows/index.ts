// One chunk per window, loaded by App for the window the page is (Router.window, from the URL hash). Each window
// imports only its own views (main/core/shell/app-windows.ts), so the build graph itself says what a window can
// ever load: test/unit/renderer-bundle-budget.test.ts holds every window's reach to the budget from the manifest.
import type { Component } from 'svelte';
import type { AppWindowName } from '../../main/core/shell/app-windows.js';
import type { AppStore } from '../state/app.svelte.js';

type WindowModule = Promise<{ readonly default: Component<{ store: AppStore }> }>;

export const WINDOWS = {
  popup: () => import('./PopupWindow.svelte'),
  dashboard: () => import('./DashboardWindow.svelte'),
  settings: () => import('./SettingsWindow.svelte'),
} as const satisfies Readonly<Record<AppWindowName, () => WindowModule>>;
