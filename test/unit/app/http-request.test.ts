// sendRequest over real loopback HTTP: the one path every Workspace and IAM call takes.
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sendRequest } from '../../../main/app/http-request.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './fixtures/self-signed-cert.js';
import { refusingPort, startLoopbackServer, type LoopbackHandler, type LoopbackServer } from '../../fakes/loopback-server.js';

const statusUrl = (server: LoopbackServer) => new URL(`${server.url}/v2/p/connections/status`);

async function serve(handler: LoopbackHandler): Promise<URL> {
  const server = await startLoopbackServer(handler);
  onTestFinished(() => server.close());
  return statusUrl(server);
}

const get = (url: URL, headers: Record<string, string> = {}) => ({ method: 'GET' as const, url, headers });

describe('sendRequest', () => {
  it('returns status, headers and body, sending method, headers and body as given', async () => {
    let seen: { method?: string; auth?: string; body?: string } = {};
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        seen = { method: request.method, auth: request.headers['x-auth-token'] as string, body };
        response.writeHead(201, { 'X-Request-Id': 'r1', 'Content-Type': 'application/json' }).end('{"ok":"é"}');
      });
    });
    const result = await sendRequest({ method: 'POST', url, headers: { 'X-Auth-Token': 't' }, body: '{"a":1}' }, { http: fetch });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe(201);
    expect(result.value.headers.get('x-request-id')).toBe('r1');
    expect(result.value.bodyText).toBe('{"ok":"é"}');
    expect(seen).toEqual({ method: 'POST', auth: 't', body: '{"a":1}' });
  });

  it('returns a non-2xx answer as an answer, leaving its meaning to the caller', async () => {
    const url = await serve((_request, response) => response.writeHead(503).end('<html><title>down</title></html>'));
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: true, value: { status: 503, bodyText: '<html><title>down</title></html>' } });
  });

  it('does not follow redirects', async () => {
    const url = await serve((_request, response) => response.writeHead(302, { Location: 'https://login.example/' }).end());
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: true, value: { status: 302 } });
  });

  it('maps a refused connection to a network error naming the host', async () => {
    // A port held refusing, not one just closed (which another worker's server may be given at once).
    const refusing = await refusingPort();
    onTestFinished(() => refusing.release());
    const url = new URL(`http://127.0.0.1:${refusing.port}/v2/p/connections/status`);
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!result.ok) expect(result.error.message).toBe(`Could not reach ${url.host}: connection refused (ECONNREFUSED)`);
  });

  it('maps a connection reset before any answer to a network error in plain words', async () => {
    const url = await serve((request) => request.socket.destroy());
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!result.ok) expect(result.error.message).toBe(`Could not reach ${url.host}: the server closed the connection (UND_ERR_SOCKET)`);
  });

  it('explains an untrusted TLS certificate and how to trust a corporate CA', async () => {
    const server = await startLoopbackServer((_request, response) => response.end('{}'), { tls: { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT } });
    onTestFinished(() => server.close());
    const url = new URL(`${server.url}/`);
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/);
    expect(result.error.hint).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('reports an answer that is not valid HTTP as an invalid response, not as a local header problem', async () => {
    const raw = createNetServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nX-Broken: a\u0001b\r\nContent-Length: 2\r\n\r\n{}')));
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => raw.close(() => resolve())));
    const url = new URL(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/`);
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', message: `Could not read the answer from ${url.host}: the answer is not valid HTTP (HPE_INVALID_HEADER_TOKEN)` } });
  });

  it('never shows a credential that fetch refuses as a header value, and sends nothing', async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.end('{}');
    });
    const token = 'MIIT-pasted-token\nwith-a-line-break';
    const result = await sendRequest(get(url, { 'X-Auth-Token': token }), { http: fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(JSON.stringify(result)).not.toContain('pasted-token');
    expect(requests).toBe(0);
  });

  it('maps a connection reset in the middle of the body to a network error', async () => {
    const url = await serve((request, response) => {
      response.writeHead(200, { 'Content-Length': '1000' });
      response.write('{"statics": [', () => setImmediate(() => request.socket.destroy()));
    });
    const result = await sendRequest(get(url), { http: fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('times out on a server that never answers', async () => {
    const url = await serve(() => undefined);
    const result = await sendRequest(get(url), { http: fetch, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    if (!result.ok) expect(result.error.message).toBe(`No complete answer from ${url.host} within 0.2 s`);
  });

  it('times out on a server that sends headers and then stalls the body', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"statics": [');
    });
    const result = await sendRequest(get(url), { http: fetch, timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('reports an already-aborted signal without sending anything', async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.end('{}');
    });
    const result = await sendRequest(get(url), { http: fetch, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(requests).toBe(0);
  });

  it('stops and reports aborted when the caller aborts while waiting', async () => {
    const controller = new AbortController();
    const url = await serve(() => controller.abort());
    const result = await sendRequest(get(url), { http: fetch, signal: controller.signal, timeoutMs: 10_000 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('refuses a body whose declared length exceeds the cap', async () => {
    const url = await serve((_request, response) => response.writeHead(200, { 'Content-Length': '2048' }).end('x'.repeat(2048)));
    const result = await sendRequest(get(url), { http: fetch, maxBodyBytes: 1024 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', httpStatus: 200 } });
  });

  it('stops reading a chunked body once it passes the cap', async () => {
    let written = 0;
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      // Endless stream: only a reader that stops at the cap ever finishes.
      const pump = (): void => {
        while (written < 50 * 1024 * 1024 && response.write('y'.repeat(16 * 1024))) written += 16 * 1024;
        if (!response.destroyed && written < 50 * 1024 * 1024) response.once('drain', pump);
      };
      pump();
    });
    const result = await sendRequest(get(url), { http: fetch, maxBodyBytes: 64 * 1024 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('accepts a body exactly at the cap', async () => {
    const url = await serve((_request, response) => response.end('z'.repeat(1024)));
    const result = await sendRequest(get(url), { http: fetch, maxBodyBytes: 1024 });
    expect(result).toMatchObject({ ok: true, value: { bodyText: 'z'.repeat(1024) } });
  });

  it('maps a DNS failure reported by the transport to a network error with its code', async () => {
    const failing = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }) }));
    const result = await sendRequest(get(new URL('https://x.invalid/')), { http: failing });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!result.ok) expect(result.error.message).toContain('ENOTFOUND');
  });
});
