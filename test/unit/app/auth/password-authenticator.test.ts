import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../../main/app/auth/create-authenticator.js';
import { PasswordAuthenticator, refreshMarginMs } from '../../../../main/app/auth/password-authenticator.js';
import { fetchConnectionStatus } from '../../../../main/app/workspace-client.js';
import type { Authenticator } from '../../../../main/core/auth/authenticator.js';
import type { WorkspaceError } from '../../../../main/core/errors.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { replyWith, startLoopbackServer, type LoopbackServer, type Reply } from '../../../fakes/loopback-server.js';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.js';
import { everyTextOf, iamTime, statusBody } from './fixtures.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const SECRET = { user: 'ops-admin', password: 'Pa55-word-never-shown', domain: 'acme-corp' };
const CACHE_KEY = 'account-1/iam-token';
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const request = { method: 'GET' as const, url: new URL(`http://127.0.0.1/v2/${PROJECT}/connections/status`), headers: {}, body: '' };

/** IAM and Workspace on one loopback server: IAM issues tokens for SECRET; Workspace accepts the valid ones. */
class FakeCloud {
  readonly valid = new Set<string>();
  readonly issued: string[] = [];
  iamCalls = 0;
  statusCalls = 0;
  ttlMs = 24 * HOUR;
  /** IAM's clock minus this computer's: IAM states times on its own clock. */
  serverOffsetMs = 0;
  /** Which statements of the issue time IAM's answer carries (without a Date of ours, node:http would add the real time). */
  sendsIssuedAt = true;
  sendsDate = true;
  /** Overrides IAM's answer (wrong password, outage, ...). */
  iamReply: (() => Reply) | null = null;
  /** Workspace refuses every token, even fresh ones. */
  refuseAll = false;
  /** Holds IAM answers until released, to make calls overlap. */
  gate: Promise<void> | null = null;
  server!: LoopbackServer;

  constructor(private readonly clock: FakeClock) {}

