import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatTransition } from '../../../../main/core/engine/count-format.js';
import { desktopCount } from '../../../../main/core/engine/desktops.js';
import { recoveryNotification, spikeNotification } from '../../../../main/core/engine/notification.js';
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
