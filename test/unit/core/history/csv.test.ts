import { describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';
import { groupsToCsv, historyToCsv } from '../../../../main/core/history/csv.js';
import { FLEET_SERIES } from '../../../../main/core/ports.js';

const counts = Object.fromEntries(COUNT_FIELDS.map((field, i) => [field, i === 2 ? null : i * 10])) as Counts;

describe('historyToCsv', () => {
  it('writes the header, ISO timestamps, bucket width and empty cells for unknown counts', () => {
    const csv = historyToCsv(
      [
        { at: Date.UTC(2025, 0, 2, 3, 4, 5), counts, bucketMs: 0 },
        { at: Date.UTC(2025, 0, 1), counts, bucketMs: 600_000 },
      ],
      'pool-a',
    );
    expect(csv.split('\r\n')).toEqual([
      `timestamp,group,bucket_seconds,${COUNT_FIELDS.join(',')}`,
      '2025-01-02T03:04:05.000Z,pool-a,0,0,10,,30,40,50,60,70,80,90,100,110,120',
      '2025-01-01T00:00:00.000Z,pool-a,600,0,10,,30,40,50,60,70,80,90,100,110,120',
      '',
    ]);
  });

  it('labels the fleet and quotes or defuses awkward group names', () => {
    expect(historyToCsv([{ at: 0, counts, bucketMs: 0 }], FLEET_SERIES).split('\r\n')[1]).toMatch(/^1970-01-01T00:00:00.000Z,\(fleet\),0,/);
    expect(historyToCsv([{ at: 0, counts, bucketMs: 0 }], 'a,"b"').split('\r\n')[1]).toContain(',"a,""b""",0,');
    expect(historyToCsv([{ at: 0, counts, bucketMs: 0 }], '=HYPERLINK("x")').split('\r\n')[1]).toContain(`,"'=HYPERLINK(""x"")",`);
  });
});

describe('groupsToCsv', () => {
  it('writes one row per group with its key and name, unknown counts as empty cells, then the totals', () => {
    const csv = groupsToCsv(
      [
        { key: 'pool-a', static_name: 'pool-a', ...counts },
        { key: '(unnamed group #1)', static_name: null, ...counts },
        { key: 'pool-a (#2)', static_name: '=pool-a', ...counts },
      ],
      counts,
    );
    expect(csv.split('\r\n')).toEqual([
      `key,group,${COUNT_FIELDS.join(',')}`,
      'pool-a,pool-a,0,10,,30,40,50,60,70,80,90,100,110,120',
      '(unnamed group #1),,0,10,,30,40,50,60,70,80,90,100,110,120',
      "pool-a (#2),'=pool-a,0,10,,30,40,50,60,70,80,90,100,110,120",
      '(fleet),(total),0,10,,30,40,50,60,70,80,90,100,110,120',
      '',
    ]);
  });
});
