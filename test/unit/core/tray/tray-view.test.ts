import { describe, expect, it } from 'vitest';
import { workspaceError } from '../../../../main/core/errors.js';
import { fitTooltip, type TrayContext, type TrayMenuItem, trayView, WINDOWS_TOOLTIP_LIMIT } from '../../../../main/core/tray/tray-view.js';
import { account, appState, counts, NOW } from './app-state-fixture.js';

const WIN: TrayContext = { platform: 'win32', launchAtLogin: false, timeZone: 'UTC' };
const MAC: TrayContext = { ...WIN, platform: 'darwin' };
const LINUX: TrayContext = { ...WIN, platform: 'linux' };

const prod = account({ id: 'acc-prod', name: 'prod', totals: counts({ disconnected_num: 12 }), lastSuccessAt: NOW - 20_000 });
const lab = account({ id: 'acc-lab', name: 'lab', totals: counts({ disconnected_num: 3 }), freshness: 'stale', lastSuccessAt: NOW - 5 * 60_000 });

function find(items: readonly TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.kind === 'submenu') {
      const inner = find(item.items, id);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

describe('trayView: icon and images', () => {
  it('shows the fleet count of the badge metric with the worst state', () => {
    const view = trayView(appState([prod, lab]), NOW, WIN);
    expect(view.count).toBe(15);
    expect(view.state).toBe('stale');
    expect(view.iconId).toBe('stale/15');
  });

  it('follows the selected badge metric', () => {
    const state = appState([account({ totals: counts({ disconnected_num: 1, unregistered_num: 4, in_use_num: 30 }) })], { badgeMetric: 'unregistered_num' });
    expect(trayView(state, NOW, WIN).count).toBe(4);
    expect(trayView({ ...state, badgeMetric: 'in_use_num' }, NOW, WIN)).toMatchObject({ count: 30, state: 'ok' });
  });

  it('asks for Windows 16 DIP images at 100, 125, 150 and 200 %', () => {
    const view = trayView(appState([prod]), NOW, WIN);
    expect(view.images.map((image) => [image.size, image.scale, image.template, image.count, image.state])).toEqual([
      [16, 1, false, 12, 'warning'],
      [16, 1.25, false, 12, 'warning'],
      [16, 1.5, false, 12, 'warning'],
      [16, 2, false, 12, 'warning'],
    ]);
    expect(new Set(view.images.map((image) => image.scale)).size).toBe(view.images.length);
  });

  it('asks macOS for template images without a badge and puts the count in the title', () => {
    const view = trayView(appState([prod]), NOW, MAC);
    expect(view.images.map((image) => [image.size, image.scale, image.template, image.count])).toEqual([
      [16, 1, true, null],
      [16, 2, true, null],
    ]);
    expect(view.title).toBe('12');
    expect(view.iconId).toBe('warning/template');
    expect(trayView(appState([account({ totals: counts({ disconnected_num: 1234 }) })]), NOW, MAC).title).toBe('1,234');
    expect(trayView(appState([]), NOW, MAC).title).toBe('');
    expect(trayView(appState([prod]), NOW, WIN).title).toBe('');
  });

  it('asks Linux for 22 px images at 1x and 2x', () => {
    expect(trayView(appState([prod]), NOW, LINUX).images.map((image) => image.size * image.scale)).toEqual([22, 44]);
  });

  it('keeps the icon id while only the text changes, and changes it when the image would', () => {
    const before = trayView(appState([prod]), NOW, WIN);
    const later = trayView(appState([{ ...prod, lastSuccessAt: NOW }]), NOW + 60_000, WIN);
    expect(later.iconId).toBe(before.iconId);
    expect(later.tooltip).not.toBe(before.tooltip);
    const moreDisconnected = trayView(appState([{ ...prod, totals: counts({ disconnected_num: 13 }) }]), NOW, WIN);
    expect(moreDisconnected.iconId).not.toBe(before.iconId);
    const spiking = trayView(appState([{ ...prod, spikingGroupKeys: ['pool-a'] }]), NOW, WIN);
    expect(spiking.iconId).toBe('spike/12');
    // Past 99 the badge says 99+ whatever the count: the image stays.
    const big = (n: number) => trayView(appState([{ ...prod, totals: counts({ disconnected_num: n }) }]), NOW, WIN).iconId;
    expect(big(150)).toBe(big(151));
    // On macOS the count is only in the title: the template image does not change with it.
    expect(trayView(appState([{ ...prod, totals: counts({ disconnected_num: 13 }) }]), NOW, MAC).iconId).toBe(trayView(appState([prod]), NOW, MAC).iconId);
  });

  it('has no count and no badge before any data', () => {
    const view = trayView(appState([account({ totals: null, lastSuccessAt: null, freshness: 'refreshing' })]), NOW, WIN);
    expect(view.count).toBeNull();
    expect(view.iconId).toBe('ok/no-count');
    expect(view.images.every((image) => image.count === null)).toBe(true);
  });
});

describe('trayView: tooltip', () => {
  it('has one line per account with the count, the state and the age of the data', () => {
    expect(trayView(appState([prod, lab]), NOW, WIN).tooltip).toBe(['prod: 12 disconnected · updated 20 s ago', 'lab: 3 disconnected · stale, updated 5 min ago'].join('\n'));
  });

  it('names alerts, errors by category, refreshing and missing data', () => {
    const lines = trayView(
      appState([
        account({ name: 'a', spikingGroupKeys: ['g'], lastSuccessAt: NOW - 2_000 }),
        account({ name: 'b', freshness: 'error', error: workspaceError('auth', 'Credentials rejected.'), halted: true, totals: null, lastSuccessAt: null }),
        account({ name: 'c', freshness: 'error', error: workspaceError('timeout', 'No answer.'), lastSuccessAt: NOW - 2 * 3_600_000 }),
        account({ name: 'd', freshness: 'error', error: workspaceError('service', 'HTTP 503.'), lastSuccessAt: NOW - 30_000 }),
        account({ name: 'e', freshness: 'refreshing', lastSuccessAt: NOW - 61_000 }),
      ]),
      NOW,
      { ...WIN, platform: 'linux' },
    ).tooltip.split('\n');
    expect(lines).toEqual([
      'a: 0 disconnected · alert, updated just now',
      'b: sign-in or permission error, no data yet',
      'c: 0 disconnected · network error, updated 2 h ago',
      'd: 0 disconnected · service error, updated 30 s ago',
      'e: 0 disconnected · refreshing, updated 1 min ago',
    ]);
  });

  it('says refreshing before the first snapshot', () => {
    const first = account({ name: 'new', freshness: 'refreshing', totals: null, lastSuccessAt: null });
    expect(trayView(appState([first]), NOW, WIN).tooltip).toBe('new: refreshing, no data yet');
  });

  it('labels demo data as demo data', () => {
    const demo = account({ id: 'demo', name: 'Demo', demo: true, totals: counts({ disconnected_num: 7 }) });
    const tooltip = trayView(appState([demo], { demo: true }), NOW, WIN).tooltip;
    expect(tooltip).toBe('Workspace Tray: demo data from the built-in simulator\nDemo (demo data): 7 disconnected · updated 20 s ago');
  });

  it('says when there is no account and when notifications are paused, with the local time', () => {
    expect(trayView(appState([]), NOW, WIN).tooltip).toBe('Workspace Tray: no account yet. Open it to add one.');
    const paused = trayView(appState([prod], { notificationsPausedUntil: Date.UTC(2026, 11, 1, 13, 0) }), NOW, { ...WIN, timeZone: 'Asia/Shanghai' });
    expect(paused.tooltip.split('\n').at(-1)).toBe('Notifications paused until 21:00');
    expect(paused.state).toBe('paused');
  });

  it('fits the Windows limit of 127 characters with whole lines and a count of the rest', () => {
    const many = Array.from({ length: 12 }, (_, index) => account({ id: `a${index}`, name: `production-account-${index}` }));
    const windows = trayView(appState(many), NOW, WIN).tooltip;
    expect(windows.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_LIMIT);
    const lines = windows.split('\n');
    expect(lines[0]).toBe('production-account-0: 0 disconnected · updated 20 s ago');
    expect(lines.at(-1)).toMatch(/^… and \d+ more$/);
    const kept = lines.length - 1;
    expect(lines.at(-1)).toBe(`… and ${12 - kept} more`);
    // Other platforms have no such limit.
    expect(trayView(appState(many), NOW, LINUX).tooltip.split('\n')).toHaveLength(12);
  });

  it('fitTooltip keeps what fits and cuts a lone line too long for the limit', () => {
    expect(fitTooltip(['a', 'b'], 10)).toBe('a\nb');
    const lines = ['a'.repeat(8), 'b'.repeat(8), 'c'.repeat(20)];
    expect(fitTooltip(lines, 38)).toBe(lines.join('\n'));
    expect(fitTooltip(lines, 25)).toBe(`${'a'.repeat(8)}\n… and 2 more`);
    expect(fitTooltip(lines, 30)).toBe(`${'a'.repeat(8)}\n${'b'.repeat(8)}\n… and 1 more`);
    expect(fitTooltip(['x'.repeat(50)], 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('trayView: menu', () => {
  const menuOf = (state = appState([prod, lab]), context: TrayContext = WIN) => trayView(state, NOW, context).menu;

  it('lists the accounts as disabled summary lines, then the commands in order', () => {
    const menu = menuOf();
    expect(menu.map((item) => (item.kind === 'separator' ? '---' : item.id))).toEqual([
      'summary:acc-prod',
      'summary:acc-lab',
      '---',
      'refresh',
      'open-dashboard',
      'pause',
      '---',
      'settings',
      'launch-at-login',
      '---',
      'quit',
    ]);
    expect(find(menu, 'summary:acc-lab')).toEqual({ kind: 'info', id: 'summary:acc-lab', label: 'lab: 3 disconnected · stale, updated 5 min ago' });
    expect(find(menu, 'settings')).toMatchObject({ label: 'Settings…', action: { type: 'open-settings' } });
    expect(find(menu, 'quit')).toMatchObject({ action: { type: 'quit' } });
    expect(find(menu, 'open-dashboard')).toMatchObject({ action: { type: 'open-dashboard', route: null } });
  });

  it('gives Linux an item that opens the popup, since AppIndicator hosts ignore clicks', () => {
    expect(menuOf(appState([prod]), LINUX)[0]).toEqual({ kind: 'action', id: 'open-popup', label: 'Show Workspace Tray', enabled: true, action: { type: 'open-popup' } });
    expect(find(menuOf(appState([prod]), WIN), 'open-popup')).toBeUndefined();
    expect(find(menuOf(appState([prod]), MAC), 'open-popup')).toBeUndefined();
  });

  it('offers pausing for an hour or until tomorrow, and resuming only while paused', () => {
    const running = find(menuOf(), 'pause');
    expect(running).toMatchObject({ kind: 'submenu', label: 'Pause notifications' });
    expect(find(menuOf(), 'pause:hour')).toMatchObject({ action: { type: 'pause-notifications', choice: 'hour' }, enabled: true });
    expect(find(menuOf(), 'pause:tomorrow')).toMatchObject({ label: 'Until tomorrow 08:00', action: { type: 'pause-notifications', choice: 'tomorrow' } });
    expect(find(menuOf(), 'pause:resume')).toMatchObject({ enabled: false });
    expect(find(menuOf(), 'pause:status')).toBeUndefined();

    const paused = menuOf(appState([prod], { notificationsPausedUntil: NOW + 3_600_000 }));
    expect(find(paused, 'pause')).toMatchObject({ label: 'Notifications paused' });
    expect(find(paused, 'pause:status')).toEqual({ kind: 'info', id: 'pause:status', label: 'Paused until 13:00' });
    expect(find(paused, 'pause:resume')).toMatchObject({ enabled: true, action: { type: 'resume-notifications' } });
  });

  it('gives ages to the minute in the menu, so it stays the same from one second to the next', () => {
    const at = (now: number) => trayView(appState([prod]), now, WIN);
    expect(find(at(NOW).menu, 'summary:acc-prod')).toMatchObject({ label: 'prod: 12 disconnected · updated just now' });
    expect(at(NOW + 30_000).menu).toEqual(at(NOW).menu);
    expect(at(NOW + 30_000).tooltip).not.toBe(at(NOW).tooltip);
    expect(find(at(NOW + 60_000).menu, 'summary:acc-prod')).toMatchObject({ label: 'prod: 12 disconnected · updated 1 min ago' });
  });

  it('shows launch at login as the OS reports it', () => {
    expect(find(menuOf(appState([prod]), { ...WIN, launchAtLogin: true }), 'launch-at-login')).toEqual({
      kind: 'checkbox',
      id: 'launch-at-login',
      label: 'Launch at login',
      checked: true,
      action: { type: 'toggle-launch-at-login' },
    });
    expect(find(menuOf(), 'launch-at-login')).toMatchObject({ checked: false });
  });

  it('with no account: one line saying so, and refresh disabled', () => {
    const menu = menuOf(appState([]));
    expect(menu[0]).toEqual({ kind: 'info', id: 'summary', label: 'No account yet' });
    expect(find(menu, 'refresh')).toMatchObject({ enabled: false });
  });

  it('gives every item a unique id', () => {
    const ids: string[] = [];
    const walk = (items: readonly TrayMenuItem[]) => items.forEach((item) => (ids.push(item.id), item.kind === 'submenu' && walk(item.items)));
    walk(menuOf(appState([prod, lab], { notificationsPausedUntil: NOW + 1 }), LINUX));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('trayView in Simplified Chinese (AppState.language zh-CN)', () => {
  const zh = (accounts = [prod, lab], overrides: Parameters<typeof appState>[1] = {}) => appState(accounts, { language: 'zh-CN', ...overrides });
  const labels = (items: readonly TrayMenuItem[]): string[] =>
    items.flatMap((item) => (item.kind === 'separator' ? ['---'] : item.kind === 'submenu' ? [item.label, ...labels(item.items).map((label) => `  ${label}`)] : [item.label]));

  it('words the whole menu in Chinese, the same items and actions as in English', () => {
    const paused = zh([prod, lab], { notificationsPausedUntil: NOW + 3_600_000 });
    expect(labels(trayView(paused, NOW, LINUX).menu)).toEqual([
      '显示 Workspace Tray',
      '---',
      'prod：12 台已断开 · 刚刚更新',
      'lab：3 台已断开 · 数据过期，5分钟前更新',
      '---',
      '立即刷新',
      '打开仪表板',
      '通知已暂停',
      '  暂停至 13:00',
      '  ---',
      '  1 小时',
      '  至明天 08:00',
      '  恢复通知',
      '---',
      '设置…',
      '登录时启动',
      '---',
      '退出 Workspace Tray',
    ]);
    const english = trayView(appState([prod, lab], { notificationsPausedUntil: NOW + 3_600_000 }), NOW, LINUX).menu;
    const strip = (items: readonly TrayMenuItem[]): unknown => items.map(({ label: _label, ...rest }: TrayMenuItem & { label?: string }) => ('items' in rest ? { ...rest, items: strip(rest.items) } : rest));
    expect(strip(trayView(paused, NOW, LINUX).menu)).toEqual(strip(english));
    expect(find(trayView(zh(), NOW, WIN).menu, 'pause')).toMatchObject({ label: '暂停通知' });
    expect(find(trayView(zh([]), NOW, WIN).menu, 'summary')).toMatchObject({ label: '尚未添加账号' });
  });

  it('says counts grouped as zh-CN groups them, states, and ages as relative times', () => {
    const big = account({ id: 'acc-big', name: '生产', totals: counts({ disconnected_num: 12_345 }), lastSuccessAt: NOW - 2 * 3_600_000 });
    const lines = trayView(
      zh([
        prod,
        lab,
        big,
        account({ name: 'b', freshness: 'error', error: workspaceError('auth', 'Credentials rejected.'), halted: true, totals: null, lastSuccessAt: null }),
        account({ name: 'c', freshness: 'error', error: workspaceError('timeout', 'No answer.'), lastSuccessAt: NOW - 30_000 }),
        account({ name: 'e', freshness: 'refreshing', lastSuccessAt: NOW - 61_000 }),
        account({ name: 'f', spikingGroupKeys: ['g'], lastSuccessAt: NOW - 3 * 86_400_000 }),
      ]),
      NOW,
      LINUX,
    ).tooltip.split('\n');
    expect(lines).toEqual([
      'prod：12 台已断开 · 20秒前更新',
      'lab：3 台已断开 · 数据过期，5分钟前更新',
      `生产：${new Intl.NumberFormat('zh-CN').format(12_345)} 台已断开 · 2小时前更新`,
      'b：登录或权限错误，尚无数据',
      'c：0 台已断开 · 网络错误，30秒前更新',
      'e：0 台已断开 · 正在刷新，1分钟前更新',
      'f：0 台已断开 · 突增告警，3天前更新',
    ]);
    expect(lines[2]).toBe('生产：12,345 台已断开 · 2小时前更新');
    expect(trayView(zh([account()], { badgeMetric: 'in_use_num' }), NOW, LINUX).tooltip).toBe('prod：40 台使用中 · 20秒前更新');
  });

  it('says demo data, no account and a pause in Chinese', () => {
    const demo = account({ id: 'demo', name: 'Demo', demo: true, totals: counts({ disconnected_num: 7 }) });
    expect(trayView(zh([demo], { demo: true }), NOW, WIN).tooltip).toBe('Workspace Tray：内置模拟器的演示数据\nDemo（演示数据）：7 台已断开 · 20秒前更新');
    expect(trayView(zh([]), NOW, WIN).tooltip).toBe('Workspace Tray：尚未添加账号，打开即可添加。');
    const paused = trayView(zh([prod], { notificationsPausedUntil: Date.UTC(2026, 11, 1, 13, 0) }), NOW, { ...WIN, timeZone: 'Asia/Shanghai' });
    expect(paused.tooltip.split('\n').at(-1)).toBe('通知暂停至 21:00');
  });

  it('fits the Windows limit of 127 characters in Chinese too, with a Chinese count of the rest', () => {
    const many = Array.from({ length: 12 }, (_, index) => account({ id: `a${index}`, name: `华北生产环境账号-${index}`, freshness: 'stale', lastSuccessAt: NOW - 5 * 60_000 }));
    const windows = trayView(zh(many), NOW, WIN).tooltip;
    expect(windows.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_LIMIT);
    const lines = windows.split('\n');
    expect(lines[0]).toBe('华北生产环境账号-0：0 台已断开 · 数据过期，5分钟前更新');
    const kept = lines.length - 1;
    expect(kept).toBeGreaterThan(1);
    expect(lines.at(-1)).toBe(`… 另有 ${12 - kept} 项`);
    // One more line would not have fitted.
    const all = trayView(zh(many), NOW, LINUX).tooltip.split('\n');
    expect([...all.slice(0, kept + 1), `… 另有 ${12 - kept - 1} 项`].join('\n').length).toBeGreaterThan(WINDOWS_TOOLTIP_LIMIT);
    expect(fitTooltip(['甲'.repeat(8), '乙'.repeat(8), '丙'.repeat(20)], 26, 'zh-CN')).toBe(`${'甲'.repeat(8)}\n${'乙'.repeat(8)}\n… 另有 1 项`);
  });

  it('rebuilds the menu when the language changes: a new state in the other language gives other labels', () => {
    const english = trayView(appState([prod]), NOW, WIN);
    const chinese = trayView(zh([prod]), NOW, WIN);
    expect(JSON.stringify(chinese.menu)).not.toBe(JSON.stringify(english.menu));
    expect(chinese.iconId).toBe(english.iconId);
  });
});
