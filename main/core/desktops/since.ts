// "Disconnected since when": the first time each desktop was seen disconnected, remembered per account and
// persisted beside its history so a restart does not reset it. Pure: the caller passes the time and does the I/O.
// Only desktop ids are kept (no names, no users): the file holds no personal data.
import type { LoginRecord } from '../api/desktops.js';

/** How a `since` was learned: seen disconnected by us, or the end of the desktop's last login record. */
export type SinceSource = 'seen' | 'login-record';

export interface FirstSeen {
  readonly at: number;
  readonly source: SinceSource;
}

export type FirstSeenMap = ReadonlyMap<string, FirstSeen>;

/** Bounds the file (about 80 bytes an entry): beyond it, the most recently seen are not remembered. */
export const MAX_REMEMBERED_DESKTOPS = 20_000;

export interface Sighting {
  readonly desktopId: string;
  /** The end of the desktop's last login record, when one is known and it has ended. */
  readonly lastRecordEnd: number | null;
}

/**
 * The map after one look at the disconnected desktops. New desktops are remembered from now, or from their last
 * record's end when that is earlier (they were disconnected before anyone looked). A desktop missing from a
 * `complete` list has reconnected and is forgotten, so its next disconnection starts afresh; an incomplete list
 * (cut short by the page budget, or filtered by user) forgets nothing.
 */
export function updateFirstSeen(previous: FirstSeenMap, sightings: readonly Sighting[], at: number, complete: boolean): Map<string, FirstSeen> {
  const next = new Map<string, FirstSeen>();
  const seen = new Set(sightings.map((sighting) => sighting.desktopId));
  for (const [id, entry] of previous) if (!complete || seen.has(id)) next.set(id, entry);
  const added: [string, FirstSeen][] = [];
  for (const { desktopId, lastRecordEnd } of sightings) {
    if (next.has(desktopId)) continue;
    added.push([desktopId, lastRecordEnd !== null && lastRecordEnd < at ? { at: lastRecordEnd, source: 'login-record' } : { at, source: 'seen' }]);
  }
  added.sort((a, b) => a[1].at - b[1].at);
  for (const [id, entry] of added) {
    if (next.size >= MAX_REMEMBERED_DESKTOPS) break;
    next.set(id, entry);
  }
  return next;
}

/**
 * Since when a desktop is disconnected: when it was first seen so, unless its last login record ended earlier
 * (it was already disconnected then); with nothing remembered, the record's end; null when neither is known.
 */
export function disconnectedSince(remembered: FirstSeen | undefined, lastRecordEnd: number | null): FirstSeen | null {
  if (remembered !== undefined && (lastRecordEnd === null || remembered.at <= lastRecordEnd)) return remembered;
  if (lastRecordEnd !== null) return { at: lastRecordEnd, source: 'login-record' };
  return remembered ?? null;
}

/** The latest record of each computer (by start time; an open session beats an ended one that started together). */
export function latestRecordByComputer(records: readonly LoginRecord[]): Map<string, LoginRecord> {
  const latest = new Map<string, LoginRecord>();
  for (const record of records) {
    if (record.computerName === null) continue;
    const current = latest.get(record.computerName);
    if (current === undefined || startOf(record) > startOf(current) || (startOf(record) === startOf(current) && record.connectionEndTime === null)) {
      latest.set(record.computerName, record);
    }
  }
  return latest;
}

const startOf = (record: LoginRecord): number => record.connectionStartTime ?? record.connectionSetupTime ?? record.connectionEndTime ?? Number.NEGATIVE_INFINITY;

const FILE_VERSION = 1;

/** `{"version":1,"desktops":{"<id>":{"at":"<ISO>","source":"seen"}}}`: small, readable, diffable. */
export function serializeFirstSeen(map: FirstSeenMap): string {
  const desktops: Record<string, { at: string; source: SinceSource }> = {};
  for (const [id, entry] of map) desktops[id] = { at: new Date(entry.at).toISOString(), source: entry.source };
  return `${JSON.stringify({ version: FILE_VERSION, desktops })}\n`;
}

/**
 * The remembered map, or null when the text is not a file this version wrote (then the caller starts afresh and
 * says so: a lost `since` falls back to the login records, nothing worse). Bad entries are skipped one by one.
 */
export function parseFirstSeen(text: string): Map<string, FirstSeen> | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { version, desktops } = body as Record<string, unknown>;
  if (version !== FILE_VERSION || typeof desktops !== 'object' || desktops === null || Array.isArray(desktops)) return null;
  const map = new Map<string, FirstSeen>();
  for (const [id, entry] of Object.entries(desktops)) {
    if (map.size >= MAX_REMEMBERED_DESKTOPS) break;
    if (typeof entry !== 'object' || entry === null) continue;
    const { at, source } = entry as Record<string, unknown>;
    const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    if (!Number.isFinite(time) || (source !== 'seen' && source !== 'login-record')) continue;
    map.set(id, { at: time, source });
  }
  return map;
}
