import { z } from 'zod';
import { COUNT_FIELDS } from '../api/fields.js';
import { SpikeConfigSchema } from '../engine/spike-config.js';

// The non-secret settings, one schema for the Electron app (electron-store) and the CLI (a plain file of the
// same format). Secrets never appear here: an account names its auth method, the keychain holds the rest.

/** The Workspace regions the Huawei Cloud SDKs list, plus na-mexico-1 from Huawei's docs. */
export const REGIONS = [
  'cn-east-3', 'cn-north-4', 'cn-south-1', 'cn-southwest-2', 'la-south-2', 'sa-brazil-1', 'la-north-2',
  'ap-southeast-3', 'cn-north-9', 'ap-southeast-1', 'cn-east-5', 'me-east-1', 'af-south-1', 'tr-west-1',
  'cn-north-11', 'af-north-1', 'ap-southeast-2', 'eu-west-101', 'na-mexico-1',
] as const;
export type Region = (typeof REGIONS)[number];

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
    projectId: z.string().min(1).max(128),
    auth: z.enum(AUTH_METHODS),
    /** IAM endpoint override for the password method. */
    iamEndpoint: z.string().optional(),
  })
  .refine((account) => (account.region === undefined) !== (account.endpoint === undefined), {
    message: 'an account has either a region or a custom endpoint, not both and not neither',
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
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
