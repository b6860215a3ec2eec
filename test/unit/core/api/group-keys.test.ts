// Group identity decided at parse time: unique within an answer, a unique name is its own key, and the keys of
// unnamed and repeated groups are deterministic and stay put when other groups come and go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLEET_KEY, groupKeys, isKeyOfName } from '../../../../main/core/api/group-keys.js';
import { parseConnectionStatus } from '../../../../main/core/api/parse.js';
import { FLEET_KEY as CONTRACT_FLEET_KEY } from '../../../../preload/contract.js';

const NAMES = ['a', 'b', 'a (#2)', 'a (#3)', '(unnamed group #1)', '(unnamed group #2)', FLEET_KEY, '\u0000fleet', '', null] as const;
const names = fc.array(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 4 })), { maxLength: 30 });

describe('groupKeys', () => {
  it('names repeated and unnamed groups by their rank among their kind', () => {
    expect(groupKeys([null, 'A', 'A', null, 'B', 'A'])).toEqual(['(unnamed group #1)', 'A', 'A (#2)', '(unnamed group #2)', 'B', 'A (#3)']);
  });

  it('keeps a unique name as its key even when it looks generated, and numbers around it', () => {
    expect(groupKeys(['a', 'a', 'a (#2)'])).toEqual(['a', 'a (#3)', 'a (#2)']);
    expect(groupKeys([null, '(unnamed group #1)'])).toEqual(['(unnamed group #2)', '(unnamed group #1)']);
  });

  it('never gives a group the fleet series key nor a key starting with NUL', () => {
    expect(groupKeys([FLEET_KEY, '\u0000x'])).toEqual([`${FLEET_KEY} (#1)`, 'x (#1)']);
    expect(FLEET_KEY).toBe(CONTRACT_FLEET_KEY);
  });

  it('gives unique keys, a unique name its own, for any list (property)', () => {
    fc.assert(
      fc.property(names, (list) => {
        const keys = groupKeys(list);
        expect(keys).toHaveLength(list.length);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(key === FLEET_KEY || key.startsWith('\u0000')).toBe(false);
        list.forEach((name, index) => {
          if (name !== null && name !== FLEET_KEY && !name.startsWith('\u0000') && list.filter((other) => other === name).length === 1) expect(keys[index]).toBe(name);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the keys of unnamed and repeated groups when a uniquely named group comes or goes (property)', () => {
    fc.assert(
      fc.property(names, fc.nat(), fc.string({ minLength: 1, maxLength: 6 }), (list, at, extra) => {
        const name = `new:${extra}`;
        const position = list.length === 0 ? 0 : at % (list.length + 1);
        const grown = [...list.slice(0, position), name, ...list.slice(position)];
        const before = groupKeys(list);
        const after = groupKeys(grown);
        expect([...after.slice(0, position), ...after.slice(position + 1)]).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('is applied when an answer is parsed', () => {
    const parsed = parseConnectionStatus(JSON.stringify({ statics: [{ static_name: 'p' }, {}, { static_name: 'p' }, { static_name: null }] }), 200);
    expect(parsed.ok && parsed.value.groups.map((group) => group.key)).toEqual(['p', '(unnamed group #1)', 'p (#2)', '(unnamed group #2)']);
  });
});

describe('isKeyOfName', () => {
  it('knows the keys a shared name was given, and nothing else', () => {
    const keys = groupKeys(['Pool', 'Ops', 'Pool', 'Pool', 'Pool (#2) east']);
    expect(keys.filter((key) => isKeyOfName(key, 'Pool'))).toEqual(['Pool', 'Pool (#2)', 'Pool (#3)']);
    expect(keys.filter((key) => isKeyOfName(key, 'Ops'))).toEqual(['Ops']);
    expect(isKeyOfName('Pool (#x)', 'Pool')).toBe(false);
    expect(isKeyOfName('Pools', 'Pool')).toBe(false);
    expect(isKeyOfName('Pool (#3)', 'Pool (#3)')).toBe(true);
  });
});
