// Accounts.checkNew: what `accounts add` can refuse before it asks for a secret.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Accounts, type AccountInput } from '../../../main/app/accounts.js';
import { FileSettingsStore } from '../../../main/node/file-settings-store.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wt-accounts-check-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PROJECT = '0123456789abcdef0123456789abcdef';
const input = (overrides: Partial<AccountInput> = {}): AccountInput => ({ name: 'Prod', region: 'cn-north-4', projectId: PROJECT, auth: 'token', ...overrides });

describe('Accounts.checkNew', () => {
  it('accepts a new account, and refuses a name taken in another case, with no secret asked for or stored', async () => {
    const secrets = new MemorySecretStore();
    const accounts = new Accounts(new FileSettingsStore(dir), secrets);
    expect(await accounts.checkNew(input())).toEqual({ ok: true, value: undefined });
    expect((await accounts.add(input(), { method: 'token', secret: { token: 'tok-1' } })).ok).toBe(true);
    const taken = await accounts.checkNew(input({ name: ' PROD ' }));
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error.message).toContain('already exists');
  });

  it.each([
    ['an empty name', input({ name: '  ' }), /name is empty/],
    ['a name with a line break', input({ name: 'prod\nTOTAL' }), /control character/],
    ['a name with an escape sequence', input({ name: 'prod\u001b[2J' }), /control character/],
    ['a bad project id', input({ projectId: 'a b' }), /whitespace/],
    ['plain http to a remote host', input({ region: undefined, endpoint: 'http://10.0.0.1' }), /plain http/],
  ])('refuses %s', async (_label, given, message) => {
    const accounts = new Accounts(new FileSettingsStore(dir), new MemorySecretStore());
    const checked = await accounts.checkNew(given);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.error.kind).toBe('config');
      expect(checked.error.message).toMatch(message);
    }
  });

  it('add refuses a control character in a name too', async () => {
    const accounts = new Accounts(new FileSettingsStore(dir), new MemorySecretStore());
    expect((await accounts.add(input({ name: 'a\u0007b' }), { method: 'token', secret: { token: 'tok-1' } })).ok).toBe(false);
  });
});
