import { describe, expect, it } from 'vitest';
import type { LoginRecord } from '../../../../main/core/api/desktops.js';
import {
  MAX_REMEMBERED_DESKTOPS,
  disconnectedSince,
  latestRecordByComputer,
  parseFirstSeen,
  serializeFirstSeen,
  updateFirstSeen,
  type FirstSeen,
} from '../../../../main/core/desktops/since.js';

const T = Date.UTC(2025, 0, 1, 9, 0);
const seen = (at: number): FirstSeen => ({ at, source: 'seen' });

describe('updateFirstSeen', () => {
  it('remembers new desktops from now and keeps the first sighting of known ones', () => {
    const first = updateFirstSeen(new Map(), [{ desktopId: 'a', lastRecordEnd: null }], T, true);
    const second = updateFirstSeen(first, [{ desktopId: 'a', lastRecordEnd: null }, { desktopId: 'b', lastRecordEnd: null }], T + 60_000, true);
    expect([...second]).toEqual([['a', seen(T)], ['b', seen(T + 60_000)]]);
  });

  it('starts from the last record when the desktop dropped before anyone looked', () => {
    const map = updateFirstSeen(new Map(), [{ desktopId: 'a', lastRecordEnd: T - 3_600_000 }], T, true);
    expect(map.get('a')).toEqual({ at: T - 3_600_000, source: 'login-record' });
  });

  it('forgets a desktop that reconnected, only when the list was complete', () => {
    const before = new Map([['a', seen(T)], ['b', seen(T)]]);
    expect([...updateFirstSeen(before, [{ desktopId: 'a', lastRecordEnd: null }], T + 1, true).keys()]).toEqual(['a']);
    expect([...updateFirstSeen(before, [{ desktopId: 'a', lastRecordEnd: null }], T + 1, false).keys()]).toEqual(['a', 'b']);
  });

  it('stays bounded, keeping the longest-disconnected', () => {
    const sightings = Array.from({ length: MAX_REMEMBERED_DESKTOPS + 5 }, (_, i) => ({ desktopId: `d${i}`, lastRecordEnd: T - i }));
    const map = updateFirstSeen(new Map(), sightings, T + 1, true);
    expect(map.size).toBe(MAX_REMEMBERED_DESKTOPS);
    expect(map.has(`d${MAX_REMEMBERED_DESKTOPS + 4}`)).toBe(true);
    expect(map.has('d0')).toBe(false);
  });
});

describe('disconnectedSince', () => {
  it('prefers what was seen, falls back to the record, takes the record when it proves an earlier drop', () => {
    expect(disconnectedSince(seen(T), null)).toEqual(seen(T));
    expect(disconnectedSince(undefined, T - 5)).toEqual({ at: T - 5, source: 'login-record' });
    expect(disconnectedSince(seen(T), T - 5)).toEqual({ at: T - 5, source: 'login-record' });
    expect(disconnectedSince(seen(T), T + 5)).toEqual(seen(T));
    expect(disconnectedSince(undefined, null)).toBeNull();
  });
});

describe('latestRecordByComputer', () => {
  it('keeps the newest record per computer', () => {
    const record = (computerName: string | null, start: number, end: number | null) => ({ computerName, connectionStartTime: start, connectionSetupTime: null, connectionEndTime: end }) as LoginRecord;
    const latest = latestRecordByComputer([record('a', 1, 2), record('a', 5, null), record('a', 3, 4), record(null, 9, 9), record('b', 1, 2)]);
    expect(latest.get('a')?.connectionStartTime).toBe(5);
    expect([...latest.keys()]).toEqual(['a', 'b']);
  });
});

describe('the file format', () => {
  it('round-trips and skips what it cannot read', () => {
    const map = new Map<string, FirstSeen>([['a', seen(T)], ['b', { at: T - 1000, source: 'login-record' }]]);
    expect(parseFirstSeen(serializeFirstSeen(map))).toEqual(map);
    expect(parseFirstSeen('{"version":1,"desktops":{"a":{"at":"garbage","source":"seen"},"b":{"at":"2025-01-01T09:00:00.000Z","source":"seen"}}}')).toEqual(new Map([['b', seen(T)]]));
    expect(parseFirstSeen('{"version":2,"desktops":{}}')).toBeNull();
    expect(parseFirstSeen('not json')).toBeNull();
  });
});
