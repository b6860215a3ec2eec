// The simulator over real loopback HTTP with Node's fetch: the status endpoint, its errors and the scenarios.
import { afterEach, describe, expect, it } from 'vitest';
import { COUNT_FIELDS } from '../../../main/core/api/fields.js';
import { createFleet, fleetAt } from '../../../main/simulator/fleet.js';
import { DEFAULT_RETRY_AFTER_SECONDS, DEFAULT_SIMULATOR_PROJECT_ID, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../main/simulator/server.js';

const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);
const running: RunningSimulator[] = [];

async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ now: () => T0, ...options });
  running.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

const statusUrl = (sim: RunningSimulator, projectId = sim.projectId) => `${sim.url}/v2/${projectId}/connections/status`;
const getStatus = (sim: RunningSimulator, headers: Record<string, string> = { 'X-Auth-Token': sim.token }) => fetch(statusUrl(sim), { headers });

async function errorBody(response: Response): Promise<{ error_code: string; error_msg: string; request_id: string }> {
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as { error_code: string; error_msg: string; request_id: string };
}

describe('status endpoint', () => {
  it('answers the fleet as JSON with a request id and a Date from the simulator clock', async () => {
    const sim = await simulator({ seed: 11 });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.projectId).toBe(DEFAULT_SIMULATOR_PROJECT_ID);
    expect(sim.projectId).toMatch(/^[0-9a-f]{32}$/);
    const response = await getStatus(sim);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers.get('date')).toBe(new Date(T0).toUTCString());
    const body = (await response.json()) as { statics: Record<string, unknown>[] };
    expect(body.statics).toEqual(fleetAt(createFleet('steady', 11), 0));
    expect(Object.keys(body.statics[0] ?? {}).sort()).toEqual(['static_name', ...COUNT_FIELDS].sort());
  });

  it('advances one step per served poll, and not on refused requests', async () => {
    const sim = await simulator({ seed: 4 });
    const model = createFleet('steady', 4);
    expect(((await (await getStatus(sim)).json()) as unknown)).toEqual({ statics: fleetAt(model, 0) });
    expect((await getStatus(sim, {})).status).toBe(401);
    expect(sim.servedPolls).toBe(1);
    expect(sim.statusRequests).toBe(2);
    expect(((await (await getStatus(sim)).json()) as unknown)).toEqual({ statics: fleetAt(model, 1) });
    expect(sim.servedPolls).toBe(2);
  });

  it('answers 401 APIGW.0301 without a token or with a wrong one', async () => {
    const sim = await simulator();
    const missing = await getStatus(sim, {});
    expect(missing.status).toBe(401);
    const missingBody = await errorBody(missing);
    expect(missingBody).toMatchObject({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: x-auth-token not found' });
    expect(missingBody.request_id).toBe(missing.headers.get('x-request-id'));
    const wrong = await getStatus(sim, { 'X-Auth-Token': `${sim.token}x` });
    expect(wrong.status).toBe(401);
    expect((await errorBody(wrong)).error_msg).toBe('Incorrect IAM authentication information: decrypt token fail');
  });

  it('answers token expires for a static token past its expiry, by the simulator clock', async () => {
    let now = T0;
    const sim = await simulator({ token: 'static-token-for-test', tokenExpiresAt: T0 + 60_000, now: () => now });
    expect((await getStatus(sim)).status).toBe(200);
    now = T0 + 60_000;
    const expired = await getStatus(sim);
    expect(expired.status).toBe(401);
    expect((await errorBody(expired)).error_msg).toBe(`Incorrect IAM authentication information: token expires, expires_at: ${new Date(T0 + 60_000).toISOString().replace('Z', '000Z')}`);
  });

  it('answers 403 WKS.00010099 for a project it does not know, 404 APIGW.0101 for other paths and methods', async () => {
    const sim = await simulator();
    const forbidden = await fetch(statusUrl(sim, 'ffffffffffffffffffffffffffffffff'), { headers: { 'X-Auth-Token': sim.token } });
    expect(forbidden.status).toBe(403);
    expect((await errorBody(forbidden)).error_code).toBe('WKS.00010099');
    for (const [method, path] of [
      ['GET', `/v2/${sim.projectId}/desktops`],
      ['GET', '/'],
      ['POST', `/v2/${sim.projectId}/connections/status`],
      ['GET', '/v3/auth/tokens'],
    ] as const) {
      const response = await fetch(`${sim.url}${path}`, { method, headers: { 'X-Auth-Token': sim.token } });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await errorBody(response)).error_code).toBe('APIGW.0101');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('logs what it received, with lower-case header names and the answer', async () => {
    const sim = await simulator();
    await fetch(`${statusUrl(sim)}?probe=1`, { headers: { 'X-Auth-Token': sim.token, 'X-Project-Id': sim.projectId } });
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ method: 'GET', target: `/v2/${sim.projectId}/connections/status?probe=1`, answer: 200, body: '' });
    expect(sim.requests[0]?.headers['x-project-id']).toBe(sim.projectId);
  });

  it('gives the same token for the same seed and another for another seed', async () => {
    const [a, b, c] = await Promise.all([simulator({ seed: 3 }), simulator({ seed: 3 }), simulator({ seed: 4 })]);
    expect(a?.token).toBe(b?.token);
    expect(a?.token).not.toBe(c?.token);
    expect(a?.accessKeys).toEqual(b?.accessKeys);
    expect(a?.users).toEqual(b?.users);
  });
});

