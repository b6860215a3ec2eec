import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import ElectronStore from 'electron-store';
import { phrase, wordedError, type ErrorPhrase } from '../core/error-wording.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { SettingsStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { invalidSettingsFileError, parseSettings } from '../core/settings/parse.js';
import type { Settings } from '../core/settings/schema.js';
import { serialUpdates } from '../core/settings/serial-updates.js';
import { SETTINGS_FILE_NAME } from '../node/config-dir.js';
import {
  SETTINGS_DIR_MODE,
  SETTINGS_FILE_MODE,
  setSettingsFileAside,
  settingsFileIoError,
  unusableSettingsReason,
  type SettingsStoreOptions,
} from '../node/file-settings-store.js';
import { withUnknownFields } from '../core/settings/unknown-fields.js';

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
  /** The document last read, for the fields this build does not know (kept on write, see unknown-fields.ts). */
  private lastDocument: unknown;
  private readonly onWarning: ((warning: WorkspaceError) => void) | undefined;

  /**
   * `cwd` is the settings folder, absolute: `configDir(process.env, process.platform, os.homedir())`. `onWarning`:
   * see SettingsStoreOptions (a corrupt or newer file was set aside and the defaults are used).
   */
  constructor(options: { readonly cwd: string } & SettingsStoreOptions) {
    if (!isAbsolute(options.cwd)) throw new TypeError(`The settings folder must be an absolute path, got ${options.cwd}`);
    this.cwd = options.cwd;
    this.onWarning = options.onWarning;
    this.update = serialUpdates(
      () => this.read(),
      (next) => this.write(next),
    );
  }

  /** As FileSettingsStore.read: a corrupt or newer file is set aside and the defaults are used. */
  async read(): Promise<WorkspaceResult<Settings>> {
    const filePath = join(this.cwd, SETTINGS_FILE_NAME);
    for (let attempt = 0; ; attempt++) {
      let document: unknown;
      let unusable: ErrorPhrase | undefined;
      const store = this.open();
      if (store.ok) {
        try {
          document = store.value.store;
          unusable = unusableSettingsReason(document);
        } catch (error) {
          if (!(error instanceof SyntaxError) || attempt > 0) return err(this.describeFailure('read', store.value.path, error));
          unusable = phrase('settings.not-json');
        }
      } else if (store.error.wording?.message.code === 'settings.invalid-file' && attempt === 0) {
        unusable = phrase('settings.not-json');
      } else return store;
      if (unusable !== undefined && attempt === 0) {
        this.store = undefined;
        const aside = await setSettingsFileAside(filePath, unusable, document);
        if (!aside.ok) return aside;
        if (aside.value !== undefined) this.onWarning?.(aside.value);
        continue;
      }
      this.lastDocument = document;
      const settings = parseSettings(document);
      return settings.ok ? settings : err(invalidSettingsFileError(filePath, settings.error));
    }
  }

  private async write(settings: Settings): Promise<WorkspaceResult<void>> {
    const store = this.open();
    if (!store.ok) return store;
    try {
      store.value.store = withUnknownFields(this.lastDocument, settings);
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
    if (error instanceof SyntaxError) return invalidSettingsFileError(filePath, wordedError('config', phrase('settings.not-json')));
    return settingsFileIoError(action, filePath, error);
  }
}
