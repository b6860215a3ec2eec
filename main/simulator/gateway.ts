// The simulated API gateway, Workspace service and IAM, as one decision per request: request in, answer out.
// No sockets here (server.ts adapts node:http), so routing, auth and scenarios read as plain code.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseAuthorization, verifySignedRequest } from '../core/auth/signer.js';
import { authenticationError, gatewayPage, iamError, isoWithMicroseconds, jsonAnswer, noSuchApi, serviceError, type SimulatedAnswer } from './answers.js';
import { AccessKeyLocks, TokenRegistry, type SimulatorAccessKey, type SimulatorUser } from './credentials.js';
import { createFleet, fleetAt, type FleetModel, type SimulatedGroup } from './fleet.js';
import { statusFaultFor, type ScenarioName } from './scenarios.js';
import { desktopsAt, isConnectStatus, loginRecordsAt, type PollClock } from './desktops.js';
import { parseApiTime } from '../core/api/desktops.js';

export interface SimulatedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/v2/abc/connections/status`. */
  readonly target: string;
  /** Lower-case names, as received. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface GatewayOptions {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly projectId: string;
  readonly token: string;
  /** When set, the static token answers `token expires` from this instant on (to test the token method's expiry). */
  readonly tokenExpiresAt: number | undefined;
  readonly users: readonly SimulatorUser[];
  readonly accessKeys: readonly SimulatorAccessKey[];
  readonly tokenTtlMs: number;
  readonly now: () => number;
  readonly slowAnswerMs: number;
  readonly retryAfterSeconds: number;
  /** The fleet starts as if this many polls had been served (a demo that opens in the middle of a storm). */
  readonly startPoll?: number;
}

const STATUS_PATH = /^\/v2\/([^/]+)\/connections\/status\/?$/;
const DESKTOPS_PATH = /^\/v2\/([^/]+)\/connect-desktops\/?$/;
const LOGIN_RECORDS_PATH = /^\/v2\/([^/]+)\/connections\/desktops\/?$/;
const IAM_TOKENS_PATH = '/v3/auth/tokens';
/** Served-poll times kept for the login records (the look-back needs far fewer). */
const POLL_TIMES_KEPT = 256;
const THROTTLE_LIMIT_PER_MINUTE = 200;

export class SimulatedGateway {
  private fleet: FleetModel;
  private servedPollCount = 0;
  private statusRequestCount = 0;
  private readonly tokens: TokenRegistry;
  private readonly locks: AccessKeyLocks;
  private drillDownRequestCount = 0;
  private readonly pollTimes = new Map<number, number>();
  private firstPollAt: number | null = null;
  private firstPoll = 0;

  constructor(private readonly options: GatewayOptions) {
    this.fleet = createFleet(options.scenario, options.seed);
    this.servedPollCount = options.startPoll ?? 0;
    this.tokens = new TokenRegistry(options.token, options.projectId, options.now, options.tokenExpiresAt);
    this.locks = new AccessKeyLocks(options.now);
  }

  get scenario(): ScenarioName {
    return this.fleet.scenario;
  }

  get model(): FleetModel {
    return this.fleet;
  }

  /** Successful status answers so far; the next one reports poll number `servedPolls`. */
  get servedPolls(): number {
    return this.servedPollCount;
  }

  /** Requests to the status endpoint so far, whatever their outcome; faults are keyed on this index. */
  get statusRequests(): number {
    return this.statusRequestCount;
  }

  /** Requests to the two drill-down lists (connect-desktops, login records) so far, whatever their outcome. */
  get drillDownRequests(): number {
    return this.drillDownRequestCount;
  }

  /** A new fleet and fresh counters for the new scenario; credentials and issued tokens stay. */
  setScenario(scenario: ScenarioName): void {
    this.fleet = createFleet(scenario, this.options.seed);
    this.servedPollCount = 0;
    this.statusRequestCount = 0;
    this.drillDownRequestCount = 0;
    this.pollTimes.clear();
    this.firstPollAt = null;
    this.firstPoll = 0;
  }

  revokeIssuedTokens(): void {
    this.tokens.revokeIssued();
  }

  handle(request: SimulatedRequest): SimulatedAnswer {
    const requestId = randomBytes(16).toString('hex');
    const answer = this.route(request, requestId);
    return answer.kind === 'http' ? { ...answer, headers: { ...answer.headers, 'X-Request-Id': requestId } } : answer;
  }

  private route(request: SimulatedRequest, requestId: string): SimulatedAnswer {
    const url = new URL(request.target, `http://${request.headers['host'] ?? '127.0.0.1'}`);
    const status = STATUS_PATH.exec(url.pathname);
    if (status && request.method === 'GET') return this.connectionStatus(request, url, status[1] ?? '', requestId);
    const desktops = DESKTOPS_PATH.exec(url.pathname);
    if (desktops && request.method === 'GET') return this.drillDown(request, url, desktops[1] ?? '', requestId, 'desktops');
    const records = LOGIN_RECORDS_PATH.exec(url.pathname);
    if (records && request.method === 'GET') return this.drillDown(request, url, records[1] ?? '', requestId, 'records');
    if (url.pathname === IAM_TOKENS_PATH && request.method === 'POST') return this.issueToken(request.body);
    return noSuchApi(requestId);
  }

  private connectionStatus(request: SimulatedRequest, url: URL, rawProjectId: string, requestId: string): SimulatedAnswer {
    const fault = statusFaultFor(this.fleet.scenario, this.options.seed, this.statusRequestCount);
    this.statusRequestCount += 1;
    switch (fault) {
      case 'html-500':
        return gatewayPage(500);
      case 'html-502':
        return gatewayPage(502);
      case 'connection-reset':
        return { kind: 'reset' };
      case 'auth-failure':
        return authenticationError(scenarioAuthFailureReason(request.headers), requestId);
      case 'slow':
      case 'throttle':
      case 'none':
        break;
    }
    const denied = this.authenticate(request, url, requestId);
    if (denied) return denied;
    if (fault === 'throttle') {
      return serviceError(
        429,
        'APIGW.0308',
        `The throttling threshold has been reached: policy user over ratelimit,limit:${THROTTLE_LIMIT_PER_MINUTE},time:1 minute`,
        requestId,
        { 'Retry-After': String(this.options.retryAfterSeconds) },
      );
    }
    if (decodeProjectId(rawProjectId) !== this.options.projectId) {
      // The simulator knows one project; any other is a project where Workspace was never enabled.
      return serviceError(403, 'WKS.00010099', 'The Workspace service is not enabled for this project.', requestId);
    }
    const statics: SimulatedGroup[] = fleetAt(this.fleet, this.servedPollCount);
    this.rememberPollTime(this.servedPollCount);
    this.servedPollCount += 1;
    const answer = jsonAnswer(200, { statics });
    return fault === 'slow' ? { ...answer, delayMs: this.options.slowAnswerMs } : answer;
  }

  private rememberPollTime(poll: number): void {
    const at = this.options.now();
    if (this.firstPollAt === null) {
      this.firstPollAt = at;
      this.firstPoll = poll;
    }
    this.pollTimes.set(poll, at);
    this.pollTimes.delete(poll - POLL_TIMES_KEPT);
  }

  /**
   * The two lists, as of the latest served status answer (poll 0 before any), so they agree with the counts the
   * client last saw. Authenticated like the status API; the scenario's throttling and flaky faults are keyed on
   * status requests and leave these alone, but `auth-failure` refuses them too.
   */
  private drillDown(request: SimulatedRequest, url: URL, rawProjectId: string, requestId: string, list: 'desktops' | 'records'): SimulatedAnswer {
    this.drillDownRequestCount += 1;
    if (this.fleet.scenario === 'auth-failure') return authenticationError(scenarioAuthFailureReason(request.headers), requestId);
    const denied = this.authenticate(request, url, requestId);
    if (denied) return denied;
    if (decodeProjectId(rawProjectId) !== this.options.projectId) {
      return serviceError(403, 'WKS.00010099', 'The Workspace service is not enabled for this project.', requestId);
    }
    const poll = Math.max(0, this.servedPollCount - 1);
    const query = url.searchParams;
    const maxLimit = list === 'desktops' ? 2000 : 1000;
    const offset = whole(query.get('offset') ?? '0');
    const limit = whole(query.get('limit') ?? (list === 'desktops' ? '100' : '20'));
    if (offset === null) return invalidParameter('offset', requestId);
    if (limit === null || limit > maxLimit) return invalidParameter('limit', requestId);

    if (list === 'desktops') {
      const status = query.get('connect_status');
      if (status !== null && !isConnectStatus(status)) return invalidParameter('connect_status', requestId);
      const userNames = query.get('user_names');
      const wanted = userNames === null ? null : new Set(userNames.split(',').map((name) => name.trim()).filter((name) => name !== ''));
      if (wanted !== null && wanted.size > 100) return invalidParameter('user_names', requestId);
      let desktops = desktopsAt(this.fleet, poll, status);
      if (wanted !== null) desktops = desktops.filter((desktop) => desktop.attach_users.some((user) => wanted.has(user.name)));
      return jsonAnswer(200, { desktops: desktops.slice(offset, offset + limit), total_count: desktops.length });
    }

    const now = this.options.now();
    const start = query.get('start_time');
    const end = query.get('end_time');
    const startAt = start === null ? now - 24 * 60 * 60 * 1000 : parseApiTime(start);
    const endAt = end === null ? now : parseApiTime(end);
    if (startAt === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/.test(start ?? '2000-01-01T00:00Z')) return invalidParameter('start_time', requestId);
    if (endAt === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/.test(end ?? '2000-01-01T00:00Z')) return invalidParameter('end_time', requestId);
    const userName = query.get('user_name');
    const computerName = query.get('computer_name');
    const firstPollAt = this.firstPollAt ?? now;
    const firstPoll = this.firstPollAt === null ? this.servedPollCount : this.firstPoll;
    // Polls not served here (before `startPoll`) or no longer remembered: a minute apart, the default interval.
    const clock: PollClock = { timeOf: (q) => this.pollTimes.get(q) ?? firstPollAt - (firstPoll - q) * 60_000, firstPollAt };
    // The window is minutes (`yyyy-MM-ddTHH:mmZ`): a session counts when it overlaps [start, end + 1 minute).
    const records = loginRecordsAt(this.fleet, poll, clock).filter((record) => {
      if (userName !== null && record.user_name !== userName) return false;
      if (computerName !== null && record.computer_name !== computerName) return false;
      const recordStart = Date.parse(record.connection_start_time);
      const recordEnd = record.connection_end_time === null ? Number.POSITIVE_INFINITY : Date.parse(record.connection_end_time);
      return recordStart < endAt + 60_000 && recordEnd >= startAt;
    });
    return jsonAnswer(200, { total_count: records.length, records: records.slice(offset, offset + limit) });
  }

  /** `undefined` when the request carries valid credentials, else the gateway's 401. */
  private authenticate(request: SimulatedRequest, url: URL, requestId: string): SimulatedAnswer | undefined {
    const token = request.headers['x-auth-token'];
    if (token !== undefined && token !== '') {
      const check = this.tokens.check(token);
      return check.ok ? undefined : authenticationError(check.reason, requestId);
    }
    const authorization = request.headers['authorization'];
    if (authorization !== undefined && /^SDK-HMAC-SHA256\b/.test(authorization.trim())) return this.verifyAkSk(request, url, authorization, requestId);
    return authenticationError('x-auth-token not found', requestId);
  }

  private verifyAkSk(request: SimulatedRequest, url: URL, authorization: string, requestId: string): SimulatedAnswer | undefined {
    const badSignature = authenticationError('verify aksk signature fail', requestId);
    const parsed = parseAuthorization(authorization);
    if (!parsed) return badSignature;
    const key = this.options.accessKeys.find((candidate) => candidate.ak === parsed.accessKey);
    // Real gateways name the AK here; it is masked so that logs of demo runs do not collect key ids.
    if (!key) return authenticationError(`Get secretKey failed,ak:${maskAccessKey(parsed.accessKey)},err:ak not exist`, requestId);
    if (this.locks.isLocked(key.ak)) return authenticationError('AK access failed to reach the limit,forbidden', requestId);
    const verified = verifySignedRequest({
      method: request.method,
      url,
      headers: request.headers,
      body: request.body,
      secretKeyFor: (accessKey) => (accessKey === key.ak ? key.sk : undefined),
      now: this.options.now(),
    });
    if (!verified.ok) {
      // A stale X-Sdk-Date is refused before the signature is checked, so it does not count towards the lock.
      if (verified.failure !== 'expired') this.locks.recordFailure(key.ak);
      return badSignature;
    }
    if (key.securityToken !== undefined && request.headers['x-security-token'] !== key.securityToken) return badSignature;
    this.locks.recordSuccess(key.ak);
    return undefined;
  }

  private issueToken(body: string): SimulatedAnswer {
    const parsed = PasswordAuthRequest.safeParse(parseJson(body));
    if (!parsed.success || !parsed.data.auth.identity.methods.includes('password')) {
      return iamError(400, 'The request body is invalid.', 'Bad Request');
    }
    const { identity, scope } = parsed.data.auth;
    const { user } = identity.password;
    const known = this.options.users.some((candidate) => candidate.user === user.name && candidate.domain === user.domain.name && candidate.password === user.password);
    if (!known) return iamError(401, 'The username or password is wrong.', 'Unauthorized');
    if (scope.project.id !== this.options.projectId) return iamError(401, 'The request you have made requires authentication.', 'Unauthorized');
    const issued = this.tokens.issue(this.options.tokenTtlMs);
    const userId = randomBytes(16).toString('hex');
    const domainId = randomBytes(16).toString('hex');
    return jsonAnswer(
      201,
      {
        token: {
          expires_at: isoWithMicroseconds(issued.expiresAt),
          issued_at: isoWithMicroseconds(issued.issuedAt),
          methods: ['password'],
          catalog: [],
          roles: [{ id: '0', name: 'op_fine_grained' }],
          project: { id: this.options.projectId, name: 'cn-north-4', domain: { id: domainId, name: user.domain.name } },
          user: { id: userId, name: user.name, domain: { id: domainId, name: user.domain.name }, password_expires_at: '' },
        },
      },
      { 'Content-Type': 'application/json;charset=UTF-8', 'X-Subject-Token': issued.token },
    );
  }
}

const PasswordAuthRequest = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()),
      password: z.object({ user: z.object({ name: z.string(), password: z.string(), domain: z.object({ name: z.string() }) }) }),
    }),
    scope: z.object({ project: z.object({ id: z.string().optional(), name: z.string().optional() }) }),
  }),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function decodeProjectId(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function whole(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

function invalidParameter(name: string, requestId: string): SimulatedAnswer {
  return serviceError(400, 'WKS.0001', `Invalid request parameter: ${name}`, requestId);
}

function maskAccessKey(accessKey: string): string {
  return `${accessKey.slice(0, 4)}****`;
}

/** The `auth-failure` scenario refuses everything, with the message matching what was sent. */
function scenarioAuthFailureReason(headers: Readonly<Record<string, string>>): string {
  if (headers['x-auth-token']) return 'decrypt token fail';
  if (headers['authorization']) return 'verify aksk signature fail';
  return 'x-auth-token not found';
}
