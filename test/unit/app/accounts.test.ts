import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Accounts, secretKey, type AccountInput } from '../../../main/app/accounts.js';
import type { AccountSecret } from '../../../main/core/auth/secrets.js';
import { workspaceError } from '../../../main/core/errors.js';
import { consistentWording } from '../../../main/core/error-wording.js';
import type { SettingsStore } from '../../../main/core/ports.js';
import { err } from '../../../main/core/result.js';
import { FileSettingsStore } from '../../../main/node/file-settings-store.js';
import { KeytarSecretStore } from '../../../main/node/keytar-secret-store.js';
import { realKeychainAvailable } from '../../fakes/keychain.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wt-accounts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;
const ids = (...values: string[]) => {
  const queue = [...values];
  return () => queue.shift() ?? crypto.randomUUID();
};
const ID_1 = '0b7c5b0e-5d0a-4c55-9a3e-2f7e1b4c9d01';
const ID_2 = '6f1d2c3b-8a9e-4f10-b2c3-d4e5f6a7b8c9';
const PROJECT = '0123456789abcdef0123456789abcdef';

function secrets() {
  return {
    token: { method: 'token', secret: { token: unique('MIItoken') } },
    password: { method: 'password', secret: { user: 'admin', password: unique('pw'), domain: 'acme' } },
    aksk: { method: 'aksk', secret: { ak: unique('AK'), sk: unique('SK'), security_token: unique('STS') } },
  } as const satisfies Record<string, AccountSecret>;
}

function setup(options: { settings?: SettingsStore; newId?: () => string } = {}) {
  const settings = options.settings ?? new FileSettingsStore(dir);
  const keychain = new MemorySecretStore();
  return { settings, keychain, accounts: new Accounts(settings, keychain, options.newId) };
}

const tokenInput = (overrides: Partial<AccountInput> = {}): AccountInput => ({ name: 'prod', region: 'cn-north-4', projectId: PROJECT, auth: 'token', ...overrides });

