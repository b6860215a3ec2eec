import { randomUUID } from 'node:crypto';
import { checkEndpoint, checkProjectId, formatEndpoint } from '../core/api/endpoint.js';
import { parseAccountSecret, type AccountSecret } from '../core/auth/secrets.js';
import { iamEndpointError } from '../core/auth/iam.js';
import { consistentWording, phrase, withHintAdded, wordedError, type ErrorPhrase } from '../core/error-wording.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { SecretStore, SettingsStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { REGIONS, type Account, type AuthMethod, type Region } from '../core/settings/schema.js';

/** What `accounts add` is given, before validation. The secret travels separately, straight to the keychain. */
export interface AccountInput {
  readonly name: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly projectId: string;
  readonly auth: AuthMethod;
  readonly iamEndpoint?: string;
}

/**
 * Saved accounts: the non-secret part in the settings, the secret in the OS keychain.
 *
 * Keychain keys (under the service the SecretStore was opened with):
 * - `<account id>`: the account's secret, as the JSON of its auth method's secret (core/auth/secrets.ts);
 * - `<account id>:iam-token`: the cached IAM token of a password account.
 * Keys use the id, not the name, so renaming an account keeps its secrets.
 */
export class Accounts {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly newId: () => string = randomUUID,
  ) {}

  async list(): Promise<WorkspaceResult<readonly Account[]>> {
    const settings = await this.settings.read();
    return settings.ok ? ok(settings.value.accounts) : settings;
  }

  /** The account with this name, ignoring case and surrounding spaces; `null` when there is none. */
  async find(name: string): Promise<WorkspaceResult<Account | null>> {
    const accounts = await this.list();
    if (!accounts.ok) return accounts;
    return ok(accounts.value.find((account) => sameName(account.name, name)) ?? null);
  }

  /** The account with this name (as `find` matches it), or a 'config' error listing the saved names. */
  async named(name: string): Promise<WorkspaceResult<Account>> {
    const accounts = await this.list();
    if (!accounts.ok) return accounts;
    const found = accounts.value.find((account) => sameName(account.name, name));
    if (found !== undefined) return ok(found);
    const known = accounts.value.map((account) => account.name);
    return err(
      wordedError(
        'config',
        phrase('account.no-such-name', { name: JSON.stringify(name) }),
        [known.length === 0 ? phrase('hint.no-accounts') : phrase('hint.saved-accounts', { names: known.join(', ') })],
        known.length === 0 ? { action: { do: 'add-account' } } : {},
      ),
    );
  }

  /**
   * Validates, then writes the secret to the keychain FIRST and the settings second, deleting the keychain entry
   * again when the settings cannot be written: an account is either fully added or not at all.
   */
  /**
   * Everything `add` checks that does not need the secret (name free, region, endpoint, project id), so that a
   * person is told about a taken name or a typo BEFORE typing a password, not after.
   */
  async checkNew(input: AccountInput): Promise<WorkspaceResult<void>> {
    const checked = checkAccountFields(input);
    if (!checked.ok) return checked;
    const existing = await this.find(checked.value.name);
    if (!existing.ok) return existing;
    return existing.value === null ? ok(undefined) : err(nameTakenError(existing.value.name));
  }

  async add(input: AccountInput, secret: AccountSecret): Promise<WorkspaceResult<Account>> {
    const checked = checkAccountInput(input, secret);
    if (!checked.ok) return checked;
    const { fields, storedSecret } = checked.value;
    const existing = await this.find(fields.name);
    if (!existing.ok) return existing;
    if (existing.value !== null) return err(nameTakenError(existing.value.name));

    const account: Account = { id: this.newId(), ...fields };
    const saved = await this.secrets.set(secretKey(account), storedSecret);
    if (!saved.ok) return saved;

    // Checked again inside the update: another add may have taken the name since the check above.
    let takenBy: string | undefined;
    const updated = await this.settings.update((current) => {
      takenBy = current.accounts.find((other) => sameName(other.name, account.name))?.name;
      return takenBy === undefined ? { ...current, accounts: [...current.accounts, account] } : current;
    });
    const failure = !updated.ok ? updated.error : takenBy !== undefined ? nameTakenError(takenBy) : undefined;
    if (failure === undefined) return ok(account);
    const rolledBack = await this.secrets.delete(secretKey(account));
    if (rolledBack.ok) return err(failure);
    const cause = consistentWording(rolledBack.error)?.message ?? phrase('io.other', { detail: rolledBack.error.message });
    return err(withHintAdded(failure, phrase('hint.secret-left', { key: secretKey(account), cause })));
  }

  /**
   * Deletes the keychain entries first (the secret and the IAM token cache), then the settings entry. When the
   * keychain refuses, the account stays, so no secret is left in the keychain with nothing pointing at it.
   */
  async remove(name: string): Promise<WorkspaceResult<Account>> {
    const found = await this.named(name);
    if (!found.ok) return found;
    const account = found.value;
    for (const key of [secretKey(account), this.tokenCacheKey(account)]) {
      const deleted = await this.secrets.delete(key);
      if (!deleted.ok) return err(withHintAdded(deleted.error, phrase('hint.account-kept', { name: JSON.stringify(account.name) })));
    }
    const updated = await this.settings.update((current) => ({ ...current, accounts: current.accounts.filter((other) => other.id !== account.id) }));
    return updated.ok ? ok(account) : updated;
  }

  /** The account's secret from the keychain, validated against its auth method. */
  async secretFor(account: Account): Promise<WorkspaceResult<AccountSecret>> {
    const stored = await this.secrets.get(secretKey(account));
    if (!stored.ok) return stored;
    const action = { do: 'readd-account', account: account.name } as const;
    const name = JSON.stringify(account.name);
    if (stored.value === null) return err(wordedError('keychain', phrase('account.no-secret', { name }), [phrase('hint.no-secret')], { action }));
    let document: unknown;
    try {
      document = JSON.parse(stored.value);
    } catch {
      // Never quote the entry, nor JSON.parse's message, which quotes it.
      return err(wordedError('keychain', phrase('account.secret-not-json', { name }), [phrase('hint.readd-account')], { action }));
    }
    return toAccountSecret(account.auth, document, (problem) =>
      wordedError('keychain', phrase('account.secret-wrong-kind', { name, method: account.auth, problem }), [phrase('hint.readd-account')], { action }),
    );
  }

  /** Where a password account's IAM token is cached in the keychain. */
  tokenCacheKey(account: Account): string {
    return `${account.id}:iam-token`;
  }
}