describe('scenarios over HTTP', () => {
  it('disconnect-storm: the named groups storm at the documented polls', async () => {
    const sim = await simulator({ scenario: 'disconnect-storm', seed: 21 });
    const storm = sim.storm;
    if (!storm) throw new Error('no storm plan');
    const disconnectedOf = async (): Promise<Map<string, { in_use_num: number; disconnected_num: number }>> => {
      const body = (await (await getStatus(sim)).json()) as { statics: { static_name: string; in_use_num: number; disconnected_num: number }[] };
      return new Map(body.statics.map((group) => [group.static_name, group]));
    };
    const polls = [];
    for (let poll = 0; poll <= storm.endPoll; poll += 1) polls.push(await disconnectedOf());
    for (const name of storm.groups) {
      const calm = polls[storm.startPoll - 1]?.get(name);
      const stormy = polls[storm.startPoll]?.get(name);
      const recovered = polls[storm.endPoll]?.get(name);
      if (!calm || !stormy || !recovered) throw new Error(`no data for ${name}`);
      expect(stormy.disconnected_num - calm.disconnected_num).toBeGreaterThanOrEqual(0.4 * calm.in_use_num);
      expect(recovered.disconnected_num).toBeLessThan(calm.disconnected_num + 10);
    }
  });

  it('large-fleet: 5,000 groups in one answer', async () => {
    const sim = await simulator({ scenario: 'large-fleet' });
    const body = (await (await getStatus(sim)).json()) as { statics: unknown[] };
    expect(body.statics).toHaveLength(5000);
    expect(sim.groupNames).toHaveLength(5000);
  });

  it('flaky: in ten requests one HTML 500, one HTML 502, one reset, one slow answer and six good ones', async () => {
    const slept: number[] = [];
    const sim = await simulator({ scenario: 'flaky', seed: 5, slowAnswerMs: 4321, sleep: async (ms) => void slept.push(ms) });
    const seen: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const sleptBefore = slept.length;
      const response = await getStatus(sim).catch((error: unknown) => error);
      if (!(response instanceof Response)) {
        expect(response).toBeInstanceOf(TypeError);
        seen.push('reset');
        continue;
      }
      if (response.status === 200) {
        await response.json();
        seen.push(slept.length > sleptBefore ? 'slow' : 'ok');
        continue;
      }
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      const page = await response.text();
      expect(page).toContain(`<h1>${response.status} `);
      seen.push(`html-${response.status}`);
    }
    expect(seen.sort()).toEqual(['html-500', 'html-502', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'reset', 'slow']);
    expect(slept).toEqual([4321]);
    expect(sim.requests.map((request) => request.answer)).toContain('reset');
    expect(sim.servedPolls).toBe(7);
  });

  it('flaky: close() does not wait for a slow answer still pending', async () => {
    let sleeping: (() => void) | undefined;
    const sim = await startSimulator({ scenario: 'flaky', seed: 5, sleep: () => new Promise<void>((resolve) => (sleeping = resolve)) });
    const requests = Array.from({ length: 10 }, () => getStatus(sim).then((r) => r.status, () => 'failed'));
    await new Promise<void>((resolve) => {
      const poll = (): void => (sleeping ? resolve() : void setImmediate(poll));
      poll();
    });
    await sim.close();
    sleeping?.();
    const outcomes = await Promise.all(requests);
    expect(outcomes).toContain('failed');
  });

  it('throttled: every other request is a 429 APIGW.0308 with Retry-After, starting with the first', async () => {
    const sim = await simulator({ scenario: 'throttled' });
    const first = await getStatus(sim);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe(String(DEFAULT_RETRY_AFTER_SECONDS));
    const body = await errorBody(first);
    expect(body.error_code).toBe('APIGW.0308');
    expect(body.error_msg).toContain('over ratelimit');
    expect((await getStatus(sim)).status).toBe(200);
    expect((await getStatus(sim)).status).toBe(429);
    expect((await getStatus(sim)).status).toBe(200);
  });

  it('throttled: a request without credentials is refused as such, not throttled', async () => {
    const sim = await simulator({ scenario: 'throttled', retryAfterSeconds: 7 });
    expect((await getStatus(sim, {})).status).toBe(401);
    expect((await getStatus(sim)).status).toBe(200);
    const throttled = await getStatus(sim);
    expect(throttled.headers.get('retry-after')).toBe('7');
  });

  it('auth-failure: 401 APIGW.0301 even with the right token, every time', async () => {
    const sim = await simulator({ scenario: 'auth-failure' });
    for (let i = 0; i < 3; i += 1) {
      const response = await getStatus(sim);
      expect(response.status).toBe(401);
      expect(await errorBody(response)).toMatchObject({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: decrypt token fail' });
    }
    expect(sim.servedPolls).toBe(0);
  });

  it('setScenario switches the behaviour with fresh counters', async () => {
    const sim = await simulator();
    expect((await getStatus(sim)).status).toBe(200);
    sim.setScenario('auth-failure');
    expect(sim.scenario).toBe('auth-failure');
    expect(sim.servedPolls).toBe(0);
    expect((await getStatus(sim)).status).toBe(401);
    sim.setScenario('steady');
    expect((await getStatus(sim)).status).toBe(200);
  });
});