describe('Accounts.add', () => {
  it('saves the account in the settings and its secret, as JSON, in the keychain under the account id', async () => {
    const { accounts, keychain, settings } = setup({ newId: ids(ID_1) });
    const secret = secrets().token;
    const added = await accounts.add(tokenInput({ name: '  prod  ' }), secret);
    expect(added).toEqual({ ok: true, value: { id: ID_1, name: 'prod', region: 'cn-north-4', projectId: PROJECT, auth: 'token' } });
    expect(keychain.entries).toEqual(new Map([[ID_1, JSON.stringify(secret.secret)]]));
    expect(await settings.read()).toMatchObject({ ok: true, value: { accounts: [added.ok && added.value] } });
    expect(await accounts.list()).toEqual({ ok: true, value: [added.ok && added.value] });
  });

  it('generates a fresh UUID per account by default', async () => {
    const { accounts } = setup();
    const a = await accounts.add(tokenInput({ name: 'a' }), secrets().token);
    const b = await accounts.add(tokenInput({ name: 'b' }), secrets().token);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.value.id).not.toBe(b.value.id);
  });

  it('stores a normalised custom endpoint and IAM endpoint', async () => {
    const { accounts } = setup({ newId: ids(ID_1) });
    const added = await accounts.add(
      { name: 'private', endpoint: ' https://workspace.example.com/gateway/ ', projectId: 'p-1', auth: 'password', iamEndpoint: 'https://iam.example.com/' },
      secrets().password,
    );
    expect(added).toMatchObject({ ok: true, value: { endpoint: 'https://workspace.example.com/gateway', iamEndpoint: 'https://iam.example.com' } });
    expect(added.ok && 'region' in added.value).toBe(false);
  });

  it('refuses a name already taken, ignoring case, and touches nothing', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1, ID_2) });
    expect((await accounts.add(tokenInput(), secrets().token)).ok).toBe(true);
    const again = await accounts.add(tokenInput({ name: 'PROD' }), secrets().token);
    expect(again).toMatchObject({ ok: false, error: { kind: 'config', message: 'An account named "prod" already exists' } });
    expect([...keychain.entries.keys()]).toEqual([ID_1]);
  });

  it.each<[string, Partial<AccountInput>, RegExp]>([
    ['an empty name', { name: '   ' }, /^The account name is empty$/],
    ['a name too long', { name: 'x'.repeat(65) }, /the limit is 64/],
    ['a region and an endpoint', { endpoint: 'https://workspace.example.com' }, /^An account has a region or a custom endpoint, not both$/],
    ['neither region nor endpoint', { region: undefined }, /^An account needs a region or a custom endpoint$/],
    ['an unknown region', { region: 'mars-north-1' }, /^Unknown region "mars-north-1"$/],
    ['a bad endpoint', { region: undefined, endpoint: 'http://workspace.example.com' }, /plain http/],
    ['a bad project id', { projectId: '../other' }, /^The project id "..\/other" contains a slash/],
    ['an empty project id', { projectId: '' }, /^The project id is empty$/],
    ['a bad IAM endpoint', { auth: 'password', iamEndpoint: 'ftp://iam.example.com' }, /^IAM endpoint: the endpoint "ftp:\/\/iam\.example\.com\/" uses ftp; only https is allowed$/],
    ['an IAM endpoint on a token account', { iamEndpoint: 'https://iam.example.com' }, /^An IAM endpoint applies only to the password method, not to token$/],
  ])('refuses %s before writing anything', async (_, overrides, message) => {
    const { accounts, keychain } = setup();
    const added = await accounts.add(tokenInput(overrides), secrets().token);
    expect(added).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringMatching(message) } });
    expect(keychain.entries.size).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a secret of another method, or an incomplete one, without quoting it', async () => {
    const { accounts, keychain } = setup();
    expect(await accounts.add(tokenInput(), secrets().aksk)).toMatchObject({ ok: false, error: { message: 'The account uses the token method but the secret given is a aksk secret' } });
    const incomplete = { method: 'password', secret: { user: 'admin', password: 'hunter2-value', domain: '' } } as const;
    const added = await accounts.add(tokenInput({ auth: 'password' }), incomplete);
    expect(added).toMatchObject({ ok: false, error: { kind: 'config', message: 'The password secret is not valid: "domain" is empty' } });
    expect(JSON.stringify(added)).not.toContain('hunter2');
    expect(keychain.entries.size).toBe(0);
  });

  it('refuses a token that cannot travel in an HTTP header, without quoting it, and trims a copied newline', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1) });
    const broken = await accounts.add(tokenInput(), { method: 'token', secret: { token: 'MIIT-pasted\nhalf-of-it' } });
    expect(broken).toMatchObject({ ok: false, error: { kind: 'config', message: /^The token secret is not valid: "token" contains spaces, line breaks/ } });
    expect(JSON.stringify(broken)).not.toContain('pasted');
    expect(keychain.entries.size).toBe(0);
    expect(await accounts.add(tokenInput(), { method: 'token', secret: { token: 'MIIT-copied-token\n' } })).toMatchObject({ ok: true });
    expect(keychain.entries.get(ID_1)).toBe('{"token":"MIIT-copied-token"}');
  });

  it('writes nothing to the settings when the keychain refuses', async () => {
    const { accounts, keychain } = setup();
    keychain.refuse = 'set';
    expect(await accounts.add(tokenInput(), secrets().token)).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps a corrupt settings file aside, untouched, and adds the account to fresh settings', async () => {
    const corrupt = '{ not json';
    await writeFile(join(dir, 'config.json'), corrupt);
    const { accounts, keychain } = setup({ newId: ids(ID_1) });
    const added = await accounts.add(tokenInput(), secrets().token);
    expect(added.ok).toBe(true);
    expect(keychain.entries.size).toBe(1);
    const aside = (await readdir(dir)).filter((name) => name.startsWith('config.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(corrupt);
  });

  it('rolls back when the settings write itself fails after a good read', async () => {
    const file = new FileSettingsStore(dir);
    const failingWrite: SettingsStore = { read: () => file.read(), update: async () => err(workspaceError('config', 'Cannot write the settings file x: the disk is full (ENOSPC)')) };
    const { accounts, keychain } = setup({ settings: failingWrite, newId: ids(ID_1) });
    expect(await accounts.add(tokenInput(), secrets().token)).toMatchObject({ ok: false, error: { message: /ENOSPC/ } });
    expect(keychain.entries.size).toBe(0);
  });

  it('says so when the rollback fails too, naming the entry left behind', async () => {
    const file = new FileSettingsStore(dir);
    const keychain = new MemorySecretStore();
    const failingWrite: SettingsStore = {
      read: () => file.read(),
      update: async () => {
        keychain.refuse = 'delete';
        return err(workspaceError('config', 'Cannot write the settings file x: the disk is full (ENOSPC)'));
      },
    };
    const added = await new Accounts(failingWrite, keychain, ids(ID_1)).add(tokenInput(), secrets().token);
    expect(added).toMatchObject({ ok: false, error: { message: /ENOSPC/, hint: expect.stringContaining(`The keychain entry ${ID_1} could not be removed either`) } });
  });

  it('lets only one of two concurrent adds of the same name win, and rolls the other back', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1, ID_2) });
    const results = await Promise.all([accounts.add(tokenInput(), secrets().token), accounts.add(tokenInput({ name: 'Prod' }), secrets().token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { message: /already exists/ } });
    const listed = await accounts.list();
    expect(listed.ok && listed.value.map((account) => account.id)).toEqual([...keychain.entries.keys()]);
  });
});

