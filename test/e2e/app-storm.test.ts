// The whole app without Electron (test/e2e/harness): the built main entry on the embedded simulator's demo,
// its windows as Chromium pages with the real preload. A disconnect storm must change the tray badge, show
// exactly one spike notification, reach the popup through the bridge, and open the dashboard on the group when
// the notification is clicked.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState, Bridge, GroupsSnapshot } from '../../preload/contract.js';
import { AppHarness, ROOT } from './harness/app-harness.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
type Scope = { readonly workspaceTray: Bridge };

let app: AppHarness;
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  app = await AppHarness.start({ scenario: 'disconnect-storm', intervalSeconds: 1 });
});
afterAll(async () => {
  await app?.close();
});

describe('the app in the full-stack harness, on a disconnect storm', () => {
  it('shows the demo in the tray, the popup and the notification, and opens the spiking group on a click', async () => {
    // Before the storm: the demo's first snapshots.
    const calm = await app.waitFor('the first demo snapshot in the tray', async () => {
      const tray = await app.tray();
      return tray !== null && /demo/i.test(tray.tooltip) && tray.tooltip !== '' && app.notificationsShown.length === 0 ? tray : undefined;
    });
    expect(calm.representations.length).toBeGreaterThan(0);
    await writeFile(join(ARTIFACTS, 'harness-tray-before-storm.png'), calm.representations.at(-1)?.png ?? new Uint8Array());

    const popup = await app.openPopup();
    const before: AppState = await app.state(popup);
    expect(before.demo).toBe(true);
    expect(before.accounts).toHaveLength(1);
    expect(before.accounts[0]).toMatchObject({ id: 'demo', demo: true });
    await popup.screenshot({ path: join(SCREENSHOTS, 'harness-popup-before-storm.png') });

    // The storm comes at the simulator's poll 4 (1 s interval here).
    await app.waitFor('a spike notification', async () => (app.notificationsShown.length > 0 ? true : undefined));
    const spiking = await app.waitFor('the spike in the popup state', async () => {
      const state = await app.state(popup);
      return (state.accounts[0]?.spikingGroupKeys.length ?? 0) > 0 ? state : undefined;
    });
    const stormTray = await app.waitFor('the tray to show the alert', async () => {
      const tray = await app.tray();
      return tray !== null && tray.imageSets > calm.imageSets ? tray : undefined;
    });
    await writeFile(join(ARTIFACTS, 'harness-tray-storm.png'), stormTray.representations.at(-1)?.png ?? new Uint8Array());
    expect(Buffer.from(stormTray.representations[0]?.png ?? []).equals(Buffer.from(calm.representations[0]?.png ?? []))).toBe(false);
    expect(stormTray.tooltip).not.toBe(calm.tooltip);

    // The popup gets the spiking group through the bridge: its key is in the group list the page can fetch.
    const key = spiking.accounts[0]?.spikingGroupKeys[0] ?? '';
    const groups = await popup.evaluate(() => (globalThis as unknown as Scope).workspaceTray.getGroups('demo'));
    expect((groups as GroupsSnapshot | null)?.groups.map((group) => group.key)).toContain(key);
    await popup.screenshot({ path: join(SCREENSHOTS, 'harness-popup-storm.png') });

    // The popup was told through the bridge's events, as changes (not whole lists) and as a notification.
    const popupWindow = (await app.windows()).find((window) => window.view === 'popup');
    const sent = app.sentEvents.get(popupWindow?.id ?? -1) ?? [];
    expect(sent.some((event) => event.channel === 'wt:event:state')).toBe(true);
    const changes = sent.filter((event) => event.channel === 'wt:event:groupsChanged');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((event) => !('groups' in (event.payload as object)))).toBe(true);
    expect(sent.filter((event) => event.channel === 'wt:event:notification').length).toBeGreaterThanOrEqual(1);

    // Exactly one spike notification for the storm (its recovery may follow, as the engine says).
    const shown = await app.notifications();
    const spikes = shown.filter((notification) => /spiked/.test(notification.title));
    expect(spikes).toHaveLength(1);
    expect(spikes[0]?.title).toMatch(/^Demo data: /);
    expect(spikes[0]?.body).toMatch(/Demo data from the built-in simulator/);

    // A second launch of the app brings up the first one's dashboard.
    await app.os('second-instance');
    await app.waitForPage('dashboard');

    // A click on the notification takes the dashboard to that group.
    await app.clickNotification(shown.indexOf(spikes[0] as (typeof shown)[number]));
    const dashboard = await app.waitForPage('dashboard');
    const dashboardWindow = (await app.windows()).find((window) => window.view === 'dashboard');
    expect(dashboardWindow?.visible).toBe(true);
    const navigated = await app.waitFor('the navigate event to the dashboard', async () =>
      (app.sentEvents.get(dashboardWindow?.id ?? -1) ?? []).find((event) => event.channel === 'wt:event:navigate'),
    );
    expect(navigated.payload).toMatchObject({ view: 'group', accountId: 'demo' });
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'harness-dashboard-after-click.png') });
  });

  it('refuses bridge calls with bad arguments, with an error that says what is wrong', async () => {
    const popup = await app.openPopup();
    const refused = await popup.evaluate(async () => {
      try {
        await (globalThis as unknown as { workspaceTray: { getGroups(id: unknown): Promise<unknown> } }).workspaceTray.getGroups(42);
        return 'accepted';
      } catch (error) {
        return String(error);
      }
    });
    expect(refused).toMatch(/getGroups: invalid arguments: argument 0 must be string/);
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const index = await app.call('fetchApp', 'app://workspace-tray/index.html', 'GET');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    const traversal = await app.call('fetchApp', 'app://workspace-tray/%2e%2e/%2e%2e/package.json', 'GET');
    expect(traversal.status).toBe(404);
    const encodedSlash = await app.call('fetchApp', 'app://workspace-tray/assets%2f..%2f..%2fpackage.json', 'GET');
    expect(encodedSlash.status).toBe(404);
  });
});
