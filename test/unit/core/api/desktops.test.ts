// The drill-down answers as the SDK models document them: unknown fields ignored, missing ones unknown (null),
// malformed ones rejecting the page with the path to the culprit.
import { describe, expect, it } from 'vitest';
import { formatApiQueryTime, parseApiTime, parseDesktopConnections, parseLoginRecords } from '../../../../main/core/api/desktops.js';

const DESKTOP = {
  desktop_id: 'd-1',
  desktop_name: 'Finance-001',
  connect_status: 'DISCONNECTED',
  attach_users: [{ id: 'u-1', name: 'alice', user_group: 'finance', type: 'USER', extra: 1 }],
  future_field: { nested: true },
};

const RECORD = {
  tenantId: 't',
  sid: 's',
  transaction_id: 'tx-1',
  computer_name: 'Finance-001',
  user_name: 'alice',
  terminal_mac: 'aa:bb',
  terminal_name: 'PC-ALICE',
  terminal_ip: '10.1.2.3',
  client_version: '7.3.1',
  terminal_type: 'Windows',
  agent_version: '2.4.1',
  desktop_ip: '172.16.0.2',
  connection_start_time: '2024-05-20T08:00:00Z',
  connection_setup_time: '2024-05-20T08:00:05.250Z',
  connection_end_time: '2024-05-20T09:30Z',
  is_reconnect: false,
  connection_failure_reason: 'Network timeout',
  network_rtt: 42.5,
  e2e_rtt: 61,
};

describe('parseDesktopConnections', () => {
  it('reads the documented fields and ignores the rest', () => {
    const page = parseDesktopConnections(JSON.stringify({ desktops: [DESKTOP], total_count: 7, request_id: 'x' }), 200);
    expect(page).toEqual({
      ok: true,
      value: {
        totalCount: 7,
        desktops: [
          { desktopId: 'd-1', desktopName: 'Finance-001', connectStatus: 'DISCONNECTED', attachUsers: [{ id: 'u-1', name: 'alice', userGroup: 'finance', type: 'USER' }] },
        ],
      },
    });
  });

  it('keeps a missing field unknown, never a default', () => {
    const page = parseDesktopConnections(JSON.stringify({ desktops: [{ desktop_name: 'x', attach_users: null }, { attach_users: [{}] }] }), 200);
    expect(page.ok && page.value).toEqual({
      totalCount: null,
      desktops: [
        { desktopId: null, desktopName: 'x', connectStatus: null, attachUsers: null },
        { desktopId: null, desktopName: null, connectStatus: null, attachUsers: [{ id: null, name: null, userGroup: null, type: null }] },
      ],
    });
  });

  it('accepts an empty answer that says so, and rejects one that has neither list nor zero total', () => {
    expect(parseDesktopConnections('{"total_count":0}', 200)).toEqual({ ok: true, value: { desktops: [], totalCount: 0 } });
    expect(parseDesktopConnections('{"total_count":3}', 200)).toMatchObject({ ok: false, error: { kind: 'invalid-response', path: 'desktops' } });
  });

  it.each([
    [{ desktops: {}, total_count: 1 }, 'desktops'],
    [{ desktops: [1], total_count: 1 }, 'desktops[0]'],
    [{ desktops: [{ ...DESKTOP, desktop_name: 5 }] }, 'desktops[0].desktop_name'],
    [{ desktops: [{ ...DESKTOP, attach_users: 'alice' }] }, 'desktops[0].attach_users'],
    [{ desktops: [{ ...DESKTOP, attach_users: [{ name: ['alice'] }] }] }, 'desktops[0].attach_users[0].name'],
    [{ desktops: [], total_count: -1 }, 'total_count'],
    [{ desktops: [], total_count: '3' }, 'total_count'],
  ])('rejects a malformed field with its path: %j', (body, path) => {
    const page = parseDesktopConnections(JSON.stringify(body), 200);
    expect(page).toMatchObject({ ok: false, error: { kind: 'invalid-response', httpStatus: 200, path } });
    if (!page.ok) expect(page.error.message).toMatch(/^The desktop list answer \(HTTP 200\) has /);
  });

  it('never quotes a personal value in an error (errors reach logs)', () => {
    const page = parseLoginRecords(JSON.stringify({ records: [{ ...RECORD, user_name: 48151623, terminal_ip: 167837955 }] }), 200);
    expect(page.ok || page.error.message).toBe('The login records answer (HTTP 200) has records[0].user_name = a number, expected a string');
    expect(JSON.stringify(page)).not.toContain('48151623');
    expect(JSON.stringify(page)).not.toContain('167837955');
  });

  it('says what came instead of JSON', () => {
    const page = parseDesktopConnections('<html><title>Login required</title></html>', 200);
    expect(page.ok || page.error.message).toMatch(/not JSON \(an HTML page titled "Login required"\)/);
  });
});

