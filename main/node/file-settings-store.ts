import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readlink, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { consistentWording, phrase, wordedError, type ErrorPhrase } from '../core/error-wording.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { SettingsStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { documentVersion } from '../core/settings/migrations.js';
import { invalidSettingsFileError, parseSettings } from '../core/settings/parse.js';
import { SETTINGS_VERSION, type Settings } from '../core/settings/schema.js';
import { withUnknownFields } from '../core/settings/unknown-fields.js';
import { serialUpdates } from '../core/settings/serial-updates.js';
import { SETTINGS_FILE_NAME } from './config-dir.js';
import { errorCode, fileErrorCause } from './fs-errors.js';

/** The settings folder holds account names and project ids: private to the user. */
export const SETTINGS_DIR_MODE = 0o700;
export const SETTINGS_FILE_MODE = 0o600;

/**
 * The settings file for code that runs outside Electron (the CLI), in exactly electron-store 12's format so
 * the app and the CLI share one file: `JSON.stringify(store, undefined, '\t')` with no trailing newline (conf's
 * serialiser), written atomically by a temporary file in the same folder renamed over the target (conf uses
 * `atomically`, which does the same), following a symbolic link at the path as conf does.
 *
 * Updates are serialised within this process only; the app and the CLI writing at the same instant is
 * last-writer-wins on the whole file, never a torn file.
 */
export interface SettingsStoreOptions {
  /**
   * Told when the file could not be used but the defaults could (a corrupt file, or one from a newer version, was
   * set aside): the shell shows it, since the user must learn where their old settings went.
   */
  readonly onWarning?: (warning: WorkspaceError) => void;
}

export class FileSettingsStore implements SettingsStore {
  readonly path: string;
  readonly update: SettingsStore['update'];
  /** The document last read, for the fields this build does not know (kept on write, see unknown-fields.ts). */
  private lastDocument: unknown;
  private readonly onWarning: ((warning: WorkspaceError) => void) | undefined;

  constructor(dir: string, options: SettingsStoreOptions = {}) {
    this.onWarning = options.onWarning;
    this.path = join(resolve(dir), SETTINGS_FILE_NAME);
    this.update = serialUpdates(
      () => this.read(),
      (next) => this.write(next),
    );
  }

  /**
   * A missing file is the defaults, and is not created until the first update. A corrupt file or one from a newer
   * version is set aside (see setSettingsFileAside) and the defaults are used; any other invalid file is reported.
   */
  async read(): Promise<WorkspaceResult<Settings>> {
    for (let attempt = 0; ; attempt++) {
      let text: string;
      try {
        text = await readFile(this.path, 'utf8');
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') return err(settingsFileIoError('read', this.path, error));
        this.lastDocument = undefined;
        return parseSettings({});
      }
      const document = parseSettingsJson(text);
      const unusable = document.ok ? unusableSettingsReason(document.value) : notJsonReason(document.error);
      if (unusable !== undefined && attempt === 0) {
        const aside = await setSettingsFileAside(this.path, unusable, document.ok ? document.value : undefined);
        if (!aside.ok) return aside;
        if (aside.value !== undefined) this.onWarning?.(aside.value);
        continue; // now missing: the defaults (or what another process wrote meanwhile)
      }
      if (!document.ok) return err(invalidSettingsFileError(this.path, document.error));
      this.lastDocument = document.value;
      const settings = parseSettings(document.value);
      return settings.ok ? settings : err(invalidSettingsFileError(this.path, settings.error));
    }
  }

  private async write(settings: Settings): Promise<WorkspaceResult<void>> {
    try {
      await writeFileAtomically(this.path, serializeSettings(withUnknownFields(this.lastDocument, settings)));
      return ok(undefined);
    } catch (error) {
      return err(settingsFileIoError('write', this.path, error));
    }
  }
}

