// The monitoring service against the real simulator over loopback HTTP: the app's demo (no account saved) with
// its recurring storm, the switch from the demo to a saved account without a restart, "Test connection" for an
// unsaved draft, and an on-demand request through requestContext. Time is fake (the poller's schedule); the
// requests are real, so each step waits for its answer.
import { afterEach, describe, expect, it } from 'vitest';
import { secretKey } from '../../../main/app/accounts.js';
import { createMonitoringService, DEMO_ACCOUNT_ID, type MonitoringEvent, type MonitoringService } from '../../../main/app/monitoring-service.js';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import type { Account } from '../../../main/core/settings/schema.js';
import { nodeHttpClient } from '../../../main/node/node-http.js';
import { startDemoSimulator } from '../../../main/simulator/demo-source.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { FakeClock, settle } from '../../fakes/fake-clock.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { MemorySettingsStore } from '../../fakes/memory-settings-store.js';

const INTERVAL = 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Waits for a condition that real I/O will make true (loopback answers): a deadline, not a timing assertion. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface DemoRig {
  readonly clock: FakeClock;
  readonly settings: MemorySettingsStore;
  readonly secrets: MemorySecretStore;
  readonly service: MonitoringService;
  readonly events: MonitoringEvent[];
  demo: RunningSimulator | null;
}

async function demoRig(): Promise<DemoRig> {
  const clock = new FakeClock();
  // Quick alerts, so one test sees two storms: a cooldown shorter than the demo's cycle, a short baseline window.
  const settings = new MemorySettingsStore({ polling: { intervalSeconds: INTERVAL / 1000 }, alerts: { cooldownMinutes: 5, baselineWindowMinutes: 3 } });
  const secrets = new MemorySecretStore();
  const rig: DemoRig = { clock, settings, secrets, events: [], demo: null, service: null as unknown as MonitoringService };
  const service = createMonitoringService({
    settings, secrets, http: nodeHttpClient, clock, random: () => 0.5, env: {}, configDir: '/nonexistent',
    demo: async () => (rig.demo = await startDemoSimulator({ clock, seed: 7, quietPolls: 4 })),
  });
  service.subscribe((event) => rig.events.push(event));
  cleanups.push(() => service.stop());
  Object.assign(rig, { service });
  const started = await service.start();
  if (!started.ok) throw new Error(started.error.message);
  return rig;
}

/** One interval on, and the poll it starts answered. */
async function nextPoll(rig: DemoRig, accountId: string): Promise<void> {
  const revision = rig.service.accountState(accountId)?.revision ?? 0;
  await rig.clock.advanceAsync(INTERVAL);
  await until(() => (rig.service.accountState(accountId)?.revision ?? 0) > revision, `poll ${revision + 1} of ${accountId}`);
  await settle();
}

describe('MonitoringService on the simulator', () => {
  it('runs the demo when no account is saved, and its storm comes back now and then', async () => {
    const rig = await demoRig();
    await until(() => rig.service.accountState(DEMO_ACCOUNT_ID)?.revision === 1, 'first demo poll');
    expect(rig.service.state()).toMatchObject({ demo: true, accounts: [{ id: DEMO_ACCOUNT_ID, demo: true, name: 'demo', freshness: 'fresh' }] });
    const storm = rig.demo?.storm;
    if (storm === null || storm === undefined) throw new Error('the demo has no storm');
    for (let poll = 1; poll < 2 * (storm.endPoll + 4); poll++) await nextPoll(rig, DEMO_ACCOUNT_ID);
    const spikes = rig.events.filter((event) => event.type === 'spike');
    expect(spikes.length).toBe(2);
    for (const spike of spikes) {
      if (spike.type !== 'spike') continue;
      expect(spike.notification.groups.map((group) => group.key).every((key) => storm.groups.includes(key))).toBe(true);
    }
    const marks = rig.service.spikeLog(DEMO_ACCOUNT_ID);
    expect(marks.filter((mark) => mark.kind === 'spike')).toHaveLength(2);
    expect(marks.some((mark) => mark.kind === 'recovery')).toBe(true);
    expect(rig.service.requestContext(DEMO_ACCOUNT_ID)).toMatchObject({ ok: true, value: { endpoint: rig.demo?.url } });
  });

  it('leaves the demo for the first saved account, and comes back to it when the last one goes, without a restart', async () => {
    const rig = await demoRig();
    await until(() => rig.service.accountState(DEMO_ACCOUNT_ID)?.revision === 1, 'first demo poll');
    const demo = rig.demo;
    const real = await startSimulator({ scenario: 'steady', seed: 3, projectId: 'real-project' });
    cleanups.push(() => real.close());
    const account: Account = { id: '33333333-3333-4333-8333-333333333333', name: 'real', endpoint: real.url, projectId: real.projectId, auth: 'token' };
    await rig.secrets.set(secretKey(account), JSON.stringify({ token: real.token }));

    const added = await rig.settings.update((current) => ({ ...current, accounts: [account] }));
    if (!added.ok) throw new Error(added.error.message);
    await rig.service.applySettings(added.value);
    await until(() => rig.service.accountState(account.id)?.revision === 1, 'first poll of the saved account');
    expect(rig.service.state()).toMatchObject({ demo: false, accounts: [{ id: account.id, name: 'real', freshness: 'fresh', groupCount: real.groupNames.length }] });
    // The demo's simulator was closed with it.
    expect(await fetchConnectionStatus({ endpoint: demo?.url ?? '', projectId: demo?.projectId ?? '' }, { http: nodeHttpClient, auth: { method: 'token', authorize: async () => ({ ok: true, value: {} }), handleUnauthorized: async (error) => ({ retry: false, error }) }, clock: rig.clock })).toMatchObject({ ok: false, error: { kind: 'network' } });

    const removed = await rig.settings.update((current) => ({ ...current, accounts: [] }));
    if (!removed.ok) throw new Error(removed.error.message);
    await rig.service.applySettings(removed.value);
    await until(() => rig.service.accountState(DEMO_ACCOUNT_ID)?.revision === 1, 'the demo again');
    expect(rig.service.state().demo).toBe(true);
    expect(rig.service.accountState(account.id)).toBeNull();
  });

  it('tests an unsaved draft with a real request and stores nothing; a wrong secret says why', async () => {
    const rig = await demoRig();
    const real = await startSimulator({ scenario: 'steady', seed: 5, projectId: 'draft-project' });
    cleanups.push(() => real.close());
    const writes = rig.settings.writes;
    const good = await rig.service.testConnection({ endpoint: real.url, projectId: real.projectId, credentials: { method: 'token', secret: { token: real.token } } });
    expect(good).toMatchObject({ ok: true, value: { groupCount: real.groupNames.length, endpoint: real.url } });
    const bad = await rig.service.testConnection({ endpoint: real.url, projectId: real.projectId, credentials: { method: 'token', secret: { token: 'not-the-token' } } });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401 } });
    expect(JSON.stringify(bad)).not.toContain('not-the-token');
    const user = real.users[0];
    if (user === undefined) throw new Error('the simulator has no IAM user');
    const byPassword = await rig.service.testConnection({
      endpoint: real.url, projectId: real.projectId, iamEndpoint: real.url,
      credentials: { method: 'password', secret: { user: user.user, password: user.password, domain: user.domain } },
    });
    expect(byPassword).toMatchObject({ ok: true });
    expect(rig.settings.writes).toBe(writes);
    expect(rig.secrets.writes).toBe(0);
    expect(real.statusRequests).toBe(3);
  });
});