describe('parseLoginRecords', () => {
  it('reads every documented field, times to epoch ms, a failure reason or none', () => {
    const page = parseLoginRecords(JSON.stringify({ total_count: 1, records: [RECORD, { ...RECORD, connection_failure_reason: '', connection_end_time: null }] }), 200);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.totalCount).toBe(1);
    expect(page.value.records[0]).toEqual({
      transactionId: 'tx-1',
      computerName: 'Finance-001',
      userName: 'alice',
      terminalName: 'PC-ALICE',
      terminalIp: '10.1.2.3',
      terminalType: 'Windows',
      clientVersion: '7.3.1',
      agentVersion: '2.4.1',
      desktopIp: '172.16.0.2',
      connectionStartTime: Date.UTC(2024, 4, 20, 8, 0, 0),
      connectionSetupTime: Date.UTC(2024, 4, 20, 8, 0, 5, 250),
      connectionEndTime: Date.UTC(2024, 4, 20, 9, 30),
      isReconnect: false,
      connectionFailureReason: 'Network timeout',
      networkRtt: 42.5,
      e2eRtt: 61,
    });
    expect(page.value.records[1]).toMatchObject({ connectionFailureReason: null, connectionEndTime: null });
  });

  it('keeps missing fields unknown', () => {
    const page = parseLoginRecords('{"records":[{}]}', 200);
    expect(page.ok && page.value.records[0]).toEqual({
      transactionId: null, computerName: null, userName: null, terminalName: null, terminalIp: null, terminalType: null, clientVersion: null,
      agentVersion: null, desktopIp: null, connectionStartTime: null, connectionSetupTime: null, connectionEndTime: null, isReconnect: null,
      connectionFailureReason: null, networkRtt: null, e2eRtt: null,
    });
  });

  it.each([
    [{ ...RECORD, network_rtt: -1 }, 'records[0].network_rtt'],
    [{ ...RECORD, e2e_rtt: '61' }, 'records[0].e2e_rtt'],
    [{ ...RECORD, is_reconnect: 'no' }, 'records[0].is_reconnect'],
    [{ ...RECORD, connection_end_time: 'yesterday' }, 'records[0].connection_end_time'],
    [{ ...RECORD, connection_start_time: '2024-02-31T08:00Z' }, 'records[0].connection_start_time'],
    [{ ...RECORD, terminal_ip: 167837955 }, 'records[0].terminal_ip'],
  ])('rejects a malformed record field: %#', (record, path) => {
    expect(parseLoginRecords(JSON.stringify({ total_count: 1, records: [record] }), 200)).toMatchObject({ ok: false, error: { kind: 'invalid-response', path } });
  });
});

describe('API times', () => {
  it.each([
    ['2016-08-20T21:11Z', Date.UTC(2016, 7, 20, 21, 11)],
    ['2016-08-20T21:11:05Z', Date.UTC(2016, 7, 20, 21, 11, 5)],
    ['2016-08-20 21:11:05', Date.UTC(2016, 7, 20, 21, 11, 5)],
    ['2016-08-20T21:11:05.123456Z', Date.UTC(2016, 7, 20, 21, 11, 5, 123)],
    ['2016-08-20T21:11:05+08:00', Date.UTC(2016, 7, 20, 13, 11, 5)],
    ['2016-08-20T21:11-0130', Date.UTC(2016, 7, 20, 22, 41)],
  ])('reads %s', (text, at) => expect(parseApiTime(text)).toBe(at));

  it.each(['2016-08-20', '20160820T2111Z', '2016-13-01T00:00Z', '2016-08-20T24:00Z', 'now'])('refuses %s', (text) => expect(parseApiTime(text)).toBeNull());

  it('writes query times as yyyy-MM-ddTHH:mmZ', () => {
    expect(formatApiQueryTime(Date.UTC(2016, 7, 20, 21, 11, 59, 999))).toBe('2016-08-20T21:11Z');
  });
});
