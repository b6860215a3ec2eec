import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';
import { SegmentCache } from '../../../../main/core/history/segment-cache.js';
import { SegmentState } from '../../../../main/core/history/segment-codec.js';
import type { SegmentIndex } from '../../../../main/core/history/segment-index.js';
import type { HistoryPoint } from '../../../../main/core/ports.js';

const counts = (value: number): Counts => Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])) as Counts;

/** A segment of `names`, one sample per value, as the chunks a writer appends. */
function segment(names: readonly string[], values: readonly number[]): Uint8Array[] {
  const writer = new SegmentState();
  const chunks = [writer.encodeHeader({ startMs: 0, bucketMs: 0 })];
  values.forEach((value, i) => {
    const encoded = writer.encodeSample(i + 1, names.map((name) => ({ name, counts: counts(value) })));
    if (!encoded.ok) throw new Error(encoded.error.message);
    chunks.push(encoded.value);
  });
  return chunks;
}

const bytesOf = (chunks: readonly Uint8Array[]): Uint8Array => Buffer.concat(chunks);

function filled(cache: SegmentCache, chunks: readonly Uint8Array[], seal = true): SegmentIndex {
  const index = cache.newIndex();
  index.add(bytesOf(chunks));
  if (seal) index.seal();
  return index;
}

function running(index: SegmentIndex | undefined, name: string): (number | null)[] {
  const out: HistoryPoint[] = [];
  index?.pointsOf(name, 0, Number.MAX_SAFE_INTEGER, out);
  return out.map((point) => point.counts.running_num);
}

const NAMES = Array.from({ length: 20 }, (_, i) => `pool-${i}`);

describe('SegmentCache', () => {
  it('keeps indexes within its budget, evicting the least recently used first', () => {
    const size = filled(new SegmentCache(), segment(NAMES, [1, 2])).memoryBytes;
    const cache = new SegmentCache({ indexBytes: Math.floor(2.5 * size), fleetBytes: 0 });
    const keep = (name: string) => {
      cache.startQuery();
      cache.keep(name, 100, filled(cache, segment(NAMES, [1, 2])));
    };
    keep('a');
    keep('b');
    cache.startQuery();
    expect(cache.index('a', 100)).toBeDefined(); // now b is the least recently used
    keep('c');
    expect(cache.memoryBytes).toBeLessThanOrEqual(2.5 * size);
    expect(cache.index('b', 100)).toBeUndefined();
    expect(cache.index('a', 100)).toBeDefined();
    expect(cache.index('c', 100)).toBeDefined();
  });

  it('never evicts what the running query used to make room for more of it', () => {
    const size = filled(new SegmentCache(), segment(NAMES, [1, 2])).memoryBytes;
    const cache = new SegmentCache({ indexBytes: Math.floor(2.5 * size), fleetBytes: 0 });
    cache.startQuery();
    for (const name of ['a', 'b', 'c']) cache.keep(name, 100, filled(cache, segment(NAMES, [1, 2])));
    expect(['a', 'b', 'c'].map((name) => cache.index(name, 100) !== undefined)).toEqual([true, true, false]);
    cache.startQuery();
    cache.keep('c', 100, filled(cache, segment(NAMES, [1, 2])));
    expect(['a', 'b', 'c'].map((name) => cache.index(name, 100) !== undefined)).toEqual([false, true, true]);
  });

  it('drops an entry made for another file length, and anything bigger than the budget', () => {
    const cache = new SegmentCache({ indexBytes: 1_000_000, fleetBytes: 1_000_000 });
    cache.keep('a', 100, filled(cache, segment(['x'], [1])));
    expect(cache.index('a', 101)).toBeUndefined();
    expect(cache.index('a', 100)).toBeUndefined();
    const small = new SegmentCache({ indexBytes: 10, fleetBytes: 10 });
    small.keep('a', 100, filled(small, segment(['x'], [1])));
    small.keepFleetPoints('a', 100, [{ at: 1, counts: counts(1), bucketMs: 0 }]);
    expect(small.index('a', 100)).toBeUndefined();
    expect(small.fleetPoints('a', 100)).toBeUndefined();
    expect(small.memoryBytes).toBe(0);
  });

  it('takes appended records into a growing index, and drops a sealed one and the fleet points of the file', () => {
    const cache = new SegmentCache();
    const chunks = segment(['x', 'y'], [1, 2, 3]);
    const first = bytesOf(chunks.slice(0, 2));
    cache.keep('open', first.length, filled(cache, chunks.slice(0, 2), false));
    cache.keep('closed', first.length, filled(cache, chunks.slice(0, 2)));
    cache.keepFleetPoints('open', first.length, []);
    let length = first.length;
    for (const chunk of chunks.slice(2)) {
      cache.appended('open', length, chunk);
      cache.appended('closed', length, chunk);
      length += chunk.length;
    }
    expect(running(cache.index('open', length), 'y')).toEqual([1, 2, 3]);
    expect(cache.index('closed', first.length)).toBeUndefined();
    expect(cache.fleetPoints('open', first.length)).toBeUndefined();
    // Appended at a length the entry was not made for (bytes it never saw came in between): dropped.
    cache.appended('open', length + 1, chunks[1]!);
    expect(cache.index('open', length)).toBeUndefined();
  });

  it('sealing keeps the entry and what it answers, with less memory', () => {
    const cache = new SegmentCache();
    const chunks = segment(NAMES, [1, 2, 3]);
    cache.keep('a', 7, filled(cache, chunks, false));
    const before = cache.memoryBytes;
    cache.seal('a');
    expect(cache.memoryBytes).toBeLessThan(before);
    expect(running(cache.index('a', 7), 'pool-3')).toEqual([1, 2, 3]);
  });

  it('starts series numbering afresh, dropping every index, once too many names were seen', () => {
    const cache = new SegmentCache({ indexBytes: 10_000_000, fleetBytes: 0, maxSeriesIds: 30 });
    cache.keep('a', 1, filled(cache, segment(NAMES, [1])));
    cache.keep('b', 1, filled(cache, segment(NAMES.map((name) => `${name}-renamed`), [2])));
    expect(running(cache.index('b', 1), 'pool-0-renamed')).toEqual([2]);
    const c = filled(cache, segment(['pool-0'], [3])); // 40 names seen: numbering restarts here
    cache.keep('c', 1, c);
    expect(cache.index('a', 1)).toBeUndefined();
    expect(cache.index('b', 1)).toBeUndefined();
    expect(running(c, 'pool-0')).toEqual([3]);
    expect(running(c, 'pool-0-renamed')).toEqual([]);
  });
});
