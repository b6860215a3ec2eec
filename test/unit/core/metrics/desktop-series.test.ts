import { describe, expect, it } from 'vitest';
import { countSamples, formatGroupMetricsPolicy, parseGroupMetricsPolicy, selectGroups } from '../../../../main/core/metrics/desktop-series.js';
import { group, keyed } from '../engine/spike-fixtures.js';

describe('countSamples', () => {
  it('gives one sample per known count and none for a null count, keeping zeros', () => {
    const samples = countSamples({ ...group('A', null, 10), ready_num: 0 });
    expect(samples).toHaveLength(12);
    expect(samples.find((s) => s.state === 'disconnected')).toBeUndefined();
    expect(samples.find((s) => s.state === 'ready')).toEqual({ dimension: 'login', state: 'ready', value: 0 });
    expect(samples.find((s) => s.state === 'stopped')).toEqual({ dimension: 'power', state: 'stopped', value: 0 });
    expect(new Set(samples.map((s) => s.dimension))).toEqual(new Set(['login', 'power', 'assignment']));
  });
});

describe('group metrics policy', () => {
  it('parses all, none and top:N and refuses anything else with the allowed forms', () => {
    expect(parseGroupMetricsPolicy('all')).toEqual({ ok: true, value: { kind: 'all' } });
    expect(parseGroupMetricsPolicy('none')).toEqual({ ok: true, value: { kind: 'none' } });
    expect(parseGroupMetricsPolicy('top:25')).toEqual({ ok: true, value: { kind: 'top', count: 25 } });
    for (const bad of ['top:0', 'top:', 'top:-3', 'top:1.5', 'some', 'top:100001']) {
      const parsed = parseGroupMetricsPolicy(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(/all, none or top:N/);
    }
    expect(formatGroupMetricsPolicy({ kind: 'top', count: 7 })).toBe('top:7');
  });

  it('keeps the largest groups for top:N, in the answer order, ties by key', () => {
    const groups = keyed([group('small', 1, 5), group('big', 1, 300), group('mid-b', 1, 50), group('mid-a', 1, 50), group('huge', 1, 900)]);
    const chosen = selectGroups(groups, { kind: 'top', count: 3 });
    expect(chosen.map((g) => g.key)).toEqual(['big', 'mid-a', 'huge']);
    expect(chosen.map((g) => g.desktops)).toEqual([300, 50, 900]);
    expect(selectGroups(groups, { kind: 'none' })).toEqual([]);
    expect(selectGroups(groups, { kind: 'all' })).toHaveLength(5);
    expect(selectGroups(groups, { kind: 'top', count: 50 })).toHaveLength(5);
  });
});