describe('Accounts.find, remove and secretFor', () => {
  it('finds by name ignoring case and spaces, and returns null for an unknown name', async () => {
    const { accounts } = setup({ newId: ids(ID_1) });
    await accounts.add(tokenInput({ name: 'Prod EU' }), secrets().token);
    expect(await accounts.find(' prod eu ')).toMatchObject({ ok: true, value: { id: ID_1, name: 'Prod EU' } });
    expect(await accounts.find('prod')).toEqual({ ok: true, value: null });
  });

  it('removes the settings entry, the secret and the IAM token cache', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1, ID_2) });
    const kept = await accounts.add(tokenInput({ name: 'kept' }), secrets().token);
    const gone = await accounts.add(tokenInput({ name: 'gone', auth: 'password' }), secrets().password);
    if (!gone.ok || !kept.ok) throw new Error('setup failed');
    keychain.entries.set(accounts.tokenCacheKey(gone.value), '{"token":"cached","expiresAt":1}');
    expect(await accounts.remove('GONE')).toEqual({ ok: true, value: gone.value });
    expect([...keychain.entries.keys()]).toEqual([ID_1]);
    expect(await accounts.list()).toEqual({ ok: true, value: [kept.value] });
  });

  it('names the saved accounts when removing an unknown one, or says how to add one', async () => {
    const { accounts } = setup();
    expect(await accounts.named('alpha')).toMatchObject({ ok: false, error: { kind: 'config', hint: 'There are no saved accounts: add one.', action: { do: 'add-account' } } });
    await accounts.add(tokenInput({ name: 'alpha' }), secrets().token);
    const unknown = await accounts.remove('beta');
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'config', message: 'No account named "beta"', hint: 'Saved accounts: alpha.' } });
    expect(unknown.ok ? undefined : consistentWording(unknown.error)).toEqual({
      message: { code: 'account.no-such-name', params: { name: '"beta"' } },
      hint: [{ code: 'hint.saved-accounts', params: { names: 'alpha' } }],
    });
    expect(unknown.ok ? {} : unknown.error).not.toHaveProperty('action');
    expect(await accounts.named(' ALPHA ')).toMatchObject({ ok: true, value: { name: 'alpha' } });
  });

  it('keeps the account when the keychain refuses, so no secret is orphaned', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1) });
    await accounts.add(tokenInput(), secrets().token);
    keychain.refuse = 'delete';
    const refused = await accounts.remove('prod');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'keychain', hint: /The account "prod" was kept\.$/ } });
    // Still worded (the keychain's refusal, then the kept account), so a window can say it in its language.
    expect(refused.ok ? undefined : consistentWording(refused.error)?.hint?.map((said) => said.code)).toEqual(['hint.unlock-keyring', 'hint.account-kept']);
    expect(await accounts.find('prod')).toMatchObject({ ok: true, value: { id: ID_1 } });
    expect(keychain.entries.has(ID_1)).toBe(true);
  });

  it('reads back each kind of secret', async () => {
    const { accounts } = setup();
    const all = secrets();
    for (const [name, secret] of Object.entries(all)) {
      const added = await accounts.add(tokenInput({ name, auth: secret.method }), secret);
      if (!added.ok) throw new Error(added.error.message);
      expect(await accounts.secretFor(added.value)).toEqual({ ok: true, value: secret });
    }
  });

  it('tells to unlock or re-add when the entry is missing', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1) });
    const added = await accounts.add(tokenInput(), secrets().token);
    if (!added.ok) throw new Error('setup failed');
    keychain.entries.clear();
    const secret = await accounts.secretFor(added.value);
    expect(secret).toMatchObject({ ok: false, error: { kind: 'keychain', message: 'The OS keychain has no secret for the account "prod"' } });
    expect(secret.ok || secret.error.hint).toMatch(/unlock it.*add it again/s);
    expect(secret.ok || secret.error.action).toEqual({ do: 'readd-account', account: 'prod' });
  });

  it('reports a damaged entry without quoting it', async () => {
    const { accounts, keychain } = setup({ newId: ids(ID_1) });
    const added = await accounts.add(tokenInput({ auth: 'aksk' }), secrets().aksk);
    if (!added.ok) throw new Error('setup failed');
    keychain.entries.set(ID_1, '{"ak":"AK-visible-x","sk":');
    const broken = await accounts.secretFor(added.value);
    expect(broken).toMatchObject({ ok: false, error: { kind: 'keychain', message: 'The keychain entry of the account "prod" is not valid JSON' } });
    keychain.entries.set(ID_1, '{"ak":"AK-visible-x"}');
    const incomplete = await accounts.secretFor(added.value);
    expect(incomplete).toMatchObject({ ok: false, error: { message: 'The keychain entry of the account "prod" is not a aksk secret: "sk" is missing or not text' } });
    expect(incomplete.ok ? undefined : consistentWording(incomplete.error)?.message).toEqual({
      code: 'account.secret-wrong-kind',
      params: { name: '"prod"', method: 'aksk', problem: { code: 'secret.missing', params: { field: '"sk"' } } },
    });
    expect(JSON.stringify([broken, incomplete])).not.toContain('AK-visible');
  });

  it('keys the IAM token cache next to the secret', async () => {
    const { accounts } = setup();
    const account = { id: ID_2, name: 'n', region: 'cn-north-4', projectId: 'p', auth: 'password' } as const;
    expect(secretKey(account)).toBe(ID_2);
    expect(accounts.tokenCacheKey(account)).toBe(`${ID_2}:iam-token`);
  });
});

