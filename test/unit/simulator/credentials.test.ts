// IAM token issuance, expiry and revocation, and AK/SK verification with the gateway's lock, over real HTTP.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSdkDate, signRequest } from '../../../main/core/auth/signer.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../main/simulator/server.js';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const running: RunningSimulator[] = [];
let now = T0;

async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  now = T0;
  const sim = await startSimulator({ now: () => now, ...options });
  running.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

const statusUrl = (sim: RunningSimulator) => new URL(`${sim.url}/v2/${sim.projectId}/connections/status`);

async function authError(response: Response): Promise<string> {
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error_code: string; error_msg: string };
  expect(body.error_code).toBe('APIGW.0301');
  return body.error_msg.replace('Incorrect IAM authentication information: ', '');
}

describe('IAM password tokens', () => {
  const passwordBody = (user: string, password: string, domain: string, projectId: string) =>
    JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: user, password, domain: { name: domain } } } }, scope: { project: { id: projectId } } } });
  const requestToken = (sim: RunningSimulator, body: string) =>
    fetch(`${sim.url}/v3/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json;charset=utf8' }, body });
  const demoBody = (sim: RunningSimulator) => {
    const user = sim.users[0];
    if (!user) throw new Error('no demo user');
    return passwordBody(user.user, user.password, user.domain, sim.projectId);
  };

  it('issues a token in X-Subject-Token with expires_at in ISO with microseconds, valid until then', async () => {
    const sim = await simulator({ tokenTtlMs: 3_600_000 });
    const issued = await requestToken(sim, demoBody(sim));
    expect(issued.status).toBe(201);
    const token = issued.headers.get('x-subject-token');
    expect(token).toBeTruthy();
    expect(token).not.toBe(sim.token);
    const body = (await issued.json()) as { token: { expires_at: string; project: { id: string } } };
    expect(body.token.expires_at).toBe(new Date(T0 + 3_600_000).toISOString().replace(/Z$/, '000Z'));
    expect(body.token.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(body.token.project.id).toBe(sim.projectId);
    expect(JSON.stringify(body)).not.toContain(sim.users[0]?.password);

    const headers = { 'X-Auth-Token': token ?? '' };
    expect((await fetch(statusUrl(sim), { headers })).status).toBe(200);
    now = T0 + 3_600_000 - 1;
    expect((await fetch(statusUrl(sim), { headers })).status).toBe(200);
    now = T0 + 3_600_000;
    expect(await authError(await fetch(statusUrl(sim), { headers }))).toBe(`token expires, expires_at: ${body.token.expires_at}`);
  });

  it('defaults to 24-hour tokens', async () => {
    const sim = await simulator();
    const body = (await (await requestToken(sim, demoBody(sim))).json()) as { token: { expires_at: string } };
    expect(Date.parse(body.token.expires_at)).toBe(T0 + 24 * 3_600_000);
  });

  it('revokes every issued token on demand, leaving the static token working', async () => {
    const sim = await simulator();
    const first = (await requestToken(sim, demoBody(sim))).headers.get('x-subject-token') ?? '';
    sim.revokeIssuedTokens();
    expect(await authError(await fetch(statusUrl(sim), { headers: { 'X-Auth-Token': first } }))).toBe('decrypt token fail');
    expect((await fetch(statusUrl(sim), { headers: { 'X-Auth-Token': sim.token } })).status).toBe(200);
    const second = (await requestToken(sim, demoBody(sim))).headers.get('x-subject-token') ?? '';
    expect((await fetch(statusUrl(sim), { headers: { 'X-Auth-Token': second } })).status).toBe(200);
  });

  it('answers wrong credentials like IAM does, and a wrong project or a bad body too', async () => {
    const sim = await simulator({ users: [{ user: 'alice', password: 'correct horse', domain: 'acme' }] });
    for (const body of [
      passwordBody('alice', 'wrong', 'acme', sim.projectId),
      passwordBody('bob', 'correct horse', 'acme', sim.projectId),
      passwordBody('alice', 'correct horse', 'other', sim.projectId),
    ]) {
      const response = await requestToken(sim, body);
      expect(response.status).toBe(401);
      expect(response.headers.get('x-subject-token')).toBeNull();
      expect(await response.json()).toEqual({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });
    }
    const otherProject = await requestToken(sim, passwordBody('alice', 'correct horse', 'acme', 'ffffffffffffffffffffffffffffffff'));
    expect(otherProject.status).toBe(401);
    expect(otherProject.headers.get('x-subject-token')).toBeNull();
    for (const body of ['not json', '{}', JSON.stringify({ auth: { identity: { methods: ['token'] } } })]) {
      const response = await requestToken(sim, body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: { code: number } }).error.code).toBe(400);
    }
    expect((await requestToken(sim, passwordBody('alice', 'correct horse', 'acme', sim.projectId))).status).toBe(201);
  });
});

describe('AK/SK signatures', () => {
  const signedGet = (sim: RunningSimulator, key: { ak: string; sk: string }, signedAt = now, extra: Record<string, string> = {}) => {
    const url = statusUrl(sim);
    const headers = { 'Content-Type': 'application/json', 'X-Project-Id': sim.projectId, ...extra };
    const signature = signRequest({ method: 'GET', url, headers, body: '', accessKey: key.ak, secretKey: key.sk, now: signedAt });
    return fetch(url, { headers: { ...headers, ...signature } });
  };
  const keyOf = (sim: RunningSimulator) => {
    const key = sim.accessKeys[0];
    if (!key) throw new Error('no demo access key');
    return key;
  };

  it('accepts a request signed with a known AK/SK', async () => {
    const sim = await simulator();
    const response = await signedGet(sim, keyOf(sim));
    expect(response.status).toBe(200);
    expect(sim.requests[0]?.headers['authorization']).toMatch(/^SDK-HMAC-SHA256 Access=SIMAK/);
  });

  it('accepts a request signed by the official Huawei Cloud SDK signer', async () => {
    const sim = await simulator();
    const key = keyOf(sim);
    const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js') as {
      AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
    };
    const url = statusUrl(sim);
    const headers = { 'Content-Type': 'application/json', 'X-Project-Id': sim.projectId, 'X-Sdk-Date': formatSdkDate(now) };
    const signed = AKSKSigner.sign({ method: 'GET', endpoint: url.toString(), queryParams: {}, headers }, { getAk: () => key.ak, getSk: () => key.sk });
    const response = await fetch(url, { headers: { ...headers, Authorization: signed['Authorization'] ?? '' } });
    expect(response.status).toBe(200);
  });

  it('refuses a bad signature, then locks the AK for 5 minutes after 5 of them', async () => {
    const sim = await simulator();
    const key = keyOf(sim);
    const wrong = { ak: key.ak, sk: `${key.sk}x` };
    for (let attempt = 1; attempt <= 5; attempt += 1) expect(await authError(await signedGet(sim, wrong))).toBe('verify aksk signature fail');
    expect(await authError(await signedGet(sim, key))).toBe('AK access failed to reach the limit,forbidden');
    now = T0 + 5 * 60_000 - 1000;
    expect(await authError(await signedGet(sim, key))).toBe('AK access failed to reach the limit,forbidden');
    now = T0 + 5 * 60_000;
    expect((await signedGet(sim, key)).status).toBe(200);
  });

  it('counts consecutive failures only: a good signature resets the count', async () => {
    const sim = await simulator();
    const key = keyOf(sim);
    const wrong = { ak: key.ak, sk: 'not-the-secret' };
    for (let attempt = 1; attempt <= 4; attempt += 1) expect((await signedGet(sim, wrong)).status).toBe(401);
    expect((await signedGet(sim, key)).status).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) expect((await signedGet(sim, wrong)).status).toBe(401);
    expect((await signedGet(sim, key)).status).toBe(200);
  });

  it('refuses an X-Sdk-Date more than 15 minutes off, with its own clock in the Date header', async () => {
    const sim = await simulator();
    const key = keyOf(sim);
    expect((await signedGet(sim, key, T0 - 15 * 60_000)).status).toBe(200);
    for (const skew of [-16 * 60_000, 16 * 60_000]) {
      const response = await signedGet(sim, key, T0 + skew);
      expect(response.headers.get('date')).toBe(new Date(T0).toUTCString());
      expect(await authError(response)).toBe('verify aksk signature fail');
    }
    // Skewed requests are refused before the signature check, so they do not lock the key.
    for (let attempt = 0; attempt < 5; attempt += 1) await signedGet(sim, key, T0 + 60 * 60_000);
    expect((await signedGet(sim, key)).status).toBe(200);
  });

  it('names an unknown AK (masked) and refuses a tampered request', async () => {
    const sim = await simulator();
    const key = keyOf(sim);
    expect(await authError(await signedGet(sim, { ak: 'UNKNOWNAK12345678901', sk: key.sk }))).toBe('Get secretKey failed,ak:UNKN****,err:ak not exist');
    const url = statusUrl(sim);
    const signature = signRequest({ method: 'GET', url, headers: { 'X-Project-Id': sim.projectId }, body: '', accessKey: key.ak, secretKey: key.sk, now });
    const tampered = await fetch(url, { headers: { 'X-Project-Id': 'ffffffffffffffffffffffffffffffff', ...signature } });
    expect(await authError(tampered)).toBe('verify aksk signature fail');
    const garbled = await fetch(url, { headers: { Authorization: 'SDK-HMAC-SHA256 nonsense', 'X-Sdk-Date': formatSdkDate(now) } });
    expect(await authError(garbled)).toBe('verify aksk signature fail');
  });

  it('requires the security token of a temporary key', async () => {
    const temporary = { ak: 'TEMPAK00000000000001', sk: 'temporary-secret', securityToken: 'security-token-value' };
    const sim = await simulator({ accessKeys: [temporary] });
    expect(await authError(await signedGet(sim, temporary))).toBe('verify aksk signature fail');
    expect((await signedGet(sim, temporary, now, { 'X-Security-Token': temporary.securityToken })).status).toBe(200);
  });
});
