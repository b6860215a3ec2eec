import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type CountField, type Counts, type GroupStatus } from '../../../../main/core/api/fields.js';
import { FLEET_KEY } from '../../../../main/core/api/group-keys.js';
import { parseConnectionStatus, sumCounts } from '../../../../main/core/api/parse.js';
import type { WorkspaceError } from '../../../../main/core/errors.js';

const INT32_MAX = 2147483647;

function counts(value: number | null): Record<CountField, number | null> {
  return Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])) as Record<CountField, number | null>;
}

function parsed(body: unknown, status = 200) {
  const result = parseConnectionStatus(typeof body === 'string' ? body : JSON.stringify(body), status);
  if (!result.ok) throw new Error(`expected a snapshot, got: ${result.error.message}`);
  return result.value;
}

function rejected(body: unknown, status = 200): WorkspaceError {
  const result = parseConnectionStatus(typeof body === 'string' ? body : JSON.stringify(body), status);
  if (result.ok) throw new Error('expected an invalid-response error');
  expect(result.error.kind).toBe('invalid-response');
  expect(result.error.httpStatus).toBe(status);
  return result.error;
}

const group = (name: string, overrides: Partial<Record<CountField, unknown>> = {}) => ({ static_name: name, ...counts(1), ...overrides });

describe('parseConnectionStatus: valid answers', () => {
  it('takes the documented example (every count at int32 max) as it is', () => {
    const snapshot = parsed({ statics: [group('string', counts(INT32_MAX))] });
    expect(snapshot.groups).toEqual([{ key: 'string', static_name: 'string', ...counts(INT32_MAX) }]);
    expect(snapshot.totals).toEqual(counts(INT32_MAX));
  });

  it('treats `statics: []` as a valid empty fleet whose totals are a true 0', () => {
    expect(parsed({ statics: [] })).toEqual({ groups: [], totals: counts(0) });
  });

  it('ignores unknown fields at the top and in groups', () => {
    const snapshot = parsed({ statics: [{ ...group('g'), new_field: 'x', nested: { a: 1 } }], total: 7, request_id: 'r' });
    expect(snapshot.groups).toEqual([{ key: 'g', static_name: 'g', ...counts(1) }]);
  });

  it('keeps an absent count unknown (null), never 0, and sums only the present ones', () => {
    const { disconnected_num: _omitted, ...withoutDisconnected } = group('a', { disconnected_num: undefined });
    const snapshot = parsed({ statics: [withoutDisconnected, group('b', { disconnected_num: 4 })] });
    expect(snapshot.groups[0]?.disconnected_num).toBeNull();
    expect(snapshot.groups[1]?.disconnected_num).toBe(4);
    expect(snapshot.totals.disconnected_num).toBe(4);
  });

  it('treats JSON null for a count like an absent count, as the SDK models mark every field optional', () => {
    const snapshot = parsed({ statics: [group('a', { ready_num: null }), group('b', { ready_num: null })] });
    expect(snapshot.groups.map((g) => g.ready_num)).toEqual([null, null]);
    expect(snapshot.totals.ready_num).toBeNull();
    expect(snapshot.totals.in_use_num).toBe(2);
  });

  it('leaves a total unknown when groups exist and none reports that field', () => {
    const snapshot = parsed({ statics: [{ static_name: 'bare' }] });
    expect(snapshot.groups).toEqual([{ key: 'bare', static_name: 'bare', ...counts(null) }]);
    expect(snapshot.totals).toEqual(counts(null));
  });

  it('makes a missing or null static_name null', () => {
    const snapshot = parsed({ statics: [{ running_num: 1 }, { static_name: null, running_num: 2 }] });
    expect(snapshot.groups.map((g) => g.static_name)).toEqual([null, null]);
    expect(snapshot.groups.map((g) => g.key)).toEqual(['(unnamed group #1)', '(unnamed group #2)']);
    expect(snapshot.totals.running_num).toBe(3);
  });

  it('accepts 0, -0 (as 0), exponent forms of whole numbers and a byte-order mark', () => {
    const snapshot = parsed('\ufeff{"statics":[{"static_name":"g","running_num":-0,"stop_num":1e3,"hibernate_num":2.0,"other_num":0}]}');
    const g = snapshot.groups[0];
    expect(Object.is(g?.running_num, 0)).toBe(true);
    expect([g?.stop_num, g?.hibernate_num, g?.other_num]).toEqual([1000, 2, 0]);
  });

  it('sums int32-max counts across 5,000 groups exactly, well past int32', () => {
    const statics = Array.from({ length: 5000 }, (_, i) => group(`group-${i}`, counts(INT32_MAX)));
    const snapshot = parsed({ statics });
    expect(snapshot.groups).toHaveLength(5000);
    for (const field of COUNT_FIELDS) expect(snapshot.totals[field]).toBe(5000 * INT32_MAX);
    expect(snapshot.totals.disconnected_num).toBe(10_737_418_235_000);
  });
});

