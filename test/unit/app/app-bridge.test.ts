// The bridge requests that write files and fetch drill-down lists, over the real MonitoringService polling the
// simulator's storm on loopback: what the dashboard's Export CSV buttons and the group page's list receive.
import { afterEach, describe, expect, it } from 'vitest';
import { appBridgeHandlers, type BridgeShell } from '../../../main/app/app-bridge.js';
import { DisconnectedService } from '../../../main/app/disconnected-service.js';
import { createMonitoringService, DEMO_ACCOUNT_ID, type MonitoringService } from '../../../main/app/monitoring-service.js';
import { COUNT_FIELDS } from '../../../main/core/api/fields.js';
import { DISCONNECTED_CSV_NOTICE } from '../../../main/core/desktops/rows.js';
import { ok } from '../../../main/core/result.js';
import { nodeHttpClient } from '../../../main/node/node-http.js';
import { startSimulator } from '../../../main/simulator/server.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { MemorySettingsStore } from '../../fakes/memory-settings-store.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function bridgeOnStorm() {
  const clock = new FakeClock();
  const settings = new MemorySettingsStore({});
  const secrets = new MemorySecretStore();
  const service: MonitoringService = createMonitoringService({
    settings, secrets, http: nodeHttpClient, clock, random: () => 0.5, env: {}, configDir: '/nonexistent',
    // Poll 12 of the storm scenario is in the storm: its disconnected desktops are listed with their users.
    demo: () => startSimulator({ scenario: 'disconnect-storm', seed: 3, startPoll: 12 }),
  });
  cleanups.push(() => service.stop());
  const started = await service.start();
  if (!started.ok) throw new Error(started.error.message);
  await until(() => service.groups(DEMO_ACCOUNT_ID) !== null, 'the first snapshot');
  const disconnected = new DisconnectedService({ accounts: service, clock, settings: () => ({ showUserNames: true, holdForReconnectMinutes: 0 }), firstSeenStoreFor: () => null });
  const saved: { name: string; text: string }[] = [];
  const shell: BridgeShell<'window'> = {
    openDashboard: () => undefined,
    closeWindow: () => undefined,
    openConsole: async () => true,
    saveText: async (_sender, name, text) => {
      saved.push({ name, text });
      return ok({ saved: true, path: `/tmp/${name}` });
    },
    presentation: () => ({ theme: 'light', language: 'en', platform: 'linux', appVersion: '0.0.0' }),
    settingsChanged: () => undefined,
    deleteHistory: async () => ok(undefined),
  };
  const handlers = appBridgeHandlers<'window'>({ service, disconnected, settings, secrets, clock, shell });
  return { service, handlers, saved };
}

describe('app bridge: exports and drill-down', () => {
  it('exports the group table as CSV: every group by key, unknown counts empty, and the totals row', async () => {
    const { service, handlers, saved } = await bridgeOnStorm();
    const answer = await handlers.exportCsv('window', { kind: 'groups', accountId: DEMO_ACCOUNT_ID });
    expect(answer).toEqual(ok({ saved: true, path: '/tmp/workspace-groups.csv' }));
    const lines = (saved[0]?.text ?? '').trimEnd().split('\r\n');
    const groups = service.groups(DEMO_ACCOUNT_ID)?.groups ?? [];
    expect(lines[0]).toBe(`key,group,${COUNT_FIELDS.join(',')}`);
    expect(lines).toHaveLength(groups.length + 2);
    expect(lines.at(-1)).toMatch(/^\(fleet\),\(total\),/);
    expect(lines[1]?.startsWith(`${groups[0]?.key},`)).toBe(true);
  });

  it('lists the storm group\'s disconnected desktops with their users, and exports them with the personal-data notice', async () => {
    const { service, handlers, saved } = await bridgeOnStorm();
    const list = await handlers.listDisconnected('window', DEMO_ACCOUNT_ID, null);
    if (!list.ok) throw new Error(list.error.message);
    const total = service.groups(DEMO_ACCOUNT_ID)?.totals.disconnected_num ?? 0;
    expect(total).toBeGreaterThan(0);
    expect(list.value.desktops.length).toBeGreaterThan(0);
    expect(list.value.desktops.some((desktop) => (desktop.users ?? []).length > 0)).toBe(true);

    const exported = await handlers.exportCsv('window', { kind: 'disconnected', accountId: DEMO_ACCOUNT_ID, groupKey: null });
    expect(exported.ok).toBe(true);
    const text = saved.at(-1)?.text ?? '';
    expect(text.startsWith(DISCONNECTED_CSV_NOTICE)).toBe(true);
    expect(text.trimEnd().split('\r\n').length).toBeGreaterThanOrEqual(list.value.desktops.length + 2);
  });

  it('refuses an export before the account has data, in words a person can act on', async () => {
    const { handlers } = await bridgeOnStorm();
    const answer = await handlers.exportCsv('window', { kind: 'groups', accountId: 'not-an-account' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.hint).toMatch(/first poll/);
  });
});
