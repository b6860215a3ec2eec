// fetchConnectionStatus over real loopback HTTP, against small servers that answer the way real gateways do.
import type { ServerResponse } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fetchConnectionStatus, type WorkspaceClientDeps } from '../../../main/app/workspace-client.js';
import { COUNT_FIELDS, type CountField } from '../../../main/core/api/fields.js';
import type { Authenticator, OutgoingRequest, UnauthorizedOutcome } from '../../../main/core/auth/authenticator.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../../../main/core/errors.js';
import type { HttpClient } from '../../../main/core/ports.js';
import { err, ok } from '../../../main/core/result.js';
import { startLoopbackServer, type LoopbackHandler } from '../../fakes/loopback-server.js';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const clock = { now: () => NOW };

/** A loopback server for this test; resolves to its endpoint (origin only). */
async function serve(handler: LoopbackHandler): Promise<string> {
  const server = await startLoopbackServer(handler);
  onTestFinished(() => server.close());
  return server.url;
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const allCounts = (value: number) => Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])) as Record<CountField, number>;

/** A token authenticator whose 401 behaviour each test scripts; it records what it was asked. */
class FakeAuthenticator implements Authenticator {
  readonly method = 'token' as const;
  readonly authorized: OutgoingRequest[] = [];
  readonly unauthorized: Array<{ error: WorkspaceError; serverDate: number | undefined }> = [];

  constructor(
    private token: string,
    private readonly onUnauthorized: (auth: FakeAuthenticator) => UnauthorizedOutcome = (auth) => ({ retry: false, error: auth.unauthorized.at(-1)!.error }),
    private readonly failAuthorize?: WorkspaceError,
  ) {}

  useToken(token: string): void {
    this.token = token;
  }

  async authorize(request: OutgoingRequest): Promise<WorkspaceResult<Readonly<Record<string, string>>>> {
    this.authorized.push(request);
    return this.failAuthorize ? err(this.failAuthorize) : ok({ 'X-Auth-Token': this.token });
  }

  async handleUnauthorized(error: WorkspaceError, serverDate: number | undefined): Promise<UnauthorizedOutcome> {
    this.unauthorized.push({ error, serverDate });
    return this.onUnauthorized(this);
  }
}

function deps(auth: Authenticator, extra: Partial<WorkspaceClientDeps> = {}): WorkspaceClientDeps {
  return { http: fetch, auth, clock, ...extra };
}

async function expectError(result: Promise<WorkspaceResult<unknown>>): Promise<WorkspaceError> {
  const settled = await result;
  if (settled.ok) throw new Error('expected an error');
  return settled.error;
}

describe('fetchConnectionStatus: success', () => {
  it('sends the documented GET with the authenticator\'s headers and returns a stamped snapshot', async () => {
    let seen: { method?: string; url?: string; contentType?: string; token?: string } = {};
    const endpoint = await serve((request, response) => {
      seen = { method: request.method, url: request.url, contentType: request.headers['content-type'], token: request.headers['x-auth-token'] as string };
      json(response, 200, { statics: [{ static_name: 'finance', ...allCounts(3), extra: 'ignored' }, { static_name: 'sales', running_num: 2 }] });
    });
    const auth = new FakeAuthenticator('tok-1');
    const result = await fetchConnectionStatus({ endpoint: `${endpoint}/`, projectId: PROJECT }, deps(auth));

    expect(seen).toEqual({ method: 'GET', url: `/v2/${PROJECT}/connections/status`, contentType: 'application/json', token: 'tok-1' });
    expect(auth.authorized).toHaveLength(1);
    expect(auth.authorized[0]?.url.href).toBe(`${endpoint}/v2/${PROJECT}/connections/status`);
    expect(auth.authorized[0]?.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ projectId: PROJECT, endpoint, fetchedAt: NOW });
    expect(result.value.groups.map((g) => g.static_name)).toEqual(['finance', 'sales']);
    expect(result.value.groups[1]?.stop_num).toBeNull();
    expect(result.value.totals.running_num).toBe(5);
    expect(result.value.totals.stop_num).toBe(3);
  });

  it('keeps a custom endpoint\'s base path and path-encodes the project id', async () => {
    let path = '';
    const endpoint = await serve((request, response) => {
      path = request.url ?? '';
      json(response, 200, { statics: [] });
    });
    const result = await fetchConnectionStatus({ endpoint: `${endpoint}/proxy/workspace/`, projectId: 'tenant:42&x' }, deps(new FakeAuthenticator('t')));
    expect(path).toBe('/proxy/workspace/v2/tenant%3A42%26x/connections/status');
    expect(result).toMatchObject({ ok: true, value: { endpoint: `${endpoint}/proxy/workspace`, projectId: 'tenant:42&x', groups: [] } });
  });
});

