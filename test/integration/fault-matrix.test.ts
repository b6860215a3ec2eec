// Issue 11's fault matrix: every way the network and the API misbehave, over real loopback HTTP, through the
// MonitoringService the app and `watch` run. A fault proxy stands between the service and the simulator; each
// case starts a fresh service (one saved account, real settings file, real history files), lets one poll succeed,
// turns the fault on, and checks:
//   - no crash: the service never throws or rejects, and nothing escapes as an unhandled error;
//   - the user is told what happened: the account's error names the fault (kind, status, words);
//   - the last good data is kept (same revision and snapshot) and marked stale after two intervals;
//   - polling recovers within one interval after the fault clears (or, when retrying cannot help, after the user's
//     action: new credentials, a corrected endpoint, a manual refresh);
//   - nothing on disk is lost: history holds every successful poll, the settings file is byte-for-byte unchanged.
// Scheduling runs on the fake clock (intervals, backoff, staleness); requests, timeouts and sockets are real.
// The matrix is printed as a table.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../main/core/errors.js';
import type { AccountSecret } from '../../main/core/auth/secrets.js';
import { FLEET_SERIES } from '../../main/core/ports.js';
import { Accounts, secretKey } from '../../main/app/accounts.js';
import { createMonitoringService, type MonitoringEvent, type MonitoringService } from '../../main/app/monitoring-service.js';
import { fileHistoryOpener } from '../../main/node/file-history-opener.js';
import { FileSettingsStore } from '../../main/node/file-settings-store.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { FakeClock, sequenceRandom } from '../fakes/fake-clock.js';
import { MemorySecretStore } from '../fakes/memory-secret-store.js';

const INTERVAL_MS = 60_000;
/** Real milliseconds: the request timeout runs on real timers (it guards real sockets). */
const TIMEOUT_MS = 1_000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** How the proxy answers a status request while a fault is on. */
type Fault = (request: IncomingMessage, response: ServerResponse) => void;

type Recovery =
  /** The next scheduled poll, within one interval of the fault clearing. */
  | { readonly by: 'next-poll' }
  /** Retrying cannot help: the user fixes the cause and asks again. */
  | { readonly by: 'user'; readonly action: string; readonly clear: (rig: CaseRig) => Promise<void> }
  /** Healed inside the same poll: the user never sees an error. */
  | { readonly by: 'same-poll' };

interface FaultCase {
  readonly name: string;
  readonly auth: 'token' | 'password';
  /** Turns the fault on; the proxy consults `fault` on every status request while it is set. */
  readonly arm: (rig: CaseRig) => void | Promise<void>;
  /** The error the user sees; null when the fault is healed before anyone sees it. */
  readonly expected: { readonly kind: ErrorKind; readonly httpStatus?: number; readonly words: RegExp; readonly halted: boolean } | null;
  readonly recovery: Recovery;
  /**
   * The request timeout for this case, when it must not decide the outcome: a 17 MiB body can take longer than
   * the usual second to arrive on a loaded machine, and then the timeout, not the size cap, would answer.
   */
  readonly timeoutMs?: number;
}

interface CaseRig {
  readonly proxy: FaultProxy;
  readonly simulator: RunningSimulator;
  readonly service: MonitoringService;
  readonly secrets: MemorySecretStore;
  readonly settings: FileSettingsStore;
  readonly accountId: string;
}

// ---- the fault proxy -----------------------------------------------------------------------------------------

interface FaultProxy {
  readonly url: string;
  fault: Fault | null;
  /** Status requests the proxy has seen (any outcome). */
  statusRequests: number;
  /** IAM token requests the proxy has passed on. */
  iamRequests: number;
  /** Stops accepting connections (connection refused) until `listenAgain`. */
  refuse(): Promise<void>;
  listenAgain(): Promise<void>;
  close(): Promise<void>;
}

async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const isStatus = (request.url ?? '').includes('/connections/status');
    if (isStatus) proxy.statusRequests++;
    if ((request.url ?? '').includes('/v3/auth/tokens')) proxy.iamRequests++;
    if (isStatus && proxy.fault !== null) {
      request.on('error', () => undefined);
      proxy.fault(request, response);
      return;
    }
    void forward(upstream, request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    fault: null,
    statusRequests: 0,
    iamRequests: 0,
    refuse: stopListening,
    // The same port again: the account's endpoint names it. Freed by us a moment ago, so it is ours to take back.
    listenAgain: () => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve())),
    close: () => (server.listening ? stopListening() : Promise.resolve()),
  };
  return proxy;
}