describe('parseConnectionStatus: invalid answers', () => {
  it.each([
    ['a string', '5', /"5" \(a string\)/],
    ['a negative number', -1, /= -1/],
    ['a fraction', 1.5, /= 1.5/],
    ['a boolean', true, /true \(a boolean\)/],
    ['an unsafe integer', 2 ** 53, /= 9007199254740992/],
    ['an object', { n: 1 }, /an object/],
    ['an array', [1], /an array/],
  ])('rejects a count that is %s, naming its path', (_what, value, shown) => {
    const statics = [group('a'), group('b'), group('c'), group('d', { disconnected_num: value })];
    const error = rejected({ statics });
    expect(error.path).toBe('statics[3].disconnected_num');
    expect(error.message).toContain('statics[3].disconnected_num');
    expect(error.message).toMatch(shown);
    expect(error.message).toContain('HTTP 200');
  });

  it('rejects a static_name that is not a string', () => {
    const error = rejected({ statics: [group('a'), { ...group('b'), static_name: 42 }] });
    expect(error.path).toBe('statics[1].static_name');
    expect(error.message).toContain('statics[1].static_name');
  });

  it('rejects a group that is not an object', () => {
    const error = rejected({ statics: [group('a'), null] });
    expect(error.path).toBe('statics[1]');
    expect(error.message).toContain('statics[1] = null');
    expect(rejected({ statics: [[1, 2]] }).path).toBe('statics[0]');
  });

  it.each([
    ['not JSON', 'Service Unavailable', /is not JSON .*"Service Unavailable"/],
    ['empty', '', /is not JSON \(the body is empty\)/],
    ['an HTML page', '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', /HTML page titled "502 Bad Gateway"/],
    ['truncated JSON', '{"statics": [', /is not JSON/],
  ])('rejects a body that is %s, quoting the HTTP status', (_what, body, shown) => {
    const error = rejected(body, 200);
    expect(error.message).toMatch(/HTTP 200/);
    expect(error.message).toMatch(shown);
  });

  it.each([
    ['has no statics', { desktops: [] }, /no "statics" field/],
    ['has statics as an object', { statics: {} }, /"statics" as an object, not an array/],
    ['has statics null', { statics: null }, /"statics" as null/],
    ['is an array', [], /JSON an array/],
    ['is a number', 42, /JSON 42/],
    ['is null', null, /JSON null/],
  ])('rejects JSON that %s', (_what, body, shown) => {
    const error = rejected(body, 203);
    expect(error.message).toMatch(/HTTP 203/);
    expect(error.message).toMatch(shown);
  });

  it('keeps messages one short line even for a huge or control-laden body', () => {
    const error = rejected(`\u001b[31m${'x'.repeat(100_000)}\n`);
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message.length).toBeLessThan(300);
  });

  it('rejects sums that would lose precision rather than report a wrong total', () => {
    const error = rejected({ statics: [group('a', { running_num: Number.MAX_SAFE_INTEGER }), group('b', { running_num: 1 })] });
    expect(error.message).toMatch(/running_num/);
  });
});

describe('sumCounts', () => {
  it('is all zeros for no groups', () => {
    expect(sumCounts([])).toEqual(counts(0));
  });

  it('sums present values per field and leaves unreported fields null', () => {
    const a: Counts = { ...counts(null), running_num: 2, ready_num: 1 };
    const b: Counts = { ...counts(null), running_num: 3 };
    expect(sumCounts([a, b])).toEqual({ ...counts(null), running_num: 5, ready_num: 1 });
  });
});

