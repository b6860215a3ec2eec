// Record framing of a segment file: MAGIC(2) | body length (u32 LE) | CRC-32 of body (u32 LE) | body.
// A torn or garbled tail fails the magic, length or CRC check, so a scan knows exactly where good data ends;
// damaged bytes in the middle are skipped up to the next intact record (see scanRecords).
import { crc32 } from './crc32.js';

export const RECORD_MAGIC_0 = 0x57; // 'W'
export const RECORD_MAGIC_1 = 0x48; // 'H'
export const RECORD_HEADER_BYTES = 10;
/** No legitimate record comes near this (5,000 groups at worst ≈ 350 KB); a bigger length is garbage. */
export const MAX_RECORD_BODY_BYTES = 64 * 1024 * 1024;

export function frameRecord(body: Uint8Array): Uint8Array {
  const framed = new Uint8Array(RECORD_HEADER_BYTES + body.length);
  framed[0] = RECORD_MAGIC_0;
  framed[1] = RECORD_MAGIC_1;
  const view = new DataView(framed.buffer);
  view.setUint32(2, body.length, true);
  view.setUint32(6, crc32(body), true);
  framed.set(body, RECORD_HEADER_BYTES);
  return framed;
}

export interface FramedRecord {
  /** Offset of the record's first byte (its magic) in the file. */
  readonly start: number;
  readonly body: Uint8Array;
  /** Damaged bytes come right before this record: it was found by resynchronising on the next valid frame. */
  readonly afterDamage: boolean;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface ScannedRecords {
  readonly records: FramedRecord[];
  /** Where the last intact record ends: everything after it is a torn write or garbage. */
  readonly validLength: number;
  /** Damaged byte ranges BETWEEN intact records (the tail after validLength is not listed). */
  readonly damaged: readonly ByteRange[];
}

/** The intact record starting at `offset`: its body's end, or -1 when the bytes there are not one. */
function recordEndAt(bytes: Uint8Array, view: DataView, offset: number): number {
  if (offset + RECORD_HEADER_BYTES > bytes.length) return -1;
  if (bytes[offset] !== RECORD_MAGIC_0 || bytes[offset + 1] !== RECORD_MAGIC_1) return -1;
  const length = view.getUint32(offset + 2, true);
  const bodyStart = offset + RECORD_HEADER_BYTES;
  if (length > MAX_RECORD_BODY_BYTES || bodyStart + length > bytes.length) return -1;
  if (crc32(bytes, bodyStart, bodyStart + length) !== view.getUint32(offset + 6, true)) return -1;
  return bodyStart + length;
}

/**
 * Splits a file into its intact records. At a damaged one it resynchronises: it looks for the next offset where
 * a whole record frame (magic, plausible length, matching CRC-32) starts, and goes on from there, so a few
 * damaged bytes cost the records they hit, not the rest of the file. A CRC match at a wrong offset has odds of
 * 2^-32 per candidate, which is what makes the search safe.
 */
export function scanRecords(bytes: Uint8Array): ScannedRecords {
  const records: FramedRecord[] = [];
  const damaged: ByteRange[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let validLength = 0;
  let afterDamage = false;
  while (offset + RECORD_HEADER_BYTES <= bytes.length) {
    const end = recordEndAt(bytes, view, offset);
    if (end >= 0) {
      if (afterDamage) damaged.push({ start: validLength, end: offset });
      records.push({ start: offset, body: bytes.subarray(offset + RECORD_HEADER_BYTES, end), afterDamage });
      afterDamage = false;
      offset = end;
      validLength = end;
      continue;
    }
    afterDamage = true;
    const next = bytes.indexOf(RECORD_MAGIC_0, offset + 1);
    if (next < 0) break;
    offset = next;
  }
  return { records, validLength, damaged };
}

/** The body of the intact record starting at `offset`, or undefined when the bytes there are not one. */
export function recordBodyAt(bytes: Uint8Array, offset: number): Uint8Array | undefined {
  const end = recordEndAt(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset);
  return end < 0 ? undefined : bytes.subarray(offset + RECORD_HEADER_BYTES, end);
}
