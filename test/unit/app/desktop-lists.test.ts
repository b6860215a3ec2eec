// The drill-down client over real loopback HTTP: against a canned server written from the API documentation
// (paging, query parameters, the page budget, errors, the 401 retry), then against the simulator.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { incompleteList, fetchDesktopConnections, fetchLoginRecords } from '../../../main/app/desktop-lists.js';
import { sayPhrase } from '../../../main/core/error-wording.js';
import { createAuthenticator } from '../../../main/app/auth/create-authenticator.js';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import type { Authenticator, UnauthorizedOutcome } from '../../../main/core/auth/authenticator.js';
import type { WorkspaceError } from '../../../main/core/errors.js';
import { ok } from '../../../main/core/result.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { startLoopbackServer, type LoopbackHandler, type Received } from '../../fakes/loopback-server.js';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const clock = { now: () => NOW };

function tokenAuth(token: string, onUnauthorized?: () => UnauthorizedOutcome): Authenticator & { unauthorized: number; currentToken: string } {
  const auth = {
    method: 'token' as const,
    unauthorized: 0,
    authorize: async () => ok({ 'X-Auth-Token': auth.currentToken }),
    currentToken: token,
    handleUnauthorized: async (error: WorkspaceError): Promise<UnauthorizedOutcome> => {
      auth.unauthorized++;
      return onUnauthorized?.() ?? { retry: false, error };
    },
  };
  return auth;
}

async function serve(handler: LoopbackHandler): Promise<{ url: string; received: readonly Received[] }> {
  const server = await startLoopbackServer(handler);
  onTestFinished(() => server.close());
  return server;
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** A documented connect-desktops server over `count` disconnected desktops, honouring offset and limit. */
function desktopsServer(count: number, options: { readonly omitTotal?: boolean } = {}): LoopbackHandler {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const desktops = Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) => ({
      desktop_id: `d-${offset + i}`,
      desktop_name: `Finance-${String(offset + i).padStart(3, '0')}`,
      connect_status: 'DISCONNECTED',
      attach_users: [{ id: `u-${offset + i}`, name: `user${offset + i}`, user_group: 'finance', type: 'USER' }],
    }));
    json(response, 200, options.omitTotal === true ? { desktops } : { desktops, total_count: count });
  };
}

const deps = (auth: Authenticator) => ({ http: fetch, auth, clock, timeoutMs: 5000 });

describe('fetchDesktopConnections against a documented server', () => {
  it('sends the documented GET and pages through total_count', async () => {
    const server = await serve(desktopsServer(5));
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, { status: 'DISCONNECTED' }, deps(tokenAuth('tok')), { maxPages: 10, pageSize: 2 });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value).toMatchObject({ totalCount: 5, pages: 3, complete: true });
    expect(listed.value.items.map((desktop) => desktop.desktopId)).toEqual(['d-0', 'd-1', 'd-2', 'd-3', 'd-4']);
    expect(server.received.map((request) => request.path)).toEqual([
      `/v2/${PROJECT}/connect-desktops?connect_status=DISCONNECTED&offset=0&limit=2`,
      `/v2/${PROJECT}/connect-desktops?connect_status=DISCONNECTED&offset=2&limit=2`,
      `/v2/${PROJECT}/connect-desktops?connect_status=DISCONNECTED&offset=4&limit=2`,
    ]);
    expect(server.received[0]?.headers).toMatchObject({ 'x-auth-token': 'tok', 'content-type': 'application/json' });
  });

  it('stops at the page budget and says so', async () => {
    const server = await serve(desktopsServer(10));
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, {}, deps(tokenAuth('tok')), { maxPages: 2, pageSize: 3 });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value).toMatchObject({ totalCount: 10, pages: 2, complete: false });
    expect(listed.value.items).toHaveLength(6);
    expect(server.received).toHaveLength(2);
    const cut = incompleteList(listed.value);
    expect(cut === null ? '' : sayPhrase(cut)).toBe('stopped after 2 pages (6 of 10 listed); raise the page limit to see the rest');
  });

  it('without a total, a short page is the last', async () => {
    const server = await serve(desktopsServer(5, { omitTotal: true }));
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, {}, deps(tokenAuth('tok')), { maxPages: 10, pageSize: 2 });
    expect(listed.ok && listed.value).toMatchObject({ totalCount: null, pages: 3, complete: true });
  });

  it('never asks for more than the API allows per page, and batches user names by 100', async () => {
    const server = await serve(desktopsServer(0));
    const names = Array.from({ length: 150 }, (_, i) => `user${i}`);
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, { userNames: names }, deps(tokenAuth('tok')), { maxPages: 10, pageSize: 5000 });
    expect(listed.ok).toBe(true);
    expect(server.received).toHaveLength(2);
    const sent = server.received.map((request) => new URL(request.path, 'http://x').searchParams);
    expect(sent.map((query) => query.get('limit'))).toEqual(['2000', '2000']);
    expect(sent.map((query) => query.get('user_names')?.split(',').length)).toEqual([100, 50]);
    expect(sent[0]?.get('user_names')?.startsWith('user0,user1,')).toBe(true);
  });

  it('maps a 403 to a permission error that names the drill-down', async () => {
    const server = await serve((_request, response) => json(response, 403, { error_code: 'WKS.0005', error_msg: 'Forbidden' }, { 'X-Request-Id': 'req-1' }));
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, {}, deps(tokenAuth('tok')), { maxPages: 1 });
    expect(listed).toMatchObject({ ok: false, error: { kind: 'permission', errorCode: 'WKS.0005', requestId: 'req-1', message: 'Workspace refused access to the desktop lists' } });
  });

  it('retries once after a 401 when the authenticator has fresh credentials', async () => {
    const server = await serve((request, response) => {
      if (request.headers['x-auth-token'] !== 'fresh') json(response, 401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token expires' });
      else desktopsServer(1)(request, response, Promise.resolve({} as Received));
    });
    const auth = tokenAuth('stale', () => {
      auth.currentToken = 'fresh';
      return { retry: true };
    });
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, {}, deps(auth), { maxPages: 1 });
    expect(listed.ok && listed.value.items).toHaveLength(1);
    expect(auth.unauthorized).toBe(1);
  });

  it('refuses a bad endpoint before sending anything', async () => {
    const listed = await fetchDesktopConnections({ endpoint: 'http://example.com', projectId: PROJECT }, {}, deps(tokenAuth('tok')), { maxPages: 1 });
    expect(listed).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('rejects a malformed page as an invalid response', async () => {
    const server = await serve((_request, response) => json(response, 200, { desktops: [{ desktop_id: 7 }], total_count: 1 }));
    const listed = await fetchDesktopConnections({ endpoint: server.url, projectId: PROJECT }, {}, deps(tokenAuth('tok')), { maxPages: 1 });
    expect(listed).toMatchObject({ ok: false, error: { kind: 'invalid-response', path: 'desktops[0].desktop_id' } });
  });
});

