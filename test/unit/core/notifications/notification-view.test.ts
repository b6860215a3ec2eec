import { describe, expect, it } from 'vitest';
import { recoveryNotification, spikeNotification, type GroupChange } from '../../../../main/core/engine/notification.js';
import { workspaceError } from '../../../../main/core/errors.js';
import { notificationView, settingsSetAsideView } from '../../../../main/core/notifications/notification-view.js';

const change = (name: string, before: number, after: number, key = name): GroupChange => ({ key, name, before, after, desktops: 100 });

const spike = (critical: boolean, groups: readonly GroupChange[], fleet: { before: number; after: number; desktops: number | null } | null = null) => {
  const note = spikeNotification({ at: 1_000, critical, groups, fleet, largestRises: [], recovered: [] });
  if (note === null) throw new Error('expected a notification');
  return note;
};

describe('notificationView', () => {
  it('names the account in the title, keeps the body, and opens the worst group on click', () => {
    const note = spike(false, [change('Pool B', 2, 10), change('Pool A', 1, 40)]);
    const view = notificationView({ notification: note, accountId: 'acc-prod', accountName: 'prod', demo: false, language: 'en' });
    expect(view).toEqual({
      title: 'prod: Disconnected sessions spiked in Pool A (+39)',
      body: note.body,
      urgency: 'normal',
      route: { view: 'group', accountId: 'acc-prod', groupKey: 'Pool A' },
      tag: 'acc-prod/Pool A',
    });
  });

  it('marks critical spikes urgent, and only spikes', () => {
    const critical = notificationView({ notification: spike(true, [change('A', 0, 90)]), accountId: 'a', accountName: 'a', demo: false, language: 'en' });
    expect(critical.urgency).toBe('critical');
    const recovery = recoveryNotification({ at: 2_000, groups: [change('A', 90, 1)], fleet: null });
    expect(notificationView({ notification: { ...recovery!, severity: 'critical' }, accountId: 'a', accountName: 'a', demo: false, language: 'en' }).urgency).toBe('normal');
  });

  it('opens the account dashboard for a fleet-only spike', () => {
    const view = notificationView({ notification: spike(true, [], { before: 10, after: 200, desktops: 1000 }), accountId: 'acc-lab', accountName: 'lab', demo: false, language: 'en' });
    expect(view.route).toEqual({ view: 'dashboard', accountId: 'acc-lab' });
    expect(view.tag).toBe('acc-lab/(fleet)');
    expect(view.title).toBe('lab: Disconnected sessions spiked across the fleet (+190)');
  });

  it('lets a recovery replace its spike: the same tag for the same account and group', () => {
    const up = notificationView({ notification: spike(false, [change('A', 0, 50)]), accountId: 'x', accountName: 'x', demo: false, language: 'en' });
    const down = notificationView({ notification: recoveryNotification({ at: 5, groups: [change('A', 50, 2)], fleet: null })!, accountId: 'x', accountName: 'x', demo: false, language: 'en' });
    expect(down.tag).toBe(up.tag);
    const otherAccount = notificationView({ notification: spike(false, [change('A', 0, 50)]), accountId: 'y', accountName: 'y', demo: false, language: 'en' });
    expect(otherAccount.tag).not.toBe(up.tag);
  });

  it('says demo notifications are demo data, in the title and the body', () => {
    const note = spike(false, [change('Shanghai-01', 3, 60)]);
    const view = notificationView({ notification: note, accountId: 'demo', accountName: 'Demo', demo: true, language: 'en' });
    expect(view.title).toBe('Demo data: Disconnected sessions spiked in Shanghai-01 (+57)');
    expect(view.body).toBe(`${note.body} Demo data from the built-in simulator, not your fleet.`);
    expect(view.body).toMatch(/not your fleet/);
  });

  it('opens and tags the group by its stable key, not by the name the text uses', () => {
    // Two groups named "Pool" are keyed apart; the text names the worst by its key.
    const keyed = spike(false, [change('Pool', 0, 40, 'Pool#2'), change('Pool', 0, 5, 'Pool')]);
    const view = notificationView({ notification: keyed, accountId: 'p', accountName: 'p', demo: false, language: 'en' });
    expect(view.route).toEqual({ view: 'group', accountId: 'p', groupKey: 'Pool#2' });
    expect(view.tag).toBe('p/Pool#2');
  });

  it('words a spike and a recovery in Chinese for a zh-CN app, with the same urgency, route and tag', () => {
    const note = spike(true, [change('财务部', 2, 40), change('研发', 1, 9)], { before: 10, after: 60, desktops: 1_200 });
    const english = notificationView({ notification: note, accountId: 'acc-prod', accountName: '生产', demo: false, language: 'en' });
    const chinese = notificationView({ notification: note, accountId: 'acc-prod', accountName: '生产', demo: false, language: 'zh-CN' });
    expect(chinese).toEqual({
      ...english,
      title: '生产：财务部 的断开会话突增（+38）',
      body: '2 → 40（共 100 台桌面）；另有 1 个桌面组：研发 +8。全部桌面：10 → 60（共 1,200 台桌面）。',
    });
    expect(english.title).toBe('生产: Disconnected sessions spiked in 财务部 (+38)');

    const recovery = recoveryNotification({ at: 5_000, groups: [change('财务部', 40, 3)], fleet: null })!;
    const back = notificationView({ notification: recovery, accountId: 'acc-prod', accountName: '生产', demo: false, language: 'zh-CN' });
    expect(back).toMatchObject({ title: '生产：财务部 的断开会话已恢复正常', body: '40 → 3（共 100 台桌面）。', urgency: 'normal', tag: chinese.tag });
  });

  it('says demo data in Chinese too, in the title and the body', () => {
    const view = notificationView({ notification: spike(false, [change('Shanghai-01', 3, 60)]), accountId: 'demo', accountName: 'Demo', demo: true, language: 'zh-CN' });
    expect(view.title).toBe('演示数据：Shanghai-01 的断开会话突增（+57）');
    expect(view.body).toBe('3 → 60（共 100 台桌面）。这是内置模拟器的演示数据，不是您的桌面。');
  });
});

describe('settingsSetAsideView', () => {
  const warning = workspaceError('config', 'The settings file was set aside as settings.json.bad', { hint: 'Your accounts are kept; check the settings' });

  it('titles the notice in the app language; the error text stays as main words it (English)', () => {
    expect(settingsSetAsideView(warning, 'en')).toEqual({
      title: 'Workspace Tray: settings file set aside',
      body: 'The settings file was set aside as settings.json.bad. Your accounts are kept; check the settings',
      urgency: 'normal',
      route: { view: 'settings' },
      tag: 'settings-set-aside',
    });
    expect(settingsSetAsideView(warning, 'zh-CN')).toEqual({ ...settingsSetAsideView(warning, 'en'), title: 'Workspace Tray：设置文件无法使用，已另存' });
  });
});
