import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts, type FleetSnapshot, type GroupStatus } from '../../../main/core/api/fields.js';
import { workspaceError } from '../../../main/core/errors.js';
import { EMPTY_FLEET, errorToJson, snapshotTable, snapshotToJson, UNKNOWN_COUNT } from '../../../main/cli/format.js';

const counts = (value: number | null): Counts => Object.fromEntries(COUNT_FIELDS.map((field) => [field, value])) as Counts;
const group = (name: string | null, value: number | null, overrides: Partial<Counts> = {}): GroupStatus => ({ key: name ?? '(unnamed group #1)', static_name: name, ...counts(value), ...overrides });

const snapshot: FleetSnapshot = {
  projectId: 'p1',
  endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com',
  fetchedAt: Date.UTC(2025, 0, 2, 3, 4, 5, 6),
  groups: [group('Finance-Shanghai', 2147483647), group(null, 1, { disconnected_num: null })],
  totals: { ...counts(2147483648), disconnected_num: 2147483647 },
};

describe('snapshotToJson', () => {
  it('uses the API field names, ISO time, and null for unknown counts', () => {
    const json = snapshotToJson(snapshot);
    expect(json.fetched_at).toBe('2025-01-02T03:04:05.006Z');
    expect(json.groups[1]).toMatchObject({ static_name: null, disconnected_num: null, running_num: 1 });
    expect(Object.keys(json.groups[0] ?? {})).toEqual(['key', 'static_name', ...COUNT_FIELDS]);
    expect(json.totals.running_num).toBe(2147483648);
  });
});

describe('snapshotTable', () => {
  it('aligns every row, marks unknown counts and ends with the totals', () => {
    const table = snapshotTable(snapshot);
    const rows = table.filter((line) => !line.startsWith('─'));
    expect(rows[0]).toMatch(/^\s+│ Power\s+│ Assignment\s+│ Login$/);
    expect(table.at(-1)).toMatch(/^TOTAL\s+│ 2147483648/);
    expect(rows[3]).toMatch(/^\(unnamed group #1\)/);
    expect(rows[3]?.split('│')[3]?.trim().split(/\s+/)).toEqual(['1', '1', UNKNOWN_COUNT, '1', '1']);
    // Every column separator sits at the same position on every row.
    const separators = (line: string) => [...line].flatMap((char, index) => (char === '│' ? [index] : []));
    for (const line of rows.slice(1)) expect(separators(line)).toEqual(separators(rows[1] ?? ''));
  });

  it('says an empty fleet has no groups, between the header and a totals row of zeros', () => {
    const empty = snapshotTable({ ...snapshot, groups: [], totals: counts(0) });
    expect(empty.slice(3)).toEqual([EMPTY_FLEET, empty[2], expect.stringMatching(/^TOTAL\s+│\s+0/)]);
  });
});

describe('errorToJson', () => {
  it('carries the kind, exit code, server facts and the one-line message', () => {
    const error = workspaceError('permission', 'Workspace is not enabled in this project', { httpStatus: 403, errorCode: 'WKS.00010099', requestId: 'r1' });
    expect(errorToJson(error)).toEqual({
      kind: 'permission',
      exit_code: 3,
      http_status: 403,
      error_code: 'WKS.00010099',
      request_id: 'r1',
      message: 'Workspace is not enabled in this project (HTTP 403, WKS.00010099, request id r1)',
    });
  });
});
