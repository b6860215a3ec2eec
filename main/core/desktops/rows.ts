// One way to show a desktop row anywhere (CLI table, JSON, CSV, the app): durations, round-trip times, clients.
// The CSV says what it holds in its first line: user names and terminal IP addresses are personal data.
import type { LoginRecord } from '../api/desktops.js';
import type { ErrorPhrase } from '../error-phrases.js';
import type { FailureAnalysis } from './failure-analysis.js';

export interface DesktopRowView {
  readonly desktopId: string | null;
  readonly desktopName: string | null;
  readonly connectStatus: string | null;
  readonly users: readonly string[] | null;
  readonly since: number | null;
  readonly sinceSource: 'seen' | 'login-record' | null;
  readonly lastConnection: LoginRecord | null;
}

/** What a partial answer left out, for a person: English `text`, and its phrases when worded (a window says them). */
export interface ListNote {
  readonly text: string;
  readonly wording?: ErrorPhrase;
}

/**
 * One account's disconnected desktops (issue 14), fetched on demand and rate-limited per account in main: for one
 * group (`groupKey`) or the whole account (null). User names and terminal IPs are personal data: the renderer
 * shows them, nothing logs them. `desktops` are longest disconnected first; `since` is epoch ms or null.
 */
export interface DisconnectedList {
  readonly accountId: string;
  readonly groupKey: string | null;
  /** When the lists were fetched (a look within the rate limit answers the previous one again). */
  readonly at: number;
  /** False when the page budget cut the list short; `notes` says so in words. */
  readonly complete: boolean;
  readonly notes: readonly ListNote[];
  /** `groupKey` null: the desktop's name matched no group, or two equally (main/core/desktops/group-of.ts). */
  readonly desktops: readonly (DesktopRowView & { readonly groupKey: string | null })[];
  /**
   * Desktops of the account's list that no group could be matched to by name: the API names no group, so these
   * count towards some group's numbers but cannot be shown on its page. A group page says how many there are and
   * sends the reader to the fleet page, where they are listed as "not matched to a group".
   */
  readonly unmatched: number;
  /** The failed connections of the account's login records (the fleet view's "what they share"); null without records. */
  readonly failures: FailureAnalysis | null;
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h": how long, at a glance. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "38 / 61 ms" (network / end-to-end), or null when neither is known. */
export function formatRoundTrips(record: LoginRecord | null): string | null {
  if (record === null || (record.networkRtt === null && record.e2eRtt === null)) return null;
  const ms = (value: number | null) => (value === null ? '?' : String(Math.round(value)));
  return `${ms(record.networkRtt)} / ${ms(record.e2eRtt)} ms`;
}

/** "Windows 7.3.1", or null when neither is known. */
export function formatClient(record: LoginRecord | null): string | null {
  if (record === null) return null;
  const parts = [record.terminalType, record.clientVersion].filter((part): part is string => part !== null && part !== '');
  return parts.length === 0 ? null : parts.join(' ');
}

/** The first line of the CSV export: what it holds, for whoever opens or forwards the file. */
export const DISCONNECTED_CSV_NOTICE =
  '# Contains personal data: user names and terminal IP addresses of Workspace sessions. Share only with people entitled to see them; delete when no longer needed.';

const CSV_HEADER = [
  'desktop_name', 'desktop_id', 'connect_status', 'users', 'disconnected_since', 'since_source', 'last_connection_start', 'last_connection_end',
  'failure_reason', 'network_rtt_ms', 'e2e_rtt_ms', 'terminal_type', 'client_version', 'terminal_ip', 'is_reconnect',
] as const;

function cell(text: string): string {
  // A leading = + - @ would make a spreadsheet evaluate a desktop or user name as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const iso = (at: number | null): string => (at === null ? '' : new Date(at).toISOString());
const text = (value: string | number | boolean | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** RFC 4180 (CRLF), the notice line first, then a header; unknown values are empty cells, users joined with `; `. */
export function disconnectedToCsv(rows: readonly DesktopRowView[]): string {
  const lines = [DISCONNECTED_CSV_NOTICE, CSV_HEADER.join(',')];
  for (const row of rows) {
    const record = row.lastConnection;
    lines.push(
      [
        text(row.desktopName), text(row.desktopId), text(row.connectStatus), (row.users ?? []).join('; '), iso(row.since), text(row.sinceSource),
        iso(record?.connectionStartTime ?? null), iso(record?.connectionEndTime ?? null), text(record?.connectionFailureReason), text(record?.networkRtt),
        text(record?.e2eRtt), text(record?.terminalType), text(record?.clientVersion), text(record?.terminalIp), text(record?.isReconnect),
      ]
        .map(cell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
