import { describe, expect, it } from 'vitest';
import { numberText, say, UI_WORDS, type UiWord } from '../../../main/core/ui-words.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
const words = Object.keys(UI_WORDS.en) as UiWord[];

describe('main UI words (main/core/ui-words.ts)', () => {
  it('has Chinese for every word, with the same placeholders, and no English left in it', () => {
    expect(Object.keys(UI_WORDS['zh-CN']).sort()).toEqual([...words].sort());
    for (const word of words) {
      expect(placeholders(UI_WORDS['zh-CN'][word]), word).toEqual(placeholders(UI_WORDS.en[word]));
      // Product names stay; every other Latin word would be an untranslated leftover.
      const latin = UI_WORDS['zh-CN'][word].replace(/Workspace Tray|\{\w+\}/g, '');
      expect(latin, word).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('fills placeholders, grouping numbers for the language and leaving strings as they are', () => {
    expect(say('en', 'tip.more', { count: 3 })).toBe('… and 3 more');
    expect(say('zh-CN', 'account.countStatus', { name: 'prod', count: 12_345, metric: '已断开', status: '刚刚更新' })).toBe('prod：12,345 台已断开 · 刚刚更新');
    expect(say('en', 'age.minutes', { count: 1_234 })).toBe('1,234 min ago');
    expect(say('en', 'tip.more', { count: '1234' })).toBe('… and 1234 more');
    expect(say('en', 'tray.pausedUntil')).toBe('Paused until {time}');
    expect([numberText(1_234_567, 'en'), numberText(1_234_567, 'zh-CN')]).toEqual([new Intl.NumberFormat('en-US').format(1_234_567), new Intl.NumberFormat('zh-CN').format(1_234_567)]);
  });
});