describe('fetchLoginRecords against a documented server', () => {
  it('sends the window as yyyy-MM-ddTHH:mmZ with the filters, and pages', async () => {
    const server = await serve((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const offset = Number(url.searchParams.get('offset'));
      const records = offset >= 3 ? [] : [{ transaction_id: `tx-${offset}`, connection_end_time: '2025-06-01T11:00Z', network_rtt: 30 }];
      json(response, 200, { total_count: 3, records });
    });
    const listed = await fetchLoginRecords(
      { endpoint: server.url, projectId: PROJECT },
      { startTime: NOW - 3_600_000 + 59_999, endTime: NOW, userName: 'alice', computerName: 'Finance-001' },
      deps(tokenAuth('tok')),
      { maxPages: 5, pageSize: 1 },
    );
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.items.map((record) => record.transactionId)).toEqual(['tx-0', 'tx-1', 'tx-2']);
    expect(server.received[0]?.path).toBe(
      `/v2/${PROJECT}/connections/desktops?start_time=2025-06-01T11%3A00Z&end_time=2025-06-01T12%3A00Z&user_name=alice&computer_name=Finance-001&offset=0&limit=1`,
    );
  });

  it('asks for at most 1,000 records per page', async () => {
    const server = await serve((_request, response) => json(response, 200, { total_count: 0, records: [] }));
    await fetchLoginRecords({ endpoint: server.url, projectId: PROJECT }, { startTime: NOW - 1, endTime: NOW }, deps(tokenAuth('tok')), { maxPages: 1, pageSize: 99_999 });
    expect(new URL(server.received[0]?.path ?? '', 'http://x').searchParams.get('limit')).toBe('1000');
  });
});

