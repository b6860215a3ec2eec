import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import ElectronStore from 'electron-store';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import type { SettingsStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { invalidSettingsFileError, parseSettings } from '../core/settings/parse.js';
import type { Settings } from '../core/settings/schema.js';
import { serialUpdates } from '../core/settings/serial-updates.js';
import { SETTINGS_FILE_NAME } from '../node/config-dir.js';
import { SETTINGS_DIR_MODE, SETTINGS_FILE_MODE, settingsFileIoError } from '../node/file-settings-store.js';

/**
 * The app's settings, through electron-store 12, in the same file the CLI's FileSettingsStore reads and writes.
 *
 * electron-store is used for its file handling only (location, atomic write, format). Validation, defaults and
 * migrations are parseSettings', not electron-store's `schema`/`migrations` options, because:
 * - with `schema`, ajv fills in `version: 1` before anything else sees the file, so an unversioned (v0) file
 *   could no longer be told apart for migration, and an old file is judged by the current schema;
 * - electron-store's migrations are keyed by the app's semver and store `__internal__` in the file, which the
 *   CLI would then have to understand too;
 * - its construction writes the defaults into the file; ours leaves a missing file alone until an update;
 * - the JSON schema from `z.toJSONSchema` loses the region-xor-endpoint rule and the endpoint checks.
 */
export class ElectronStoreSettingsStore implements SettingsStore {
  readonly update: SettingsStore['update'];
  private readonly cwd: string;
  private store: ElectronStore<Record<string, unknown>> | undefined;

  /** `cwd` is the settings folder, absolute: `configDir(process.env, process.platform, os.homedir())`. */
  constructor(options: { readonly cwd: string }) {
    if (!isAbsolute(options.cwd)) throw new TypeError(`The settings folder must be an absolute path, got ${options.cwd}`);
    this.cwd = options.cwd;
    this.update = serialUpdates(
      () => this.read(),
      (next) => this.write(next),
    );
  }

  async read(): Promise<WorkspaceResult<Settings>> {
    const store = this.open();
    if (!store.ok) return store;
    let document: unknown;
    try {
      document = store.value.store;
    } catch (error) {
      return err(this.describeFailure('read', store.value.path, error));
    }
    const settings = parseSettings(document);
    return settings.ok ? settings : err(invalidSettingsFileError(store.value.path, settings.error));
  }

  private async write(settings: Settings): Promise<WorkspaceResult<void>> {
    const store = this.open();
    if (!store.ok) return store;
    try {
      store.value.store = settings;
      return ok(undefined);
    } catch (error) {
      return err(settingsFileIoError('write', store.value.path, error));
    }
  }

  /** Opened on first use, and again after a failure: the constructor reads the file, which may be broken until the user fixes it. */
  private open(): WorkspaceResult<ElectronStore<Record<string, unknown>>> {
    if (this.store !== undefined) return ok(this.store);
    try {
      // electron-store creates a missing folder on its first read, with the default mode; we want a private one.
      mkdirSync(this.cwd, { recursive: true, mode: SETTINGS_DIR_MODE });
      this.store = new ElectronStore<Record<string, unknown>>({
        cwd: this.cwd,
        configFileMode: SETTINGS_FILE_MODE,
        // Reads go to the file, so a change the CLI made is seen without a restart.
        cache: false,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
      });
      return ok(this.store);
    } catch (error) {
      return err(this.describeFailure('read', join(this.cwd, SETTINGS_FILE_NAME), error));
    }
  }

  private describeFailure(action: 'read' | 'write', filePath: string, error: unknown): WorkspaceError {
    // conf reports unparsable JSON as a SyntaxError naming the file, never quoting its content.
    if (error instanceof SyntaxError) return invalidSettingsFileError(filePath, workspaceError('config', 'it is not valid JSON'));
    return settingsFileIoError(action, filePath, error);
  }
}
