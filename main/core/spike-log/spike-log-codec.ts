// The spike log's file format: one line per spike or recovery, appended as it happens, so a crash costs at most
// the line being written. Pure: bytes in, records out; the I/O is main/node/file-spike-log.ts.
//
//   <crc32 of the JSON, 8 lower-case hex digits> <space> <JSON object> <LF>
//   3f1c2a9b {"v":1,"at":1764581100000,"kind":"spike","severity":"critical","fleet":false,"groupKeys":["a"],"title":"…"}
//
// A line is a record only when it ends with LF, its checksum matches and its JSON has the expected shape. What
// follows the last LF is a write in flight (a reader racing the writer) or torn by a crash: it is not damage,
// and the writer cuts it off when it opens the file. A complete line that fails the checks is damage: it is
// skipped, reported with its byte range, and every other line still reads.
import { crc32 } from '../history/crc32.js';
import type { SpikeLogRecord } from '../ports.js';

export type { SpikeLogRecord } from '../ports.js';

export const SPIKE_LOG_FORMAT_VERSION = 1;

const LF = 0x0a;
const CHECKSUM_DIGITS = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** One record as its line, LF included. */
export function encodeSpikeLine(record: SpikeLogRecord): string {
  const json = JSON.stringify({
    v: SPIKE_LOG_FORMAT_VERSION,
    at: record.at,
    kind: record.kind,
    severity: record.severity,
    fleet: record.fleet,
    groupKeys: record.groupKeys,
    title: record.title,
  });
  return `${checksumOf(encoder.encode(json))} ${json}\n`;
}

/** Bytes [start, end) of the file that could not be read as a record. */
export interface DamagedRange {
  readonly start: number;
  readonly end: number;
}

export interface DecodedSpikeLog {
  /** The intact records, in file order (the order they were appended). */
  readonly records: SpikeLogRecord[];
  /** Complete lines that failed the checks, in file order. */
  readonly damaged: DamagedRange[];
  /** Bytes up to and including the last LF: what the writer keeps when it opens the file. */
  readonly completeLength: number;
}

export function decodeSpikeLog(bytes: Uint8Array): DecodedSpikeLog {
  const records: SpikeLogRecord[] = [];
  const damaged: DamagedRange[] = [];
  let start = 0;
  for (let end = bytes.indexOf(LF, start); end !== -1; start = end + 1, end = bytes.indexOf(LF, start)) {
    // An empty line carries nothing and loses nothing (a repaired file never has one): not worth a warning.
    if (end === start) continue;
    const record = decodeLine(bytes.subarray(start, end));
    if (record === null) {
      const last = damaged.at(-1);
      // Consecutive bad lines are one damaged range: one bad sector, one report.
      if (last !== undefined && last.end === start) damaged[damaged.length - 1] = { start: last.start, end: end + 1 };
      else damaged.push({ start, end: end + 1 });
    } else {
      records.push(record);
    }
  }
  return { records, damaged, completeLength: start };
}

/** The lines of `records`, as one file's content. */
export function encodeSpikeLog(records: readonly SpikeLogRecord[]): string {
  return records.map(encodeSpikeLine).join('');
}

function decodeLine(line: Uint8Array): SpikeLogRecord | null {
  if (line.length <= CHECKSUM_DIGITS + 1 || line[CHECKSUM_DIGITS] !== 0x20) return null;
  const json = line.subarray(CHECKSUM_DIGITS + 1);
  let checksum: string;
  let text: string;
  try {
    checksum = decoder.decode(line.subarray(0, CHECKSUM_DIGITS));
    if (checksum !== checksumOf(json)) return null;
    text = decoder.decode(json);
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return recordOf(value);
}

/** Validates the shape where the data enters: a line with a good checksum may still come from a newer version. */
function recordOf(value: unknown): SpikeLogRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v['v'] !== SPIKE_LOG_FORMAT_VERSION) return null;
  const { at, kind, severity, fleet, groupKeys, title } = v;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return null;
  if (kind !== 'spike' && kind !== 'recovery') return null;
  if (severity !== 'warning' && severity !== 'critical') return null;
  if (typeof fleet !== 'boolean' || typeof title !== 'string') return null;
  if (!Array.isArray(groupKeys) || !groupKeys.every((key): key is string => typeof key === 'string')) return null;
  return { at, kind, severity, groupKeys, fleet, title };
}

function checksumOf(bytes: Uint8Array): string {
  return crc32(bytes).toString(16).padStart(CHECKSUM_DIGITS, '0');
}

/** UTF-8 length of a line, for the byte budget. */
export function lineBytes(line: string): number {
  return encoder.encode(line).length;
}