// Property: whatever the server sends, the parser answers with a consistent snapshot or a typed error, never a throw.
function expectSnapshotOrTypedError(bodyText: string, status: number): void {
  const result = parseConnectionStatus(bodyText, status);
  if (!result.ok) {
    expect(result.error.kind).toBe('invalid-response');
    expect(result.error.httpStatus).toBe(status);
    expect(typeof result.error.message).toBe('string');
    return;
  }
  const { groups, totals } = result.value;
  const isCount = (value: number | null) => value === null || (Number.isSafeInteger(value) && value >= 0);
  for (const g of groups as readonly GroupStatus[]) {
    expect(g.static_name === null || typeof g.static_name === 'string').toBe(true);
    for (const field of COUNT_FIELDS) expect(isCount(g[field])).toBe(true);
  }
  for (const field of COUNT_FIELDS) {
    expect(isCount(totals[field])).toBe(true);
    const present = groups.map((g) => g[field]).filter((value): value is number => value !== null);
    const expected = groups.length === 0 ? 0 : present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0);
    expect(totals[field]).toBe(expected);
  }
}

describe('parseConnectionStatus: properties', () => {
  const status = fc.integer({ min: 100, max: 599 });
  // Values near the schema, so that a good share of runs produce snapshots and the group paths get exercised.
  const countValue = fc.oneof(
    fc.nat({ max: INT32_MAX }),
    fc.constant(null),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.constant(Number.MAX_SAFE_INTEGER),
    fc.jsonValue(),
  );
  const validGroup = fc.record(
    Object.fromEntries([['static_name', fc.option(fc.string())], ...COUNT_FIELDS.map((f) => [f, fc.option(fc.nat({ max: INT32_MAX }), { freq: 4 })])]),
    { requiredKeys: [] },
  );
  // A valid group with one field swapped for anything: the case where a lax check would slip through.
  const oneFieldOff = fc
    .tuple(validGroup, fc.constantFrom('static_name', ...COUNT_FIELDS), countValue)
    .map(([valid, field, value]) => ({ ...valid, [field]: value }));
  const groupValue = fc.oneof(
    { weight: 3, arbitrary: validGroup },
    { weight: 3, arbitrary: oneFieldOff },
    { weight: 1, arbitrary: fc.record(Object.fromEntries([['static_name', fc.jsonValue()], ...COUNT_FIELDS.map((f) => [f, countValue])]), { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  const nearBody = fc.record({ statics: fc.array(groupValue, { maxLength: 8 }), extra: fc.jsonValue() }, { requiredKeys: ['statics'] });

  it('answers arbitrary JSON with a valid snapshot or an invalid-response error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), status, (body, code) => expectSnapshotOrTypedError(JSON.stringify(body) ?? 'null', code)),
      { numRuns: 300 },
    );
  });

  it('answers arbitrary bodies shaped like the schema with a valid snapshot or an invalid-response error', () => {
    let snapshots = 0;
    fc.assert(
      fc.property(nearBody, status, (body, code) => {
        expectSnapshotOrTypedError(JSON.stringify(body), code);
        if (parseConnectionStatus(JSON.stringify(body), code).ok) snapshots++;
      }),
      { numRuns: 400 },
    );
    expect(snapshots).toBeGreaterThan(10);
  });

  it('answers arbitrary strings, including lone surrogates and control characters, without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', ' ', '\ud800', 'statics') })), status, expectSnapshotOrTypedError),
      { numRuns: 300 },
    );
  });
});

