// AppState and AccountView as the service sends them, with only what a test cares about spelled out.
import type { AccountView, AppState } from '../../../../preload/contract.js';
import { COUNT_FIELDS, type Counts } from '../../../../main/core/api/fields.js';

export const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

export function counts(values: Partial<Record<keyof Counts, number | null>> = {}): Counts {
  return Object.fromEntries(COUNT_FIELDS.map((field) => [field, values[field] ?? 0])) as Counts;
}

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'acc-prod',
    name: 'prod',
    demo: false,
    region: 'cn-north-4',
    projectId: '0123456789abcdef0123456789abcdef',
    freshness: 'fresh',
    error: null,
    halted: false,
    lastSuccessAt: NOW - 20_000,
    nextPollAt: NOW + 40_000,
    totals: counts({ disconnected_num: 0, in_use_num: 40 }),
    groupCount: 3,
    spikingGroupKeys: [],
    fleetSpiking: false,
    ...overrides,
  };
}

/** The fleet totals are the accounts' sum, as the service computes them. */
export function appState(accounts: readonly AccountView[], overrides: Partial<AppState> = {}): AppState {
  const withTotals = accounts.filter((a) => a.totals !== null);
  const totals =
    withTotals.length === 0
      ? null
      : (Object.fromEntries(COUNT_FIELDS.map((field) => [field, withTotals.reduce((sum, a) => sum + (a.totals?.[field] ?? 0), 0)])) as Counts);
  return {
    demo: false,
    accounts,
    badgeMetric: 'disconnected_num',
    notificationsPausedUntil: null,
    totals,
    theme: 'light',
    language: 'en',
    platform: 'win32',
    appVersion: '0.1.0',
    ...overrides,
  };
}
