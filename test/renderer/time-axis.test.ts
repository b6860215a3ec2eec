// The history chart's time axis: the tick step chosen so labels never overlap, and the labels in en and zh-CN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABEL_GAP, TIME_INCREMENTS, fittingIncrements, tickFormatFor, tickFormatters, tickLabel, timesNeedSeconds, widestSamples, type TickFormat } from '../../renderer/lib/time-axis.js';

// Label widths in CSS px, about what Chromium measures with the 12 px axis font (en "10:58:58 PM", "10:58 PM",
// "Dec 28"; zh-CN "22:58:58", "22:58", "12月28日").
const EN: Record<TickFormat, number> = { second: 68, minute: 52, day: 42 };
const ZH: Record<TickFormat, number> = { second: 48, minute: 31, day: 46 };
const width = (widths: Record<TickFormat, number>) => (format: TickFormat) => widths[format];
const gapBetween = (increment: number, span: number, plotWidth: number) => (increment * plotWidth) / span;

describe('fittingIncrements', () => {
  it('an hour on a wide plot: five-minute ticks in en (labels with AM/PM need the room), finer in zh-CN', () => {
    const [en] = fittingIncrements(3_600, 1_180, width(EN));
    const [zh] = fittingIncrements(3_600, 1_180, width(ZH));
    expect(en).toBe(300);
    expect(zh).toBe(300);
    // Half the width: uPlot's default (50 px apart) would have put 2-minute ticks 65 px apart under 66 px labels.
    expect(fittingIncrements(3_600, 590, width(EN))[0]).toBe(600);
  });

  it('a group with three minutes of data: second ticks far enough apart for "10:58:58 PM"', () => {
    const [first] = fittingIncrements(180, 1_180, width(EN));
    expect(first).toBe(15);
    expect(tickFormatFor(first as number)).toBe('second');
    expect(gapBetween(first as number, 180, 1_180)).toBeGreaterThanOrEqual(EN.second + LABEL_GAP);
    // Narrower labels (zh-CN has no AM/PM) allow a finer step.
    expect(fittingIncrements(180, 1_180, width(ZH))[0]).toBe(10);
  });

  it('24 hours gives hour ticks, 30 days day ticks', () => {
    expect(tickFormatFor(fittingIncrements(86_400, 1_180, width(EN))[0] as number)).toBe('minute');
    expect(fittingIncrements(86_400, 1_180, width(EN))[0]).toBe(7_200);
    expect(tickFormatFor(fittingIncrements(30 * 86_400, 1_180, width(ZH))[0] as number)).toBe('day');
  });

  it('keeps the largest step when nothing fits, or for an empty span, so the axis never has no candidate', () => {
    const largest = TIME_INCREMENTS[TIME_INCREMENTS.length - 1];
    expect(fittingIncrements(10 * 365 * 86_400, 300, width(EN))).toEqual([largest]);
    expect(fittingIncrements(0, 1_000, width(EN))).toEqual([largest]);
    expect(fittingIncrements(3_600, 0, width(EN))).toEqual([largest]);
  });

  it('every step offered leaves its widest label (and midnight\'s day label) room between ticks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 40 * 86_400 }),
        fc.integer({ min: 200, max: 3_000 }),
        fc.record({ second: fc.integer({ min: 20, max: 120 }), minute: fc.integer({ min: 20, max: 120 }), day: fc.integer({ min: 20, max: 120 }) }),
        (span, plotWidth, widths) => {
          const offered = fittingIncrements(span, plotWidth, width(widths));
          expect(offered.length).toBeGreaterThan(0);
          expect([...offered].sort((a, b) => a - b)).toEqual(offered);
          if (offered.length === 1 && offered[0] === TIME_INCREMENTS[TIME_INCREMENTS.length - 1]) return;
          for (const increment of offered) {
            const format = tickFormatFor(increment);
            const needed = (format === 'minute' ? Math.max(widths.minute, widths.day) : widths[format]) + LABEL_GAP;
            expect(gapBetween(increment, span, plotWidth)).toBeGreaterThanOrEqual(needed);
          }
          // And no finer step that fits was left out.
          const finer = TIME_INCREMENTS.filter((increment) => increment < (offered[0] as number));
          for (const increment of finer) {
            const format = tickFormatFor(increment);
            const needed = (format === 'minute' ? Math.max(widths.minute, widths.day) : widths[format]) + LABEL_GAP;
            expect(gapBetween(increment, span, plotWidth)).toBeLessThan(needed);
          }
        },
      ),
    );
  });
});

describe('tickLabel', () => {
  const afternoon = new Date(2026, 11, 1, 14, 5, 30).getTime();
  const midnight = new Date(2026, 11, 2, 0, 0, 0).getTime();

  it('en: 12-hour times, seconds only on second steps, the day at midnight and on day steps', () => {
    const en = tickFormatters('en');
    expect(tickLabel(afternoon, 300, en)).toMatch(/^2:05\sPM$/u);
    expect(tickLabel(afternoon, 15, en)).toMatch(/^2:05:30\sPM$/u);
    expect(tickLabel(midnight, 3_600, en)).toBe('Dec 2');
    expect(tickLabel(midnight, 86_400, en)).toBe('Dec 2');
  });

  it('zh-CN: 24-hour times and Chinese dates', () => {
    const zh = tickFormatters('zh-CN');
    expect(tickLabel(afternoon, 300, zh)).toBe('14:05');
    expect(tickLabel(afternoon, 15, zh)).toBe('14:05:30');
    expect(tickLabel(midnight, 3_600, zh)).toBe('12月2日');
    expect(tickLabel(afternoon, 7 * 86_400, zh)).toBe('12月1日');
  });

  it('the width samples are the widest labels of each format', () => {
    const en = tickFormatters('en');
    const longest = (format: TickFormat) => Math.max(...widestSamples(format).map((at) => en[format].format(at).length));
    expect(longest('second')).toBe('10:58:58 PM'.length);
    expect(longest('minute')).toBe('10:58 PM'.length);
    expect(longest('day')).toBe('Dec 28'.length);
  });
});

describe('timesNeedSeconds', () => {
  const minute = 60_000;
  it('an hour of minute samples, or a day of five-minute buckets: minutes are enough', () => {
    expect(timesNeedSeconds(Array.from({ length: 60 }, (_, index) => index * minute))).toBe(false);
    expect(timesNeedSeconds(Array.from({ length: 288 }, (_, index) => index * 5 * minute))).toBe(false);
  });
  it('samples under a minute apart, or a few minutes of history: with seconds', () => {
    expect(timesNeedSeconds([0, 15_000, 30_000, 45_000, 60_000, 11 * minute])).toBe(true);
    expect(timesNeedSeconds([0, minute, 2 * minute, 3 * minute, 4 * minute])).toBe(true);
  });
  it('one point or none: no axis to agree with', () => {
    expect(timesNeedSeconds([])).toBe(false);
    expect(timesNeedSeconds([5])).toBe(false);
  });
});
