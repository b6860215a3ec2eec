// CSV export of one series, RFC 4180 (CRLF, quoted when needed). Downsampled points carry the MAXIMUM of their
// bucket, so the bucket width is a column: a reader must know a row is a ten-minute peak, not a sample.
import { COUNT_FIELDS } from '../api/fields.js';
import { FLEET_SERIES, type HistoryPoint } from '../ports.js';

export const CSV_FLEET_LABEL = '(fleet)';

/** One CSV cell: quoted when needed, and never read by a spreadsheet as a formula. */
export function csvCell(text: string): string {
  // A leading = + - @ would make a spreadsheet evaluate a group name as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Header: timestamp (ISO 8601 UTC), group, bucket_seconds, then the 13 API count names; null is an empty cell. */
export function historyToCsv(points: readonly HistoryPoint[], series: string): string {
  const group = csvCell(series === FLEET_SERIES ? CSV_FLEET_LABEL : series);
  const lines = [['timestamp', 'group', 'bucket_seconds', ...COUNT_FIELDS].join(',')];
  for (const point of points) {
    const counts = COUNT_FIELDS.map((field) => {
      const value = point.counts[field];
      return value === null ? '' : String(value);
    });
    lines.push([new Date(point.at).toISOString(), group, String(point.bucketMs / 1000), ...counts].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
