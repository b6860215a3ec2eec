import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatTransition } from '../../../../main/core/engine/count-format.js';
import { desktopCount } from '../../../../main/core/engine/desktops.js';
import { withUserNames } from '../../../../main/core/engine/disconnected-names.js';
import { notificationText, recoveryNotification, spikeNotification } from '../../../../main/core/engine/notification.js';
import { withQuickReconnect } from '../../../../main/core/engine/quick-reconnect.js';
import { group } from './spike-fixtures.js';

describe('count formatting', () => {
  it('groups thousands and signs changes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect([formatDelta(38), formatDelta(-1200), formatDelta(0)]).toEqual(['+38', '-1,200', '0']);
    expect(formatTransition(12, 50, 1200)).toBe('12 → 50 of 1,200 desktops');
    expect(formatTransition(12, 50, null)).toBe('12 → 50');
  });
});

describe('desktopCount', () => {
  it('sums a family, and makes do with the best-known family when counts are missing', () => {
    expect(desktopCount(group('A', 10, 120))).toBe(120);
    expect(desktopCount({ ...group('A', 10, 120), in_use_num: null })).toBe(120); // power and assignment still know
    const onlyLogin = { ...group('A', 10, 120), running_num: null, attached_num: null, ready_num: 7 };
    expect(desktopCount(onlyLogin)).toBe(127);
    const nothing = Object.fromEntries(Object.keys(group('A', 0, 0)).map((key) => [key, null]));
    expect(desktopCount({ ...group('A', 0, 0), ...nothing })).toBeNull();
  });
});

describe('notification text', () => {
  it('lists at most three other groups and counts the rest', () => {
    const groups = ['A', 'B', 'C', 'D', 'E'].map((name, index) => ({ key: name, name, before: 0, after: 50 - index, desktops: null }));
    const note = spikeNotification({ at: 1, critical: false, groups, fleet: null, largestRises: [], recovered: [] });
    expect(note?.body).toBe('0 → 50; also 4 other groups: B +49, C +48, D +47 and 1 more.');
  });

  it('says "1 other group" in the singular', () => {
    const groups = [{ key: 'A', name: 'A', before: 1, after: 40, desktops: 100 }, { key: 'B', name: 'B', before: 2, after: 12, desktops: 20 }];
    expect(spikeNotification({ at: 1, critical: true, groups, fleet: null, largestRises: [], recovered: [] })?.body).toBe(
      '1 → 40 of 100 desktops; also 1 other group: B +10.',
    );
  });

  it('names a fleet recovery, and the worst group of several', () => {
    expect(recoveryNotification({ at: 1, groups: [], fleet: { before: 900, after: 310, desktops: 3000 } })).toMatchObject({
      kind: 'recovery',
      title: 'Disconnected sessions back to normal across the fleet',
      body: '900 → 310 of 3,000 desktops.',
    });
    const groups = [{ key: 'A', name: 'A', before: 20, after: 12, desktops: 100 }, { key: 'B', name: 'B', before: 60, after: 10, desktops: 100 }];
    expect(recoveryNotification({ at: 1, groups, fleet: null })).toMatchObject({
      title: 'Disconnected sessions back to normal in B',
      body: '60 → 10 of 100 desktops; also 1 other group: A 20 → 12.',
    });
  });

  it('has nothing to say without a group or the fleet', () => {
    expect(spikeNotification({ at: 1, critical: false, groups: [], fleet: null, largestRises: [], recovered: [] })).toBeNull();
    expect(recoveryNotification({ at: 1, groups: [], fleet: null })).toBeNull();
  });
});

