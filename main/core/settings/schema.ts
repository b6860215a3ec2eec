import { z } from 'zod';
import { MAX_PROJECT_ID_LENGTH } from '../api/endpoint.js';
import { COUNT_FIELDS } from '../api/fields.js';
import { SpikeConfigSchema } from '../engine/spike-config.js';
import { REGIONS } from '../api/regions.js';

// The non-secret settings, one schema for the Electron app (electron-store) and the CLI (a plain file of the
// same format). Secrets never appear here: an account names its auth method, the keychain holds the rest.

// Regions belong to the API (endpoints are made from them); the settings name them. Re-exported for callers.
export { REGIONS, type Region } from '../api/regions.js';

export const AUTH_METHODS = ['token', 'password', 'aksk'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const AccountSchema = z
  .object({
    /** Stable id (a UUID): keychain entries are keyed by it, so renaming an account keeps its secrets. */
    id: z.uuid(),
    name: z.string().trim().min(1).max(64),
    region: z.enum(REGIONS).optional(),
    /** A custom Workspace endpoint, instead of a region (private deployments, eu-west-101, proxies). */
    endpoint: z.string().optional(),
    projectId: z.string().min(1).max(MAX_PROJECT_ID_LENGTH),
    auth: z.enum(AUTH_METHODS),
    /** IAM endpoint override for the password method. */
    iamEndpoint: z.string().optional(),
  })
  .refine((account) => (account.region === undefined) !== (account.endpoint === undefined), {
    message: 'an account has either a region or a custom endpoint, not both and not neither',
    // How parse.ts knows this refinement's issue, to word it (setting.region-or-endpoint).
    params: { problem: 'region-or-endpoint' },
  });
export type Account = z.infer<typeof AccountSchema>;

export const SETTINGS_VERSION = 1;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  accounts: z.array(AccountSchema).default([]),
  polling: z
    .object({
      /** The app allows 15 s to 1 h; the CLI's `watch --interval` may go down to 1 s for demos and tests. */
      intervalSeconds: z.int().min(15).max(3600).default(60),
      timeoutSeconds: z.int().min(1).max(300).default(20),
    })
    .prefault({}),
  alerts: SpikeConfigSchema.prefault({}),
  badge: z.object({ metric: z.enum(COUNT_FIELDS).default('disconnected_num') }).prefault({}),
  notifications: z
    .object({
      /** Epoch ms until which spike notifications are held back (the tray's "Pause notifications"); null: not paused. */
      pausedUntil: z.number().int().nonnegative().nullable().default(null),
      /** User names in a notification's text; off keeps them in the app only (a shared screen, a screen recording). */
      showUserNames: z.boolean().default(true),
      /**
       * Hold a warning spike's notification this long, and drop it when most of its desktops reconnect meanwhile.
       * 0 notifies at once. Critical spikes are never held.
       */
      holdForReconnectMinutes: z.int().min(0).max(30).default(0),
    })
    .prefault({}),
  appearance: z
    .object({
      theme: z.enum(['system', 'light', 'dark']).default('system'),
      language: z.enum(['system', 'en', 'zh-CN']).default('system'),
    })
    .prefault({}),
  /** Start the tray app when the user logs in. */
  launchAtLogin: z.boolean().default(false),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
