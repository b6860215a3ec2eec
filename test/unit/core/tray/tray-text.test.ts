import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS } from '../../../../main/core/api/fields.js';
import { pauseUntil } from '../../../../main/core/tray/pause.js';
import { ageText, clockText, instantOfLocalTime, localTime, metricWord } from '../../../../main/core/tray/tray-text.js';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('ageText', () => {
  it.each([
    [0, 'just now'],
    [4_999, 'just now'],
    [5 * SECOND, '5 s ago'],
    [20 * SECOND, '20 s ago'],
    [59 * SECOND + 999, '59 s ago'],
    [MINUTE, '1 min ago'],
    [5 * MINUTE + 30 * SECOND, '5 min ago'],
    [59 * MINUTE, '59 min ago'],
    [HOUR, '1 h ago'],
    [2 * HOUR + 59 * MINUTE, '2 h ago'],
    [47 * HOUR, '47 h ago'],
    [72 * HOUR, '3 d ago'],
  ])('says %i ms as %s', (age, text) => {
    expect(ageText(NOW - age, NOW)).toBe(text);
  });

  it('counts the first minute as just now at minute precision', () => {
    expect(ageText(NOW - 59 * SECOND, NOW, 'minutes')).toBe('just now');
    expect(ageText(NOW - 61 * SECOND, NOW, 'minutes')).toBe('1 min ago');
    expect(ageText(NOW - 3 * HOUR, NOW, 'minutes')).toBe('3 h ago');
  });

  it('says just now for a time slightly in the future (clock skew between poll and tray)', () => {
    expect(ageText(NOW + 3 * SECOND, NOW)).toBe('just now');
  });

  it('speaks Chinese as Intl.RelativeTimeFormat does for zh-CN (short style), and 刚刚 for just now', () => {
    const relative = new Intl.RelativeTimeFormat('zh-CN', { style: 'short' });
    expect(ageText(NOW - 2_000, NOW, 'seconds', 'zh-CN')).toBe('刚刚');
    expect(ageText(NOW - 59 * SECOND, NOW, 'minutes', 'zh-CN')).toBe('刚刚');
    expect(ageText(NOW - 20 * SECOND, NOW, 'seconds', 'zh-CN')).toBe(relative.format(-20, 'second'));
    expect(ageText(NOW - 5 * MINUTE, NOW, 'seconds', 'zh-CN')).toBe(relative.format(-5, 'minute'));
    expect(ageText(NOW - 2 * HOUR, NOW, 'minutes', 'zh-CN')).toBe(relative.format(-2, 'hour'));
    expect(ageText(NOW - 72 * HOUR, NOW, 'seconds', 'zh-CN')).toBe(relative.format(-3, 'day'));
    expect(ageText(NOW - 5 * MINUTE, NOW, 'seconds', 'zh-CN')).toBe('5分钟前');
    // Grouped as zh-CN groups: a desktop unseen for 1,200 days.
    expect(ageText(NOW - 1200 * 24 * HOUR, NOW, 'seconds', 'zh-CN')).toBe(`${new Intl.NumberFormat('zh-CN').format(1200)}天前`);
  });
});

describe('metricWord', () => {
  it('has a word for every count field, in both languages', () => {
    for (const field of COUNT_FIELDS) {
      expect(metricWord(field)).toMatch(/^[a-z ]+$/);
      expect(metricWord(field, 'zh-CN')).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    expect([metricWord('disconnected_num'), metricWord('disconnected_num', 'zh-CN')]).toEqual(['disconnected', '已断开']);
  });
});

describe('local clock', () => {
  it('reads the wall clock of a zone', () => {
    expect(localTime(NOW, 'Asia/Shanghai')).toEqual({ year: 2026, month: 12, day: 1, hour: 20, minute: 0 });
    expect(clockText(NOW + 5 * MINUTE, 'Europe/Berlin')).toBe('13:05');
    expect(clockText(Date.UTC(2026, 11, 1, 23, 59), 'UTC')).toBe('23:59');
  });

  it('finds the instant of a wall-clock time, across daylight-saving changes', () => {
    expect(instantOfLocalTime({ year: 2026, month: 12, day: 2, hour: 8, minute: 0 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 2, 0, 0));
    // Berlin: 08:00 is UTC+1 in winter and UTC+2 in summer; DST ended on 25 October 2026.
    expect(instantOfLocalTime({ year: 2026, month: 10, day: 25, hour: 8, minute: 0 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 7, 0));
    expect(instantOfLocalTime({ year: 2026, month: 10, day: 24, hour: 8, minute: 0 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 24, 6, 0));
    expect(instantOfLocalTime({ year: 2026, month: 3, day: 8, hour: 8, minute: 0 }, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 12, 0));
    // Days past the end of the month roll over.
    expect(instantOfLocalTime({ year: 2026, month: 12, day: 32, hour: 8, minute: 0 }, 'UTC')).toBe(Date.UTC(2027, 0, 1, 8, 0));
  });
});

describe('pauseUntil', () => {
  it('pauses for an hour from the moment of the click', () => {
    expect(pauseUntil('hour', NOW)).toBe(NOW + HOUR);
  });

  it('pauses until the next local 08:00 at least an hour away', () => {
    const berlin = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute); // UTC+1 in December
    // Evening: tomorrow morning.
    expect(pauseUntil('tomorrow', berlin(1, 18), 'Europe/Berlin')).toBe(berlin(2, 8));
    expect(pauseUntil('tomorrow', berlin(1, 23, 30), 'Europe/Berlin')).toBe(berlin(2, 8));
    // Just after midnight or in the night shift: this morning.
    expect(pauseUntil('tomorrow', berlin(2, 0, 30), 'Europe/Berlin')).toBe(berlin(2, 8));
    expect(pauseUntil('tomorrow', berlin(2, 6, 59), 'Europe/Berlin')).toBe(berlin(2, 8));
    // Less than an hour before 08:00, or during the day: the next day's.
    expect(pauseUntil('tomorrow', berlin(2, 7, 30), 'Europe/Berlin')).toBe(berlin(3, 8));
    expect(pauseUntil('tomorrow', berlin(2, 9), 'Europe/Berlin')).toBe(berlin(3, 8));
    // Month and year end.
    expect(pauseUntil('tomorrow', Date.UTC(2026, 11, 31, 15), 'UTC')).toBe(Date.UTC(2027, 0, 1, 8));
  });

  it('lands on 08:00 local time whatever the zone', () => {
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham']) {
      const until = pauseUntil('tomorrow', NOW, zone);
      expect(clockText(until, zone), zone).toBe('08:00');
      expect(until - NOW, zone).toBeGreaterThanOrEqual(HOUR);
      expect(until - NOW, zone).toBeLessThanOrEqual(25 * HOUR);
    }
  });
});
