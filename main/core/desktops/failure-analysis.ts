// What failed connections have in common, for the fleet view: the top failure reasons, and the client versions
// and terminal networks (/24 for IPv4, /48 for IPv6) that the failures share. Many failures from one office
// network point at that network, not at the cloud; many from one client version point at the client. Each share
// is set against that value's share of all sessions, so a network that simply carries most sessions does not
// look guilty. Pure; the prefixes are personal data only at /32, which is never shown.
import type { LoginRecord } from '../api/desktops.js';

export interface Shared {
  /** The reason, version or network prefix; `(unknown)` when the record did not say. */
  readonly value: string;
  /** Failures with this value. */
  readonly failures: number;
  /** `failures` over all failures (0..1). */
  readonly shareOfFailures: number;
  /** This value's share of every record, failed or not (0..1): what "normal" looks like. */
  readonly shareOfSessions: number;
}

export interface FailureAnalysis {
  readonly records: number;
  readonly failures: number;
  readonly reasons: readonly Shared[];
  readonly clientVersions: readonly Shared[];
  readonly networks: readonly Shared[];
}

export const UNKNOWN_VALUE = '(unknown)';
const DEFAULT_TOP = 5;

/** A failed connection: one the API gave a failure reason. */
export function isFailure(record: LoginRecord): boolean {
  return record.connectionFailureReason !== null && record.connectionFailureReason.trim() !== '';
}

export function analyseFailures(records: readonly LoginRecord[], top = DEFAULT_TOP): FailureAnalysis {
  const failed = records.filter(isFailure);
  const tally = (key: (record: LoginRecord) => string | null): readonly Shared[] => {
    const all = countBy(records, key);
    return [...countBy(failed, key)]
      .map(([value, failures]) => ({
        value,
        failures,
        shareOfFailures: failures / failed.length,
        shareOfSessions: (all.get(value) ?? 0) / records.length,
      }))
      .sort((a, b) => b.failures - a.failures || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, top);
  };
  return {
    records: records.length,
    failures: failed.length,
    reasons: tally((record) => record.connectionFailureReason),
    clientVersions: tally((record) => record.clientVersion),
    networks: tally((record) => (record.terminalIp === null ? null : networkPrefix(record.terminalIp))),
  };
}

function countBy(records: readonly LoginRecord[], key: (record: LoginRecord) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const value = key(record)?.trim() || UNKNOWN_VALUE;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** `10.1.2.0/24` for IPv4 (IPv4-mapped IPv6 included), `2001:db8:1::/48` for IPv6; null when not an address. */
export function networkPrefix(address: string): string | null {
  const text = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(mapped?.[1] ?? text);
  if (v4 !== null) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((octet) => octet > 255)) return null;
    return `${octets.slice(0, 3).join('.')}.0/24`;
  }
  const groups = expandIpv6(text);
  if (groups === null) return null;
  const head = groups.slice(0, 3).map((group) => group.toString(16));
  // Trailing zero groups of the prefix fold into `::`, as addresses are written.
  while (head.length > 0 && head[head.length - 1] === '0') head.pop();
  return `${head.join(':')}::/48`;
}

function expandIpv6(text: string): number[] | null {
  if (!/^[0-9a-f:]+$/i.test(text) || text.split('::').length > 2) return null;
  const [left = '', right] = text.split('::');
  const part = (side: string) => (side === '' ? [] : side.split(':'));
  const leftGroups = part(left);
  const rightGroups = right === undefined ? [] : part(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  if ((right === undefined && missing !== 0) || missing < 0 || (right !== undefined && missing < 1)) return null;
  const groups = [...leftGroups, ...Array<string>(right === undefined ? 0 : missing).fill('0'), ...rightGroups];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.map((group) => Number.parseInt(group, 16));
}

/** A client version or network that failures share far more than sessions do: where to look first. */
export interface Concentration {
  readonly dimension: 'network' | 'clientVersion';
  readonly value: string;
  readonly failures: number;
  readonly shareOfFailures: number;
  readonly shareOfSessions: number;
}

/** What makes a share a finding: enough failures, a real part of them, and well above that value's usual share. */
export const CONCENTRATION_RULE = { minFailures: 3, minShareOfFailures: 0.25, overSessionShare: 2 } as const;

/**
 * The networks and client versions the failures concentrate on, most telling first. A value that carries most
 * sessions anyway (its share of failures is not at least twice its share of sessions) is not one: a big office
 * failing in proportion to its size says nothing. Unknown values are never findings.
 */
export function concentrations(analysis: FailureAnalysis, rule: typeof CONCENTRATION_RULE = CONCENTRATION_RULE): Concentration[] {
  const pick = (dimension: Concentration['dimension'], shares: readonly Shared[]): Concentration[] =>
    shares
      .filter(
        (share) =>
          share.value !== UNKNOWN_VALUE &&
          share.failures >= rule.minFailures &&
          share.shareOfFailures >= rule.minShareOfFailures &&
          share.shareOfFailures >= rule.overSessionShare * share.shareOfSessions,
      )
      .map((share) => ({ dimension, ...share }));
  return [...pick('network', analysis.networks), ...pick('clientVersion', analysis.clientVersions)].sort(
    (a, b) => b.shareOfFailures / Math.max(b.shareOfSessions, 1e-9) - a.shareOfFailures / Math.max(a.shareOfSessions, 1e-9) || b.failures - a.failures,
  );
}
