// The dashboard table's order: by any column, unknown counts last, ties by name in the language's collation, with
// names ranked once and reused across polls (NameOrder).
import { describe, expect, it } from 'vitest';
import { makeFleet } from '../fakes/fake-bridge.js';
import { displayName, type AccountGroup, type KeyedGroup } from '../../renderer/lib/groups.js';
import { NameOrder } from '../../renderer/lib/name-order.js';
import { sortGroups } from '../../renderer/lib/table-order.js';

const collator = (lang = 'en') => new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
const row = (group: KeyedGroup, accountName = 'Production'): AccountGroup => ({ accountId: accountName, accountName, group });
const group = (name: string | null, disconnected: number | null, key = name ?? 'k'): KeyedGroup => ({ ...makeFleet(1, 1)[0], key, static_name: name, disconnected_num: disconnected }) as KeyedGroup;
const names = (rows: readonly AccountGroup[]) => rows.map((entry) => displayName(entry.group));

describe('sortGroups', () => {
  const rows = [row(group('Group 10', 3)), row(group('group 9', 3)), row(group('Alpha', null)), row(group('Beta', 7)), row(group('Zulu', 0))];

  it('by a count, highest first; ties by name, numbers in names compared as numbers; unknown last either way', () => {
    const order = new NameOrder(collator());
    expect(names(sortGroups(rows, { column: 'disconnected_num', descending: true }, order))).toEqual(['Beta', 'group 9', 'Group 10', 'Zulu', 'Alpha']);
    expect(names(sortGroups(rows, { column: 'disconnected_num', descending: false }, order))).toEqual(['Zulu', 'group 9', 'Group 10', 'Beta', 'Alpha']);
  });

  it('by name both ways, and by account then name', () => {
    const order = new NameOrder(collator());
    expect(names(sortGroups(rows, { column: 'name', descending: false }, order))).toEqual(['Alpha', 'Beta', 'group 9', 'Group 10', 'Zulu']);
    expect(names(sortGroups(rows, { column: 'name', descending: true }, order))).toEqual(['Zulu', 'Group 10', 'group 9', 'Beta', 'Alpha']);
    const mixed = [row(group('B', 1), 'Zeta'), row(group('A', 1), 'Zeta'), row(group('C', 1), 'Acme')];
    expect(sortGroups(mixed, { column: 'account', descending: false }, order).map((entry) => `${entry.accountName}/${displayName(entry.group)}`)).toEqual(['Acme/C', 'Zeta/A', 'Zeta/B']);
  });

  it('Chinese names in zh-CN collation (pinyin: Beijing before Shanghai, Han before Latin), an unnamed group by its key', () => {
    const zh = [row(group('上海', 1)), row(group('北京', 1)), row(group(null, 1, 'g-7'))];
    expect(names(sortGroups(zh, { column: 'name', descending: false }, new NameOrder(collator('zh-CN'))))).toEqual(['北京', '上海', 'g-7']);
  });

  it('a renamed or new group after a poll is ordered right: the remembered ranking is extended, not trusted blindly', () => {
    const order = new NameOrder(collator());
    const before = sortGroups(rows, { column: 'name', descending: false }, order);
    expect(names(before)).toEqual(['Alpha', 'Beta', 'group 9', 'Group 10', 'Zulu']);
    const after = [...rows, row(group('Bravo', 2)), row(group('Aardvark', 2))];
    expect(names(sortGroups(after, { column: 'name', descending: false }, order))).toEqual(['Aardvark', 'Alpha', 'Beta', 'Bravo', 'group 9', 'Group 10', 'Zulu']);
  });

  it('agrees with a plain collator sort on a 5,000-group fleet', () => {
    const fleet = makeFleet(5_000, 11).map((entry) => row(entry));
    const by = collator();
    const expected = [...fleet].sort((a, b) => (b.group.disconnected_num ?? -1) - (a.group.disconnected_num ?? -1) || by.compare(displayName(a.group), displayName(b.group)));
    const actual = sortGroups(fleet, { column: 'disconnected_num', descending: true }, new NameOrder(by));
    expect(actual.map((entry) => entry.group.key)).toEqual(expected.map((entry) => entry.group.key));
  });
});