describe('fetchConnectionStatus: nothing is sent on configuration errors', () => {
  const neverCalled: HttpClient = () => {
    throw new Error('no request may be sent');
  };

  it.each([
    ['a project id with a slash', { endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com', projectId: 'a/b' }, /slash/],
    ['an empty project id', { endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com', projectId: '' }, /empty/],
    ['plain http to a remote host', { endpoint: 'http://workspace.cn-north-4.myhuaweicloud.com', projectId: PROJECT }, /plain http/],
    ['an endpoint that is not a URL', { endpoint: 'workspace', projectId: PROJECT }, /not a URL/],
  ])('rejects %s', async (_what, target, message) => {
    const auth = new FakeAuthenticator('t');
    const error = await expectError(fetchConnectionStatus(target, deps(auth, { http: neverCalled })));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(message);
    expect(auth.authorized).toHaveLength(0);
  });

  it('returns the authenticator\'s error without sending anything', async () => {
    const noKey = workspaceError('keychain', 'The keychain is locked');
    const auth = new FakeAuthenticator('t', undefined, noKey);
    const error = await expectError(fetchConnectionStatus({ endpoint: 'https://h.example', projectId: PROJECT }, deps(auth, { http: neverCalled })));
    expect(error).toBe(noKey);
  });
});

describe('fetchConnectionStatus: 401', () => {
  const expired = { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token expires, expires_at: 2025-06-01T00:00:00Z' };
  const SERVER_DATE = 'Sun, 01 Jun 2025 12:07:00 GMT';

  it('tells the authenticator once, with the server date, and retries once when it obtained fresh credentials', async () => {
    const tokens: string[] = [];
    const endpoint = await serve((request, response) => {
      const token = request.headers['x-auth-token'] as string;
      tokens.push(token);
      if (token === 'fresh') json(response, 200, { statics: [{ static_name: 'g', ...allCounts(1) }] });
      else json(response, 401, expired, { Date: SERVER_DATE, 'X-Request-Id': 'req-401' });
    });
    const auth = new FakeAuthenticator('stale', (self) => {
      self.useToken('fresh');
      return { retry: true };
    });
    const result = await fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(auth));
    expect(result.ok).toBe(true);
    expect(tokens).toEqual(['stale', 'fresh']);
    expect(auth.unauthorized).toHaveLength(1);
    expect(auth.unauthorized[0]).toMatchObject({
      serverDate: Date.parse(SERVER_DATE),
      error: { kind: 'auth', httpStatus: 401, errorCode: 'APIGW.0301', requestId: 'req-401' },
    });
    expect(auth.unauthorized[0]?.error.hint).toMatch(/paste a new token/);
  });

  it('reports a second 401 as it is, without asking the authenticator again', async () => {
    let requests = 0;
    const endpoint = await serve((_request, response) => {
      requests++;
      json(response, 401, expired, { 'X-Request-Id': `req-${requests}` });
    });
    const auth = new FakeAuthenticator('t', () => ({ retry: true }));
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(auth)));
    expect(requests).toBe(2);
    expect(auth.unauthorized).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'auth', httpStatus: 401, requestId: 'req-2' });
  });

  it('returns the authenticator\'s refined error when it cannot do better, sending nothing more', async () => {
    let requests = 0;
    const endpoint = await serve((_request, response) => {
      requests++;
      json(response, 401, { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail' });
    });
    const skew = workspaceError('clock-skew', 'This computer\'s clock is 7 minutes off');
    const auth = new FakeAuthenticator('t', () => ({ retry: false, error: skew }));
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(auth)));
    expect(error).toBe(skew);
    expect(requests).toBe(1);
    expect(auth.unauthorized[0]?.serverDate).toBeTypeOf('number'); // node:http always sends a Date header
  });
});

