// Each view is its own chunk, loaded when a window first shows it: the popup window never downloads the table,
// the chart or the settings' validators (zod), which keeps what a window loads under the bundle budget.
export const VIEWS = {
  popup: () => import('./Popup.svelte'),
  dashboard: () => import('./Dashboard.svelte'),
  group: () => import('./GroupPage.svelte'),
  settings: () => import('./Settings.svelte'),
} as const;