/** The keychain key of an account's secret. */
export function secretKey(account: Pick<Account, 'id'>): string {
  return account.id;
}

type AccountFields = Omit<Account, 'id'>;

function checkAccountInput(input: AccountInput, secret: AccountSecret): WorkspaceResult<{ fields: AccountFields; storedSecret: string }> {
  const fields = checkAccountFields(input);
  if (!fields.ok) return fields;
  if (secret.method !== input.auth) {
    return err(wordedError('config', phrase('account.method-mismatch', { method: input.auth, given: secret.method })));
  }
  const validSecret = toAccountSecret(input.auth, secret.secret, (problem) => wordedError('config', phrase('account.secret-invalid', { method: input.auth, problem })));
  if (!validSecret.ok) return validSecret;
  return ok({ fields: fields.value, storedSecret: JSON.stringify(validSecret.value.secret) });
}

function checkAccountFields(input: AccountInput): WorkspaceResult<AccountFields> {
  const name = input.name.trim();
  if (name === '') return err(wordedError('config', phrase('account.name-empty'), [phrase('hint.name-account')], { action: { do: 'name-account' } }));
  if (name.length > 64) return err(wordedError('config', phrase('account.name-too-long', { length: name.length, max: 64 })));
  // A name is printed in tables, notifications and logs: no line breaks or terminal escape sequences in it.
  if (/\p{Cc}/u.test(name)) return err(wordedError('config', phrase('account.name-control')));

  if ((input.region === undefined) === (input.endpoint === undefined)) {
    return err(
      wordedError('config', phrase(input.region === undefined ? 'account.region-or-endpoint' : 'account.not-both'), [phrase('hint.region-or-endpoint', { regions: REGIONS.join(', ') })], {
        action: { do: 'choose-region-or-endpoint' },
      }),
    );
  }
  let location: { region: Region } | { endpoint: string };
  if (input.region !== undefined) {
    const region = REGIONS.find((known) => known === input.region);
    if (region === undefined) {
      return err(wordedError('config', phrase('account.unknown-region', { region: JSON.stringify(input.region) }), [phrase('hint.known-regions', { regions: REGIONS.join(', ') })], { action: { do: 'choose-region-or-endpoint' } }));
    }
    location = { region };
  } else {
    const endpoint = checkEndpoint(input.endpoint ?? '');
    if (!endpoint.ok) return endpoint;
    location = { endpoint: formatEndpoint(endpoint.value) };
  }

  const projectId = checkProjectId(input.projectId);
  if (!projectId.ok) return projectId;

  let iamEndpoint: { iamEndpoint: string } | Record<string, never> = {};
  if (input.iamEndpoint !== undefined && input.auth !== 'password') {
    // Saved silently, it would suggest the token or AK/SK goes to IAM: it never does.
    return err(wordedError('config', phrase('account.iam-endpoint-method', { method: input.auth }), [phrase('hint.drop-iam-endpoint')], { action: { do: 'drop-iam-endpoint' } }));
  }
  if (input.iamEndpoint !== undefined) {
    const checked = checkEndpoint(input.iamEndpoint);
    if (!checked.ok) return err(iamEndpointError(checked.error));
    iamEndpoint = { iamEndpoint: formatEndpoint(checked.value) };
  }

  return ok({ name, ...location, projectId: projectId.value, auth: input.auth, ...iamEndpoint });
}

/** Validates a secret against its method's schema; problems name fields, never values. */
function toAccountSecret(method: AuthMethod, value: unknown, failure: (problem: ErrorPhrase) => WorkspaceError): WorkspaceResult<AccountSecret> {
  const parsed = parseAccountSecret(method, value);
  return parsed.ok ? parsed : err(failure(parsed.error));
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function nameTakenError(existing: string): WorkspaceError {
  return wordedError('config', phrase('account.name-taken', { name: JSON.stringify(existing) }), [phrase('hint.name-taken')], {
    action: { do: 'rename-or-remove-account', account: existing },
  });
}
