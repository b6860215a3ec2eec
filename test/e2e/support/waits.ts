// How long a browser test waits for the app or a page to get somewhere. Waits catch hangs, never slowness: on two
// shared cores under load (a suite run beside other builds measured load 15) a 5,000-group table took over 30 s to
// appear. One number, so no test keeps a tighter limit of its own; vitest.config.ts gives each e2e test room for
// several such waits.
export const APP_WAIT_MS = 120_000;