  async start(): Promise<this> {
    const scripted = replyWith(async (req) => {
      if (req.method === 'POST' && req.path === '/v3/auth/tokens') {
        this.iamCalls++;
        if (this.gate) await this.gate;
        return this.iamReply ? this.iamReply() : this.issue(req.body, req.headers['content-type'] ?? '');
      }
      if (req.method === 'GET' && req.path === `/v2/${PROJECT}/connections/status`) {
        this.statusCalls++;
        if (!this.refuseAll && this.valid.has(req.headers['x-auth-token'] ?? '')) return { status: 200, body: statusBody() };
        return { status: 401, body: JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: decrypt token fail' }) };
      }
      return { status: 404, body: '{}' };
    });
    this.server = await startLoopbackServer((request, response, received) => {
      response.sendDate = this.sendsDate;
      scripted(request, response, received);
    });
    return this;
  }

  private issue(body: string, contentType: string): Reply {
    const expected = {
      auth: {
        identity: { methods: ['password'], password: { user: { name: SECRET.user, password: SECRET.password, domain: { name: SECRET.domain } } } },
        scope: { project: { id: PROJECT } },
      },
    };
    if (!contentType.startsWith('application/json') || JSON.stringify(JSON.parse(body)) !== JSON.stringify(expected)) {
      return { status: 401, body: JSON.stringify({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }) };
    }
    const token = `MIIT-token-${this.issued.length + 1}-${'x'.repeat(40)}`;
    this.issued.push(token);
    this.valid.add(token);
    const serverNow = this.clock.now() + this.serverOffsetMs;
    return {
      status: 201,
      headers: { 'X-Subject-Token': token, ...(this.sendsDate ? { Date: new Date(serverNow).toUTCString() } : {}) },
      body: JSON.stringify({
        token: { expires_at: iamTime(serverNow + this.ttlMs), ...(this.sendsIssuedAt ? { issued_at: iamTime(serverNow) } : {}), methods: ['password'] },
      }),
    };
  }
}

let cloud: FakeCloud;
let clock: FakeClock;
let store: MemorySecretStore;

const authenticator = (overrides: Partial<ConstructorParameters<typeof PasswordAuthenticator>[0]> = {}): Authenticator =>
  new PasswordAuthenticator({ http: fetch, clock, secret: SECRET, projectId: PROJECT, iamEndpoint: cloud.server.url, secrets: store, tokenCacheKey: CACHE_KEY, ...overrides });

const tokenOf = async (auth: Authenticator): Promise<string> => {
  const headers = await auth.authorize(request);
  if (!headers.ok) throw new Error(`authorize failed: ${headers.error.message}`);
  return headers.value['X-Auth-Token'] ?? 'none';
};

const status = (auth: Authenticator) => fetchConnectionStatus({ endpoint: cloud.server.url, projectId: PROJECT }, { http: fetch, auth, clock });

const expectNoSecrets = (error: WorkspaceError): void => {
  const text = everyTextOf(error);
  for (const secret of [SECRET.password, ...cloud.issued]) expect(text).not.toContain(secret);
};

describe('PasswordAuthenticator over HTTP', () => {
  afterEach(async () => {
    await cloud.server.close();
  });

  const setUp = async () => {
    clock = new FakeClock();
    store = new MemorySecretStore();
    cloud = await new FakeCloud(clock).start();
  };

  it('fetches a project-scoped token and caches it in the keychain as JSON', async () => {
    await setUp();
    const auth = authenticator();
    expect(await tokenOf(auth)).toBe(cloud.issued[0]);
    expect(cloud.iamCalls).toBe(1);
    expect(JSON.parse(store.entries.get(CACHE_KEY) ?? 'null')).toEqual({ token: cloud.issued[0], expiresAt: clock.now() + 24 * HOUR, issuedAt: clock.now() });
    const answered = await status(auth);
    expect(answered.ok).toBe(true);
  });

  it('reuses the token, in memory and from the keychain after a restart', async () => {
    await setUp();
    await tokenOf(authenticator());
    clock.advance(5 * HOUR);
    const restarted = authenticator();
    expect(await tokenOf(restarted)).toBe(cloud.issued[0]);
    expect(await tokenOf(restarted)).toBe(cloud.issued[0]);
    expect(cloud.iamCalls).toBe(1);
  });

  it('refreshes ten minutes before expires_at, and proportionately sooner for short-lived tokens', async () => {
    await setUp();
    const auth = authenticator();
    await tokenOf(auth);
    clock.advance(24 * HOUR - 11 * MINUTE);
    expect(await tokenOf(auth)).toBe(cloud.issued[0]);
    clock.advance(2 * MINUTE);
    expect(await tokenOf(auth)).toBe(cloud.issued[1]);
    expect(cloud.iamCalls).toBe(2);

    cloud.ttlMs = 8 * MINUTE;
    clock.advance(24 * HOUR);
    expect(await tokenOf(auth)).toBe(cloud.issued[2]);
    clock.advance(5 * MINUTE);
    expect(await tokenOf(auth)).toBe(cloud.issued[2]);
    clock.advance(1 * MINUTE + 1);
    expect(await tokenOf(auth)).toBe(cloud.issued[3]);
    expect(refreshMarginMs({ issuedAt: 0, expiresAt: 8 * MINUTE })).toBe(2 * MINUTE);
    expect(refreshMarginMs({ expiresAt: 8 * MINUTE })).toBe(10 * MINUTE);
  });

  it("judges expiry on IAM's clock when this computer's clock is days off, from issued_at or else the Date header", async () => {
    for (const sendsIssuedAt of [true, false]) {
      await setUp();
      cloud.sendsIssuedAt = sendsIssuedAt;
      // This computer is 3 days behind IAM: expires_at looks 4 days away, yet the token dies in 24 hours.
      cloud.serverOffsetMs = 3 * 24 * HOUR;
      const behind = authenticator();
      await tokenOf(behind);
      clock.advance(24 * HOUR - 11 * MINUTE);
      expect(await tokenOf(behind)).toBe(cloud.issued[0]);
      clock.advance(2 * MINUTE);
      expect(await tokenOf(behind)).toBe(cloud.issued[1]);

      // This computer is 3 days ahead: expires_at is already past by the local clock, yet the token is fresh.
      cloud.serverOffsetMs = -3 * 24 * HOUR;
      store.entries.clear();
      const ahead = authenticator();
      const first = await tokenOf(ahead);
      clock.advance(HOUR);
      expect(await tokenOf(ahead)).toBe(first);
      expect(await tokenOf(authenticator())).toBe(first); // and after a restart, from the keychain
      expect(cloud.iamCalls, `issued_at sent: ${sendsIssuedAt}`).toBe(3);
      await cloud.server.close();
    }
    cloud = await new FakeCloud(clock).start(); // for afterEach
  });

  it('falls back to expires_at on the local clock when IAM states no issue time', async () => {
    await setUp();
    cloud.sendsIssuedAt = false;
    cloud.sendsDate = false;
    const auth = authenticator();
    await tokenOf(auth);
    expect(JSON.parse(store.entries.get(CACHE_KEY) ?? 'null')).toMatchObject({ expiresAt: clock.now() + 24 * HOUR });
    clock.advance(24 * HOUR - 9 * MINUTE);
    expect(await tokenOf(auth)).toBe(cloud.issued[1]);
  });

  it('ignores an expired or unreadable cached token', async () => {
    await setUp();
    store.entries.set(CACHE_KEY, JSON.stringify({ token: 'old-token', expiresAt: clock.now() + 5 * MINUTE }));
    expect(await tokenOf(authenticator())).toBe(cloud.issued[0]);
    store.entries.set(CACHE_KEY, '{not json');
    expect(await tokenOf(authenticator())).toBe(cloud.issued[1]);
    expect(cloud.iamCalls).toBe(2);
  });

  it('works without a keychain, caching in memory', async () => {
    await setUp();
    const auth = createAuthenticator({ method: 'password', secret: SECRET }, { http: fetch, clock, iamEndpoint: cloud.server.url, projectId: PROJECT });
    expect(auth.method).toBe('password');
    expect(await tokenOf(auth)).toBe(await tokenOf(auth));
    expect(cloud.iamCalls).toBe(1);
    expect(store.writes).toBe(0);
  });

  it('shares one IAM request between concurrent callers', async () => {
    await setUp();
    let release = (): void => undefined;
    cloud.gate = new Promise((resolve) => (release = resolve));
    const auth = authenticator();
    const waiting = Promise.all(Array.from({ length: 5 }, () => tokenOf(auth)));
    while (cloud.iamCalls === 0) await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(new Set(await waiting)).toEqual(new Set([cloud.issued[0]]));
    expect(cloud.iamCalls).toBe(1);
  });

  it('refetches once after a 401 and retries the request', async () => {
    await setUp();
    const auth = authenticator();
    expect((await status(auth)).ok).toBe(true);
    cloud.valid.clear(); // the password changed: every token issued so far stops working
    const answered = await status(auth);
    expect(answered.ok).toBe(true);
    expect(cloud.iamCalls).toBe(2);
    expect(cloud.statusCalls).toBe(3);
    expect(JSON.parse(store.entries.get(CACHE_KEY) ?? 'null')).toMatchObject({ token: cloud.issued[1] });
  });

  it('does not loop when the fresh token is refused too', async () => {
    await setUp();
    const auth = authenticator();
    await tokenOf(auth);
    cloud.refuseAll = true;
    const answered = await status(auth);
    expect(answered.ok).toBe(false);
    if (answered.ok) return;
    expect(answered.error).toMatchObject({ kind: 'auth', httpStatus: 401, errorCode: 'APIGW.0301' });
    expect(cloud.iamCalls).toBe(2);
    expect(cloud.statusCalls).toBe(2);
    expectNoSecrets(answered.error);
  });

  it('after a 401, reports why IAM refused a new token and forgets the refused one', async () => {
    await setUp();
    const auth = authenticator();
    await tokenOf(auth);
    cloud.valid.clear();
    cloud.iamReply = () => ({ status: 401, body: JSON.stringify({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }) });
    const answered = await status(auth);
    expect(answered).toMatchObject({ ok: false, error: { kind: 'auth', errorMsg: 'The username or password is wrong.' } });
    expect(store.entries.has(CACHE_KEY)).toBe(false);
    expect(cloud.iamCalls).toBe(2);
  });

  it('reports a wrong password in plain words, without the password', async () => {
    await setUp();
    const auth = authenticator({ secret: { ...SECRET, password: 'Wrong-pa55word!' } });
    const answered = await status(auth);
    expect(answered.ok).toBe(false);
    if (answered.ok) return;
    expect(answered.error).toMatchObject({ kind: 'auth', httpStatus: 401, errorMsg: 'The username or password is wrong.' });
    expect(answered.error.message).toContain('"ops-admin"');
    expect(answered.error.hint).toContain('user name, password or account (domain) name is wrong');
    expect(everyTextOf(answered.error)).not.toContain('Wrong-pa55word!');
    expect(cloud.statusCalls).toBe(0);
  });

  it('maps IAM failures: throttling with Retry-After, an outage, an answer without a token', async () => {
    await setUp();
    cloud.iamReply = () => ({ status: 429, headers: { 'Retry-After': '30' }, body: JSON.stringify({ error_code: 'APIGW.0308', error_msg: 'policy user over ratelimit, limit:10, time:1 minute' }) });
    expect(await authenticator().authorize(request)).toMatchObject({ ok: false, error: { kind: 'throttled', retryAfterMs: 30_000, errorCode: 'APIGW.0308' } });
    cloud.iamReply = () => ({ status: 503, body: '<html><title>Service Unavailable</title></html>' });
    expect(await authenticator().authorize(request)).toMatchObject({ ok: false, error: { kind: 'service', httpStatus: 503 } });
    cloud.iamReply = () => ({ status: 201, body: JSON.stringify({ token: { expires_at: iamTime(clock.now() + HOUR) } }) });
    expect(await authenticator().authorize(request)).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
  });

  it('scrubs the password from an IAM error that echoes it', async () => {
    await setUp();
    cloud.iamReply = () => ({ status: 400, body: JSON.stringify({ error: { code: 400, message: `bad password ${SECRET.password} for ops-admin`, title: 'Bad Request' } }) });
    const authorized = await authenticator().authorize(request);
    expect(authorized.ok).toBe(false);
    if (authorized.ok) return;
    expect(authorized.error.kind).toBe('config');
    expect(authorized.error.errorMsg).toBe('bad password [redacted] for ops-admin');
    expectNoSecrets(authorized.error);
  });

  it('reports an unreachable IAM endpoint as a network error', async () => {
    await setUp();
    await cloud.server.close();
    const authorized = await authenticator().authorize(request);
    expect(authorized).toMatchObject({ ok: false, error: { kind: 'network', message: /^Could not get an IAM token: could not reach 127\.0\.0\.1:\d+: connection refused/ } });
    // The usual cause is the wrong IAM for the cloud (the global one for a private deployment): say how to set it.
    expect(authorized.ok || authorized.error.hint).toMatch(/set the account's IAM endpoint, or HUAWEICLOUD_SDK_IAM_ENDPOINT/);
    cloud = await new FakeCloud(clock).start(); // for afterEach
  });

  it("gives up waiting when the caller's signal aborts, without failing the shared request", async () => {
    await setUp();
    let release = (): void => undefined;
    cloud.gate = new Promise((resolve) => (release = resolve));
    const auth = authenticator();
    const controller = new AbortController();
    const impatient = auth.authorize(request, controller.signal);
    const patient = tokenOf(auth);
    while (cloud.iamCalls === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await impatient).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    release();
    expect(await patient).toBe(cloud.issued[0]);
  });
});