describe('parseConnectionStatus with the previous snapshot', () => {
  // A small world of names (repeated, missing, empty, reserved) and counts (absent, null, -0, invalid) so that
  // consecutive answers share most groups, as polls do, and keys depend on order and repetition.
  const name = fc.constantFrom<string | null | undefined>('A', 'B', 'C', 'A (#2)', '', FLEET_KEY, null, undefined);
  const count = fc.constantFrom<unknown>(0, 1, 2, 7, undefined, null, -0);
  const validEntry = fc.record(Object.fromEntries([['static_name', name], ...COUNT_FIELDS.map((f) => [f, count])]), { requiredKeys: [] });
  // Now and then a bad value in one field, so that errors are compared too.
  const badEntry = fc
    .tuple(validEntry, fc.constantFrom('static_name', ...COUNT_FIELDS), fc.constantFrom<unknown>(-1, 1.5, '3', true, {}))
    .map(([valid, field, value]) => ({ ...valid, [field]: value }));
  const entry = fc.oneof({ weight: 15, arbitrary: validEntry }, { weight: 1, arbitrary: badEntry });
  /** The next answer: the previous entries with some changed or renamed, some dropped, some added, maybe moved. */
  const edit = fc.record({
    change: fc.array(fc.tuple(fc.nat(), entry), { maxLength: 3 }),
    rename: fc.array(fc.tuple(fc.nat(), name), { maxLength: 2 }),
    drop: fc.array(fc.nat(), { maxLength: 2 }),
    add: fc.array(fc.tuple(fc.nat(), entry), { maxLength: 2 }),
    reverse: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
  type Edit = { change: [number, Record<string, unknown>][]; rename: [number, string | null | undefined][]; drop: number[]; add: [number, Record<string, unknown>][]; reverse: boolean };
  const applyEdit = (entries: readonly Record<string, unknown>[], e: Edit) => {
    const next = entries.map((item) => ({ ...item }));
    for (const [at, value] of e.change) if (next.length > 0) next[at % next.length] = value;
    for (const [at, newName] of e.rename) if (next.length > 0) next[at % next.length] = { ...next[at % next.length], static_name: newName };
    for (const at of e.drop) if (next.length > 0) next.splice(at % next.length, 1);
    for (const [at, value] of e.add) next.splice(at % (next.length + 1), 0, value);
    return e.reverse ? next.reverse() : next;
  };

  it('gives exactly what parsing without it gives, and leaves the previous snapshot as it was (property)', () => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (first, edits) => {
        let entries: readonly Record<string, unknown>[] = first;
        let previous = parseConnectionStatus(JSON.stringify({ statics: entries }), 200);
        for (const e of edits) {
          entries = applyEdit(entries, e);
          const body = JSON.stringify({ statics: entries });
          const alone = parseConnectionStatus(body, 200);
          if (!previous.ok) {
            previous = alone;
            continue;
          }
          const before = structuredClone(previous.value);
          const withPrevious = parseConnectionStatus(body, 200, previous.value);
          expect(withPrevious).toEqual(alone);
          if (withPrevious.ok) for (const group of withPrevious.value.groups) expect(Object.keys(group)).toEqual(['key', 'static_name', ...COUNT_FIELDS]);
          expect(previous.value).toEqual(before);
          if (withPrevious.ok) reused += withPrevious.value.groups.filter((group) => previous.ok && previous.value.groups.includes(group)).length;
          previous = withPrevious;
        }
      }),
      { numRuns: 600 },
    );
    expect(reused).toBeGreaterThan(100);
  });

  it('keeps an unchanged group the same object and builds a changed one anew', () => {
    const first = parsed({ statics: [group('a'), group('b'), group('c')] });
    const second = parseConnectionStatus(JSON.stringify({ statics: [group('a'), group('b', { disconnected_num: 5 }), group('c')] }), 200, first);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.groups[0]).toBe(first.groups[0]);
    expect(second.value.groups[1]).not.toBe(first.groups[1]);
    expect(second.value.groups[1]).toEqual({ key: 'b', static_name: 'b', ...counts(1), disconnected_num: 5 });
    expect(second.value.groups[2]).toBe(first.groups[2]);
    expect(second.value.totals.disconnected_num).toBe(7);
  });

  it('reports a bad answer exactly as without it', () => {
    const first = parsed({ statics: [group('a'), group('b')] });
    const bad = JSON.stringify({ statics: [group('a'), group('b', { ready_num: -1 })] });
    expect(parseConnectionStatus(bad, 200, first)).toEqual(parseConnectionStatus(bad, 200));
    expect(rejected(bad).message).toContain('statics[1].ready_num = -1');
  });
});
