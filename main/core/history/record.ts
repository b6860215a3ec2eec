// Record framing of a segment file: MAGIC(2) | body length (u32 LE) | CRC-32 of body (u32 LE) | body.
// A torn or garbled tail fails the magic, length or CRC check, so a scan knows exactly where good data ends.
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
}

/**
 * Splits a file into its intact records, stopping at the first damaged one. `validLength` is where the
 * intact prefix ends: everything after it is a torn write or garbage and is discarded.
 */
export function scanRecords(bytes: Uint8Array): { readonly records: FramedRecord[]; readonly validLength: number } {
  const records: FramedRecord[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset + RECORD_HEADER_BYTES <= bytes.length) {
    if (bytes[offset] !== RECORD_MAGIC_0 || bytes[offset + 1] !== RECORD_MAGIC_1) break;
    const length = view.getUint32(offset + 2, true);
    const bodyStart = offset + RECORD_HEADER_BYTES;
    if (length > MAX_RECORD_BODY_BYTES || bodyStart + length > bytes.length) break;
    if (crc32(bytes, bodyStart, bodyStart + length) !== view.getUint32(offset + 6, true)) break;
    records.push({ start: offset, body: bytes.subarray(bodyStart, bodyStart + length) });
    offset = bodyStart + length;
  }
  return { records, validLength: offset };
}
