// The spike-time look-up against the simulator's storm: the status poll stays one request per poll, the lists are
// fetched only when a spike (or its recovery) fires, the notification names the storm's users unless the setting
// keeps them out, and a held warning is dropped when most desktops come back.
import { afterEach, describe, expect, it } from 'vitest';
import { DisconnectedLookup } from '../../../main/app/disconnected-lookup.js';
import { SpikePeople, type NamedNotification, type NotificationSettings } from '../../../main/app/spike-people.js';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import type { SpikeNotification } from '../../../main/core/engine/notification.js';
import { SpikeDetector } from '../../../main/core/engine/spikes.js';
import { ok } from '../../../main/core/result.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/schema.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { tokenAuth } from '../../fakes/token-auth.js';

let simulator: RunningSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function run(settings: NotificationSettings, polls: number) {
  const clock = new FakeClock(Date.UTC(2025, 5, 1, 12, 0));
  const sim = (simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 5, now: () => clock.now() }));
  const detector = new SpikeDetector(DEFAULT_SETTINGS.alerts);
  const lookup = new DisconnectedLookup({
    target: { endpoint: sim.url, projectId: sim.projectId },
    client: { http: fetch, auth: tokenAuth(sim.token), clock, timeoutMs: 5000 },
    clock,
    firstSeen: null,
    minIntervalMs: 60_000,
  });
  let groupNames: string[] = [];
  const delivered: NamedNotification[] = [];
  const people = new SpikePeople({ lookup, clock, settings: () => settings, groupNames: () => groupNames, deliver: (named) => delivered.push(named) });
  const drillDownsAtPoll: number[] = [];
  for (let poll = 0; poll < polls; poll++) {
    const snapshot = await fetchConnectionStatus({ endpoint: sim.url, projectId: sim.projectId }, { http: fetch, auth: tokenAuth(sim.token), clock });
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    groupNames = snapshot.value.groups.flatMap((group) => (group.static_name === null ? [] : [group.static_name]));
    const notification: SpikeNotification | null = detector.observe({ at: clock.now(), groups: snapshot.value.groups, totals: snapshot.value.totals });
    if (notification !== null) await people.handle(notification);
    drillDownsAtPoll.push(sim.drillDownRequests);
    await clock.advanceAsync(60_000);
  }
  return { sim, delivered, drillDownsAtPoll, people };
}

describe('SpikePeople', () => {
  it('looks up the lists only when the spike and its recovery fire, and names the storm\'s users', async () => {
    const { sim, delivered, drillDownsAtPoll } = await run({ showUserNames: true, holdForReconnectMinutes: 0 }, 9);
    expect(sim.statusRequests).toBe(9);
    const storm = sim.storm;
    if (storm === null) throw new Error('no storm');
    // Nothing before the spike, one look (desktops + records) at the spike (poll 4), one at the recovery (poll 7).
    expect(drillDownsAtPoll).toEqual([0, 0, 0, 0, 2, 2, 2, 4, 4]);
    const [spike, recovery] = delivered;
    expect(spike?.notification.kind).toBe('spike');
    const group = storm.groups[0] ?? '';
    const users = spike?.users.get(group) ?? [];
    expect(users.length).toBeGreaterThan(50);
    expect(spike?.notification.body).toContain(`${group}: `);
    expect(spike?.notification.body).toMatch(new RegExp(`disconnected: ${users[0]}, ${users[1]}, ${users[2]} and \\d+ more\\.`));
    expect(recovery?.notification.kind).toBe('recovery');
  });

  it('keeps names out of the text when showUserNames is off (the app still gets them)', async () => {
    const { sim, delivered } = await run({ showUserNames: false, holdForReconnectMinutes: 0 }, 5);
    const [spike] = delivered;
    const users = spike?.users.get(sim.storm?.groups[0] ?? '') ?? [];
    expect(users.length).toBeGreaterThan(50);
    for (const user of users) expect(spike?.notification.body).not.toContain(user);
  });
});

describe('SpikePeople holds a warning spike', () => {
  const AT = Date.UTC(2025, 5, 1, 12, 0);
  const warning: SpikeNotification = {
    kind: 'spike', severity: 'warning', title: 'Disconnected sessions spiked in Finance (+3)', body: '0 → 3 of 10 desktops.', at: AT,
    groups: [{ name: 'Finance', before: 0, after: 3, desktops: 10 } as SpikeNotification['groups'][number]], fleet: null,
  };
  const row = (id: string) => ({ desktopId: id, desktopName: `Finance-${id}`, connectStatus: 'DISCONNECTED', users: [`user-${id}`], since: AT, sinceSource: 'seen' as const, lastConnection: null });

  async function hold(afterwards: string[], severity: 'warning' | 'critical' = 'warning') {
    const clock = new FakeClock(AT);
    const answers = [['001', '002', '003'], afterwards];
    let looks = 0;
    const lookup = {
      look: async () => ok({ at: clock.now(), state: 'disconnected' as const, rows: (answers[Math.min(looks++, 1)] ?? []).map(row), complete: true, notes: [], cached: false, failures: null }),
    };
    const delivered: NamedNotification[] = [];
    const people = new SpikePeople({ lookup, clock, settings: () => ({ showUserNames: true, holdForReconnectMinutes: 5 }), groupNames: () => ['Finance'], deliver: (named) => delivered.push(named) });
    await people.handle({ ...warning, severity });
    const before = delivered.length;
    await clock.advanceAsync(5 * 60_000);
    await people.handle({ ...warning, kind: 'recovery', at: AT + 6 * 60_000 }).catch(() => undefined);
    return { before, delivered, looks };
  }

  it('drops it when most desktops reconnected within the hold', async () => {
    const { before, delivered } = await hold(['001']);
    expect(before).toBe(0);
    expect(delivered.map((named) => named.notification.kind)).toEqual(['recovery']);
  });

  it('shows it, with names, when they are still out at the end of the hold', async () => {
    const { before, delivered } = await hold(['001', '002', '003']);
    expect(before).toBe(0);
    expect(delivered[0]?.notification.body).toBe('0 → 3 of 10 desktops. Finance: 3 disconnected: user-003, user-002, user-001.');
  });

  it('never holds a critical spike', async () => {
    const { before } = await hold(['001'], 'critical');
    expect(before).toBe(1);
  });
});
