// `disconnected` reads at a glance on an 80-column terminal: one desktop per line, who and how long always shown,
// the least useful columns left out (and said so) before anything is cut, and `--wide` (width null) shows all.
import { describe, expect, it } from 'vitest';
import type { DesktopRow, LookupAnswer } from '../../../main/app/disconnected-lookup.js';
import type { LoginRecord } from '../../../main/core/api/desktops.js';
import { analyseFailures } from '../../../main/core/desktops/failure-analysis.js';
import { answerTable } from '../../../main/cli/disconnected.js';
import { fittedTable, type TableColumn } from '../../../main/cli/fitted-table.js';
import { displayWidth } from '../../../main/cli/terminal-text.js';

const NOW = Date.UTC(2026, 11, 1, 12, 0);
const MINUTE = 60_000;

function record(overrides: Partial<LoginRecord>): LoginRecord {
  return {
    transactionId: null, computerName: null, userName: null, terminalName: null, terminalIp: '10.21.94.17', terminalType: 'Windows',
    clientVersion: '7.3.1', agentVersion: null, desktopIp: null, connectionStartTime: NOW - 90 * MINUTE, connectionSetupTime: null,
    connectionEndTime: NOW - 42 * MINUTE, isReconnect: false, connectionFailureReason: 'Network connection interrupted', networkRtt: 312, e2eRtt: 340,
    ...overrides,
  };
}

function row(name: string, users: readonly string[], sinceMinutes: number, last: Partial<LoginRecord> = {}): DesktopRow {
  return {
    desktopId: `id-${name}`, desktopName: name, connectStatus: 'DISCONNECTED', users, since: NOW - sinceMinutes * MINUTE, sinceSource: 'seen',
    lastConnection: record(last),
  };
}

const ROWS = [
  row('CallCenter-Riyadh-003', ['maria.liu'], 473, { connectionFailureReason: 'Client closed unexpectedly' }),
  row('财务部-上海-017', ['王小明'], 95),
  row('VDI-Pool-11-064', ['sven.zhao64', 'ops-on-call'], 1, { clientVersion: '8.0.0', terminalType: 'Thin client' }),
];

const answer = (state: LookupAnswer['state'], rows: readonly DesktopRow[] = ROWS): LookupAnswer => ({
  at: NOW, state, rows, complete: true, notes: [], cached: false,
  failures: analyseFailures(rows.flatMap((entry) => (entry.lastConnection === null ? [] : [entry.lastConnection]))),
});
const groupOf = (name: string | null) => name?.replace(/-\d+$/, '') ?? null;
const widest = (lines: readonly string[]) => Math.max(...lines.map(displayWidth));

describe('the disconnected table', () => {
  it('fits 80 columns with desktop, users, how long and why, and says which columns it left out', () => {
    const lines = answerTable(null, answer('disconnected'), NOW, groupOf, 80);
    expect(widest(lines)).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^Desktop\s+User\(s\)\s+Disconnected\s+Failure reason/);
    expect(lines.find((line) => line.startsWith('CallCenter-Riyadh-003'))).toMatch(/maria\.liu\s+7 h 53 min\s+Client closed/);
    // A Chinese name takes two columns a character and still lines up.
    const chinese = lines.find((line) => line.startsWith('财务部-上海-017')) ?? '';
    expect(displayWidth(chinese.slice(0, chinese.indexOf('王小明')))).toBe(lines[1]?.indexOf('User(s)'));
    expect(lines.join(' ')).toMatch(/Not shown to fit 80 columns: Group, .*; --wide shows every column\./);
    // The failure summary wraps between items, never inside one.
    const summary = lines.slice(lines.findIndex((line) => line.startsWith('Failed connections')));
    for (const line of summary) expect(line).not.toMatch(/\(of$|sessions:$/);
  });

  it('shows every column, with the time it started, when wide', () => {
    const lines = answerTable(null, answer('disconnected'), NOW, groupOf, null);
    expect(lines[1]).toMatch(/^Desktop\s+Group\s+User\(s\)\s+Disconnected since\s+Last ended\s+Failure reason\s+RTT net \/ e2e\s+Client$/);
    expect(lines.find((line) => line.startsWith('CallCenter-Riyadh-003'))).toMatch(/CallCenter-Riyadh\s+maria\.liu\s+\d{4}-\d\d-\d\d \d\d:\d\d \(7 h 53 min\)/);
    expect(lines.some((line) => line.startsWith('Not shown'))).toBe(false);
  });

  it('keeps the other states readable too, and the widths in between grow columns back', () => {
    let shown = 0;
    for (const width of [60, 80, 100, 120, 160]) {
      const lines = answerTable('Head office', answer('connected'), NOW, groupOf, width);
      expect(widest(lines), `width ${width}`).toBeLessThanOrEqual(width);
      const header = lines.find((line) => line.startsWith('Desktop')) ?? '';
      expect(header).toMatch(/^Desktop\s.*User\(s\)/);
      const columns = header.split(/ {2,}/).length;
      expect(columns).toBeGreaterThanOrEqual(shown);
      shown = columns;
    }
    expect(shown).toBe(7);
    expect(answerTable(null, answer('ready'), NOW, groupOf, 200)[1]).toMatch(/^Desktop\s+Group\s+User\(s\)\s+Last ended/);
  });
});

describe('fittedTable', () => {
  const column = (title: string, text: string, dropRank: number | null, minWidth?: number): TableColumn => ({
    title, cells: [text], dropRank, ...(minWidth === undefined ? {} : { minWidth }),
  });
  const columns = [column('A', 'a'.repeat(10), null), column('B', 'b'.repeat(10), 2), column('C', 'c'.repeat(20), 1, 8), column('D', 'd'.repeat(10), 3)];

  it('leaves out the highest rank first, and cuts a column that can be cut rather than leave it out', () => {
    expect(fittedTable(columns, 100).hidden).toEqual([]);
    expect(fittedTable(columns, 50)).toMatchObject({ hidden: ['D'] });
    const narrow = fittedTable(columns, 30);
    expect(narrow.hidden).toEqual(['B', 'D']);
    expect(narrow.lines[2]).toBe(`${'a'.repeat(10)}  ${'c'.repeat(17)}…`);
    expect(widest(narrow.lines)).toBe(30);
  });

  it('never cuts below a column\'s minimum or its title, and prints everything uncut without a width', () => {
    // C cannot get narrow enough (its minimum is 8): it is left out rather than cut further.
    expect(fittedTable(columns, 20).lines[2]).toBe(`${'a'.repeat(10)}  ${'c'.repeat(7)}…`);
    expect(fittedTable(columns, 19)).toMatchObject({ hidden: ['B', 'C', 'D'], lines: ['A', '─'.repeat(10), 'a'.repeat(10)] });
    expect(fittedTable(columns, null).lines[2]).toBe(['a', 'b', 'c', 'd'].map((letter, index) => letter.repeat(index === 2 ? 20 : 10)).join('  '));
  });
});
