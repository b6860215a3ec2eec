import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, CorruptDataError, unzigzag, zigzag } from '../../../../main/core/history/bytes.js';
import { crc32, portableCrc32 } from '../../../../main/core/history/crc32.js';
import { frameRecord, scanRecords } from '../../../../main/core/history/record.js';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  // zlib.crc32 exists from Node 20.15; the engines field allows 20.12.
  it.skipIf(typeof zlib.crc32 !== 'function')('matches zlib on arbitrary bytes, natively or not (short and long)', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1000, maxLength: 5000 })), (bytes) => {
      expect(portableCrc32(bytes)).toBe(zlib.crc32(bytes));
      expect(crc32(bytes)).toBe(zlib.crc32(bytes));
    }));
  });

  it('gives the portable value on a long slice too (where it may use zlib)', () => {
    const bytes = Uint8Array.from({ length: 6000 }, (_, i) => (i * 131 + (i >> 7)) & 0xff);
    expect(crc32(bytes, 3, 5999)).toBe(portableCrc32(bytes, 3, 5999));
    expect(crc32(bytes)).toBe(portableCrc32(bytes));
  });

  it.skipIf(typeof zlib.crc32 !== 'function')('matches zlib on any slice (eight bytes per step, then the rest)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = a % bytes.length;
        const end = start + (b % (bytes.length - start + 1));
        expect(portableCrc32(bytes, start, end)).toBe(zlib.crc32(bytes.subarray(start, end)));
      }),
    );
  });

  it('matches the standard check value over a slice', () => {
    expect(crc32(new TextEncoder().encode('xx123456789yyy'), 2, 11)).toBe(0xcbf43926);
  });
});

describe('varints', () => {
  it('round-trip every safe magnitude, zigzagged or not', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.maxSafeInteger().map((n) => Math.trunc(n / 4) || 0), fc.integer({ min: -(2 ** 50), max: 2 ** 50 }))), (numbers) => {
        const writer = new ByteWriter(1);
        for (const n of numbers) {
          writer.varint(zigzag(n));
          writer.varint(Math.abs(n));
        }
        const reader = new ByteReader(writer.view());
        for (const n of numbers) {
          expect(unzigzag(reader.varint())).toBe(n);
          expect(reader.varint()).toBe(Math.abs(n));
        }
        expect(reader.done).toBe(true);
      }),
    );
  });
});

describe('byte reader', () => {
  it('skips and copies within its end, and refuses to go past it', () => {
    const bytes = Uint8Array.from([9, 1, 2, 3, 4, 5, 6, 7]);
    const reader = new ByteReader(bytes, 1, 6);
    reader.skip(2);
    const target = new Uint8Array(4);
    reader.copyTo(target, 1, 3);
    expect([...target]).toEqual([0, 3, 4, 5]);
    expect(reader.done).toBe(true);
    expect(() => reader.skip(1)).toThrow(CorruptDataError);
    expect(() => new ByteReader(bytes, 1, 6).copyTo(target, 0, 6)).toThrow(CorruptDataError);
    expect(() => new ByteReader(bytes, 4, 6).skip(3)).toThrow(CorruptDataError);
  });
});

describe('record framing', () => {
  const bodies = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
  const file = Buffer.concat(bodies.map(frameRecord));

  it('finds every intact record', () => {
    const { records, validLength } = scanRecords(file);
    expect(records.map((record) => [...record.body])).toEqual(bodies.map((body) => [...body]));
    expect(validLength).toBe(file.length);
  });

  it('stops before a torn tail at every cut', () => {
    const lastStart = file.length - (10 + 300);
    for (let cut = lastStart; cut < file.length; cut++) {
      const { records, validLength } = scanRecords(file.subarray(0, cut));
      expect(records).toHaveLength(2);
      expect(validLength).toBe(lastStart);
    }
  });

  it('stops at a flipped bit or garbage', () => {
    const flipped = Buffer.from(file);
    flipped[file.length - 5]! ^= 0x10;
    expect(scanRecords(flipped).records).toHaveLength(2);
    const garbage = Buffer.concat([file, Buffer.from('WH\xff\xff\xff\xffgarbage')]);
    expect(scanRecords(garbage).validLength).toBe(file.length);
  });

  it('resynchronises on the next intact record after damaged bytes, and says where they were', () => {
    const more = Buffer.concat([file, frameRecord(new Uint8Array([9, 9])), frameRecord(new Uint8Array([8]))]);
    const secondStart = 10 + 3;
    for (let at = secondStart; at < secondStart + 10; at++) {
      const damaged = Buffer.from(more);
      damaged[at]! ^= 0xff;
      const { records, validLength, damaged: ranges } = scanRecords(damaged);
      expect(records.map((record) => record.body.length)).toEqual([3, 300, 2, 1]);
      expect(records.map((record) => record.afterDamage)).toEqual([false, true, false, false]);
      expect(ranges).toEqual([{ start: secondStart, end: secondStart + 10 }]);
      expect(validLength).toBe(more.length);
    }
  });
});