async function forward(upstream: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)).map(([name, value]) => [name, String(value)]));
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  try {
    const answer = await fetch(`${upstream}${request.url ?? '/'}`, { method: request.method ?? 'GET', headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const passed: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) passed[name] = value;
    });
    response.writeHead(answer.status, { ...passed, 'Content-Length': String(bytes.length) });
    response.end(bytes);
  } catch {
    response.destroy();
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Fault => (_request, response) => {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

// ---- the cases -----------------------------------------------------------------------------------------------

let evilServer: Server;
let evilRequests: { path: string; headers: Record<string, string | string[] | undefined> }[] = [];
let evilUrl = '';

const CASES: readonly FaultCase[] = [
  {
    name: 'timeout (no answer)',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = () => undefined),
    expected: { kind: 'timeout', words: /no complete answer .* within 1 s/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'connection reset',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = (request) => request.socket.destroy()),
    expected: { kind: 'network', words: /could not (reach|read)/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'connection refused',
    auth: 'token',
    arm: async ({ proxy }) => {
      await proxy.refuse();
      // Let the client's pool see its kept-alive socket closed, so the next request meets the closed port.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    expected: { kind: 'network', words: /could not reach .*refused/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'DNS failure (.invalid host)',
    auth: 'token',
    arm: async ({ service, settings, accountId }) => {
      await moveEndpoint(service, settings, accountId, 'https://workspace-tray-fault-matrix.invalid');
    },
    expected: { kind: 'network', words: /could not reach workspace-tray-fault-matrix\.invalid/i, halted: false },
    // A name that does not resolve stays so until the endpoint changes: the user corrects it in the settings.
    recovery: { by: 'user', action: 'corrects the endpoint', clear: async ({ service, settings, accountId, proxy }) => moveEndpoint(service, settings, accountId, proxy.url) },
  },
  {
    name: '500 HTML page',
    auth: 'token',
    arm: ({ proxy }) =>
      void (proxy.fault = (_request, response) => {
        response.writeHead(500, { 'Content-Type': 'text/html' });
        response.end('<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>');
      }),
    expected: { kind: 'service', httpStatus: 500, words: /gateway .*failed/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: '502 gateway JSON',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = json(502, { error_code: 'APIGW.0201', error_msg: 'Bad gateway', request_id: 'fault-502' })),
    expected: { kind: 'service', httpStatus: 502, words: /APIGW\.0201.*Bad gateway/, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: '429 with Retry-After: 7',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = json(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached', request_id: 'fault-429' }, { 'Retry-After': '7' })),
    expected: { kind: 'throttled', httpStatus: 429, words: /throttl|too many|limit/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: '401 expired token, IAM password account (refreshed)',
    auth: 'password',
    arm: ({ simulator }) => simulator.revokeIssuedTokens(),
    expected: null,
    recovery: { by: 'same-poll' },
  },
  {
    name: '401 expired token, pasted token',
    auth: 'token',
    arm: ({ proxy }) =>
      void (proxy.fault = json(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token expires, expires_at: 2024-12-31T00:00:00.000000Z', request_id: 'fault-401' })),
    expected: { kind: 'auth', httpStatus: 401, words: /expire/i, halted: true },
    recovery: {
      by: 'user',
      action: 'pastes a new token',
      clear: async ({ proxy, secrets, service, accountId, simulator }) => {
        proxy.fault = null;
        await secrets.set(secretKey({ id: accountId }), JSON.stringify({ token: simulator.token }));
        await service.credentialsChanged(accountId);
      },
    },
  },
  {
    name: '403 WKS.00010099 (Workspace not enabled)',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = json(403, { error_code: 'WKS.00010099', error_msg: 'The Workspace service is not enabled for the project', request_id: 'fault-403' })),
    expected: { kind: 'permission', httpStatus: 403, words: /refused access.*WKS\.00010099.*not enabled/, halted: true },
    recovery: { by: 'user', action: 'enables Workspace, then Refresh', clear: async ({ proxy, service, accountId }) => ((proxy.fault = null), service.refresh(accountId)) },
  },
  {
    name: '404 not found',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = json(404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment', request_id: 'fault-404' })),
    expected: { kind: 'not-found', httpStatus: 404, words: /no such API or project.*APIGW\.0101/, halted: true },
    recovery: { by: 'user', action: 'fixes the endpoint, then Refresh', clear: async ({ proxy, service, accountId }) => ((proxy.fault = null), service.refresh(accountId)) },
  },
  {
    name: 'malformed JSON',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = json(200, '{"statics": [{"static_name": "pool-a", "in_use_num": 3')),
    expected: { kind: 'invalid-response', words: /not JSON/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'wrong types',
    auth: 'token',
    arm: ({ proxy }) => void (proxy.fault = json(200, { statics: [{ static_name: 'pool-a', in_use_num: 'three', ready_num: -1 }] })),
    expected: { kind: 'invalid-response', words: /in_use_num/, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'body over the size cap (17 MiB, chunked)',
    auth: 'token',
    timeoutMs: 60_000,
    arm: ({ proxy }) =>
      void (proxy.fault = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < MAX_BODY_BYTES + 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('error', () => undefined);
        pump();
      }),
    expected: { kind: 'invalid-response', words: /larger than 16 MiB/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'slow drip (a byte every 100 ms)',
    auth: 'token',
    arm: ({ proxy }) =>
      void (proxy.fault = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 100);
        response.on('close', () => clearInterval(timer));
        response.on('error', () => clearInterval(timer));
      }),
    expected: { kind: 'timeout', words: /no complete answer .* within 1 s/i, halted: false },
    recovery: { by: 'next-poll' },
  },
  {
    name: 'redirect to another host',
    auth: 'token',
    arm: ({ proxy }) =>
      void (proxy.fault = (request, response) => {
        response.writeHead(302, { Location: `${evilUrl}${request.url ?? '/'}`, 'Content-Type': 'text/html' });
        response.end('<a href="elsewhere">Moved</a>');
      }),
    expected: { kind: 'service', httpStatus: 302, words: /redirected/, halted: false },
    recovery: { by: 'next-poll' },
  },
];

async function moveEndpoint(service: MonitoringService, settings: FileSettingsStore, accountId: string, endpoint: string): Promise<void> {
  const updated = await settings.update((current) => ({ ...current, accounts: current.accounts.map((account) => (account.id === accountId ? { ...account, endpoint } : account)) }));
  if (!updated.ok) throw new Error(updated.error.message);
  const read = await settings.read();
  if (!read.ok) throw new Error(read.error.message);
  await service.applySettings(read.value);
}

// ---- running one case ----------------------------------------------------------------------------------------

interface Row {
  readonly fault: string;
  readonly userSees: string;
  readonly dataKept: string;
  readonly stale: string;
  readonly recovery: string;
  readonly disk: string;
  readonly problems: string[];
}

/** Real-time wait for a condition the service reaches through real I/O. */
async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let simulator: RunningSimulator;
let proxy: FaultProxy;
const clock = new FakeClock();

async function runCase(testCase: FaultCase): Promise<Row> {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => void (ok || problems.push(problem));
  const configDir = mkdtempSync(join(tmpdir(), 'wt-fault-'));
  const settings = new FileSettingsStore(configDir);
  const secrets = new MemorySecretStore();
  const accounts = new Accounts(settings, secrets);
  const secret: AccountSecret =
    testCase.auth === 'token' ? { method: 'token', secret: { token: simulator.token } } : { method: 'password', secret: { ...(simulator.users[0] as { user: string; password: string; domain: string }) } };
  const added = await accounts.add({ name: 'fault-matrix', endpoint: proxy.url, projectId: simulator.projectId, auth: testCase.auth, ...(testCase.auth === 'password' ? { iamEndpoint: proxy.url } : {}) }, secret);
  if (!added.ok) throw new Error(added.error.message);
  const accountId = added.value.id;
  const opener = fileHistoryOpener({ temporaryDemo: false });
  const service = createMonitoringService({
    settings,
    secrets,
    http: (url, init) => fetch(url, init),
    clock,
    random: sequenceRandom(0.5),
    env: {},
    configDir,
    openHistory: opener.open,
    options: { scope: { kind: 'accounts', ids: [accountId] }, intervalMs: INTERVAL_MS, timeoutMs: testCase.timeoutMs ?? TIMEOUT_MS },
  });
  const events: MonitoringEvent[] = [];
  service.subscribe((event) => events.push(event));
  const snapshots = () => events.filter((event) => event.type === 'snapshot').length;
  const rig: CaseRig = { proxy, simulator, service, secrets, settings, accountId };

  let userSees = '';
  let dataKept = '';
  let stale = '';
  let recovery = '';
  let disk = '';
  try {
    const started = await service.start();
    if (!started.ok) throw new Error(started.error.message);
    await until('the first snapshot', () => snapshots() === 1);
    const good = service.groups(accountId);
    const settingsBefore = readFileSync(settings.path);

    // The fault, and the poll that meets it (a second later: history keeps one sample per instant).
    await clock.advanceAsync(1_000);
    const iamBefore = proxy.iamRequests;
    await testCase.arm(rig);
    await service.refresh(accountId);
    const state = service.accountState(accountId);
    if (testCase.expected === null) {
      check(state?.error === null && snapshots() === 2, `expected the fault healed in the same poll, got ${state?.error?.message ?? `${snapshots()} snapshots`}`);
      check(proxy.iamRequests === iamBefore + 1, `${proxy.iamRequests - iamBefore} IAM token requests, expected one`);
      userSees = 'nothing: token refreshed from IAM, request retried once';
      dataKept = `new data (revision ${state?.revision})`;
      stale = 'never stale';
    } else {
      const { kind, httpStatus, words, halted } = testCase.expected;
      const error = state?.error;
      check(error?.kind === kind, `error kind ${error?.kind}, expected ${kind}`);
      if (httpStatus !== undefined) check(error?.httpStatus === httpStatus, `HTTP status ${error?.httpStatus}, expected ${httpStatus}`);
      // What a window shows: the message, the server's code and text when it sent them, and the hint.
      const shown = [error?.message, error?.errorCode, error?.errorMsg].filter((part) => part !== undefined).join(' · ');
      check(words.test(shown), `"${shown}" does not say ${words}`);
      check(state?.halted === halted, `halted ${state?.halted}, expected ${halted}`);
      userSees = `${error?.kind}${error?.httpStatus === undefined ? '' : ` ${error.httpStatus}`}: ${shown || '(none)'}${halted ? ' [halted]' : ''}`;
      if (testCase.name.startsWith('429')) check((state?.nextPollAt ?? 0) - clock.now() >= 7_000, `429 retried after ${(state?.nextPollAt ?? 0) - clock.now()} ms, before Retry-After`);
      const kept = service.groups(accountId);
      check(kept !== null && kept.revision === good?.revision && kept.fetchedAt === good.fetchedAt && kept.groups === good.groups, 'the last good snapshot was not kept');
      dataKept = `yes (revision ${kept?.revision} of ${new Date(kept?.fetchedAt ?? 0).toISOString().slice(11, 19)})`;

      // Two intervals without a success: the data is marked stale, the error still shown.
      await clock.advanceAsync(2 * INTERVAL_MS);
      // Waits for a retry still in flight (or polls once more, the fault still on).
      await service.refresh(accountId);
      const staleEvent = events.some((event) => event.type === 'stale' && event.accountId === accountId);
      const later = service.accountState(accountId);
      check(staleEvent, 'no stale event after two intervals');
      check(later?.freshness === 'error' && later.error?.kind === kind, `after two intervals: freshness ${later?.freshness}, error ${later?.error?.kind}`);
      check(service.groups(accountId)?.revision === good?.revision, 'the kept snapshot changed while failing');
      stale = staleEvent ? `yes, shown as ${later?.freshness}` : 'NO';
    }

    // The fault clears.
    const before = snapshots();
    if (testCase.recovery.by === 'next-poll') {
      if (testCase.name === 'connection refused') await proxy.listenAgain();
      proxy.fault = null;
      const waitedFrom = clock.now();
      const due = service.accountState(accountId)?.nextPollAt ?? Number.POSITIVE_INFINITY;
      check(due - waitedFrom <= INTERVAL_MS, `next attempt in ${Math.round((due - waitedFrom) / 1000)} s, more than one interval`);
      await clock.advanceAsync(INTERVAL_MS);
      await until('a snapshot after the fault cleared', () => snapshots() > before);
      recovery = `next poll, ${Math.round((due - waitedFrom) / 1000)} s after clearing (interval ${INTERVAL_MS / 1000} s)`;
    } else if (testCase.recovery.by === 'user') {
      await testCase.recovery.clear(rig);
      await until('a snapshot after the user acted', () => snapshots() > before);
      recovery = `when the user ${testCase.recovery.action}: polled at once`;
    } else {
      recovery = 'in the same poll';
    }
    const after = service.accountState(accountId);
    check(after?.freshness === 'fresh' && after.error === null && after.halted === false, `after recovery: ${after?.freshness}, ${after?.error?.kind ?? 'no error'}`);

    // Disk: every successful poll is in history; the settings file is as it was (the DNS case rewrote the endpoint
    // and put it back, byte for byte).
    await service.stop();
    const damage: string[] = [];
    const reopened = await opener.open({ folder: join(configDir, 'history', accountId), accountId, kind: 'account', onDamage: (error) => damage.push(error.message) });
    if (!reopened.ok) throw new Error(reopened.error.message);
    const points = await reopened.value.query({ series: FLEET_SERIES, from: 0, to: clock.now() + 1 });
    await reopened.value.close();
    check(damage.length === 0, `history reads without damage (${damage.join('; ') || 'none'})`);
    const written = points.ok ? points.value.length : -1;
    check(written === snapshots(), `history holds ${written} samples, ${snapshots()} polls succeeded`);
    check(readFileSync(settings.path).equals(settingsBefore), 'the settings file changed');
    disk = `history ${written}/${snapshots()} samples, settings unchanged`;
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await service.stop();
    proxy.fault = null;
    rmSync(configDir, { recursive: true, force: true });
  }
  return { fault: testCase.name, userSees, dataKept, stale, recovery, disk, problems };
}

function printMatrix(rows: readonly Row[]): void {
  const columns: (keyof Omit<Row, 'problems'>)[] = ['fault', 'userSees', 'dataKept', 'stale', 'recovery', 'disk'];
  const titles = { fault: 'fault', userSees: 'what the user sees', dataKept: 'last good data', stale: 'marked stale', recovery: 'recovery', disk: 'disk' };
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    `| ${columns.map((column) => titles[column]).join(' | ')} | ok |`,
    `| ${columns.map(() => '---').join(' | ')} | --- |`,
    ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} | ${row.problems.length === 0 ? 'yes' : `NO: ${cell(row.problems.join('; '))}`} |`),
  ];
  console.log(`\nFault matrix (interval ${INTERVAL_MS / 1000} s, request timeout ${TIMEOUT_MS / 1000} s)\n${lines.join('\n')}\n`);
}

beforeAll(async () => {
  simulator = await startSimulator({ scenario: 'steady', now: () => clock.now() });
  proxy = await startFaultProxy(simulator.url);
  evilServer = createServer((request, response) => {
    evilRequests.push({ path: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ statics: [] }));
  });
  await new Promise<void>((resolve) => evilServer.listen(0, '127.0.0.1', resolve));
  evilUrl = `http://127.0.0.1:${(evilServer.address() as AddressInfo).port}`;
  evilRequests = [];
});

afterAll(async () => {
  await proxy?.close();
  await simulator?.close();
  await new Promise<void>((resolve) => (evilServer ? evilServer.close(() => resolve()) : resolve()));
});

describe('fault matrix', () => {
  it('survives every fault: says what happened, keeps and marks the last good data, recovers, loses nothing', async () => {
    const rows: Row[] = [];
    for (const testCase of CASES) rows.push(await runCase(testCase));
    printMatrix(rows);
    // Credentials never follow a redirect: the other host saw no request at all.
    expect(evilRequests, 'a request followed the redirect to another host').toEqual([]);
    expect(rows.filter((row) => row.problems.length > 0).map((row) => `${row.fault}: ${row.problems.join('; ')}`)).toEqual([]);
    expect(rows).toHaveLength(CASES.length);
  }, 120_000);
});
