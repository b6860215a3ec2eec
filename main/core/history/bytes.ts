// Growable byte buffer and cursor with LEB128 varints. Arithmetic (not bitwise) above 2^31 so that fleet totals
// and epoch milliseconds, which exceed 32 bits, encode exactly.

/** Largest magnitude a stored count may have: its zigzag delta still fits a safe integer. */
export const MAX_ABS_COUNT = 2 ** 50;

export const zigzag = (n: number): number => (n >= 0 ? 2 * n : -2 * n - 1);
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

export class ByteWriter {
  private buffer: Uint8Array;
  private size = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  /** Empties the buffer, keeping its capacity for the next record. */
  reset(): void {
    this.size = 0;
  }

  private reserve(extra: number): void {
    if (this.size + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.size + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.size++] = value;
  }

  uint32le(value: number): void {
    this.reserve(4);
    const b = this.buffer;
    b[this.size++] = value & 0xff;
    b[this.size++] = (value >>> 8) & 0xff;
    b[this.size++] = (value >>> 16) & 0xff;
    b[this.size++] = (value >>> 24) & 0xff;
  }

  /** Unsigned varint of a non-negative safe integer. */
  varint(value: number): void {
    this.reserve(8);
    const b = this.buffer;
    let v = value;
    if (v < 0x80000000) {
      while (v >= 0x80) {
        b[this.size++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
    } else {
      while (v >= 0x80) {
        b[this.size++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
    }
    b[this.size++] = v;
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.size);
    this.size += value.length;
  }

  /** `source[start, end)`, copied byte by byte: for the short ranges (a few bytes) where a subarray costs more. */
  range(source: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    const b = this.buffer;
    let size = this.size;
    for (let i = start; i < end; i++) b[size++] = source[i]!;
    this.size = size;
  }

  /** Overwrites 4 bytes already written, for length/CRC fields known only at the end. */
  patchUint32le(offset: number, value: number): void {
    const b = this.buffer;
    b[offset] = value & 0xff;
    b[offset + 1] = (value >>> 8) & 0xff;
    b[offset + 2] = (value >>> 16) & 0xff;
    b[offset + 3] = (value >>> 24) & 0xff;
  }

  view(): Uint8Array {
    return this.buffer.subarray(0, this.size);
  }

  /** A copy that stays valid after further writes. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.size);
  }
}

export class CorruptDataError extends Error {}

export class ByteReader {
  private offset: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.offset = start;
  }

  get done(): boolean {
    return this.offset >= this.end;
  }

  get position(): number {
    return this.offset;
  }

  /** Goes on reading at `offset` (within the same bytes): one reader for many entries of a buffer. */
  moveTo(offset: number): void {
    this.offset = offset;
  }

  byte(): number {
    if (this.offset >= this.end) throw new CorruptDataError('record ends early');
    return this.bytes[this.offset++]!;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
    throw new CorruptDataError('varint too long');
  }

  /** The next varint, without moving past it. */
  peekVarint(): number {
    const at = this.offset;
    const value = this.varint();
    this.offset = at;
    return value;
  }

  /** Moves past `length` bytes without a view of them (a view is an allocation: hundreds per cold query). */
  skip(length: number): void {
    if (length > this.end - this.offset) throw new CorruptDataError('record ends early');
    this.offset += length;
  }

  /** Copies the next `length` bytes into `target` at `at`, byte by byte: for short runs such as a name's. */
  copyTo(target: Uint8Array, at: number, length: number): void {
    if (length > this.end - this.offset) throw new CorruptDataError('record ends early');
    const bytes = this.bytes;
    for (let i = 0, from = this.offset; i < length; i++) target[at + i] = bytes[from + i]!;
    this.offset += length;
  }

  take(length: number): Uint8Array {
    if (length > this.end - this.offset) throw new CorruptDataError('record ends early');
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
}