describe('secret hygiene', () => {
  it('never writes a secret value into the settings folder', async () => {
    const { accounts } = setup();
    const all = secrets();
    for (const [name, secret] of Object.entries(all)) expect((await accounts.add(tokenInput({ name, auth: secret.method }), secret)).ok).toBe(true);
    const written = [await readFile(join(dir, 'config.json'), 'utf8')];
    await accounts.remove('token');
    expect(await readdir(dir)).toEqual(['config.json']);
    written.push(await readFile(join(dir, 'config.json'), 'utf8'));
    // The token, password, AK, SK and security token (the user name and domain are not secret).
    const values = [all.token.secret.token, all.password.secret.password, all.aksk.secret.ak, all.aksk.secret.sk, all.aksk.secret.security_token];
    for (const text of written) for (const value of values) expect(text).not.toContain(value);
    expect(written[0]).toContain('"auth": "aksk"');
  });
});

describe.skipIf(!realKeychainAvailable())('Accounts on a real keychain', () => {
  it('adds, reads and removes every kind of account, leaving no keychain entry behind', async () => {
    const keychain = new KeytarSecretStore(unique('workspace-tray-accounts-test'));
    const accounts = new Accounts(new FileSettingsStore(dir), keychain);
    const added = [];
    for (const [name, secret] of Object.entries(secrets())) {
      const account = await accounts.add(tokenInput({ name, auth: secret.method }), secret);
      if (!account.ok) throw new Error(account.error.message);
      expect(await accounts.secretFor(account.value)).toEqual({ ok: true, value: secret });
      added.push(account.value);
    }
    for (const account of added) {
      expect(await keychain.set(accounts.tokenCacheKey(account), '{"cached":true}')).toEqual({ ok: true, value: undefined });
      expect((await accounts.remove(account.name)).ok).toBe(true);
      expect(await keychain.get(secretKey(account))).toEqual({ ok: true, value: null });
      expect(await keychain.get(accounts.tokenCacheKey(account))).toEqual({ ok: true, value: null });
    }
    expect(await accounts.list()).toEqual({ ok: true, value: [] });
  });
});
