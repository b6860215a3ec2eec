// The renderer's views in Chromium: screenshots (light, dark, zh-CN) for review and axe-core on each view.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';
import { launchChromium } from './support/chromium.js';
import { openRenderer, rendererBuilt, SCREENSHOT_DIR, serveRenderer, type OpenOptions } from './support/renderer-page.js';

const POPUP = { width: 380, height: 520 };
const WINDOW = { width: 1280, height: 800 };

describe.skipIf(!rendererBuilt())('renderer screens (fake bridge, dist/renderer)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await serveRenderer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const views: readonly { readonly name: string; readonly options: OpenOptions; readonly ready: string }[] = [
    { name: 'popup', options: { hash: '#/popup', fake: SCENARIOS.several(), viewport: POPUP }, ready: '[role=listbox] [role=option]' },
    { name: 'dashboard', options: { hash: '#/dashboard', fake: SCENARIOS.twelve(), viewport: WINDOW }, ready: '[role=row][data-key]' },
    { name: 'group', options: { hash: `#/group/${PROD_ID}/CallCenter-Night`, fake: SCENARIOS.twelve(), viewport: WINDOW }, ready: '.u-over' },
    { name: 'fleet', options: { hash: `#/group/${PROD_ID}/(fleet)`, fake: SCENARIOS.twelve(), viewport: WINDOW }, ready: '.u-over' },
    { name: 'settings', options: { hash: '#/settings', fake: SCENARIOS.twelve(), viewport: WINDOW }, ready: 'form, #accounts-title' },
    { name: 'onboarding', options: { hash: '#/settings', fake: SCENARIOS.demo(), viewport: WINDOW }, ready: '#cta-title' },
  ];

  for (const view of views) {
    it(`${view.name}: light and dark, no axe serious/critical violations, no CSP violation`, async () => {
      const { page, context, fake, cspViolations, consoleErrors } = await openRenderer(browser, server.url, view.options);
      try {
        for (const theme of ['light', 'dark'] as const) {
          // The theme setting, as the settings page would change it: main answers with a new state.
          fake.request_updateSettings({ appearance: { theme } });
          await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: "attached" });
          await page.locator(view.ready).first().waitFor();
          await page.screenshot({ path: join(SCREENSHOT_DIR, `${view.name}-${theme}.png`) });
          const results = await new AxeBuilder({ page }).analyze();
          const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
          expect(severe.map((violation) => `${theme} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
        }
        expect(cspViolations).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('group page after a storm: who is disconnected, searchable, no axe serious/critical violations', async () => {
    const { page, context, fake, cspViolations, consoleErrors } = await openRenderer(browser, server.url, { hash: `#/group/${PROD_ID}/CallCenter-Night`, fake: SCENARIOS.twelve(), viewport: { width: WINDOW.width, height: 1100 } });
    try {
      fake.storm(PROD_ID, 'CallCenter-Night', 40);
      await page.locator('.u-over').first().waitFor();
      await page.getByRole('button', { name: 'Show who is disconnected' }).click();
      const table = page.getByRole('table', { name: 'Disconnected desktops, longest disconnected first' });
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(10);
      await page.getByRole('heading', { name: 'Disconnected desktops' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'group-disconnected-light.png'), fullPage: true });
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(severe.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
      await page.getByRole('searchbox', { name: 'Search' }).fill('network');
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(cspViolations).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('zh-CN: the popup and dashboard in Simplified Chinese, numbers formatted for the locale', async () => {
    for (const [name, options] of [
      ['popup', { hash: '#/popup', fake: SCENARIOS.twelve(), viewport: POPUP }],
      ['dashboard', { hash: '#/dashboard', fake: SCENARIOS.twelve(), viewport: WINDOW }],
    ] as const) {
      const { page, context } = await openRenderer(browser, server.url, { ...options, locale: 'zh-CN' });
      try {
        await page.getByText(name === 'popup' ? '打开仪表板' : '桌面组').first().waitFor();
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-zh-CN.png`) });
        expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});
