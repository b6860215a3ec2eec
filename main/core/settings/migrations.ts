import { phrase, wordedError } from '../error-wording.js';
import type { WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';
import { SETTINGS_VERSION } from './schema.js';

/** A settings document as read from the file, before validation: a JSON object of unknown shape. */
export type SettingsDocument = Readonly<Record<string, unknown>>;

/** Upgrades a document of version N to version N + 1. Pure; it may leave invalid values to the schema to report. */
export type SettingsMigration = (document: SettingsDocument) => SettingsDocument;

/**
 * `SETTINGS_MIGRATIONS[n]` upgrades version n to n + 1. Version 0 is a file without a `version` field (written
 * before versioning, or by hand); its shape is the same as version 1, so it only gains the field.
 * To change the format: bump SETTINGS_VERSION, add the step from the old version here, and test it.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {
  0: (document) => ({ ...document, version: 1 }),
};

/** The version a document declares: a missing field is version 0. */
export function documentVersion(document: SettingsDocument): WorkspaceResult<number> {
  const version = document['version'];
  if (version === undefined) return ok(0);
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    return err(wordedError('config', phrase('settings.version-not-whole', { version: SETTINGS_VERSION }), [], { path: 'version' }));
  }
  return ok(version);
}

/**
 * Brings a document up to `targetVersion`, one step at a time. A document newer than this build understands is
 * refused rather than downgraded: writing it back would drop what the newer version added.
 */
export function migrateSettings(
  document: SettingsDocument,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
  targetVersion: number = SETTINGS_VERSION,
): WorkspaceResult<SettingsDocument> {
  const declared = documentVersion(document);
  if (!declared.ok) return declared;
  if (declared.value > targetVersion) {
    return err(
      wordedError('config', phrase('settings.version-newer', { version: declared.value, max: targetVersion }), [phrase('hint.settings-newer')], { path: 'version' }),
    );
  }
  let current = document;
  for (let version = declared.value; version < targetVersion; version += 1) {
    const step = migrations[version];
    if (step === undefined) {
      return err(wordedError('config', phrase('settings.version-no-step', { version }), [], { path: 'version' }));
    }
    current = step(current);
  }
  return ok(current);
}
