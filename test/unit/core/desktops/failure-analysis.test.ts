import { describe, expect, it } from 'vitest';
import type { LoginRecord } from '../../../../main/core/api/desktops.js';
import { analyseFailures, concentrations, networkPrefix } from '../../../../main/core/desktops/failure-analysis.js';
import { disconnectedToCsv, formatDuration, DISCONNECTED_CSV_NOTICE } from '../../../../main/core/desktops/rows.js';

function record(reason: string | null, ip: string | null, version: string | null): LoginRecord {
  return {
    transactionId: null, computerName: 'Finance-001', userName: 'alice', terminalName: null, terminalIp: ip, terminalType: 'Windows', clientVersion: version,
    agentVersion: null, desktopIp: null, connectionStartTime: 0, connectionSetupTime: null, connectionEndTime: 1, isReconnect: false,
    connectionFailureReason: reason, networkRtt: 10, e2eRtt: 20,
  };
}

describe('networkPrefix', () => {
  it.each([
    ['10.48.17.201', '10.48.17.0/24'],
    ['::ffff:192.168.1.9', '192.168.1.0/24'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::/48'],
    ['2001:0DB8:0000:0000::1', '2001:db8::/48'],
    ['[fe80::1%eth0]', 'fe80::/48'],
    ['::1', '::/48'],
  ])('%s → %s', (ip, prefix) => expect(networkPrefix(ip)).toBe(prefix));

  it.each(['999.1.1.1', 'office', '1:2:3', '1::2::3', ''])('refuses %s', (ip) => expect(networkPrefix(ip)).toBeNull());
});

describe('analyseFailures', () => {
  it('ranks reasons, versions and networks that failures share, against their share of all sessions', () => {
    const records = [
      ...Array.from({ length: 6 }, (_, i) => record('Network connection interrupted', `10.48.17.${i + 2}`, '7.3.1')),
      record('Session idle timeout', '192.168.1.5', '8.0.0'),
      record('', '10.48.17.99', '8.0.0'),
      ...Array.from({ length: 12 }, (_, i) => record(null, `10.9.9.${i + 2}`, '8.0.0')),
      record('Network timeout', null, null),
    ];
    const analysis = analyseFailures(records, 2);
    expect(analysis.records).toBe(21);
    expect(analysis.failures).toBe(8);
    expect(analysis.reasons).toEqual([
      { value: 'Network connection interrupted', failures: 6, shareOfFailures: 6 / 8, shareOfSessions: 6 / 21 },
      { value: 'Network timeout', failures: 1, shareOfFailures: 1 / 8, shareOfSessions: 1 / 21 },
    ]);
    expect(analysis.networks[0]).toEqual({ value: '10.48.17.0/24', failures: 6, shareOfFailures: 6 / 8, shareOfSessions: 7 / 21 });
    expect(analysis.clientVersions.map((shared) => [shared.value, shared.failures])).toEqual([['7.3.1', 6], ['(unknown)', 1]]);
  });

  it('answers an empty analysis for no records', () => {
    expect(analyseFailures([])).toEqual({ records: 0, failures: 0, reasons: [], clientVersions: [], networks: [] });
  });
});

describe('rows', () => {
  it('formats durations at a glance', () => {
    expect([45_000, 12 * 60_000, (3 * 60 + 5) * 60_000, (52 * 60) * 60_000].map(formatDuration)).toEqual(['45 s', '12 min', '3 h 05 min', '2 d 4 h']);
  });

  it('writes CSV whose first line says what it holds, and defuses formulas', () => {
    const csv = disconnectedToCsv([
      { desktopId: 'd1', desktopName: '=HYPERLINK("x")', connectStatus: 'DISCONNECTED', users: ['alice', 'bob'], since: 0, sinceSource: 'seen', lastConnection: record('Network timeout', '10.1.1.1', '7.3.1') },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(DISCONNECTED_CSV_NOTICE);
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",d1,DISCONNECTED,alice; bob,1970-01-01T00:00:00.000Z,seen,1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.001Z,Network timeout,10,20,Windows,7.3.1,10.1.1.1,false`);
    expect(lines.at(-1)).toBe('');
  });
});

describe('concentrations', () => {
  it('names the office network and client version failures share far beyond their share of sessions', () => {
    const records = [
      // One office network: 6 of 8 failures, 6 of 30 sessions.
      ...Array.from({ length: 6 }, (_, i) => record('Network connection interrupted', `10.48.17.${i + 2}`, '7.3.1')),
      record('Client crashed', '10.9.9.200', '7.1.4'),
      record('Client crashed', '10.9.9.201', '7.1.4'),
      // The big network that carries most sessions and fails in proportion: not a finding.
      ...Array.from({ length: 22 }, (_, i) => record(null, `10.9.9.${i + 2}`, '8.0.0')),
    ];
    const found = concentrations(analyseFailures(records));
    expect(found.map((entry) => [entry.dimension, entry.value])).toEqual([
      ['network', '10.48.17.0/24'],
      ['clientVersion', '7.3.1'],
    ]);
    expect(found[0]).toMatchObject({ failures: 6, shareOfFailures: 6 / 8, shareOfSessions: 6 / 30 });
  });

  it('finds nothing where failures spread like sessions, are few, or are unknown', () => {
    const spread = Array.from({ length: 40 }, (_, i) => record(Math.floor(i / 4) % 4 === 0 ? 'Timeout' : null, `10.${i % 4}.0.1`, `7.${i % 4}`));
    expect(concentrations(analyseFailures(spread))).toEqual([]);
    const few = [record('Timeout', '10.1.1.1', '7.0'), record('Timeout', '10.1.1.2', '7.0'), ...Array.from({ length: 20 }, () => record(null, '10.2.2.2', '8.0'))];
    expect(concentrations(analyseFailures(few))).toEqual([]);
    const unknown = [...Array.from({ length: 5 }, () => record('Timeout', null, null)), ...Array.from({ length: 20 }, () => record(null, '10.2.2.2', '8.0'))];
    expect(concentrations(analyseFailures(unknown))).toEqual([]);
  });
});
