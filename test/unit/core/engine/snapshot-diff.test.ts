// The change a window is sent instead of a whole group list: applying `diffSnapshots(a, b)` to `a` must give `b`
// exactly, order included, for any two lists of keyed groups, and two equal lists must give an empty change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type GroupStatus } from '../../../../main/core/api/fields.js';
import { groupKeys } from '../../../../main/core/api/group-keys.js';
import { applySnapshotChange, diffSnapshots, isEmptyChange, type SnapshotChange } from '../../../../main/core/engine/snapshot-diff.js';

// Few names, so lists overlap, repeat names and collide with generated keys (`a (#2)`, `(unnamed group #1)`).
const NAMES = ['a', 'b', 'c', 'a (#2)', '(unnamed group #1)', '(fleet)', '财务-上海', null] as const;

const count = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 5 }) }, { weight: 1, arbitrary: fc.constant(null) });
const counts: fc.Arbitrary<Counts> = fc.tuple(...COUNT_FIELDS.map(() => count)).map((values) => Object.fromEntries(COUNT_FIELDS.map((field, index) => [field, values[index] ?? null])) as Counts);
const unkeyed = fc.record({ static_name: fc.constantFrom(...NAMES), counts });

/** A group list as the parser makes it: keys unique, decided from the names in order. */
const snapshot: fc.Arbitrary<GroupStatus[]> = fc.array(unkeyed, { maxLength: 12 }).map((groups) => {
  const keys = groupKeys(groups.map((group) => group.static_name));
  return groups.map((group, index) => ({ key: keys[index] as string, static_name: group.static_name, ...group.counts }));
});

/** A next poll of `before`: some groups gone, some counts changed, a few new ones, sometimes reordered. */
const nextOf = (before: readonly GroupStatus[]): fc.Arbitrary<GroupStatus[]> =>
  fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: before.length, maxLength: before.length }),
      recount: fc.array(fc.option(counts, { freq: 3 }), { minLength: before.length, maxLength: before.length }),
      extra: snapshot,
      shuffle: fc.option(fc.array(fc.nat(), { minLength: 20, maxLength: 20 })),
    })
    .map(({ keep, recount, extra, shuffle }) => {
      const kept = before.filter((_, index) => keep[index]).map((group, index) => ({ ...group, ...(recount[index] ?? {}) }));
      const taken = new Set(kept.map((group) => group.key));
      const list = [...kept, ...extra.filter((group) => !taken.has(group.key))];
      if (shuffle !== null) {
        for (let i = list.length - 1; i > 0; i--) {
          const j = (shuffle[i % shuffle.length] ?? 0) % (i + 1);
          [list[i], list[j]] = [list[j] as GroupStatus, list[i] as GroupStatus];
        }
      }
      return list;
    });

const pairs = fc.oneof(fc.tuple(snapshot, snapshot), snapshot.chain((before) => fc.tuple(fc.constant(before), nextOf(before))));

/** What crosses IPC: a structured clone, so the change must not depend on object identity. */
const overIpc = (change: SnapshotChange): SnapshotChange => structuredClone(change);

describe('diffSnapshots', () => {
  it('gives a change that turns the old list into the new one, order included (property)', () => {
    fc.assert(
      fc.property(pairs, ([before, after]) => {
        expect(applySnapshotChange(before, overIpc(diffSnapshots(before, after)))).toEqual(after);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives an empty change for equal lists, also when they are distinct copies (property)', () => {
    fc.assert(
      fc.property(snapshot, (groups) => {
        expect(isEmptyChange(diffSnapshots(groups, groups))).toBe(true);
        expect(isEmptyChange(diffSnapshots(groups, structuredClone(groups)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sends only what moved: the counts that changed, and no order when the API kept its order', () => {
    const base = { static_name: 'a', ...Object.fromEntries(COUNT_FIELDS.map((field) => [field, 1])) } as Omit<GroupStatus, 'key'>;
    const before: GroupStatus[] = [{ key: 'a', ...base }, { key: 'b', ...base, static_name: 'b' }];
    const after: GroupStatus[] = [{ key: 'a', ...base, disconnected_num: 7 }, { key: 'c', ...base, static_name: 'c' }];
    expect(diffSnapshots(before, after)).toEqual({
      added: [after[1]],
      removed: ['b'],
      changed: [{ key: 'a', counts: { disconnected_num: 7 } }],
      order: null,
    });
    expect(diffSnapshots(after, [...after].reverse()).order).toEqual(['c', 'a']);
  });

  it('tells a rename under the same key (a group now named like an old unnamed one)', () => {
    const zero = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Counts;
    const before: GroupStatus[] = [{ key: '(unnamed group #1)', static_name: null, ...zero }];
    const after: GroupStatus[] = [{ key: '(unnamed group #1)', static_name: '(unnamed group #1)', ...zero }];
    const change = diffSnapshots(before, after);
    expect(change.changed).toEqual([{ key: '(unnamed group #1)', counts: {}, static_name: '(unnamed group #1)' }]);
    expect(applySnapshotChange(before, change)).toEqual(after);
    expect(applySnapshotChange(after, diffSnapshots(after, before))).toEqual(before);
  });
});