describe('notification text in Simplified Chinese (notificationText)', () => {
  it('words a spike from its facts: title, others, fleet, recovered groups', () => {
    const groups = ['A', 'B', 'C', 'D', 'E'].map((name, index) => ({ key: name, name, before: 0, after: 50 - index, desktops: null }));
    const note = spikeNotification({
      at: 1,
      critical: true,
      groups,
      fleet: { before: 100, after: 1_340, desktops: 12_000 },
      largestRises: [],
      recovered: [{ key: 'R', name: 'R', before: 30, after: 2, desktops: 40 }],
    })!;
    expect(notificationText(note, 'zh-CN')).toEqual({
      title: 'A 的断开会话突增（+50）',
      body: '0 → 50；另有 4 个桌面组：B +49、C +48、D +47 等另外 1 个。全部桌面：100 → 1,340（共 12,000 台桌面）。已恢复正常：R 30 → 2。',
    });
    // The English is the same function's: what the notification itself carries.
    expect(notificationText(note, 'en')).toEqual({ title: note.title, body: note.body });
    expect(note.body).toBe('0 → 50; also 4 other groups: B +49, C +48, D +47 and 1 more. Fleet: 100 → 1,340 of 12,000 desktops. Back to normal: R 30 → 2.');
  });

  it('words a fleet-only spike with its largest group rises', () => {
    const note = spikeNotification({
      at: 1,
      critical: false,
      groups: [],
      fleet: { before: 900, after: 1_200, desktops: 3_000 },
      largestRises: [{ key: 'X', name: '财务部', before: 1, after: 9, desktops: 50 }, { key: 'Y', name: '研发', before: 0, after: 20, desktops: 50 }],
      recovered: [],
    })!;
    expect(note.title).toBe('Disconnected sessions spiked across the fleet (+300)');
    expect(note.body).toBe('900 → 1,200 of 3,000 desktops; largest group rises: 研发 +20, 财务部 +8.');
    expect(notificationText(note, 'zh-CN')).toEqual({
      title: '全部桌面的断开会话突增（+300）',
      body: '900 → 1,200（共 3,000 台桌面）；增幅最大的桌面组：研发 +20、财务部 +8。',
    });
  });

  it('words a recovery, with one other group and across the fleet', () => {
    const groups = [{ key: 'A', name: 'A', before: 20, after: 12, desktops: 100 }, { key: 'B', name: 'B', before: 60, after: 10, desktops: 100 }];
    expect(notificationText(recoveryNotification({ at: 1, groups, fleet: null })!, 'zh-CN')).toEqual({
      title: 'B 的断开会话已恢复正常',
      body: '60 → 10（共 100 台桌面）；另有 1 个桌面组：A 20 → 12。',
    });
    expect(notificationText(recoveryNotification({ at: 1, groups: [], fleet: { before: 900, after: 310, desktops: 3000 } })!, 'zh-CN')).toEqual({
      title: '全部桌面的断开会话已恢复正常',
      body: '900 → 310（共 3,000 台桌面）。',
    });
  });

  it('words the notes added later: the users of a spike, a quick reconnect of a recovery', () => {
    const spike = spikeNotification({ at: 1, critical: false, groups: [{ key: 'F', name: 'Finance', before: 2, after: 12, desktops: 40 }], fleet: null, largestRises: [], recovered: [] })!;
    const named = withUserNames(spike, new Map([['Finance', ['alice', 'bob', 'chen', 'dan']]]), true);
    expect(named.body).toBe('2 → 12 of 40 desktops. Finance: 12 disconnected: alice, bob, chen and 9 more.');
    expect(notificationText(named, 'zh-CN').body).toBe('2 → 12（共 40 台桌面）。Finance：12 台已断开：alice、bob、chen 等 9 人。');
    const recovery = recoveryNotification({ at: 4 * 60_000, groups: [{ key: 'F', name: 'Finance', before: 12, after: 2, desktops: 40 }], fleet: null })!;
    const quick = withQuickReconnect(recovery, { at: 0, desktopIds: new Set(['a', 'b', 'c', 'd']) }, new Set(['a']), 5);
    expect(quick.body).toBe('12 → 2 of 40 desktops. 3 of 4 sessions reconnected within 5 minutes: a brief interruption.');
    expect(notificationText(quick, 'zh-CN')).toEqual({
      title: 'Finance 的断开会话已恢复正常',
      body: '12 → 2（共 40 台桌面）。4 个会话中有 3 个在 5 分钟内重新连接，只是短暂中断。',
    });
  });
});
