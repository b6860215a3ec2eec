// Each auth method end to end: the authenticators and fetchConnectionStatus against the project's simulator
// (its IAM endpoint, token registry and AK/SK gateway with the 5-failure lock), over real loopback HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../../main/app/auth/create-authenticator.js';
import { fetchConnectionStatus } from '../../../../main/app/workspace-client.js';
import type { AccountSecret } from '../../../../main/core/auth/secrets.js';
import type { WorkspaceError } from '../../../../main/core/errors.js';
import { defaultAccessKeys } from '../../../../main/simulator/credentials.js';
import { DEFAULT_SEED, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../../main/simulator/server.js';
import { FAKE_EPOCH, FakeClock } from '../../../fakes/fake-clock.js';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.js';
import { everyTextOf } from './fixtures.js';

const MINUTE = 60_000;
const TEMPORARY = { ak: 'SIMTEMPAK00000000001', sk: 'temporary-secret-key-0123456789abcdefghij', securityToken: 'gQpzZWN1cml0eS10b2tlbi1zaW11bGF0b3I' };

let sim: RunningSimulator;
let clock: FakeClock;
/** The simulator's clock minus ours. */
let simulatorOffsetMs = 0;
const errors: WorkspaceError[] = [];

const start = async (options: SimulatorOptions = {}) => {
  clock = new FakeClock();
  simulatorOffsetMs = 0;
  sim = await startSimulator({ scenario: 'steady', now: () => clock.now() + simulatorOffsetMs, ...options });
};

const secretsOf = (): string[] => [
  sim.token,
  ...sim.users.map((user) => user.password),
  ...sim.accessKeys.flatMap((key) => [key.sk, key.securityToken ?? '']),
  ...sim.requests.map((request) => request.headers['x-auth-token'] ?? ''),
  'wrong-password-value',
  'wrong-secret-key-value',
].filter((secret) => secret.length > 0);

const status = async (secret: AccountSecret, store = new MemorySecretStore()) => {
  const auth = createAuthenticator(secret, { http: fetch, clock, iamEndpoint: sim.url, projectId: sim.projectId, secrets: store, tokenCacheKey: 'cache' });
  const result = await fetchConnectionStatus({ endpoint: sim.url, projectId: sim.projectId }, { http: fetch, auth, clock });
  if (!result.ok) errors.push(result.error);
  return result;
};

const iamCalls = () => sim.requests.filter((request) => request.target === '/v3/auth/tokens').length;

describe('authenticators against the simulator', () => {
  afterEach(async () => {
    // Secret hygiene: whatever went wrong, no secret value reached an error.
    const secrets = secretsOf();
    for (const error of errors.splice(0)) for (const secret of secrets) expect(everyTextOf(error)).not.toContain(secret);
    await sim.close();
  });

  it('token: works, then asks for a new token once it expires', async () => {
    await start({ tokenExpiresAt: FAKE_EPOCH + 60 * MINUTE });
    const token: AccountSecret = { method: 'token', secret: { token: sim.token } };
    expect((await status(token)).ok).toBe(true);
    clock.advance(61 * MINUTE);
    const expired = await status(token);
    expect(expired).toMatchObject({ ok: false, error: { kind: 'auth', message: 'The X-Auth-Token has expired', hint: expect.stringContaining('Paste a new token'), action: { do: 'replace-token' } } });
    expect(sim.statusRequests).toBe(2);
  });

  it('password: fetches a token, reuses it, refreshes before expiry and once after revocation', async () => {
    await start({ tokenTtlMs: 60 * MINUTE });
    const user = sim.users[0];
    if (!user) throw new Error('the simulator has no user');
    const password: AccountSecret = { method: 'password', secret: { user: user.user, password: user.password, domain: user.domain } };
    const store = new MemorySecretStore();
    expect((await status(password, store)).ok).toBe(true);
    expect((await status(password, store)).ok).toBe(true); // a new authenticator, the keychain's token
    expect(iamCalls()).toBe(1);

    clock.advance(50 * MINUTE); // within a quarter of the hour-long lifetime of its end
    expect((await status(password, store)).ok).toBe(true);
    expect(iamCalls()).toBe(2);

    sim.revokeIssuedTokens();
    expect((await status(password, store)).ok).toBe(true);
    expect(iamCalls()).toBe(3);
    expect(sim.statusRequests).toBe(5);
  });

  it('password: a wrong password is an auth error and nothing reaches Workspace', async () => {
    await start();
    const user = sim.users[0];
    if (!user) throw new Error('the simulator has no user');
    const wrong = await status({ method: 'password', secret: { user: user.user, password: 'wrong-password-value', domain: user.domain } });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401, hint: expect.stringContaining('user name, password or account (domain) name is wrong') } });
    expect(sim.statusRequests).toBe(0);
  });

  it('aksk: signed requests pass, including a temporary key with its security token', async () => {
    await start({ accessKeys: [...defaultAccessKeys(DEFAULT_SEED), TEMPORARY] });
    const key = sim.accessKeys[0];
    if (!key) throw new Error('the simulator has no key');
    expect((await status({ method: 'aksk', secret: { ak: key.ak, sk: key.sk } })).ok).toBe(true);
    expect((await status({ method: 'aksk', secret: { ak: TEMPORARY.ak, sk: TEMPORARY.sk, security_token: TEMPORARY.securityToken } })).ok).toBe(true);
    expect((await status({ method: 'aksk', secret: { ak: TEMPORARY.ak, sk: TEMPORARY.sk } })).ok).toBe(false);
  });

  it('aksk: a wrong SK is reported once per poll, then the lock is explained', async () => {
    await start();
    const key = sim.accessKeys[0];
    if (!key) throw new Error('the simulator has no key');
    const wrong: AccountSecret = { method: 'aksk', secret: { ak: key.ak, sk: 'wrong-secret-key-value' } };
    for (let poll = 0; poll < 5; poll++) {
      expect(await status(wrong)).toMatchObject({ ok: false, error: { kind: 'auth', hint: expect.stringContaining('Check the AK/SK pair') } });
    }
    expect(sim.statusRequests).toBe(5);
    const locked = await status({ method: 'aksk', secret: { ak: key.ak, sk: key.sk } });
    expect(locked).toMatchObject({ ok: false, error: { kind: 'auth', message: expect.stringContaining('locked this access key for 5 minutes') } });
    clock.advance(5 * MINUTE);
    expect((await status({ method: 'aksk', secret: { ak: key.ak, sk: key.sk } })).ok).toBe(true);
  });

  it('aksk: a clock 20 minutes off is named, not retried', async () => {
    await start();
    const key = sim.accessKeys[0];
    if (!key) throw new Error('the simulator has no key');
    simulatorOffsetMs = 20 * MINUTE; // the server is ahead: this computer is behind
    const skewed = await status({ method: 'aksk', secret: { ak: key.ak, sk: key.sk } });
    expect(skewed).toMatchObject({ ok: false, error: { kind: 'clock-skew', message: expect.stringContaining("This computer's clock is 20 minutes behind the server's") } });
    expect(sim.statusRequests).toBe(1);
  });
});

