// What keeps the dashboard cheap on 5,000 groups, checked against the plain computations it stands for: row objects
// kept across polls (AccountRows), the order kept up by merging the changed rows (SortedRows = sortGroups), the full
// sort on ranked names (sortGroups = a stable collator sort), the ranking itself (NameOrder = a collator sort), and
// totals from each list's own (combineTotals = sumCounts over every group).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFleet } from '../fakes/fake-bridge.js';
import { AccountRows } from '../../renderer/lib/account-rows.js';
import { COUNT_FIELDS, TABLE_FIELDS, combineTotals, displayName, sumCounts, type AccountGroup, type Counts, type KeyedGroup, type SortColumn, type SortOrder } from '../../renderer/lib/groups.js';
import { NameOrder } from '../../renderer/lib/name-order.js';
import { SortedRows, sortGroups } from '../../renderer/lib/table-order.js';

const collator = (lang = 'en') => new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
const COLUMNS: readonly SortColumn[] = ['name', 'account', ...TABLE_FIELDS];
const template = makeFleet(1, 1)[0] as KeyedGroup;

// Names that tie under the collator (case, accents, leading zeros), numbers compared as numbers, CJK, unnamed.
const NAME_PARTS = ['a', 'A', 'á', 'b', 'B', '-', ' ', '1', '01', '2', '10', '北京', '上海', 'Z', 'é', 'e'];
const nameArb = fc.option(fc.array(fc.constantFrom(...NAME_PARTS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')), { nil: null, freq: 8 });
const countArb = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 6 });
const countsArb = fc.record(Object.fromEntries(COUNT_FIELDS.map((field) => [field, countArb])) as Record<keyof Counts, fc.Arbitrary<number | null>>);
const groupArb = (key: string) => fc.tuple(nameArb, countsArb).map(([name, counts]): KeyedGroup => ({ ...template, ...counts, key, static_name: name }));
const orderArb: fc.Arbitrary<SortOrder> = fc.record({ column: fc.constantFrom(...COLUMNS), descending: fc.boolean() });

type Step =
  | { readonly kind: 'change'; readonly at: readonly number[]; readonly seed: number }
  | { readonly kind: 'add' | 'remove' | 'reverse' }
  | { readonly kind: 'order'; readonly order: SortOrder }
  | { readonly kind: 'rename-account' };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('change' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), seed: fc.nat() }) },
  fc.record({ kind: fc.constantFrom('add' as const, 'remove' as const, 'reverse' as const) }),
  fc.record({ kind: fc.constant('order' as const), order: orderArb }),
  fc.record({ kind: fc.constant('rename-account' as const) }),
);

/** The reference ranking: every name sorted with the collator (stably, from code-unit order), equal ones share. */
function referenceRanks(names: readonly string[], by: Intl.Collator): Map<string, number> {
  const unique = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).sort(by.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  unique.forEach((name, index) => {
    if (index > 0 && by.compare(unique[index - 1] as string, name) !== 0) rank = index;
    ranks.set(name, rank);
  });
  return ranks;
}

describe('NameOrder', () => {
  it('ranks exactly as a collator sort does, in en and zh-CN, also after names are added', () => {
    fc.assert(
      fc.property(fc.array(nameArb.map((name) => name ?? 'x'), { maxLength: 40 }), fc.array(nameArb.map((name) => name ?? 'y'), { maxLength: 10 }), fc.constantFrom('en', 'zh-CN'), (first, later, lang) => {
        const order = new NameOrder(collator(lang));
        expect(new Map(order.ranks(first))).toEqual(referenceRanks(first, collator(lang)));
        expect(new Map(order.ranks(later))).toEqual(referenceRanks([...first, ...later], collator(lang)));
      }),
    );
  });

  it('answers with the same map while it knows every name, and a new one when it had to rank again', () => {
    const order = new NameOrder(collator());
    const ranks = order.ranks(['b', 'a']);
    expect(order.ranks(['a'])).toBe(ranks);
    expect(order.ranks(['c'])).not.toBe(ranks);
  });
});

