import { describe, expect, it } from 'vitest';
import { Raster } from '../../../main/core/tray/raster.js';
import { decodePng, encodePng, renderTrayAsset } from '../../../main/node/png.js';

describe('encodePng', () => {
  it('round-trips RGBA exactly, transparency included', () => {
    const raster = new Raster(3, 2);
    raster.fillRect(0, 0, 1, 1, [255, 0, 0, 255]);
    raster.fillRect(1, 0, 1, 1, [0, 255, 0, 128]);
    raster.fillRect(2, 1, 1, 1, [1, 2, 3, 4]);
    const png = encodePng(raster);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(raster.data))).toBe(true);
  });

  it('refuses a buffer that does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(/has 16 bytes, not 15/);
  });

  it('encodes from a view into a larger buffer without reading past it', () => {
    const backing = new Uint8Array(4 * 4 + 8).fill(7);
    const view = backing.subarray(4, 4 + 16);
    const decoded = decodePng(encodePng({ width: 2, height: 2, data: view }));
    expect(Array.from(decoded.data)).toEqual(Array.from(view));
  });
});

describe('renderTrayAsset', () => {
  it('renders the plain glyph by default, and a state or count when asked', () => {
    const plain = decodePng(renderTrayAsset({ size: 22, scale: 1, template: false }));
    expect([plain.width, plain.height]).toEqual([22, 22]);
    const withState = renderTrayAsset({ size: 22, scale: 1, template: false, state: 'spike', count: 5 });
    expect(withState.equals(renderTrayAsset({ size: 22, scale: 1, template: false }))).toBe(false);
  });
});
