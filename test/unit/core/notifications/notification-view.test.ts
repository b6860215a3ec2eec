import { describe, expect, it } from 'vitest';
import { recoveryNotification, spikeNotification, type GroupChange } from '../../../../main/core/engine/notification.js';
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
});
