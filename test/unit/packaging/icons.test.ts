// The committed icons under build/ are what scripts/generate-icons.ts draws from its one source, and the ICO and
// ICNS containers are well formed: read back here by an independent reader of the two formats.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICNS_SIZES, ICO_SIZES, LINUX_SIZES, TRAY_ICO_SIZES, renderRgba } from '../../../scripts/generate-icons.js';
import { ICNS_TYPES } from '../../../scripts/icons/containers.js';
import { APP_ICON } from '../../../scripts/icons/design.js';
import { renderTrayIcon } from '../../../main/core/tray/badge.js';

const build = resolve(import.meta.dirname, '../../../build');
const read = (path: string): Buffer => readFileSync(resolve(build, path));

interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}
const decode = (bytes: Uint8Array): Decoded => PNG.sync.read(Buffer.from(bytes));

function readIco(bytes: Buffer): { size: number; image: Decoded }[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + 16 * index;
    const width = bytes.readUInt8(entry) || 256;
    const height = bytes.readUInt8(entry + 1) || 256;
    expect(height).toBe(width);
    expect(bytes.readUInt16LE(entry + 6)).toBe(32);
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    return { size: width, image: decode(bytes.subarray(offset, offset + length)) };
  });
}

function readIcns(bytes: Buffer): { type: string; image: Decoded }[] {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const elements: { type: string; image: Decoded }[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32BE(offset + 4);
    expect(length).toBeGreaterThan(8);
    elements.push({ type, image: decode(bytes.subarray(offset + 8, offset + length)) });
    offset += length;
  }
  return elements;
}

/** Opaque pixels where the tile is, none in the corners: an icon, not a blank or a full square. */
function expectTileShape(image: Decoded): void {
  const alphaAt = (x: number, y: number) => image.data[(y * image.width + x) * 4 + 3];
  const mid = Math.floor(image.width / 2);
  expect(alphaAt(mid, mid)).toBe(255);
  expect(alphaAt(0, 0)).toBe(0);
  expect(alphaAt(image.width - 1, image.height - 1)).toBe(0);
}

describe('generated icons', () => {
  it('has the Linux PNG set, 16 to 1024 px', () => {
    for (const size of LINUX_SIZES) {
      const image = decode(read(`icons/${size}x${size}.png`));
      expect([image.width, image.height]).toEqual([size, size]);
      expectTileShape(image);
    }
  });

  it('has a Windows .ico with every size from 16 to 256 px, as PNGs', () => {
    const entries = readIco(read('icon.ico'));
    expect(entries.map((entry) => entry.size)).toEqual([...ICO_SIZES]);
    for (const { size, image } of entries) expect([image.width, image.height]).toEqual([size, size]);
  });

  it('has a macOS .icns with the 1x and 2x images from 16 to 1024 px', () => {
    const elements = readIcns(read('icon.icns'));
    expect(elements.map((element) => element.type)).toEqual(ICNS_TYPES.map((entry) => entry.type));
    for (const [index, element] of elements.entries()) {
      const expected = ICNS_TYPES[index]?.size;
      expect([element.image.width, element.image.height]).toEqual([expected, expected]);
    }
    expect(new Set(elements.map((element) => element.image.width))).toEqual(new Set(ICNS_SIZES));
  });

  it('has tray images: a black-and-alpha template for macOS, colour ones and an .ico elsewhere', () => {
    for (const [name, size] of [['trayTemplate.png', 16], ['trayTemplate@2x.png', 32]] as const) {
      const image = decode(read(`tray/${name}`));
      expect(image.width).toBe(size);
      // A template image is black; only its alpha carries the shape (macOS tints it).
      let opaque = 0;
      for (let i = 0; i < image.data.length; i += 4) {
        if ((image.data[i + 3] ?? 0) === 0) continue;
        opaque++;
        expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([0, 0, 0]);
      }
      expect(opaque).toBeGreaterThan(size * size * 0.1);
    }
    expect(decode(read('tray/tray.png')).width).toBe(16);
    expect(decode(read('tray/tray@2x.png')).width).toBe(32);
    expect(readIco(read('tray/tray.ico')).map((entry) => entry.size)).toEqual([...TRAY_ICO_SIZES]);
  });

  it('matches what the generator draws from the source today (run `npm run icons` after changing the design)', () => {
    // Pixels, not bytes: PNG compression may differ between zlib versions, the picture may not.
    for (const size of [16, 48, 128]) {
      const committed = decode(read(`icons/${size}x${size}.png`));
      expect(Buffer.from(committed.data).equals(Buffer.from(renderRgba(APP_ICON, size))), `icons/${size}x${size}.png is out of date`).toBe(true);
    }
    const tray = [
      { path: 'tray/trayTemplate.png', scale: 1, template: true },
      { path: 'tray/trayTemplate@2x.png', scale: 2, template: true },
      { path: 'tray/tray.png', scale: 1, template: false },
      { path: 'tray/tray@2x.png', scale: 2, template: false },
    ];
    for (const { path, scale, template } of tray) {
      const committed = decode(read(path));
      const drawn = renderTrayIcon({ state: 'ok', count: null, size: 16, scale, template });
      expect(Buffer.from(committed.data).equals(Buffer.from(drawn.data)), `${path} is out of date`).toBe(true);
    }
  });
});