/**
 * Why a settings document cannot be used at all, so that it is set aside for the defaults (not JSON, not an
 * object, or from a newer version); undefined when it can be read, or fixed by hand (an invalid value).
 */
export function unusableSettingsReason(document: unknown): ErrorPhrase | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return phrase('settings.not-json-object');
  const version = documentVersion(document as Readonly<Record<string, unknown>>);
  if (version.ok && version.value > SETTINGS_VERSION) return phrase('settings.from-newer', { version: version.value, max: SETTINGS_VERSION });
  return undefined;
}

/** Why text is not a settings document, from parseSettingsJson's error (worded there). */
function notJsonReason(error: WorkspaceError): ErrorPhrase {
  return consistentWording(error)?.message ?? phrase('settings.not-json');
}

/**
 * Renames an unusable settings file beside itself (`config.json.unreadable-<time>`, or `.v<N>-<time>` for a newer
 * version's), untouched, and says so as a warning for the user. Resolves to undefined when the file was already
 * gone (another process set it aside first).
 */
export async function setSettingsFileAside(filePath: string, why: ErrorPhrase, document: unknown): Promise<WorkspaceResult<WorkspaceError | undefined>> {
  const version = typeof document === 'object' && document !== null ? (document as Record<string, unknown>)['version'] : undefined;
  const label = typeof version === 'number' && version > SETTINGS_VERSION ? `v${version}` : 'unreadable';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '-');
  const aside = `${filePath}.${label}-${stamp}`;
  try {
    await rename(filePath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return ok(undefined);
    return err(settingsFileIoError('write', filePath, error));
  }
  return ok(wordedError('config', phrase('settings.set-aside', { path: filePath, why, aside }), [phrase(label === 'unreadable' ? 'hint.settings-repair' : 'hint.settings-update')]));
}

/** electron-store's (conf's) serialiser, byte for byte. */
export function serializeSettings(settings: Readonly<Record<string, unknown>> | Settings): string {
  return JSON.stringify(settings, undefined, '\t');
}

/** JSON text to a value, skipping a byte order mark as conf does; the error gives the place, never the content. */
export function parseSettingsJson(text: string): WorkspaceResult<unknown> {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return ok(JSON.parse(body));
  } catch (error) {
    const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    if (body.trim() === '') return err(wordedError('config', phrase('settings.empty')));
    return err(wordedError('config', position === undefined ? phrase('settings.not-json') : phrase('settings.not-json-at', lineAndColumn(body, Number(position)))));
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** A file system failure on the settings file, in plain words (the path is the user's own, safe to show). */
export function settingsFileIoError(action: 'read' | 'write', filePath: string, error: unknown): WorkspaceError {
  return wordedError('config', phrase('settings.io', { action, path: filePath, cause: fileErrorCause(error) }), [phrase('hint.settings-folder')]);
}

/** Where a write to `filePath` lands: a symbolic link there (dotfile managers) is followed, even to a file not yet created. */
async function writeTarget(filePath: string): Promise<string> {
  const resolved = await realpath(filePath).catch(() => undefined);
  if (resolved !== undefined) return resolved;
  let target = filePath;
  const seen = new Set<string>();
  while (!seen.has(target)) {
    seen.add(target);
    const link = await readlink(target).catch(() => undefined);
    if (link === undefined) break;
    target = resolve(dirname(target), link);
  }
  return target;
}

/** Writes `text` by a temporary file in the same folder renamed over the target: a reader sees the old file or the new one. */
export async function writeFileAtomically(filePath: string, text: string): Promise<void> {
  const target = await writeTarget(filePath);
  // Only folders created here get the private mode: an existing folder (a chosen WORKSPACE_TRAY_CONFIG_DIR) keeps its own.
  await mkdir(dirname(target), { recursive: true, mode: SETTINGS_DIR_MODE });
  const temporary = `${target}.tmp-${randomBytes(8).toString('hex')}`;
  try {
    const handle = await open(temporary, 'wx', SETTINGS_FILE_MODE);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

