// The CLI's persistent state: the settings file shared with the app, and the OS keychain.
import { resolve } from 'node:path';
import { Accounts } from '../app/accounts.js';
import { formatError, type WorkspaceResult } from '../core/errors.js';
import type { SecretStore, SettingsStore } from '../core/ports.js';
import type { Settings } from '../core/settings/schema.js';
import { configDir } from '../node/config-dir.js';
import { FileSettingsStore } from '../node/file-settings-store.js';
import { KeytarSecretStore, keychainService } from '../node/keytar-secret-store.js';
import type { CliIo } from './io.js';
import { oneLine } from './report.js';

export interface CliStores {
  readonly configDir: string;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly accounts: Accounts;
}

export function openAccounts(io: CliIo): CliStores {
  const folder = cliConfigDir(io);
  // A corrupt or newer settings file is set aside for the defaults: say so, with where it went (one stderr line).
  const settings = new FileSettingsStore(folder, { onWarning: (warning) => io.err(`workspace-tray: warning: ${oneLine(formatError(warning))}`) });
  const secrets = new KeytarSecretStore(keychainService(io.env));
  return { configDir: folder, settings, secrets, accounts: new Accounts(settings, secrets) };
}

export function cliConfigDir(io: CliIo): string {
  return resolve(configDir(io.env, io.platform, io.homedir));
}

/**
 * The settings the app uses, so the CLI times out, polls and alerts exactly as the tray does. A broken settings
 * file is reported, never silently replaced by defaults.
 */
export function readCliSettings(io: CliIo): Promise<WorkspaceResult<Settings>> {
  return openAccounts(io).settings.read();
}
