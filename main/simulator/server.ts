// The embedded Workspace API simulator over real HTTP (node:http) on loopback: the demo's data source and the
// tests' server. All decisions live in SimulatedGateway; this file only moves bytes and keeps a request log.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultAccessKeys, defaultToken, defaultUsers, type SimulatorAccessKey, type SimulatorUser } from './credentials.js';
import { SimulatedGateway } from './gateway.js';
import type { SimulatedAnswer } from './answers.js';
import type { StormPlan } from './fleet.js';
import { DEFAULT_SCENARIO, type ScenarioName } from './scenarios.js';

export { SCENARIO_NAMES, DEFAULT_SCENARIO, isScenarioName, SCENARIO_DESCRIPTIONS, type ScenarioName } from './scenarios.js';
export type { SimulatorAccessKey, SimulatorUser } from './credentials.js';
export type { StormPlan } from './fleet.js';

export const DEFAULT_SIMULATOR_PROJECT_ID = '5f0c3ab1e7d24f8c9b6a1d2e3f405162';
export const DEFAULT_SEED = 1;
export const DEFAULT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SLOW_ANSWER_MS = 3000;
export const DEFAULT_RETRY_AFTER_SECONDS = 2;
/** The request log keeps the latest entries only, so a long `simulate` run does not grow without bound. */
export const REQUEST_LOG_LIMIT = 1000;
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export interface SimulatorOptions {
  readonly host?: string;
  readonly port?: number;
  readonly scenario?: ScenarioName;
  readonly seed?: number;
  readonly projectId?: string;
  /** The static token accepted as X-Auth-Token; default derived from the seed. */
  readonly token?: string;
  /** From this instant (by `now`) the static token answers `token expires`. Default: never. */
  readonly tokenExpiresAt?: number;
  /** IAM password users; default one demo user derived from the seed. */
  readonly users?: readonly SimulatorUser[];
  /** AK/SK pairs; default one pair derived from the seed. */
  readonly accessKeys?: readonly SimulatorAccessKey[];
  readonly tokenTtlMs?: number;
  /** The simulator's clock (token expiry, AK locks, X-Sdk-Date skew, the Date header). */
  readonly now?: () => number;
  /** How long the `flaky` scenario's slow answers wait. */
  readonly slowAnswerMs?: number;
  /** How slow answers wait; tests pass their own to stay off the wall clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The `Retry-After` of the `throttled` scenario's 429s. */
  readonly retryAfterSeconds?: number;
  /** Serve the fleet from this poll on, as if that many status answers had been served (default 0). */
  readonly startPoll?: number;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly target: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The HTTP status answered, or `reset` when the connection was dropped. */
  readonly answer: number | 'reset';
}

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:38211`: the Workspace endpoint and the IAM endpoint alike. */
  readonly url: string;
  readonly port: number;
  readonly projectId: string;
  readonly token: string;
  readonly users: readonly SimulatorUser[];
  readonly accessKeys: readonly SimulatorAccessKey[];
  readonly seed: number;
  readonly scenario: ScenarioName;
  /** The group names the fleet reports, in order. */
  readonly groupNames: readonly string[];
  /** Where and when the `disconnect-storm` scenario storms; `null` in other scenarios. */
  readonly storm: StormPlan | null;
  /** Successful status answers so far; the next one reports poll number `servedPolls` (0-based). */
  readonly servedPolls: number;
  /** Requests to the status endpoint so far, whatever their outcome. */
  readonly statusRequests: number;
  /** Requests to the drill-down lists (connect-desktops, login records) so far. */
  readonly drillDownRequests: number;
  /** What arrived, oldest first (the latest REQUEST_LOG_LIMIT). Holds credentials: for tests, never print it. */
  readonly requests: readonly RecordedRequest[];
  /** Switches scenario with a fresh fleet and counters; credentials and issued tokens stay valid. */
  setScenario(scenario: ScenarioName): void;
  /** Every token issued by the IAM endpoint so far stops working, as after a password change. */
  revokeIssuedTokens(): void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? unrefSleep;
  const projectId = options.projectId ?? DEFAULT_SIMULATOR_PROJECT_ID;
  const token = options.token ?? defaultToken(seed);
  const users = options.users ?? defaultUsers(seed);
  const accessKeys = options.accessKeys ?? defaultAccessKeys(seed);
  const gateway = new SimulatedGateway({
    scenario: options.scenario ?? DEFAULT_SCENARIO,
    seed,
    projectId,
    token,
    tokenExpiresAt: options.tokenExpiresAt,
    users,
    accessKeys,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    now,
    slowAnswerMs: options.slowAnswerMs ?? DEFAULT_SLOW_ANSWER_MS,
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    ...(options.startPoll === undefined ? {} : { startPoll: options.startPoll }),
  });
  const requests: RecordedRequest[] = [];
  const record = (entry: RecordedRequest): void => {
    requests.push(entry);
    if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
  };

  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      if (body === undefined) {
        req.socket.destroy();
        return;
      }
      const headers = lowerCaseHeaders(req);
      const received = { method: req.method ?? 'GET', target: req.url ?? '/', headers, body };
      const answer = gateway.handle(received);
      record({ ...received, answer: answer.kind === 'http' ? answer.status : 'reset' });
      await send(res, answer, now, sleep);
    });
  });
  // Keep-alive sockets would hold close() open; connections are closed by force there anyway.
  server.keepAliveTimeout = 1000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    projectId,
    token,
    users,
    accessKeys,
    seed,
    get scenario() {
      return gateway.scenario;
    },
    get groupNames() {
      return gateway.model.groups.map((group) => group.name);
    },
    get storm() {
      return gateway.model.storm;
    },
    get servedPolls() {
      return gateway.servedPolls;
    },
    get statusRequests() {
      return gateway.statusRequests;
    },
    get drillDownRequests() {
      return gateway.drillDownRequests;
    },
    requests,
    setScenario: (scenario) => gateway.setScenario(scenario),
    revokeIssuedTokens: () => gateway.revokeIssuedTokens(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function send(res: ServerResponse, answer: SimulatedAnswer, now: () => number, sleep: (ms: number) => Promise<void>): Promise<void> {
  if (answer.kind === 'reset') {
    res.socket?.destroy();
    return;
  }
  if (answer.delayMs !== undefined && answer.delayMs > 0) await sleep(answer.delayMs);
  if (res.destroyed || res.writableEnded) return;
  // The Date header comes from the simulator's clock, so clients can detect skew against a faked time.
  res.writeHead(answer.status, { ...answer.headers, Date: new Date(now()).toUTCString(), 'Content-Length': String(Buffer.byteLength(answer.body)) });
  res.end(answer.body);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY_BYTES) {
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function unrefSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
