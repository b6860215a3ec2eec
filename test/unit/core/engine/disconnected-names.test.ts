import { describe, expect, it } from 'vitest';
import { groupIndex, usersByGroup } from '../../../../main/core/desktops/group-of.js';
import { disconnectedUsersLine, withUserNames } from '../../../../main/core/engine/disconnected-names.js';
import type { SpikeNotification } from '../../../../main/core/engine/notification.js';
import { heldSpikeOutcome, shouldHold, withQuickReconnect, type SpikeDesktops } from '../../../../main/core/engine/quick-reconnect.js';

const AT = Date.UTC(2025, 0, 1, 9, 0);

function notification(kind: 'spike' | 'recovery', severity: 'warning' | 'critical' = 'warning', at = AT): SpikeNotification {
  return {
    kind,
    severity,
    title: kind === 'spike' ? 'Disconnected sessions spiked in Finance (+10)' : 'Disconnected sessions back to normal in Finance',
    body: '2 → 12 of 40 desktops.',
    at,
    groups: [{ key: 'Finance', name: 'Finance', before: 2, after: 12, desktops: 40 }, { key: 'HR', name: 'HR', before: 0, after: 6, desktops: 20 }],
    fleet: null,
  };
}

describe('disconnectedUsersLine', () => {
  it('names three users and counts the rest', () => {
    expect(disconnectedUsersLine('Finance', 12, ['alice', 'bob', 'chen', 'dmitri'], true)).toBe('Finance: 12 disconnected: alice, bob, chen and 9 more');
  });
  it('names everyone when there are few, without duplicates', () => {
    expect(disconnectedUsersLine('HR', 2, ['alice', 'alice', 'bob'], true)).toBe('HR: 2 disconnected: alice, bob');
  });
  it('counts every user when desktops have several', () => {
    expect(disconnectedUsersLine('HR', 2, ['a', 'b', 'c', 'd', 'e'], true)).toBe('HR: 2 disconnected: a, b, c and 2 more');
  });
  it('names nobody when names are off or unknown', () => {
    expect(disconnectedUsersLine('Finance', 12, ['alice'], false)).toBe('Finance: 12 disconnected');
    expect(disconnectedUsersLine('Finance', 12, [], true)).toBe('Finance: 12 disconnected');
  });
});

describe('withUserNames', () => {
  const users = new Map([['Finance', ['alice', 'bob', 'chen', 'dmitri']], ['HR', ['esra']]]);
  it('adds one sentence per spiking group', () => {
    expect(withUserNames(notification('spike'), users, true).body).toBe(
      '2 → 12 of 40 desktops. Finance: 12 disconnected: alice, bob, chen and 9 more. HR: 6 disconnected: esra and 5 more.',
    );
  });
  it('leaves the text alone with names off, for a recovery, or without users', () => {
    expect(withUserNames(notification('spike'), users, false)).toEqual(notification('spike'));
    expect(withUserNames(notification('recovery'), users, true)).toEqual(notification('recovery'));
    expect(withUserNames(notification('spike'), new Map(), true)).toEqual(notification('spike'));
  });
});

