// DisconnectedService over the simulator's storm, with a monitored-accounts stand-in that polls like the
// monitoring service (one status request per poll, spikes from the real detector): the drill-down per group,
// spikes named once, and no list fetched on a plain poll.
import { afterEach, describe, expect, it } from 'vitest';
import { DisconnectedService, type MonitoredAccounts, type MonitoredEvent, type NamedAccountNotification } from '../../../main/app/disconnected-service.js';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import type { GroupStatus } from '../../../main/core/api/fields.js';
import { SpikeDetector } from '../../../main/core/engine/spikes.js';
import { workspaceError } from '../../../main/core/errors.js';
import { err, ok } from '../../../main/core/result.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/schema.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { tokenAuth } from '../../fakes/token-auth.js';

let simulator: RunningSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

/** Polls the simulator like the monitoring service does for one account, `demo`. */
class PollingStandIn implements MonitoredAccounts {
  private listeners = new Set<(event: MonitoredEvent) => void>();
  private last: readonly (GroupStatus & { key: string })[] = [];
  private readonly detector = new SpikeDetector(DEFAULT_SETTINGS.alerts);

  constructor(private readonly sim: RunningSimulator, private readonly clock: FakeClock) {}

  requestContext(accountId: string) {
    if (accountId !== 'demo') return err(workspaceError('usage', 'No such account'));
    return ok({ endpoint: this.sim.url, projectId: this.sim.projectId, auth: tokenAuth(this.sim.token), http: fetch, clock: this.clock, timeoutMs: 5000 });
  }

  groups(accountId: string) {
    return accountId === 'demo' ? { groups: this.last } : null;
  }

  subscribe(listener: (event: MonitoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async poll(): Promise<void> {
    const snapshot = await fetchConnectionStatus({ endpoint: this.sim.url, projectId: this.sim.projectId }, { http: fetch, auth: tokenAuth(this.sim.token), clock: this.clock });
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    this.last = snapshot.value.groups.map((group) => ({ ...group, key: (group as { key?: string }).key ?? group.static_name ?? '' }));
    const notification = this.detector.observe({ at: this.clock.now(), groups: this.last, totals: snapshot.value.totals });
    if (notification !== null) for (const listener of this.listeners) listener({ type: notification.kind, accountId: 'demo', account: 'demo', notification });
  }
}

describe('DisconnectedService', () => {
  it('lists one group\'s disconnected desktops by key, and names a spike once, fetching lists only then', async () => {
    const clock = new FakeClock(Date.UTC(2025, 5, 1, 12, 0));
    const sim = (simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 5, now: () => clock.now() }));
    const accounts = new PollingStandIn(sim, clock);
    const service = new DisconnectedService({
      accounts,
      clock,
      settings: () => ({ showUserNames: true, holdForReconnectMinutes: 0 }),
      firstSeenStoreFor: () => null,
    });
    const named: NamedAccountNotification[] = [];
    service.onNotification((notification) => named.push(notification));
    service.start();

    const drillDowns: number[] = [];
    for (let poll = 0; poll < 6; poll++) {
      await accounts.poll();
      await service.whenIdle();
      drillDowns.push(sim.drillDownRequests);
      await clock.advanceAsync(60_000);
    }
    expect(sim.statusRequests).toBe(6);
    expect(drillDowns.slice(0, 4)).toEqual([0, 0, 0, 0]);
    const stormGroup = sim.storm?.groups[0] ?? '';
    const spike = named.find((entry) => entry.notification.kind === 'spike');
    expect(spike?.accountId).toBe('demo');
    expect((spike?.users.get(stormGroup) ?? []).length).toBeGreaterThan(50);

    await clock.advanceAsync(120_000);
    const list = await service.list('demo', stormGroup);
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.desktops.length).toBeGreaterThan(50);
    expect(list.value.desktops.every((desktop) => desktop.groupKey === stormGroup && desktop.desktopName?.startsWith(`${stormGroup}-`))).toBe(true);
    expect(list.value.failures?.failures).toBeGreaterThan(0);
    const all = await service.list('demo', null);
    expect(all.ok && all.value.desktops.length).toBeGreaterThan(list.value.desktops.length);
    expect(list.value.unmatched).toBe(0);
    expect(await service.list('demo', 'no-such-group')).toMatchObject({ ok: false, error: { kind: 'usage', message: 'No such group in this account', wording: { message: { code: 'group.not-found' } } } });
    expect(await service.list('nobody', null)).toMatchObject({ ok: false });
    service.stop();
  });

  it('never guesses: desktops of two groups sharing a name are not matched to either, and are counted as unmatched', async () => {
    const clock = new FakeClock(Date.UTC(2025, 5, 1, 12, 0));
    const sim = (simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 5, now: () => clock.now() }));
    const accounts = new PollingStandIn(sim, clock);
    for (let poll = 0; poll < 5; poll++) {
      await accounts.poll();
      await clock.advanceAsync(60_000);
    }
    const stormGroup = sim.storm?.groups[0] ?? '';
    const real = accounts.groups('demo')?.groups ?? [];
    const twin = real.find((group) => group.static_name === stormGroup);
    if (twin === undefined) throw new Error('storm group missing');
    // The status API can answer two groups with one name (the svc gives them different keys).
    accounts.groups = (accountId: string) => (accountId === 'demo' ? { groups: [...real, { ...twin, key: `${stormGroup} (2)` }] } : null);
    const service = new DisconnectedService({ accounts, clock, settings: () => ({ showUserNames: true, holdForReconnectMinutes: 0 }), firstSeenStoreFor: () => null });
    const group = await service.list('demo', stormGroup);
    if (!group.ok) throw new Error(group.error.message);
    expect(group.value.desktops).toEqual([]);
    const fleet = await service.list('demo', null);
    if (!fleet.ok) throw new Error(fleet.error.message);
    const unmatched = fleet.value.desktops.filter((desktop) => desktop.groupKey === null);
    expect(unmatched.length).toBeGreaterThan(50);
    expect(unmatched.every((desktop) => desktop.desktopName?.startsWith(`${stormGroup}-`))).toBe(true);
    expect(group.value.unmatched).toBe(unmatched.length);
    expect(fleet.value.unmatched).toBe(unmatched.length);
  });
});
