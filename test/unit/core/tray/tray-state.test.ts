import { describe, expect, it } from 'vitest';
import { TRAY_ICON_STATES } from '../../../../main/core/tray/badge.js';
import { accountState, errorCategory, overallState, STATE_ORDER, worseState } from '../../../../main/core/tray/tray-state.js';
import { type ErrorKind, workspaceError } from '../../../../main/core/errors.js';
import { account, appState, counts, NOW } from './app-state-fixture.js';

const ALL_KINDS: readonly ErrorKind[] = ['usage', 'config', 'keychain', 'auth', 'permission', 'clock-skew', 'not-found', 'throttled', 'service', 'network', 'timeout', 'invalid-response', 'aborted'];

describe('errorCategory', () => {
  it('puts what only the admin can fix under auth, transport under network, the server under service', () => {
    const byCategory: Record<string, ErrorKind[]> = {};
    for (const kind of ALL_KINDS) (byCategory[errorCategory(kind)] ??= []).push(kind);
    expect(byCategory).toEqual({
      auth: ['usage', 'config', 'keychain', 'auth', 'permission', 'clock-skew', 'not-found'],
      service: ['throttled', 'service', 'invalid-response'],
      network: ['network', 'timeout', 'aborted'],
    });
  });
});

describe('STATE_ORDER', () => {
  it('orders every icon state once, worst first', () => {
    expect([...STATE_ORDER].sort()).toEqual([...TRAY_ICON_STATES].sort());
    expect(STATE_ORDER).toEqual(['spike', 'error-auth', 'error-service', 'error-network', 'stale', 'paused', 'demo', 'warning', 'ok']);
  });

  it('makes worseState commutative and picks the earlier one', () => {
    for (const a of STATE_ORDER) for (const b of STATE_ORDER) expect(worseState(a, b)).toBe(worseState(b, a));
    expect(worseState('ok', 'spike')).toBe('spike');
    expect(worseState('stale', 'error-network')).toBe('error-network');
  });
});

describe('accountState', () => {
  it('is ok with nothing disconnected and warning with some', () => {
    expect(accountState(account(), 'disconnected_num')).toBe('ok');
    expect(accountState(account({ totals: counts({ disconnected_num: 3 }) }), 'disconnected_num')).toBe('warning');
  });

  it('never warns for metrics that are normal when high', () => {
    expect(accountState(account({ totals: counts({ in_use_num: 300 }) }), 'in_use_num')).toBe('ok');
    expect(accountState(account({ totals: counts({ unregistered_num: 1 }) }), 'unregistered_num')).toBe('warning');
    expect(accountState(account({ totals: counts({ unknown_num: 1 }) }), 'unknown_num')).toBe('warning');
  });

  it('is ok before the first snapshot and when the metric is not reported', () => {
    expect(accountState(account({ totals: null, lastSuccessAt: null, freshness: 'refreshing' }), 'disconnected_num')).toBe('ok');
    expect(accountState(account({ totals: counts({ disconnected_num: null }) }), 'disconnected_num')).toBe('ok');
  });

  it('is a spike while a group or the fleet has an alert, even on stale data', () => {
    expect(accountState(account({ spikingGroupKeys: ['pool-a'] }), 'disconnected_num')).toBe('spike');
    expect(accountState(account({ fleetSpiking: true }), 'disconnected_num')).toBe('spike');
    expect(accountState(account({ fleetSpiking: true, freshness: 'stale' }), 'disconnected_num')).toBe('spike');
  });

  it('is stale when the service says so, with or without the error that made it stale', () => {
    expect(accountState(account({ freshness: 'stale' }), 'disconnected_num')).toBe('stale');
    expect(accountState(account({ freshness: 'stale', error: workspaceError('timeout', 'No answer in 10 s.') }), 'disconnected_num')).toBe('stale');
  });

  it('is the error by category when the account is in error or halted on one', () => {
    const error = (kind: ErrorKind) => workspaceError(kind, 'x');
    expect(accountState(account({ freshness: 'error', error: error('auth') }), 'disconnected_num')).toBe('error-auth');
    expect(accountState(account({ freshness: 'error', error: error('network') }), 'disconnected_num')).toBe('error-network');
    expect(accountState(account({ freshness: 'error', error: error('service') }), 'disconnected_num')).toBe('error-service');
    expect(accountState(account({ freshness: 'error', error: null }), 'disconnected_num')).toBe('error-service');
    // Halted on bad credentials while the last data is still shown: retrying cannot help, so it is the error.
    expect(accountState(account({ freshness: 'stale', halted: true, error: error('permission'), spikingGroupKeys: ['a'] }), 'disconnected_num')).toBe('error-auth');
  });

  it('takes refreshing and paused polling as the data they show', () => {
    expect(accountState(account({ freshness: 'refreshing', totals: counts({ disconnected_num: 2 }) }), 'disconnected_num')).toBe('warning');
    expect(accountState(account({ freshness: 'paused' }), 'disconnected_num')).toBe('ok');
  });
});

describe('overallState', () => {
  const spiking = account({ id: 'a', spikingGroupKeys: ['pool-a'] });
  const authFailed = account({ id: 'b', freshness: 'error', error: workspaceError('auth', 'Credentials rejected.') });
  const networkFailed = account({ id: 'c', freshness: 'error', error: workspaceError('network', 'ECONNREFUSED') });
  const stale = account({ id: 'd', freshness: 'stale' });
  const warning = account({ id: 'e', totals: counts({ disconnected_num: 5 }) });
  const calm = account({ id: 'f' });

  it('takes the worst account, whatever their order', () => {
    const all = [calm, warning, stale, networkFailed, authFailed, spiking];
    expect(overallState(appState(all), NOW)).toBe('spike');
    expect(overallState(appState([...all].reverse()), NOW)).toBe('spike');
    expect(overallState(appState([calm, networkFailed, authFailed]), NOW)).toBe('error-auth');
    expect(overallState(appState([networkFailed, stale]), NOW)).toBe('error-network');
    expect(overallState(appState([warning, stale]), NOW)).toBe('stale');
    expect(overallState(appState([calm, warning]), NOW)).toBe('warning');
    expect(overallState(appState([calm]), NOW)).toBe('ok');
    expect(overallState(appState([]), NOW)).toBe('ok');
  });

  it('shows paused notifications over calm and warning states, not over stale data, errors or alerts', () => {
    const paused = { notificationsPausedUntil: NOW + 60_000 };
    expect(overallState(appState([warning], paused), NOW)).toBe('paused');
    expect(overallState(appState([stale], paused), NOW)).toBe('stale');
    expect(overallState(appState([spiking], paused), NOW)).toBe('spike');
    // A pause that has ended is no pause.
    expect(overallState(appState([warning], { notificationsPausedUntil: NOW }), NOW)).toBe('warning');
  });

  it('labels demo mode when it is calm, and lets a demo storm show as a spike', () => {
    const demo = account({ id: 'demo', name: 'Demo', demo: true, totals: counts({ disconnected_num: 12 }) });
    expect(overallState(appState([demo], { demo: true }), NOW)).toBe('demo');
    expect(overallState(appState([{ ...demo, spikingGroupKeys: ['g'] }], { demo: true }), NOW)).toBe('spike');
    expect(overallState(appState([demo], { demo: true, notificationsPausedUntil: NOW + 1 }), NOW)).toBe('paused');
  });
});
