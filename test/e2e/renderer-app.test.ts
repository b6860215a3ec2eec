// The renderer in the whole app (the shell's full-stack harness: built main in Node, real preload, real engine on
// the simulator): what an admin sees and does, end to end. The same flows run on a fake bridge in
// renderer-flows.test.ts, which also covers the cases the app cannot play here (CSV of the group table).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { AppHarness, type AppHarnessOptions } from './harness/app-harness.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots');
const running: { app?: AppHarness; simulator?: RunningSimulator } = {};

afterEach(async () => {
  await running.app?.close();
  await running.simulator?.close();
  delete running.app;
  delete running.simulator;
});

async function start(options: AppHarnessOptions): Promise<AppHarness> {
  await mkdir(SCREENSHOTS, { recursive: true });
  running.app = await AppHarness.start(options);
  return running.app;
}

const statusText = (page: Page) => page.getByRole('status').filter({ hasText: /of [\d,]+ groups/ }).textContent();

describe('the renderer in the full-stack app', () => {
  it('a storm: badge up, the group spiking first in the popup, the notification click opens its page with the spike marked', async () => {
    const app = await start({ scenario: 'disconnect-storm', intervalSeconds: 1 });
    const calm = await app.waitFor('the first snapshot in the tray', async () => ((await app.tray())?.tooltip ? await app.tray() : undefined));
    const popup = await app.openPopup();
    await popup.locator('[role=option]').first().waitFor();

    const spikeTag = popup.locator('[role=option]').first().locator('.spike-tag');
    await app.waitFor('the spike in the popup', async () => (await spikeTag.count()) > 0);
    const tray = await app.waitFor('the badge to change', async () => {
      const now = await app.tray();
      return now !== null && now.imageSets > (calm?.imageSets ?? 0) ? now : undefined;
    });
    expect(tray.tooltip).not.toBe(calm?.tooltip);
    const name = (await popup.locator('[role=option]').first().locator('.name').textContent()) ?? '';
    const state = await app.state(popup);
    expect(state.accounts[0]?.spikingGroupKeys).toContain(name);
    await popup.screenshot({ path: join(SCREENSHOTS, 'app-popup-storm.png') });

    // The notification comes after the popup shows the spike: main names the group's users first (the drill-down
    // lists), which beside other work can take a while (it was missing here once, under load).
    const spike = await app.waitFor('the spike notification', async () => {
      const index = (await app.notifications()).findIndex((notification) => /spiked/.test(notification.title));
      return index >= 0 ? index : undefined;
    });
    await app.clickNotification(spike);
    const dashboard = await app.waitForPage('dashboard');
    await dashboard.getByRole('heading', { level: 1, name }).waitFor();
    await dashboard.locator('.u-over').waitFor();
    await app.waitFor('the spike marked under the chart', async () => (await dashboard.locator('.spikes li.spike').count()) > 0);
    expect(await dashboard.locator('.spikes li.spike').first().textContent()).toContain(name);
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'app-group-after-notification.png') });
  });

  it("settings open in their own window: the dashboard's Settings button opens it, and neither window loads the other's views", async () => {
    const app = await start({ scenario: 'steady', intervalSeconds: 1 });
    const dashboard = await app.openDashboard();
    await dashboard.locator('[role=row][data-key] [role=rowheader] a').first().click();
    await dashboard.locator('.u-over').waitFor();
    await dashboard.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    const settings = await app.waitForPage('settings');
    await settings.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    // The dashboard window stays on its group page.
    await dashboard.locator('.u-over').waitFor();
    const scripts = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop() ?? '').filter((name) => name.endsWith('.js')));
    const dashboardScripts = await scripts(dashboard);
    expect(dashboardScripts.some((name) => name.startsWith('GroupPage-'))).toBe(true);
    expect(dashboardScripts.filter((name) => /^Settings(Window)?-/.test(name))).toEqual([]);
    const settingsScripts = await scripts(settings);
    expect(settingsScripts.some((name) => name.startsWith('Settings-'))).toBe(true);
    expect(settingsScripts.filter((name) => /^(GroupPage|Dashboard|DashboardWindow|Popup)-/.test(name))).toEqual([]);

    // Its bar's Dashboard brings the dashboard window forward rather than loading the table here.
    await settings.getByRole('navigation').getByRole('button', { name: 'Dashboard' }).click();
    await app.waitFor('the dashboard window in front', async () => (await app.windows()).some((window) => window.view === 'dashboard' && window.visible));
    expect((await scripts(settings)).filter((name) => name.startsWith('Dashboard'))).toEqual([]);
  });

  it('the 5,000-group fleet: the table sorts, filters and scrolls', async () => {
    const app = await start({ scenario: 'large-fleet', intervalSeconds: 5 });
    const dashboard = await app.openDashboard();
    await dashboard.locator('[role=row][data-key]').first().waitFor();
    await app.waitFor('all groups', async () => (await statusText(dashboard)) === '5,000 of 5,000 groups');
    expect(await dashboard.locator('[role=row][data-key]').count()).toBeLessThan(120);

    await dashboard.getByRole('columnheader', { name: /Group/ }).getByRole('button').click();
    const names = await dashboard.locator('[role=row][data-key] [role=rowheader] a').allTextContents();
    expect([...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }))).toEqual(names);

    const needle = (names[3] ?? '').slice(0, 6);
    await dashboard.getByRole('searchbox').fill(needle);
    await app.waitFor('the filter', async () => (await statusText(dashboard))?.startsWith('5,000') === false);
    for (const name of await dashboard.locator('[role=row][data-key] [role=rowheader] a').allTextContents()) expect(name.toLowerCase()).toContain(needle.toLowerCase());

    await dashboard.getByRole('searchbox').fill('');
    const scroller = dashboard.locator('[role=rowgroup] > div').last();
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await app.waitFor('the last row', async () => (await dashboard.locator('[role=row][data-key]').last().getAttribute('aria-rowindex')) === '5002');
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'app-dashboard-5000.png') });
  });

  it('adding an account through the form against the simulator: Test connection answers for real, Save replaces the demo', async () => {
    const simulator = await startSimulator({ scenario: 'steady' });
    running.simulator = simulator;
    const app = await start({ scenario: 'steady', intervalSeconds: 1 });
    const popup = await app.openPopup();
    await popup.getByRole('button', { name: 'Connect your account' }).click();
    const settings = await app.waitForPage('settings');
    const form = settings.getByRole('form', { name: 'Add account' });
    await form.waitFor();
    await form.getByLabel('Account name').fill('Simulator');
    await form.getByLabel('Custom endpoint').check();
    await form.getByLabel('Workspace endpoint URL').fill(simulator.url);
    await form.getByLabel('Project ID').fill(simulator.projectId);
    await form.getByLabel('Token', { exact: true }).fill('MIIwrong-token');
    await form.getByRole('button', { name: 'Test connection' }).click();
    const outcome = form.getByTestId('form-outcome');
    await app.waitFor('the rejected token', async () => /rejected|expired/.test((await outcome.textContent().catch(() => '')) ?? ''));

    await form.getByLabel('Token', { exact: true }).fill(simulator.token);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await app.waitFor('the real answer', async () => ((await outcome.textContent().catch(() => '')) ?? '').includes(`Connected to ${simulator.url}: ${simulator.groupNames.length} groups`));
    await form.getByRole('button', { name: 'Save account' }).click();
    await form.waitFor({ state: 'detached' });
    const state = await app.waitFor('the account to replace the demo', async () => {
      const current = await app.state(settings);
      return !current.demo && current.accounts[0]?.lastSuccessAt !== null ? current : undefined;
    });
    expect(state.accounts.map((account) => account.name)).toEqual(['Simulator']);
    expect(await settings.content()).not.toContain(simulator.token);
    await settings.screenshot({ path: join(SCREENSHOTS, 'app-settings-after-add.png') });
  });

  it('an account whose secret is missing: the banner says so, Reconnect opens its form, a token brings the data', async () => {
    const simulator = await startSimulator({ scenario: 'steady' });
    running.simulator = simulator;
    const id = '3d0f8a61-0c55-4c7e-9a0e-6f1b2a3c4d5e';
    const app = await start({
      intervalSeconds: 1,
      settings: { version: 1, accounts: [{ id, name: 'Branch', endpoint: simulator.url, projectId: simulator.projectId, auth: 'token' }] },
    });
    const popup = await app.openPopup();
    const banner = popup.getByRole('alert');
    await banner.waitFor();
    await popup.screenshot({ path: join(SCREENSHOTS, 'app-popup-missing-secret.png') });
    await banner.getByRole('button', { name: 'Reconnect the account' }).click();
    const settings = await app.waitForPage('settings');
    const form = settings.getByRole('form', { name: 'Edit Branch' });
    await form.waitFor();
    await form.getByLabel('Token', { exact: true }).fill(simulator.token);
    await form.getByRole('button', { name: 'Save account' }).click();
    await app.waitFor('the account to poll', async () => {
      const current = await app.state(settings);
      return current.accounts[0]?.error === null && current.accounts[0]?.lastSuccessAt !== null ? current : undefined;
    });
    await app.waitFor('the banner to go', async () => (await popup.getByRole('alert').count()) === 0);
  });
});
