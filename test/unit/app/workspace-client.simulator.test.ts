// The client against the embedded simulator, over real loopback HTTP: the same path the CLI's --demo takes.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import { ASSIGNMENT_FIELDS, COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS, type GroupStatus } from '../../../main/core/api/fields.js';
import { startSimulator, type RunningSimulator, type ScenarioName } from '../../../main/simulator/server.js';
import { tokenAuth } from '../../fakes/token-auth.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const clock = { now: () => NOW };

let simulator: RunningSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(scenario: ScenarioName): Promise<RunningSimulator> {
  simulator = await startSimulator({ scenario, seed: 7, now: clock.now, sleep: async () => undefined });
  return simulator;
}

function fetchFrom(sim: RunningSimulator, token = sim.token, projectId = sim.projectId) {
  return fetchConnectionStatus({ endpoint: sim.url, projectId }, { http: fetch, auth: tokenAuth(token), clock, timeoutMs: 5000 });
}

const sum = (group: GroupStatus, fields: readonly (keyof GroupStatus)[]) => fields.reduce((total, field) => total + (group[field] as number), 0);

describe('fetchConnectionStatus against the simulator', () => {
  it('reads the steady fleet: every group named, every count known, families consistent, totals summed', async () => {
    const sim = await start('steady');
    const result = await fetchFrom(sim);
    if (!result.ok) throw new Error(result.error.message);
    const snapshot = result.value;
    expect(snapshot).toMatchObject({ projectId: sim.projectId, endpoint: sim.url, fetchedAt: NOW });
    expect(snapshot.groups.map((g) => g.static_name)).toEqual(sim.groupNames);
    for (const group of snapshot.groups) {
      for (const field of COUNT_FIELDS) expect(group[field]).toBeTypeOf('number');
      expect(sum(group, ASSIGNMENT_FIELDS)).toBe(sum(group, POWER_FIELDS));
      expect(sum(group, LOGIN_FIELDS)).toBe(sum(group, POWER_FIELDS));
    }
    for (const field of COUNT_FIELDS) expect(snapshot.totals[field]).toBe(snapshot.groups.reduce((total, g) => total + (g[field] ?? 0), 0));
  });

  it('reads the 5,000 groups of the large fleet', async () => {
    const sim = await start('large-fleet');
    const result = await fetchFrom(sim);
    expect(result.ok && result.value.groups.length).toBe(5000);
  });

  it('reports a wrong token as an auth error with the gateway code and request id', async () => {
    const sim = await start('steady');
    const result = await fetchFrom(sim, 'not-the-token');
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401, errorCode: 'APIGW.0301' } });
    if (!result.ok) expect(result.error.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports a project where Workspace is not enabled in plain words', async () => {
    const sim = await start('steady');
    const result = await fetchFrom(sim, sim.token, 'ffffffffffffffffffffffffffffffff');
    expect(result).toMatchObject({ ok: false, error: { kind: 'permission', errorCode: 'WKS.00010099' } });
    if (!result.ok) expect(result.error.hint).toMatch(/not enabled/);
  });

  it('passes on the throttled scenario\'s Retry-After, then succeeds', async () => {
    const sim = await start('throttled');
    expect(await fetchFrom(sim)).toMatchObject({ ok: false, error: { kind: 'throttled', errorCode: 'APIGW.0308', retryAfterMs: 2000 } });
    expect((await fetchFrom(sim)).ok).toBe(true);
  });

  it('reports the auth-failure scenario as an auth error', async () => {
    const sim = await start('auth-failure');
    expect(await fetchFrom(sim)).toMatchObject({ ok: false, error: { kind: 'auth', errorCode: 'APIGW.0301' } });
  });

  it('meets every fault of the flaky scenario as a typed error, once each per ten requests', async () => {
    const sim = await start('flaky');
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await fetchFrom(sim);
      outcomes.push(result.ok ? 'ok' : `${result.error.kind} ${result.error.httpStatus ?? ''}`.trim());
      if (!result.ok && result.error.httpStatus !== undefined) expect(result.error.errorMsg).toMatch(/^50[02] /);
    }
    expect(outcomes.sort()).toEqual([...Array<string>(7).fill('ok'), 'network', 'service 500', 'service 502'].sort());
  });
});