describe('fetchConnectionStatus: error answers', () => {
  it('maps a documented JSON error with every field and the request id', async () => {
    const endpoint = await serve((_request, response) =>
      json(
        response,
        403,
        { error_code: 'WKS.00010099', error_msg: 'The Workspace service is not enabled.', error_detail: 'detail', encoded_authorization_message: 'enc==' },
        { 'X-Request-Id': 'abc123' },
      ),
    );
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'))));
    expect(error).toMatchObject({
      kind: 'permission',
      httpStatus: 403,
      errorCode: 'WKS.00010099',
      errorMsg: 'The Workspace service is not enabled.',
      errorDetail: 'detail',
      encodedAuthorizationMessage: 'enc==',
      requestId: 'abc123',
    });
    expect(error.hint).toMatch(/not enabled/);
  });

  it('never passes on credentials that a proxy echoes in its error page', async () => {
    const token = 'MIIT-echoed-token-value-0123456789';
    const endpoint = await serve((request, response) =>
      response
        .writeHead(500, { 'Content-Type': 'text/html' })
        .end(`<html><head><title>Proxy error: upstream refused X-Auth-Token ${String(request.headers['x-auth-token'])}</title></head></html>`),
    );
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator(token))));
    expect(error).toMatchObject({ kind: 'service', httpStatus: 500, errorMsg: 'Proxy error: upstream refused X-Auth-Token [redacted]' });
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('summarises an HTML gateway page', async () => {
    const endpoint = await serve((_request, response) =>
      response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>'),
    );
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'))));
    expect(error).toMatchObject({ kind: 'service', httpStatus: 502, errorMsg: '502 Bad Gateway' });
  });

  it('maps an empty 404 to not-found', async () => {
    const endpoint = await serve((_request, response) => response.writeHead(404).end());
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'))));
    expect(error).toMatchObject({ kind: 'not-found', httpStatus: 404 });
  });

  it('reads Retry-After on 429, in seconds or as a date relative to the injected clock', async () => {
    const retryAfter = ['12', new Date(NOW + 45_000).toUTCString()];
    const endpoint = await serve((_request, response) =>
      json(response, 429, { error_code: 'APIGW.0308', error_msg: 'policy user over ratelimit, limit:200, time:1 minute' }, { 'Retry-After': retryAfter.shift() ?? '' }),
    );
    const auth = new FakeAuthenticator('t');
    const first = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(auth)));
    const second = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(auth)));
    expect(first).toMatchObject({ kind: 'throttled', retryAfterMs: 12_000, errorCode: 'APIGW.0308' });
    expect(second).toMatchObject({ kind: 'throttled', retryAfterMs: 45_000 });
  });
});

describe('fetchConnectionStatus: invalid 200 answers', () => {
  it.each([
    ['an HTML page', '<html><title>Login</title></html>', /HTTP 200.*HTML page titled "Login"/],
    ['an empty body', '', /HTTP 200.*body is empty/],
    ['JSON without statics', '{"desktops": []}', /no "statics" field/],
    ['a malformed count', '{"statics":[{"static_name":"a","disconnected_num":"7"}]}', /statics\[0\]\.disconnected_num/],
  ])('rejects %s as invalid-response', async (_what, body, message) => {
    const endpoint = await serve((_request, response) => response.writeHead(200).end(body));
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'))));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(message);
  });
});

describe('fetchConnectionStatus: transport faults', () => {
  it('maps a connection reset to a network error', async () => {
    const endpoint = await serve((request) => request.socket.destroy());
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'))));
    expect(error.kind).toBe('network');
  });

  it('times out on a server that never answers', async () => {
    const endpoint = await serve(() => undefined);
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'), { timeoutMs: 200 })));
    expect(error.kind).toBe('timeout');
  });

  it('stops when aborted mid-request', async () => {
    const controller = new AbortController();
    const endpoint = await serve(() => controller.abort());
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'), { signal: controller.signal })));
    expect(error.kind).toBe('aborted');
  });

  it('refuses an oversize body', async () => {
    const endpoint = await serve((_request, response) => json(response, 200, { statics: Array.from({ length: 100 }, (_, i) => ({ static_name: `g${i}`, ...allCounts(i) })) }));
    const error = await expectError(fetchConnectionStatus({ endpoint, projectId: PROJECT }, deps(new FakeAuthenticator('t'), { maxBodyBytes: 4096 })));
    expect(error).toMatchObject({ kind: 'invalid-response', httpStatus: 200 });
  });
});
