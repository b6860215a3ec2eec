// CRC-32 (IEEE, the zlib/PNG polynomial). Every query that decodes a file, and every persisted index it reads,
// checks all of it, so speed matters: zlib's native crc32 is several times faster on the index heads and
// segments (tens of kilobytes), but only exists from Node 20.15 (the engines field allows 20.12) and costs more
// than it saves on a short record; the portable one, slicing-by-8 (eight bytes per step through eight tables,
// about three times the byte-at-a-time table), covers both.
import * as zlib from 'node:zlib';

/** Native from this many bytes on: below it the call and the view cost more than the table does. */
const NATIVE_FROM_BYTES = 1024;
const native: ((data: Uint8Array) => number) | undefined = typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;
const TABLES = (() => {
  const tables = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c >>> 0;
  }
  // Table t advances a byte followed by t zero bytes.
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) {
      const previous = tables[(t - 1) * 256 + n]!;
      tables[t * 256 + n] = (tables[previous & 0xff]! ^ (previous >>> 8)) >>> 0;
    }
  }
  return tables;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (native !== undefined && end - start >= NATIVE_FROM_BYTES) return native(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  return portableCrc32(bytes, start, end);
}

/** The same CRC in plain JavaScript, whatever the Node version (exported for the tests that hold both to zlib's). */
export function portableCrc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = TABLES;
  let crc = 0xffffffff;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const low = (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
    crc =
      t[7 * 256 + (low & 0xff)]! ^
      t[6 * 256 + ((low >>> 8) & 0xff)]! ^
      t[5 * 256 + ((low >>> 16) & 0xff)]! ^
      t[4 * 256 + (low >>> 24)]! ^
      t[3 * 256 + bytes[i + 4]!]! ^
      t[2 * 256 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
