import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, isScenarioName, SCENARIO_DESCRIPTIONS, SCENARIO_NAMES, statusFaultFor, type StatusFault } from '../../../main/simulator/scenarios.js';

const faults = (scenario: (typeof SCENARIO_NAMES)[number], seed: number, count: number): StatusFault[] =>
  Array.from({ length: count }, (_, index) => statusFaultFor(scenario, seed, index));

describe('scenarios', () => {
  it('names six scenarios, steady by default, each described', () => {
    expect([...SCENARIO_NAMES]).toEqual(['steady', 'disconnect-storm', 'large-fleet', 'flaky', 'throttled', 'auth-failure']);
    expect(DEFAULT_SCENARIO).toBe('steady');
    for (const name of SCENARIO_NAMES) expect(SCENARIO_DESCRIPTIONS[name].length).toBeGreaterThan(10);
    expect(isScenarioName('flaky')).toBe(true);
    expect(isScenarioName('Flaky')).toBe(false);
    expect(isScenarioName('')).toBe(false);
  });

  it('holds exactly one of each fault in every aligned block of ten flaky requests', () => {
    for (const seed of [1, 2, 3]) {
      const all = faults('flaky', seed, 100);
      for (let block = 0; block < 10; block += 1) {
        const counts = new Map<StatusFault, number>();
        for (const fault of all.slice(block * 10, block * 10 + 10)) counts.set(fault, (counts.get(fault) ?? 0) + 1);
        expect(Object.fromEntries(counts)).toEqual({ none: 6, 'html-500': 1, 'html-502': 1, 'connection-reset': 1, slow: 1 });
      }
    }
  });

  it('orders flaky faults by seed: deterministic, and not the same order for every seed or block', () => {
    expect(faults('flaky', 7, 50)).toEqual(faults('flaky', 7, 50));
    expect(faults('flaky', 7, 50)).not.toEqual(faults('flaky', 8, 50));
    expect(faults('flaky', 7, 10)).not.toEqual(faults('flaky', 7, 20).slice(10));
  });

  it('throttles every other request, starting with the first', () => {
    expect(faults('throttled', 1, 6)).toEqual(['throttle', 'none', 'throttle', 'none', 'throttle', 'none']);
  });

  it('refuses every request in auth-failure and none in the data scenarios', () => {
    expect(new Set(faults('auth-failure', 1, 50))).toEqual(new Set(['auth-failure']));
    for (const scenario of ['steady', 'disconnect-storm', 'large-fleet'] as const) expect(new Set(faults(scenario, 1, 50))).toEqual(new Set(['none']));
  });
});
