// Spikes survive a restart of the whole app (test/e2e/harness: the built main entry, its windows in Chromium with
// the real preload): a saved account on the simulator's disconnect storm raises a spike; the app quits; a new
// app on the same config folder, polling after the storm is over (no new spike), still marks the storm's spike
// on the group page's chart and in its list of spikes, read from the spike log beside the history.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretKey } from '../../main/app/accounts.js';
import type { Account } from '../../main/core/settings/schema.js';
import { KeytarSecretStore } from '../../main/node/keytar-secret-store.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { FLEET_KEY, type Bridge, type HistoryAnswer } from '../../preload/contract.js';
import { AppHarness, ROOT } from './harness/app-harness.js';

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
/** The keychain service the harness gives the app (see AppHarness.start). */
const secrets = new KeytarSecretStore(`workspace-tray-harness-${process.pid}`);

const running: { simulator?: RunningSimulator; app?: AppHarness; configDir?: string; account?: Account } = {};
afterAll(async () => {
  await running.app?.close();
  await running.simulator?.close();
  if (running.account) await secrets.delete(secretKey(running.account));
  if (running.configDir) await rm(running.configDir, { recursive: true, force: true });
});

describe('the app restarted after a storm', () => {
  it('still marks the storm’s spike on the group page, from the spike log', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const simulator = await startSimulator({ scenario: 'disconnect-storm' });
    running.simulator = simulator;
    const account: Account = { id: '5b8e2c71-9d3a-4f06-8c1e-2a7d4b6e9f10', name: 'Branch', endpoint: simulator.url, projectId: simulator.projectId, auth: 'token' };
    running.account = account;
    const stored = await secrets.set(secretKey(account), JSON.stringify({ token: simulator.token }));
    expect(stored.ok, stored.ok ? '' : stored.error.message).toBe(true);
    const configDir = await mkdtemp(join(tmpdir(), 'wt-spike-restart-'));
    running.configDir = configDir;

    // First run: the storm comes at the simulator's poll 4 (1 s interval here).
    const first = await AppHarness.start({ configDir, intervalSeconds: 1, settings: { version: 1, accounts: [account] } });
    running.app = first;
    await first.waitFor('a spike notification', async () => (first.notificationsShown.some((shown) => /spiked/.test(shown.title)) ? true : undefined));
    const popup = await first.openPopup();
    // The storm lasts 3 s here: take the spiking group from the first run's own spike marks, not from the state.
    const query = (page: typeof popup, series: string) =>
      page.evaluate(
        (request) => (globalThis as unknown as { workspaceTray: Bridge }).workspaceTray.queryHistory(request),
        { accountId: account.id, series: [series], range: '24h' as const },
      ) as Promise<{ ok: true; value: HistoryAnswer } | { ok: false }>;
    const spiking = await first.waitFor('the spike among the fleet’s marks', async () => {
      const answer = await query(popup, FLEET_KEY);
      return answer.ok ? answer.value.spikes.find((mark) => mark.kind === 'spike')?.groupKeys[0] : undefined;
    });
    const title = first.notificationsShown.find((shown) => /spiked/.test(shown.title))?.title ?? '';
    // Quit as the tray menu does: history and the spike log close cleanly.
    await first.close();
    running.app = undefined;

    // Second run on the same folder: the storm is over by now (3 polls long), so no spike is raised again.
    const second = await AppHarness.start({ configDir, intervalSeconds: 1 });
    running.app = second;
    const dashboard = await second.openDashboard({ view: 'group', accountId: account.id, groupKey: spiking });
    const answer = await query(dashboard, spiking);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.spikes.filter((mark) => mark.kind === 'spike' && mark.groupKeys.includes(spiking))).toHaveLength(1);
    // The group page's text alternative lists the spike under the chart, as the chart marks it.
    const item = dashboard.locator('ul.spikes li').filter({ hasText: /Spike/ });
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(second.notificationsShown.filter((shown) => /spiked/.test(shown.title))).toEqual([]);
    expect(title).toMatch(/spiked/);
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'harness-group-after-restart.png'), fullPage: true });
  });
});
