import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinWindow } from '../../../../main/core/engine/min-window.js';

describe('MinWindow', () => {
  it('is empty at first and after every sample left the window', () => {
    const window = new MinWindow();
    expect(window.min()).toBeUndefined();
    window.push(0, 5);
    window.evictBefore(1);
    expect(window.min()).toBeUndefined();
    expect(window.size).toBe(0);
  });

  it('agrees with a scan of the samples in the window (property)', () => {
    const samples = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 5 }), value: fc.integer({ min: -50, max: 50 }) }), { maxLength: 300 });
    fc.assert(
      fc.property(samples, fc.integer({ min: 1, max: 40 }), (series, width) => {
        const window = new MinWindow();
        const history: { at: number; value: number }[] = [];
        let at = 0;
        for (const { gap, value } of series) {
          at += gap;
          window.evictBefore(at - width);
          const inWindow = history.filter((sample) => sample.at >= at - width);
          expect(window.min()).toBe(inWindow.length === 0 ? undefined : Math.min(...inWindow.map((sample) => sample.value)));
          expect(window.size).toBeLessThanOrEqual(inWindow.length);
          window.push(at, value);
          history.push({ at, value });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds one sample for a series that only rises then falls back', () => {
    const window = new MinWindow();
    for (let at = 0; at < 1_000; at += 1) window.push(at, 1_000 - at);
    expect(window.size).toBe(1);
  });
});
