// What an admin does in the renderer, in Chromium against the built renderer, with the FakeBridge playing main:
// a storm reaching the popup and the chart, a notification click landing on the group, the 5,000-group fleet,
// an auth failure and its Reconnect, adding an account through the form, CSV export.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_FAIL_PROJECT, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';
import { launchChromium } from './support/chromium.js';
import { openRenderer, rendererBuilt, SCREENSHOT_DIR, serveRenderer, type RendererPage } from './support/renderer-page.js';

const POPUP = { width: 380, height: 520 };

describe.skipIf(!rendererBuilt())('renderer flows (fake bridge, dist/renderer)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  const open: RendererPage[] = [];
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await serveRenderer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const view of open) await view.context.close();
    await browser?.close();
    await server?.close();
  });
  const start = async (options: Parameters<typeof openRenderer>[2]) => {
    const view = await openRenderer(browser, server.url, options);
    open.push(view);
    return view;
  };
  const rowNames = (page: Page) => page.locator('[role=row][data-key] [role=rowheader] a').allTextContents();

  it('a storm: the group jumps to the top of the popup with a spike tag, the notification click opens its page with the spike marked', async () => {
    const popup = await start({ hash: '#/popup', fake: SCENARIOS.twelve(), viewport: POPUP });
    const firstOption = popup.page.locator('[role=option]').first();
    await firstOption.waitFor();
    expect(await firstOption.textContent()).not.toContain('CallCenter-Night');
    const before = Number((await popup.page.locator('dd[data-field=disconnected_num]').textContent())?.replace(/\D/g, ''));

    popup.fake.storm(PROD_ID, 'CallCenter-Night', 40);
    await expect.poll(() => firstOption.textContent()).toContain('CallCenter-Night');
    expect(await firstOption.textContent()).toContain('Spike');
    await popup.page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-storm-light.png') });
    await expect.poll(async () => Number((await popup.page.locator('dd[data-field=disconnected_num]').textContent())?.replace(/\D/g, ''))).toBe(before + 40);
    // Applied as a diff: one full fetch at start, none for the storm's revision.
    expect(popup.fake.calls.filter((call) => call.name === 'getGroups')).toHaveLength(1);

    // Enter on the focused list drills down: the popup asks main to open the dashboard on that group.
    await popup.page.locator('[role=listbox]').focus();
    await popup.page.keyboard.press('Enter');
    await expect.poll(() => popup.fake.calls.find((call) => call.name === 'openDashboard')?.args[0]).toEqual({ view: 'group', accountId: PROD_ID, groupKey: 'CallCenter-Night' });
    await popup.page.keyboard.press('Escape');
    await expect.poll(() => popup.fake.calls.some((call) => call.name === 'closeWindow')).toBe(true);

    // The dashboard window; main sends `navigate` when the notification is clicked.
    const dashboard = await start({ hash: '#/dashboard', fake: SCENARIOS.twelve() });
    await dashboard.page.locator('[role=row][data-key]').first().waitFor();
    const mark = dashboard.fake.storm(PROD_ID, 'CallCenter-Night', 40);
    dashboard.fake.emit('navigate', { view: 'group', accountId: PROD_ID, groupKey: 'CallCenter-Night' });
    await dashboard.page.getByRole('heading', { level: 1, name: 'CallCenter-Night' }).waitFor();
    expect(dashboard.page.url()).toContain(`#/group/${PROD_ID}/CallCenter-Night`);
    await dashboard.page.locator('.u-over').waitFor();
    await expect.poll(() => dashboard.page.locator('.spikes li.spike').allTextContents()).toContainEqual(expect.stringContaining(mark.title));
    // Hovering the chart shows the tooltip with the three counts.
    const box = await dashboard.page.locator('.u-over').boundingBox();
    if (box === null) throw new Error('chart not laid out');
    await dashboard.page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    await dashboard.page.getByRole('tooltip').waitFor();
    expect(await dashboard.page.getByRole('tooltip').textContent()).toMatch(/In use.*Ready/s);
  });

  it('5,000 groups: virtualized rows, sort by any column, filter by name, scroll to the end', async () => {
    const { page } = await start({ hash: '#/dashboard', fake: SCENARIOS.large() });
    await page.locator('[role=row][data-key]').first().waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'groups' }).textContent()).toBe('5,000 of 5,000 groups');
    const rendered = await page.locator('[role=row][data-key]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(120);
    expect(await page.locator('[role=table]').getAttribute('aria-rowcount')).toBe('5002');

    // Sort by name, ascending then descending.
    await page.getByRole('columnheader', { name: /Group/ }).getByRole('button').click();
    const ascending = await rowNames(page);
    expect([...ascending].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }))).toEqual(ascending);
    expect(await page.getByRole('columnheader', { name: /Group/ }).getAttribute('aria-sort')).toBe('ascending');

    // Sort by "In use", largest first.
    await page.getByRole('columnheader', { name: /In use/ }).getByRole('button').click();
    const inUse = (await page.locator('[role=row][data-key] [role=cell]:nth-child(2)').allTextContents()).map((text) => Number(text.replace(/\D/g, '')));
    expect(inUse).toEqual([...inUse].sort((a, b) => b - a));

    await page.getByRole('searchbox').fill('Finance-Shanghai');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'groups' }).textContent()).toMatch(/^\d+ of 5,000 groups$/);
    for (const name of await rowNames(page)) expect(name).toContain('Finance-Shanghai');

    await page.getByRole('searchbox').fill('');
    await page.getByRole('columnheader', { name: /Group/ }).getByRole('button').click();
    const scroller = page.locator('[role=rowgroup] > div').last();
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect.poll(async () => Number(await page.locator('[role=row][data-key]').last().getAttribute('aria-rowindex'))).toBe(5002);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-5000-scrolled-light.png') });
  });

  it('an auth failure: the banner says so in plain words; Reconnect opens that account in settings, new keys clear it', async () => {
    const popup = await start({ hash: '#/popup', fake: SCENARIOS.authError(), viewport: POPUP });
    const banner = popup.page.getByRole('alert');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('The credentials were rejected or have expired.');
    await banner.getByRole('button', { name: 'Reconnect the account' }).click();
    await expect.poll(() => popup.fake.calls.find((call) => call.name === 'openDashboard')?.args[0]).toEqual({ view: 'settings', section: 'accounts', accountId: PROD_ID });

    const settings = await start({ hash: `#/settings/accounts/${PROD_ID}`, fake: SCENARIOS.authError() });
    const form = settings.page.getByRole('form', { name: 'Edit Production' });
    await form.waitFor();
    await form.getByLabel('Access key (AK/SK)').check();
    await form.getByLabel('Access key ID (AK)').fill('NEWAKEXAMPLE');
    await form.getByLabel('Secret access key (SK)').fill('new-secret-key');
    await form.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => settings.fake.keychain.get(PROD_ID)).toEqual({ method: 'aksk', secret: { ak: 'NEWAKEXAMPLE', sk: 'new-secret-key' } });
    await expect.poll(() => settings.page.getByText('The credentials were rejected (HTTP 401)').count()).toBe(0);
  });

  it('adding an account: inline problems from the core validators, Test connection with the mapped error, then Save; the secret is not kept in the page', async () => {
    const { page, fake } = await start({ hash: '#/settings', fake: SCENARIOS.demo() });
    await page.getByRole('button', { name: 'Connect your account' }).click();
    const form = page.getByRole('form', { name: 'Add account' });
    await form.getByLabel('Account name').fill('Head office');
    await form.getByLabel('Project ID').fill('abc/def');
    await form.getByLabel('Project ID').blur();
    await form.getByText('Must not contain “/”.', { exact: false }).waitFor();
    expect(await form.getByLabel('Project ID').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Custom endpoint').check();
    await form.getByLabel('Workspace endpoint URL').fill('http://workspace.example.com');
    await form.getByLabel('Workspace endpoint URL').blur();
    await form.getByText('Plain http to a remote host would send the credentials unencrypted', { exact: false }).waitFor();
    await form.getByLabel('Region', { exact: true }).check();

    await form.getByLabel('Access key (AK/SK)').check();
    await form.getByLabel('Access key ID (AK)').fill('AK WITH SPACE');
    await form.getByLabel('Access key ID (AK)').blur();
    await form.getByText('Only ASCII letters, digits and punctuation').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-account-form-light.png'), fullPage: true });
    await form.getByLabel('Access key ID (AK)').fill('AKEXAMPLE123');
    await form.getByLabel('Secret access key (SK)').fill('s3cr3t-sk');

    await form.getByLabel('Project ID').fill(AUTH_FAIL_PROJECT);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const outcome = form.getByTestId('form-outcome');
    await expect.poll(() => outcome.textContent()).toContain('The credentials were rejected or have expired.');
    expect(await outcome.textContent()).toContain('Check the access key and secret key');

    await form.getByLabel('Project ID').fill('0123456789abcdef0123456789abcdef');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => outcome.textContent()).toContain('Connected to https://workspace.cn-north-4.myhuaweicloud.com: 12 groups');

    await form.getByRole('button', { name: 'Save account' }).click();
    await form.waitFor({ state: 'detached' });
    expect(fake.settings.accounts.map((account) => account.name)).toEqual(['Head office']);
    const saved = fake.settings.accounts[0];
    expect(fake.keychain.get(saved?.id ?? '')).toEqual({ method: 'aksk', secret: { ak: 'AKEXAMPLE123', sk: 's3cr3t-sk' } });
    expect(JSON.stringify(fake.settings)).not.toContain('s3cr3t-sk');
    // Nothing in the page holds the secret once saved: no input, no text.
    expect(await page.locator('input').evaluateAll((inputs) => inputs.some((input) => (input as unknown as { value: string }).value === 's3cr3t-sk'))).toBe(false);
    expect(await page.content()).not.toContain('s3cr3t-sk');
    // The demo call to action is gone once an account exists.
    await expect.poll(() => page.getByText('Demo data: connect your account').count()).toBe(0);
  });

  it('CSV export: the table and a history go to main as export requests', async () => {
    const { page, fake } = await start({ hash: '#/dashboard', fake: SCENARIOS.twelve() });
    await page.locator('[role=row][data-key]').first().waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByText('Saved to /home/admin/Downloads/workspace-groups.csv').waitFor();
    expect(fake.exports).toEqual([{ kind: 'groups', accountId: PROD_ID }]);

    await page.getByRole('link', { name: 'CallCenter-Night' }).click();
    await page.getByRole('radio', { name: '7 days' }).click();
    await page.getByRole('button', { name: 'Export history CSV' }).click();
    await expect.poll(() => fake.exports.at(-1)).toEqual({ kind: 'history', accountId: PROD_ID, series: ['CallCenter-Night'], range: '7d' });
  });
});
