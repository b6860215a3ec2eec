// What a front end needs to export history (the CLI's `history`): the CSV cell rule and the time spans of the
// history layout, reached through main/app as the layering asks.
export { CSV_FLEET_LABEL, csvCell } from '../core/history/csv.js';
export { DAY_MS, HOUR_MS, MINUTE_MS, RETENTION_MS } from '../core/history/layout.js';