describe('the drill-down against the simulator', () => {
  let simulator: RunningSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  async function stormAt(poll: number): Promise<RunningSimulator> {
    simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 7, now: clock.now });
    for (let i = 0; i <= poll; i++) await fetchConnectionStatus({ endpoint: simulator.url, projectId: simulator.projectId }, deps(tokenAuth(simulator.token)));
    return simulator;
  }

  it('lists exactly as many disconnected desktops per group as the status counts, each with its user', async () => {
    const sim = await stormAt(4);
    // One more status answer would advance the fleet; the lists describe the poll last served.
    const status = await (await fetch(`${sim.url}/v2/${sim.projectId}/connections/status`, { headers: { 'X-Auth-Token': sim.token } })).json() as { statics: { static_name: string; disconnected_num: number }[] };
    const listed = await fetchDesktopConnections({ endpoint: sim.url, projectId: sim.projectId }, { status: 'DISCONNECTED' }, deps(tokenAuth(sim.token)), { maxPages: 20, pageSize: 50 });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.complete).toBe(true);
    for (const group of status.statics) {
      const mine = listed.value.items.filter((desktop) => /^(.*)-\d{3}$/.exec(desktop.desktopName ?? '')?.[1] === group.static_name);
      expect(mine, group.static_name).toHaveLength(group.disconnected_num);
    }
    const storm = sim.storm?.groups[0] ?? '';
    const victims = listed.value.items.filter((desktop) => desktop.desktopName?.startsWith(`${storm}-`));
    expect(victims.length).toBeGreaterThan(50);
    for (const desktop of victims) {
      expect(desktop.connectStatus).toBe('DISCONNECTED');
      expect(desktop.attachUsers?.[0]?.name).toMatch(/^[a-z]+\.[a-z]+\d*$/);
    }
  });

  it('serves login records for the storm whose failures share a network and a reason, over AK/SK too', async () => {
    const sim = await stormAt(5);
    const [key] = sim.accessKeys;
    if (key === undefined) throw new Error('no key');
    const auth = createAuthenticator({ method: 'aksk', secret: { ak: key.ak, sk: key.sk } }, { http: fetch, clock: { now: clock.now, schedule: () => () => undefined }, iamEndpoint: sim.url, projectId: sim.projectId, timeoutMs: 5000 });
    const listed = await fetchLoginRecords({ endpoint: sim.url, projectId: sim.projectId }, { startTime: NOW - 86_400_000, endTime: NOW }, deps(auth), { maxPages: 10 });
    if (!listed.ok) throw new Error(listed.error.message);
    const storm = sim.storm?.groups[0] ?? '';
    // Dropped by the storm (the polls all ran at NOW), not the few that were disconnected before it.
    const dropped = listed.value.items.filter((record) => record.computerName?.startsWith(`${storm}-`) && (record.connectionEndTime ?? 0) > NOW - 60_000);
    expect(dropped.length).toBeGreaterThan(50);
    const stormy = dropped.filter((record) => record.connectionFailureReason === 'Network connection interrupted' || record.connectionFailureReason === 'Gateway connection lost');
    expect(stormy.length).toBeGreaterThan(0.9 * dropped.length);
    expect(Math.min(...stormy.map((record) => record.networkRtt ?? 0))).toBeGreaterThanOrEqual(250);
    const prefixes = new Map<string, number>();
    for (const record of stormy) {
      const prefix = (record.terminalIp ?? '').split('.').slice(0, 3).join('.');
      prefixes.set(prefix, (prefixes.get(prefix) ?? 0) + 1);
    }
    expect(Math.max(...prefixes.values())).toBeGreaterThan(0.7 * stormy.length);
  });

  it('shows quick reconnects once the storm is over', async () => {
    const sim = await stormAt(8);
    const listed = await fetchLoginRecords({ endpoint: sim.url, projectId: sim.projectId }, { startTime: NOW - 86_400_000, endTime: NOW }, deps(tokenAuth(sim.token)), { maxPages: 10 });
    if (!listed.ok) throw new Error(listed.error.message);
    const storm = sim.storm?.groups[0] ?? '';
    const reconnects = listed.value.items.filter((record) => record.isReconnect === true && record.computerName?.startsWith(`${storm}-`));
    expect(reconnects.length).toBeGreaterThan(50);
    expect(reconnects.every((record) => record.connectionEndTime === null)).toBe(true);
  });

  it('is deterministic per seed', async () => {
    const first = await stormAt(4);
    const a = await fetchDesktopConnections({ endpoint: first.url, projectId: first.projectId }, { status: 'DISCONNECTED' }, deps(tokenAuth(first.token)), { maxPages: 5 });
    await first.close();
    const second = await stormAt(4);
    const b = await fetchDesktopConnections({ endpoint: second.url, projectId: second.projectId }, { status: 'DISCONNECTED' }, deps(tokenAuth(second.token)), { maxPages: 5 });
    expect(a.ok && b.ok && a.value.items).toEqual(b.ok && b.value.items);
  });

  it('refuses a wrong token and a bad parameter like the gateway does', async () => {
    simulator = await startSimulator({ scenario: 'steady', seed: 7, now: clock.now });
    const refused = await fetchDesktopConnections({ endpoint: simulator.url, projectId: simulator.projectId }, {}, deps(tokenAuth('wrong')), { maxPages: 1 });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'auth', errorCode: 'APIGW.0301' } });
    const bad = await fetch(`${simulator.url}/v2/${simulator.projectId}/connect-desktops?connect_status=ASLEEP`, { headers: { 'X-Auth-Token': simulator.token } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_code: string }).error_code).toBe('WKS.0001');
    expect(simulator.drillDownRequests).toBe(2);
    expect(simulator.statusRequests).toBe(0);
  });
});
