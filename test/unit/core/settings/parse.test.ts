import { describe, expect, it } from 'vitest';
import { consistentWording, phrase, phrasesOf, wordedError } from '../../../../main/core/error-wording.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../../../../main/core/errors.js';
import { formatSettingsPath, invalidSettingsFileError, parseSettings } from '../../../../main/core/settings/parse.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../main/core/settings/schema.js';

const ID_A = '0b7c5b0e-5d0a-4c55-9a3e-2f7e1b4c9d01';
const ID_B = '6f1d2c3b-8a9e-4f10-b2c3-d4e5f6a7b8c9';
const account = (overrides: Record<string, unknown> = {}) => ({ id: ID_A, name: 'prod', region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', auth: 'token', ...overrides });

function failure(result: WorkspaceResult<Settings>) {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** The phrase codes of an error whose wording says what its English says (so a window can say it in Chinese). */
function wordedCodes(error: WorkspaceError): string[] {
  const wording = consistentWording(error);
  if (wording === undefined) throw new Error(`not worded: ${error.message}`);
  expect(wording).toBe(error.wording);
  return phrasesOf(wording).map((said) => said.code);
}

describe('parseSettings', () => {
  it('reads an empty object (and an unversioned file) as the defaults', () => {
    expect(parseSettings({})).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS.version).toBe(1);
  });

  it('keeps valid values and fills in missing ones', () => {
    const parsed = parseSettings({ version: 1, polling: { intervalSeconds: 300 }, accounts: [account()] });
    expect(parsed.ok && parsed.value.polling).toEqual({ intervalSeconds: 300, timeoutSeconds: 20 });
    expect(parsed.ok && parsed.value.accounts).toEqual([account()]);
  });

  it('accepts a null-prototype object, as electron-store hands it out', () => {
    const document = Object.assign(Object.create(null) as object, { version: 1, badge: { metric: 'ready_num' } });
    expect(parseSettings(document)).toMatchObject({ ok: true, value: { badge: { metric: 'ready_num' } } });
  });

  it('states the whole range of a number, with the path', () => {
    const error = failure(parseSettings({ polling: { intervalSeconds: 5 } }));
    expect(error).toEqual({
      kind: 'config',
      message: 'polling.intervalSeconds must be between 15 and 3600 (found 5)',
      path: 'polling.intervalSeconds',
      wording: { message: phrase('setting.between', { path: 'polling.intervalSeconds', min: 15, max: 3600, found: 5 }) },
    });
    expect(failure(parseSettings({ polling: { intervalSeconds: 4000 } })).message).toBe('polling.intervalSeconds must be between 15 and 3600 (found 4000)');
    expect(failure(parseSettings({ alerts: { groupMinShare: 1.5 } })).message).toBe('alerts.groupMinShare must be between 0 and 1 (found 1.5)');
  });

  it('names wrong types in plain words, without quoting text', () => {
    expect(failure(parseSettings({ polling: { timeoutSeconds: 2.5 } })).message).toBe('polling.timeoutSeconds must be a whole number (found the number 2.5)');
    expect(failure(parseSettings({ alerts: { enabled: 'yes-secret-ish' } })).message).toBe('alerts.enabled must be true or false (found text)');
    expect(failure(parseSettings({ accounts: {} })).message).toBe('accounts must be a list ([ ... ]) (found an object)');
  });

  it('lists the allowed values of an enum', () => {
    const error = failure(parseSettings({ accounts: [account({ auth: 'oauth' })] }));
    expect(error.message).toBe('accounts[0].auth must be one of token, password, aksk');
    expect(error.path).toBe('accounts[0].auth');
  });

  it('says which field is missing, and why a whole account is wrong', () => {
    expect(failure(parseSettings({ accounts: [{ name: 'x', region: 'cn-north-4' }] })).message).toBe(
      'accounts[0].id is missing; accounts[0].projectId is missing; accounts[0].auth is missing',
    );
    expect(failure(parseSettings({ accounts: [account({ endpoint: 'https://example.com' })] })).message).toBe(
      'accounts[0]: an account has either a region or a custom endpoint, not both and not neither',
    );
    expect(failure(parseSettings({ accounts: [account({ id: 'not-a-uuid', name: '  ' })] })).message).toBe(
      'accounts[0].id must be a UUID such as 123e4567-e89b-42d3-a456-426614174000; accounts[0].name must not be empty',
    );
  });

  it('refuses duplicate names (ignoring case) and ids, which would make accounts ambiguous', () => {
    const error = failure(parseSettings({ accounts: [account(), account({ name: 'PROD' })] }));
    expect(error.message).toBe(
      'accounts[1].name "PROD" is already the name of accounts[0] (names must differ, ignoring case); accounts[1].id repeats the id of accounts[0] (each account needs its own)',
    );
    expect(parseSettings({ accounts: [account(), account({ id: ID_B, name: 'test' })] }).ok).toBe(true);
  });

  it('checks endpoints and project ids like the request path does', () => {
    const error = failure(parseSettings({ accounts: [account({ region: undefined, endpoint: 'http://workspace.example.com', projectId: 'a/b' })] }));
    expect(error.message).toMatch(/^accounts\[0\]\.projectId: the project id "a\/b" contains a slash/);
    expect(error.message).toMatch(/accounts\[0\]\.endpoint: the endpoint "http:\/\/workspace\.example\.com\/" uses plain http/);
    expect(failure(parseSettings({ accounts: [account({ iamEndpoint: 'ftp://iam' })] })).path).toBe('accounts[0].iamEndpoint');
  });

  it('lists at most five problems, then counts the rest', () => {
    const error = failure(parseSettings({ alerts: { groupMinRise: 0, groupMinShare: -1, fleetMinRise: 0, fleetMinShare: 2, baselineWindowMinutes: 0, cooldownMinutes: -1, enabled: 1 } }));
    expect(error.message.split('; ')).toHaveLength(6);
    expect(error.message).toMatch(/; and 2 more problems$/);
  });

  it.each([[[]], [null], ['{}'], [42]])('refuses %j: settings are an object', (raw) => {
    expect(failure(parseSettings(raw)).message).toMatch(/^the settings must be a JSON object \(\{ \.\.\. \}\), not /);
  });

  it('refuses an unknown version rather than guessing', () => {
    expect(failure(parseSettings({ version: 2 })).message).toMatch(/^version 2 is newer than this Workspace Tray understands/);
  });

  it('words every problem the schema and the account checks find, the setting and the values as facts', () => {
    const cases: Array<[unknown, string[]]> = [
      [{ polling: { timeoutSeconds: 2.5 } }, ['setting.type', 'setting.expect-int', 'setting.found-number']],
      [{ alerts: { enabled: 'yes-secret-ish' } }, ['setting.type', 'expected.boolean', 'setting.found-text']],
      [{ accounts: {} }, ['setting.type', 'setting.expect-array', 'json.object']],
      [{ notifications: { showUserNames: null } }, ['setting.type', 'expected.boolean', 'json.null']],
      [{ notifications: { pausedUntil: -5 } }, ['setting.between']],
      [{ accounts: [account({ auth: 'oauth' })] }, ['setting.one-of']],
      [{ version: 1, badge: { metric: 'nope' } }, ['setting.one-of']],
      [{ accounts: [{ name: 'x', region: 'cn-north-4' }] }, ['settings.problems', 'setting.missing', 'settings.problems', 'setting.missing', 'setting.missing']],
      [{ accounts: [account({ endpoint: 'https://example.com' })] }, ['setting.region-or-endpoint']],
      [{ accounts: [account({ id: 'not-a-uuid', name: '  ' })] }, ['settings.problems', 'setting.uuid', 'setting.empty']],
      [{ accounts: [account({ name: 'n'.repeat(65) })] }, ['setting.max-chars']],
      [{ accounts: [account(), account({ name: 'PROD' })] }, ['settings.problems', 'setting.name-repeated', 'setting.id-repeated']],
      [[], ['settings.not-object', 'setting.found-list']],
      [42, ['settings.not-object', 'setting.found-whole']],
      [{ version: 'one' }, ['settings.version-not-whole']],
      [{ version: 2 }, ['settings.version-newer', 'hint.settings-newer']],
    ];
    for (const [raw, codes] of cases) expect(wordedCodes(failure(parseSettings(raw))), JSON.stringify(raw)).toEqual(codes);
  });

  it('counts the problems past five in words too, one or many', () => {
    const many = failure(parseSettings({ alerts: { groupMinRise: 0, groupMinShare: -1, fleetMinRise: 0, fleetMinShare: 2, baselineWindowMinutes: 0, cooldownMinutes: -1, enabled: 1 } }));
    expect(wordedCodes(many)[0]).toBe('settings.more');
    const six = failure(parseSettings({ alerts: { groupMinRise: 0, groupMinShare: -1, fleetMinRise: 0, fleetMinShare: 2, baselineWindowMinutes: 0, cooldownMinutes: -1 } }));
    expect(six.message).toMatch(/; and 1 more problem$/);
    expect(wordedCodes(six)[0]).toBe('settings.one-more');
  });

  it('words an account\'s endpoint and project id problems as their own checks word them', () => {
    const error = failure(parseSettings({ accounts: [account({ region: undefined, endpoint: 'http://workspace.example.com', projectId: 'a/b' })] }));
    expect(error.message).toMatch(/^accounts\[0\]\.projectId: the project id "a\/b" contains a slash \(\/\); /);
    expect(error.message).toMatch(/; accounts\[0\]\.endpoint: the endpoint "http:\/\/workspace\.example\.com\/" uses plain http to a remote host/);
    expect(phrasesOf(consistentWording(error) ?? { message: phrase('json.null') }).map((said) => said.code)).toEqual(
      expect.arrayContaining(['setting.field', 'endpoint.plain-http', 'project.contains', 'char.slash']),
    );
  });

  it('drops keys it does not know (they are not ours to keep)', () => {
    expect(parseSettings({ version: 1, theme: 'dark' })).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });
});

describe('invalidSettingsFileError', () => {
  it('names the file, keeps the path, and promises the file is left alone', () => {
    const error = invalidSettingsFileError('/home/u/.config/Workspace Tray/config.json', failure(parseSettings({ polling: { intervalSeconds: 1 } })));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('The settings file /home/u/.config/Workspace Tray/config.json is invalid: polling.intervalSeconds must be between 15 and 3600 (found 1)');
    expect(error.path).toBe('polling.intervalSeconds');
    expect(error.hint).toMatch(/never overwrites a settings file it cannot read/);
    expect(wordedCodes(error)).toEqual(['settings.invalid-file', 'setting.between', 'hint.settings-fix-file']);
  });

  it("keeps the cause's hint before its own, worded; a cause in English only keeps the English", () => {
    const newer = invalidSettingsFileError('/c/config.json', failure(parseSettings({ version: 7 })));
    expect(newer.message).toBe('The settings file /c/config.json is invalid: version 7 is newer than this Workspace Tray understands (it reads up to version 1)');
    expect(newer.hint).toBe(
      'Update Workspace Tray, or restore a settings file written by this version. Correct the file, or move it away to start from the defaults; Workspace Tray never overwrites a settings file it cannot read.',
    );
    expect(wordedCodes(newer)).toEqual(['settings.invalid-file', 'settings.version-newer', 'hint.settings-newer', 'hint.settings-fix-file']);
    expect(wordedCodes(invalidSettingsFileError('/c/config.json', wordedError('config', phrase('settings.not-json'))))).toEqual(['settings.invalid-file', 'settings.not-json', 'hint.settings-fix-file']);
    const english = invalidSettingsFileError('/c/config.json', workspaceError('config', 'something odd', { hint: 'Look.' }));
    expect(english).toEqual({ kind: 'config', message: 'The settings file /c/config.json is invalid: something odd', hint: `Look. ${newer.hint?.slice(newer.hint.indexOf('Correct'))}` });
  });
});

describe('formatSettingsPath', () => {
  it('writes indexes in brackets', () => {
    expect(formatSettingsPath(['accounts', 2, 'projectId'])).toBe('accounts[2].projectId');
    expect(formatSettingsPath([])).toBe('the settings');
  });
});
