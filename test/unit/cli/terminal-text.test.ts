// Group and account names in the CLI's tables: Chinese names (common among Huawei Cloud customers) take two
// columns per character, long names are cut, and what a server sends cannot drive the terminal.
import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type FleetSnapshot, type GroupStatus } from '../../../main/core/api/fields.js';
import { MAX_NAME_COLUMNS, snapshotHeadline, snapshotTable } from '../../../main/cli/format.js';
import { watchEventLine } from '../../../main/cli/watch-output.js';
import { displayWidth, padEndColumns, terminalSafe, truncateColumns } from '../../../main/cli/terminal-text.js';
import { groupKeys } from '../../../main/core/api/group-keys.js';

describe('displayWidth', () => {
  it.each([
    ['Finance-Shanghai', 16],
    ['财务部-上海', 11],
    ['ＡＢ', 4],
    ['한국', 4],
    ['Émile', 5],
    ['E\u0301mile', 5],
    ['☕', 2],
    ['😀', 2],
    ['👩‍👩‍👧', 2],
    ['🇨🇳', 2],
    ['–', 1],
    ['a\u200bb', 2],
    ['', 0],
  ])('%j takes %i columns', (text, columns) => {
    expect(displayWidth(text)).toBe(columns);
  });

  it('pads and cuts by columns, never splitting a character', () => {
    expect(padEndColumns('上海', 6)).toBe('上海  ');
    expect(truncateColumns('研发中心北京', 7)).toBe('研发中…');
    expect(displayWidth(truncateColumns('研发中心北京', 7))).toBeLessThanOrEqual(7);
    expect(truncateColumns('short', 7)).toBe('short');
  });
});

describe('terminalSafe', () => {
  it('turns escape sequences, bells and bidi overrides into U+FFFD and line breaks into spaces', () => {
    expect(terminalSafe('evil\u001b[31mRED\u0007\nTOTAL\tx\u202egnp.exe\u009b')).toBe('evil\uFFFD[31mRED\uFFFD TOTAL x\uFFFDgnp.exe\uFFFD');
    expect(terminalSafe('财务部 ☕')).toBe('财务部 ☕');
  });
});

const counts = (value: number | null): Counts => Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])) as Counts;
const group = (name: string | null, value: number, key = name ?? '(unnamed group #1)'): GroupStatus => ({ key, static_name: name, ...counts(value) });

function fleet(names: readonly (string | null)[]): FleetSnapshot {
  return { projectId: 'p1', endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com', fetchedAt: 0, groups: names.map((name, index) => group(name, 7, groupKeys(names)[index])), totals: counts(7 * names.length) };
}

/** The terminal column of every `│` on a line. */
function separatorColumns(line: string): number[] {
  const columns: number[] = [];
  let column = 0;
  for (const char of line) {
    if (char === '│') columns.push(column);
    column += displayWidth(char);
  }
  return columns;
}

describe('snapshotTable with names from the real world', () => {
  it('keeps every column aligned on screen with Chinese, emoji and accented names', () => {
    const table = snapshotTable(fleet(['财务部-上海', '研发中心北京桌面池一号', 'Ops-Paris', 'Émile–Café ☕ 😀', '한국지사']));
    const rows = table.slice(1).filter((line) => !line.startsWith('─'));
    const expected = separatorColumns(rows[0] ?? '');
    expect(expected).toHaveLength(3);
    for (const line of rows) expect(separatorColumns(line)).toEqual(expected);
    expect(displayWidth(table[2] ?? '')).toBe(displayWidth(rows[0] ?? ''));
  });

  it(`cuts a name longer than ${MAX_NAME_COLUMNS} columns with … so the table stays narrow`, () => {
    const long = `A-very-long-group-name-${'x'.repeat(80)}`;
    const table = snapshotTable(fleet([long, '研'.repeat(40)]));
    const rows = table.filter((line) => line.includes('│') && !line.startsWith(' '));
    for (const line of rows) expect(separatorColumns(line)[0]).toBe(MAX_NAME_COLUMNS + 1);
    expect(table.join('\n')).toContain('A-very-long-group-name-xxx');
    expect(table.join('\n')).toContain('…');
  });

  it('prints a hostile group name as one inert row: no escape sequence, no forged line', () => {
    const table = snapshotTable(fleet(['evil\u001b[2J\u001b[31m\nTOTAL  999\u0007', 'ok']));
    const text = table.join('\n');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(table.filter((line) => line.startsWith('TOTAL'))).toHaveLength(1);
    expect(table).toHaveLength(snapshotTable(fleet(['a', 'b'])).length);
    for (const line of snapshotHeadline('prod\u001b]0;pwned\u0007', fleet(['a']))) expect(line).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('watch lines', () => {
  it('carry no control character from an account name', () => {
    const line = watchEventLine({ type: 'stale', accountId: 'id', account: 'prod\u001b[2J\nx', lastSuccessAt: null }, 0);
    expect(line).not.toMatch(/[\u0000-\u001f]/);
  });
});
