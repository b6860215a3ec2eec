import { describe, expect, it } from 'vitest';
import { consistentWording, phrase } from '../../../../main/core/error-wording.js';
import { documentVersion, migrateSettings, SETTINGS_MIGRATIONS, type SettingsMigration } from '../../../../main/core/settings/migrations.js';
import { SETTINGS_VERSION } from '../../../../main/core/settings/schema.js';

describe('migrateSettings', () => {
  it('has a step from every version below the current one', () => {
    for (let version = 0; version < SETTINGS_VERSION; version += 1) expect(SETTINGS_MIGRATIONS[version], `step from v${version}`).toBeTypeOf('function');
  });

  it('upgrades an unversioned (v0) document to v1 without touching its values', () => {
    const v0 = { accounts: [], polling: { intervalSeconds: 90 } };
    const migrated = migrateSettings(v0);
    expect(migrated).toEqual({ ok: true, value: { version: 1, accounts: [], polling: { intervalSeconds: 90 } } });
    expect(v0).not.toHaveProperty('version');
  });

  it('leaves a current document as it is', () => {
    const v1 = { version: 1, badge: { metric: 'ready_num' } };
    expect(migrateSettings(v1)).toEqual({ ok: true, value: v1 });
  });

  it('runs the steps in order, one version at a time', () => {
    const calls: number[] = [];
    const step = (from: number): SettingsMigration => (document) => {
      calls.push(from);
      return { ...document, version: from + 1, [`seen${from}`]: true };
    };
    const migrated = migrateSettings({ version: 1 }, { 0: step(0), 1: step(1), 2: step(2) }, 3);
    expect(calls).toEqual([1, 2]);
    expect(migrated).toEqual({ ok: true, value: { version: 3, seen1: true, seen2: true } });
  });

  it('refuses a document newer than this build, naming both versions', () => {
    const migrated = migrateSettings({ version: SETTINGS_VERSION + 1 });
    expect(migrated.ok).toBe(false);
    if (migrated.ok) return;
    expect(migrated.error).toMatchObject({ kind: 'config', path: 'version' });
    expect(migrated.error.message).toBe(`version ${SETTINGS_VERSION + 1} is newer than this Workspace Tray understands (it reads up to version ${SETTINGS_VERSION})`);
    expect(migrated.error.hint).toMatch(/Update Workspace Tray/);
    expect(consistentWording(migrated.error)).toEqual({
      message: phrase('settings.version-newer', { version: SETTINGS_VERSION + 1, max: SETTINGS_VERSION }),
      hint: [phrase('hint.settings-newer')],
    });
  });

  it('reports a missing step instead of skipping it', () => {
    const migrated = migrateSettings({ version: 1 }, { 0: (document) => document }, 2);
    expect(migrated).toMatchObject({ ok: false, error: { kind: 'config', message: 'version 1 cannot be upgraded: this build has no migration from it' } });
    expect(migrated.ok ? undefined : consistentWording(migrated.error)).toEqual({ message: phrase('settings.version-no-step', { version: 1 }) });
  });

  it.each([['1'], [1.5], [-1], [null], [true]])('refuses the version %j', (version) => {
    const declared = documentVersion({ version });
    expect(declared).toMatchObject({ ok: false, error: { kind: 'config', path: 'version', message: 'version must be a whole number such as 1' } });
    expect(declared.ok ? undefined : consistentWording(declared.error)).toEqual({ message: phrase('settings.version-not-whole', { version: SETTINGS_VERSION }) });
  });
});