describe('sortGroups', () => {
  /** The order spelled out: a stable sort with the collator's comparison of names. */
  const reference = (rows: readonly AccountGroup[], order: SortOrder, by: Intl.Collator): AccountGroup[] => {
    const direction = order.descending ? -1 : 1;
    const name = (row: AccountGroup) => displayName(row.group);
    return [...rows].sort((a, b) => {
      if (order.column === 'name') return direction * by.compare(name(a), name(b));
      if (order.column === 'account') return direction * by.compare(a.accountName, b.accountName) || by.compare(name(a), name(b));
      const x = a.group[order.column];
      const y = b.group[order.column];
      if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || by.compare(name(a), name(b));
      return direction * (x - y) || by.compare(name(a), name(b));
    });
  };

  it('is a stable sort on the column, unknown last, ties by name in the collation (counts of any size)', () => {
    const bigCount = fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })), { nil: null, freq: 6 });
    const bigCounts = fc.record(Object.fromEntries(COUNT_FIELDS.map((field) => [field, bigCount])) as Record<keyof Counts, fc.Arbitrary<number | null>>);
    const rowArb = fc.tuple(nameArb, bigCounts, fc.constantFrom('Production', 'Acme', 'acme')).map(([name, counts, account], ): AccountGroup => ({ accountId: account, accountName: account, group: { ...template, ...counts, key: `k-${name}`, static_name: name } }));
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 50 }), orderArb, fc.constantFrom('en', 'zh-CN'), (rows, order, lang) => {
        const actual = sortGroups(rows, order, new NameOrder(collator(lang)));
        expect(actual.map((row) => rows.indexOf(row))).toEqual(reference(rows, order, collator(lang)).map((row) => rows.indexOf(row)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('SortedRows', () => {
  it('gives exactly sortGroups’s order after every poll: changed counts and names, added, removed and moved groups, another column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 }), orderArb, fc.array(stepArb, { maxLength: 12 }), fc.nat(), (size, otherSize, firstOrder, steps, seed) => {
        let next = 0;
        const sample = (key: string, at: number) => fc.sample(groupArb(key), { numRuns: 1, seed: seed + at })[0] as KeyedGroup;
        let prod = Array.from({ length: size }, () => sample(`p${next}`, next++));
        const test = Array.from({ length: otherSize }, () => sample(`t${next}`, next++));
        let prodName = 'Production';
        const prodRows = new AccountRows();
        const testRows = new AccountRows();
        const sorter = new SortedRows(new NameOrder(collator()));
        let order = firstOrder;
        const check = () => {
          const rows = [...prodRows.rows('prod', prodName, prod), ...testRows.rows('test', 'Test', test)];
          const expected = sortGroups(rows, order, new NameOrder(collator()));
          // Compared by identity: which row objects, in which order.
          expect(sorter.sort(rows, order).map((row) => rows.indexOf(row))).toEqual(expected.map((row) => rows.indexOf(row)));
        };
        check();
        for (const step of steps) {
          if (step.kind === 'change' && prod.length > 0) {
            prod = [...prod];
            for (const at of step.at) {
              const index = at % prod.length;
              prod[index] = { ...sample((prod[index] as KeyedGroup).key, step.seed + at), key: (prod[index] as KeyedGroup).key };
            }
          } else if (step.kind === 'add') prod = [...prod, sample(`p${next}`, next++)];
          else if (step.kind === 'remove') prod = prod.slice(1);
          else if (step.kind === 'reverse') prod = [...prod].reverse();
          else if (step.kind === 'order') order = step.order;
          else if (step.kind === 'rename-account') prodName = prodName === 'Production' ? 'Acme' : 'Production';
          check();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers with the same array when no row changed, and merges on a 5,000-group fleet as sortGroups sorts', () => {
    const groups = makeFleet(5_000, 11);
    const rows = new AccountRows();
    const sorter = new SortedRows(new NameOrder(collator()));
    const order: SortOrder = { column: 'disconnected_num', descending: true };
    const first = sorter.sort(rows.rows('prod', 'Production', groups), order);
    expect(sorter.sort(rows.rows('prod', 'Production', [...groups]), order)).toBe(first);
    // A poll: 2 % of the groups one session more or less disconnected.
    const polled = groups.map((group, index) => (index % 50 === 7 ? { ...group, disconnected_num: (group.disconnected_num ?? 0) + (index % 100 === 7 ? 1 : -1) } : group));
    const after = rows.rows('prod', 'Production', polled);
    expect(sorter.sort(after, order)).toEqual(sortGroups(after, order, new NameOrder(collator())));
  });
});

describe('AccountRows', () => {
  it('keeps the row object of every group object it saw, wherever the group moved; new rows for new objects or another account name', () => {
    const groups = makeFleet(6, 3);
    const cache = new AccountRows();
    const first = cache.rows('prod', 'Production', groups);
    expect(first.map((row) => row.group)).toEqual(groups);
    expect(first.every((row) => row.accountId === 'prod' && row.accountName === 'Production')).toBe(true);
    expect(cache.rows('prod', 'Production', groups)).toBe(first);

    const changed = { ...(groups[2] as KeyedGroup), in_use_num: 99 };
    const polled = [groups[1], groups[0], changed, ...groups.slice(3)] as KeyedGroup[];
    const second = cache.rows('prod', 'Production', polled);
    expect(second[0]).toBe(first[1]);
    expect(second[1]).toBe(first[0]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]?.group).toBe(changed);
    expect(second.slice(3)).toEqual(first.slice(3));
    expect(second[3]).toBe(first[3]);

    const renamed = cache.rows('prod', 'Acme', polled);
    expect(renamed.every((row, index) => row !== second[index] && row.accountName === 'Acme' && row.group === polled[index])).toBe(true);
  });
});

describe('combineTotals', () => {
  it('equals sumCounts over every group of every list, unknown fields and lists without groups included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(countsArb, { maxLength: 5 }), { maxLength: 4 }), (lists) => {
        const combined = combineTotals(lists.map((counts) => ({ groupCount: counts.length, totals: sumCounts(counts) })));
        expect(combined).toEqual(sumCounts(lists.flat()));
      }),
    );
  });
});
