// The renderer's views in Chromium: screenshots (light, dark, zh-CN) for review and axe-core on each view.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';
import { SETTINGS_DEFAULT_SIZE } from '../../main/core/shell/window-bounds.js';
import { launchChromium } from './support/chromium.js';
import { openRenderer, rendererBuilt, SCREENSHOT_DIR, serveRenderer, type OpenOptions } from './support/renderer-page.js';

const POPUP = { width: 380, height: 520 };
const WINDOW = { width: 1280, height: 800 };
/** The settings window opens at its own size (a "Preferences…" window). */
const SETTINGS_WINDOW = { ...SETTINGS_DEFAULT_SIZE };

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
    { name: 'settings', options: { hash: '#/settings', fake: SCENARIOS.twelve(), viewport: SETTINGS_WINDOW }, ready: 'form, #accounts-title' },
    { name: 'onboarding', options: { hash: '#/settings', fake: SCENARIOS.demo(), viewport: SETTINGS_WINDOW }, ready: '#cta-title' },
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
    });
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
  });

  it('popup after a storm: the spiking group lists who is disconnected (light, dark, zh-CN), no axe serious/critical violations', async () => {
    for (const [theme, locale] of [['light', 'en'], ['dark', 'en'], ['light', 'zh-CN']] as const) {
      const { page, context, fake, cspViolations, consoleErrors } = await openRenderer(browser, server.url, { hash: '#/popup', fake: SCENARIOS.twelve(), viewport: POPUP, ...(locale === 'zh-CN' ? { locale } : {}) });
      try {
        fake.request_updateSettings({ appearance: { theme } });
        await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
        await page.locator('[role=listbox] [role=option]').first().waitFor();
        fake.storm(PROD_ID, 'CallCenter-Night', 40);
        const show = page.getByRole('button', { name: locale === 'en' ? 'Show who' : '查看是谁' });
        await show.waitFor();
        const suffix = locale === 'en' ? theme : 'zh-CN';
        await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-spiking-${suffix}.png`) });
        expect(fake.calls.filter((call) => call.name === 'listDisconnected')).toHaveLength(0);
        await show.click();
        const table = page.locator('.who table');
        await table.waitFor();
        expect(await table.locator('tbody tr').count()).toBeGreaterThan(10);
        expect(fake.calls.filter((call) => call.name === 'listDisconnected').map((call) => call.args)).toEqual([[PROD_ID, 'CallCenter-Night']]);
        // Compact for 380 px: the table fits the popup's width, no horizontal scrolling.
        const widths = await page.locator('.who .scroll').evaluate((element) => [element.scrollWidth, element.clientWidth]);
        expect(widths[0]).toBeLessThanOrEqual((widths[1] ?? 0) + 1);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-who-${suffix}.png`) });
        const results = await new AxeBuilder({ page }).analyze();
        const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        expect(severe.map((violation) => `${suffix} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
        if (locale === 'en') {
          await page.getByRole('searchbox', { name: 'Search' }).fill('network');
          expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
          expect(await table.locator('tbody tr').count()).toBeLessThan(40);
        }
        expect(cspViolations).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('fleet page: why connections failed and who is disconnected, no axe serious/critical violations', async () => {
    for (const [theme, locale] of [['light', 'en'], ['dark', 'en'], ['light', 'zh-CN']] as const) {
      const { page, context, fake, cspViolations, consoleErrors } = await openRenderer(browser, server.url, { hash: `#/group/${PROD_ID}/(fleet)`, fake: SCENARIOS.twelve(), viewport: { width: WINDOW.width, height: 1500 }, ...(locale === 'zh-CN' ? { locale } : {}) });
      try {
        fake.request_updateSettings({ appearance: { theme } });
        await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
        await page.locator('.u-over').first().waitFor();
        fake.storm(PROD_ID, 'CallCenter-Night', 40);
        await page.getByRole('button', { name: locale === 'en' ? 'Analyse failures' : '分析失败原因' }).click();
        const reasons = page.getByRole('table', { name: locale === 'en' ? 'Top failure reasons' : '最常见的失败原因' });
        await reasons.waitFor();
        expect(await reasons.locator('tbody tr').count()).toBeGreaterThan(1);
        const networks = page.getByRole('table', { name: locale === 'en' ? 'Networks of the failures (terminal IP prefix)' : '失败连接的网络（终端 IP 前缀）' });
        expect(await networks.locator('tbody th').first().textContent()).toBe('10.21.7.0/24');
        if (locale === 'en') expect(await page.locator('.finding').first().textContent()).toContain('Network 10.21.7.0/24');
        // One look fills both the analysis and the list below it.
        await page.locator('.disconnected table').waitFor();
        expect(fake.calls.filter((call) => call.name === 'listDisconnected')).toHaveLength(1);
        if (locale === 'en') expect(await page.locator('.disconnected td.unmatched').first().textContent()).toBe('not matched to a group');
        const suffix = locale === 'en' ? theme : 'zh-CN';
        await page.getByRole('heading', { name: locale === 'en' ? 'Why connections failed' : '连接失败的原因' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOT_DIR, `fleet-failures-${suffix}.png`), fullPage: true });
        const results = await new AxeBuilder({ page }).analyze();
        const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        expect(severe.map((violation) => `${suffix} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
        expect(cspViolations).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('zh-CN: the settings window with inline problems in Chinese, from the core validators, no axe serious/critical violations', async () => {
    const { page, context, cspViolations, consoleErrors } = await openRenderer(browser, server.url, { hash: '#/settings/add-account', fake: SCENARIOS.twelve(), viewport: { width: SETTINGS_WINDOW.width, height: 1400 }, locale: 'zh-CN' });
    try {
      const form = page.getByRole('form', { name: '添加账号' });
      await form.waitFor();
      await form.getByLabel('自定义终端节点').check();
      await form.getByLabel('云桌面终端节点 URL').fill('http://workspace.example.com');
      await form.getByLabel('项目 ID').fill('0a1b2c3d/4e5f');
      await form.getByLabel('令牌', { exact: true }).fill('MII token');
      await form.getByLabel('账号名称').focus();
      await form.getByLabel('账号名称').blur();
      const interval = page.getByLabel('更新间隔（秒）');
      await interval.fill('5');
      await interval.blur();
      await page.getByText('至少为 15。').waitFor();
      for (const text of ['必填。', '不能包含“/”。', '以明文 http 连接远程主机', '只能包含 ASCII 字母、数字和标点']) await form.getByText(text).first().waitFor();
      expect(await page.locator('.problem').allTextContents()).not.toContainEqual(expect.stringMatching(/[A-Za-z]{4,} [a-z]{3,}/));
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-zh-CN-problems.png'), fullPage: true });
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(severe.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
      expect(cspViolations).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('history chart: 1 h and 24 h in light, dark and zh-CN, and a group with three minutes of history, with its tooltip and table', async () => {
    const runs = [
      { locale: 'en-US', theme: 'light', fake: SCENARIOS.twelve(), young: false },
      { locale: 'en-US', theme: 'dark', fake: SCENARIOS.twelve(), young: false },
      { locale: 'zh-CN', theme: 'light', fake: SCENARIOS.twelve(), young: false },
      { locale: 'en-US', theme: 'light', fake: SCENARIOS.young(), young: true },
      { locale: 'zh-CN', theme: 'dark', fake: SCENARIOS.young(), young: true },
    ] as const;
    for (const run of runs) {
      const { page, context, fake, consoleErrors } = await openRenderer(browser, server.url, { hash: `#/group/${PROD_ID}/CallCenter-Night`, fake: run.fake, viewport: WINDOW, locale: run.locale });
      try {
        fake.request_updateSettings({ appearance: { theme: run.theme } });
        await page.locator(`html[data-theme="${run.theme}"]`).waitFor({ state: 'attached' });
        const history = page.locator('section.history');
        const firstRow = history.locator('tbody th[scope=row]').first();
        await page.locator('.u-over').first().waitFor();
        for (const range of run.young ? (['1h'] as const) : (['24h', '1h'] as const)) {
          const before = await firstRow.textContent();
          if (range !== '24h') {
            await history.locator(`[data-range="${range}"]`).click();
            // The chart is drawn again once the new range's answer is in: its table starts elsewhere.
            if (!run.young) await expect.poll(() => firstRow.textContent()).not.toBe(before);
          }
          // The tooltip beside the cursor: the time and the three counts, as the table has them.
          const plot = await page.locator('.u-over').first().boundingBox();
          if (plot === null) throw new Error('no plot');
          await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height / 2);
          const tooltip = page.getByRole('tooltip');
          await tooltip.waitFor();
          expect(await tooltip.locator('.tip-row').count()).toBe(3);
          // A few minutes of history: the tooltip's time has its seconds, as the axis does.
          const when = await tooltip.locator('.when').textContent();
          expect(when).toMatch(/\d:\d\d/);
          if (run.young) expect(when).toMatch(/\d:\d\d:\d\d/);
          else expect(when).not.toMatch(/\d:\d\d:\d\d/);
          const name = `history-${run.young ? 'new-group' : range}-${run.locale === 'zh-CN' ? 'zh-CN-' : ''}${run.theme}.png`;
          await history.screenshot({ path: join(SCREENSHOT_DIR, name) });
          await page.mouse.move(0, 0);
          await tooltip.waitFor({ state: 'detached' });
        }
        // The text alternative lists the same points: four minutes of history, five samples a minute apart.
        if (run.young) {
          const times = await history.locator('tbody th[scope=row]').allTextContents();
          expect(times).toHaveLength(5);
          expect(new Set(times).size).toBe(5);
          for (const time of times) expect(time).toMatch(/\d:\d\d:\d\d/);
        }
        expect(consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

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
  });
});