describe('group attribution by desktop name', () => {
  const groupOf = groupIndex(['Dev-Pool-03', 'Dev-Pool-03-2', 'Finance', 'Finance-Shanghai']);
  it.each([
    ['Dev-Pool-03-017', 'Dev-Pool-03'],
    ['Dev-Pool-03-2-001', 'Dev-Pool-03-2'],
    ['Finance-Shanghai-001', 'Finance-Shanghai'],
    ['Finance-Beijing-001', 'Finance'],
    ['Finance_7', 'Finance'],
    ['HR-001', null],
    ['FinanceX-001', null],
  ])('%s is in %s', (desktop, group) => expect(groupOf(desktop)).toBe(group));

  it('compares case-insensitively, as computer names are (SALES-BJ-07 is in Sales-BJ)', () => {
    const index = groupIndex(['Sales-BJ', 'HR']);
    expect(index('SALES-BJ-07')).toBe('Sales-BJ');
    expect(index('hr-001')).toBe('HR');
    expect(index('  HR-002 ')).toBe('HR');
  });

  it('refuses what it cannot tell apart or cannot match, instead of guessing', () => {
    // Two groups that differ only by case: a desktop of either is not matched to one of them by list order.
    expect(groupIndex(['Sales', 'SALES'])('SALES-001')).toBeNull();
    expect(groupIndex(['Sales', 'SALES', 'Sales-BJ'])('Sales-BJ-001')).toBe('Sales-BJ');
    // Real Huawei desktop names are at most 15 letters, digits and hyphens, from a name policy's prefix: a long or
    // Chinese group name, or a desktop named after its user ($DomainUser$), cannot be matched.
    const real = groupIndex(['Finance-Shanghai', '财务部', 'CC-Night']);
    expect(real('FIN-SH-0017')).toBeNull();
    expect(real('ALICE-PC01')).toBeNull();
    expect(real('CAIWU-001')).toBeNull();
    expect(real('CC-NIGHT-0042')).toBe('CC-Night');
    expect(real(null)).toBeNull();
    expect(groupIndex([''])('-001')).toBeNull();
    // A desktop named exactly as its group (a one-desktop group) is in it; a bare separator is not a name.
    expect(real('CC-Night')).toBe('CC-Night');
    expect(real('CC-Night-')).toBeNull();
  });

  it('gathers each group\'s users', () => {
    const map = usersByGroup(
      [{ desktopName: 'Finance-001', users: ['alice'] }, { desktopName: 'Finance-002', users: ['bob', 'alice'] }, { desktopName: 'X-1', users: ['zed'] }, { desktopName: null, users: ['n'] }],
      ['Finance'],
    );
    expect([...map]).toEqual([['Finance', ['alice', 'bob']]]);
  });
});

describe('the quick-reconnect rule', () => {
  const spike: SpikeDesktops = { at: AT, desktopIds: new Set(['a', 'b', 'c', 'd']) };

  it('holds warnings when configured, never criticals', () => {
    expect(shouldHold(notification('spike', 'warning'), 5)).toBe(true);
    expect(shouldHold(notification('spike', 'critical'), 5)).toBe(false);
    expect(shouldHold(notification('spike', 'warning'), 0)).toBe(false);
    expect(shouldHold(notification('recovery'), 5)).toBe(false);
  });

  it('drops a held spike when most came back, waits, then notifies', () => {
    expect(heldSpikeOutcome(notification('spike'), spike, new Set(['a']), 5, AT + 60_000)).toEqual({ kind: 'drop', reconnected: 3, total: 4 });
    expect(heldSpikeOutcome(notification('spike'), spike, new Set(['a', 'b']), 5, AT + 60_000)).toEqual({ kind: 'wait', until: AT + 300_000 });
    expect(heldSpikeOutcome(notification('spike'), spike, new Set(['a', 'b']), 5, AT + 300_000)).toEqual({ kind: 'notify', notification: notification('spike') });
  });

  it('says so in the recovery notice when most reconnected within the window', () => {
    const quick = withQuickReconnect(notification('recovery', 'warning', AT + 3 * 60_000), spike, new Set(['a']), 5);
    expect(quick.body).toBe('2 → 12 of 40 desktops. 3 of 4 sessions reconnected within 5 minutes: a brief interruption.');
    expect(withQuickReconnect(notification('recovery', 'warning', AT + 6 * 60_000), spike, new Set(['a']), 5).body).toBe('2 → 12 of 40 desktops.');
    expect(withQuickReconnect(notification('recovery', 'warning', AT + 3 * 60_000), spike, new Set(['a', 'b']), 5).body).toBe('2 → 12 of 40 desktops.');
    // Without a hold the rule still applies, over a few minutes.
    expect(withQuickReconnect(notification('recovery', 'warning', AT + 4 * 60_000), spike, new Set(), 0).body).toMatch(/4 of 4 sessions reconnected within 5 minutes/);
    expect(withQuickReconnect(notification('recovery', 'warning', AT + 60_000), null, new Set(), 5)).toEqual(notification('recovery', 'warning', AT + 60_000));
  });
});

describe('with the tray\'s notification presentation', () => {
  it('keeps the names in the shown body, before the demo note', async () => {
    const { notificationView } = await import('../../../../main/core/notifications/notification-view.js');
    const named = withUserNames(notification('spike'), new Map([['Finance', ['alice', 'bob']]]), true);
    const view = notificationView({ notification: named, accountId: 'demo', accountName: 'demo', demo: true, language: 'en' });
    expect(view.body).toBe(`2 → 12 of 40 desktops. Finance: 12 disconnected: alice, bob and 10 more. Demo data from the built-in simulator, not your fleet.`);
  });
});
