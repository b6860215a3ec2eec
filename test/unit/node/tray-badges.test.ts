// Every tray icon the app can show, written as PNG artifacts (test-artifacts/badges/) and checked after a round
// trip through the encoder: size, enough opaque pixels, a different image per state. The contact sheet puts them
// all on one page, 4× with nearest-neighbour, for a person to judge (scale 1 on a light taskbar, scale 2 on a dark one).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTrayIcon, TRAY_ICON_STATES, type TrayIconState } from '../../../main/core/tray/badge.js';
import { Raster, type RgbaImage } from '../../../main/core/tray/raster.js';
import { decodePng, encodePng, renderTrayAsset } from '../../../main/node/png.js';

const OUT = resolve(import.meta.dirname, '../../../test-artifacts/badges');
const SIZES = [16, 22, 24, 32] as const;
const SCALES = [1, 2] as const;
/** The counts shown, and `template` for the macOS template image (no badge). */
const VARIANTS = [0, 7, 42, 150, 'template'] as const;
type Variant = (typeof VARIANTS)[number];

const fileName = (state: TrayIconState, size: number, scale: number, variant: Variant) =>
  `${state}-${size}${scale === 1 ? '' : `@${scale}x`}-${variant === 'template' ? 'template' : variant === 150 ? '99plus' : `n${variant}`}.png`;

interface Written {
  readonly state: TrayIconState;
  readonly size: number;
  readonly scale: number;
  readonly variant: Variant;
  readonly decoded: RgbaImage;
}

const written: Written[] = [];

function opaqueShare(image: RgbaImage): number {
  let opaque = 0;
  for (let offset = 3; offset < image.data.length; offset += 4) if (image.data[offset]! > 0) opaque++;
  return opaque / (image.width * image.height);
}

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const state of TRAY_ICON_STATES) {
    for (const size of SIZES) {
      for (const scale of SCALES) {
        for (const variant of VARIANTS) {
          const template = variant === 'template';
          const png = encodePng(renderTrayIcon({ state, count: template ? null : variant, size, scale, template }));
          writeFileSync(join(OUT, fileName(state, size, scale, variant)), png);
          written.push({ state, size, scale, variant, decoded: decodePng(png) });
        }
      }
    }
  }
});

describe('tray badge artifacts', () => {
  it('writes one PNG per state, size, scale and count', () => {
    expect(written).toHaveLength(TRAY_ICON_STATES.length * SIZES.length * SCALES.length * VARIANTS.length);
  });

  it('has the pixel size of size × scale', () => {
    for (const { size, scale, decoded } of written) expect([decoded.width, decoded.height]).toEqual([size * scale, size * scale]);
  });

  it('is not empty: a quarter of the pixels or more are drawn (12 % for the badge-less templates)', () => {
    for (const entry of written) {
      const share = opaqueShare(entry.decoded);
      expect(share, fileName(entry.state, entry.size, entry.scale, entry.variant)).toBeGreaterThanOrEqual(entry.variant === 'template' ? 0.12 : 0.25);
      expect(share).toBeLessThan(0.95);
    }
  });

  it('differs per state at the same size, scale and count', () => {
    for (const size of SIZES) {
      for (const scale of SCALES) {
        for (const variant of VARIANTS) {
          const images = written.filter((entry) => entry.size === size && entry.scale === scale && entry.variant === variant);
          const distinct = new Set(images.map((entry) => Buffer.from(entry.decoded.data).toString('base64')));
          expect(distinct.size, `${size}@${scale}x ${variant}`).toBe(TRAY_ICON_STATES.length);
        }
      }
    }
  });

  it('differs per count at the same state and size, and decodes to exactly what was drawn', () => {
    const sample = written.filter((entry) => entry.state === 'spike' && entry.size === 16 && entry.scale === 1 && entry.variant !== 'template');
    expect(new Set(sample.map((entry) => Buffer.from(entry.decoded.data).toString('base64'))).size).toBe(4);
    const drawn = renderTrayIcon({ state: 'spike', count: 42, size: 16, scale: 1, template: false });
    expect(Buffer.from(sample.find((entry) => entry.variant === 42)!.decoded.data).equals(Buffer.from(drawn.data))).toBe(true);
  });

  it('gives packaging the template glyph as PNG bytes', () => {
    const asset = decodePng(renderTrayAsset({ size: 16, scale: 2, template: true }));
    expect([asset.width, asset.height]).toEqual([32, 32]);
    for (let offset = 0; offset < asset.data.length; offset += 4) {
      if (asset.data[offset + 3] !== 0) expect([asset.data[offset], asset.data[offset + 1], asset.data[offset + 2]]).toEqual([0, 0, 0]);
    }
    expect(renderTrayAsset({ size: 32, scale: 1, template: false }).subarray(1, 4).toString()).toBe('PNG');
  });

  it('puts them all on a contact sheet, 4× with nearest-neighbour', () => {
    const zoom = 4;
    const pad = 8;
    const columns = SIZES.flatMap((size) => SCALES.map((scale) => ({ size, scale })));
    const columnWidth = (size: number, scale: number) => size * scale * zoom + 2 * pad;
    const width = columns.reduce((sum, { size, scale }) => sum + columnWidth(size, scale), 0);
    const rowHeight = Math.max(...SIZES) * Math.max(...SCALES) * zoom + 2 * pad;
    const rows = TRAY_ICON_STATES.flatMap((state) => VARIANTS.map((variant) => ({ state, variant })));
    const sheet = new Raster(width, rows.length * rowHeight);
    rows.forEach(({ state, variant }, row) => {
      let left = 0;
      for (const { size, scale } of columns) {
        const cellWidth = columnWidth(size, scale);
        // Scale 1 on a light taskbar, scale 2 on a dark one: each icon is seen on both kinds.
        sheet.fillRect(left, row * rowHeight, cellWidth, rowHeight, scale === 1 ? [236, 239, 241, 255] : [32, 33, 36, 255]);
        const image = written.find((entry) => entry.state === state && entry.variant === variant && entry.size === size && entry.scale === scale)!.decoded;
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            const offset = (y * image.width + x) * 4;
            if (image.data[offset + 3] === 0) continue;
            sheet.fillRect(left + pad + x * zoom, row * rowHeight + pad + y * zoom, zoom, zoom, [image.data[offset]!, image.data[offset + 1]!, image.data[offset + 2]!, 255]);
          }
        }
        left += cellWidth;
      }
    });
    const png = encodePng(sheet);
    writeFileSync(join(OUT, 'contact-sheet.png'), png);
    // The header says the size (decoding 15 megapixels again would only slow the suite).
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, rows.length * rowHeight]);
  });
});
