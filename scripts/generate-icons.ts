// `npm run icons`: every icon the installers and the tray need, generated into build/ (electron-builder's
// buildResources). The app icon comes from one vector source (scripts/icons/design.ts); the tray images from the
// tray's own rasterizer (main/core/tray/badge.ts through renderTrayAsset), so the packaged glyph is the one the
// running app draws. The outputs are committed, so packaging needs no extra step; test/unit/packaging/icons.test.ts
// fails when they drift from their sources.
//
//   build/icons/NxN.png        Linux (the desktop entry's hicolor set), 16..1024
//   build/icon.ico             Windows (installer, shortcuts, window), 16..256
//   build/icon.icns            macOS (app bundle, dmg), 16..1024 with @2x variants
//   build/tray/trayTemplate.png, trayTemplate@2x.png   macOS menu bar (template: black + alpha, tinted by macOS)
//   build/tray/tray.png, tray@2x.png, tray.ico         Linux panel / Windows notification area
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { encodeIcns, encodeIco } from './icons/containers.js';
import { renderTrayAsset } from '../main/node/png.js';
import { APP_ICON } from './icons/design.js';
import { rasterize, type Layer } from './icons/vector.js';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256] as const;
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024] as const;
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 40, 48] as const;

/** Fewer subsamples where pixels are small relative to the shapes: the same smoothness at a fraction of the cost. */
function samplesFor(size: number): number {
  if (size <= 64) return 6;
  if (size <= 256) return 4;
  return 2;
}

export function renderRgba(layers: readonly Layer[], size: number): Uint8Array {
  return rasterize(layers, size, samplesFor(size));
}

export function encodePng(rgba: Uint8Array, size: number): Uint8Array {
  const png = new PNG({ width: size, height: size });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: 6 });
}

/** Every generated file, by path relative to the output folder (build/). */
export function generateIcons(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const appPngs = new Map<number, Uint8Array>();
  const appPng = (size: number): Uint8Array => {
    let png = appPngs.get(size);
    if (png === undefined) {
      png = encodePng(renderRgba(APP_ICON, size), size);
      appPngs.set(size, png);
    }
    return png;
  };
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, appPng(size));
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: appPng(size) }))));
  files.set('icon.icns', encodeIcns(new Map(ICNS_SIZES.map((size) => [size, appPng(size)]))));

  files.set('tray/trayTemplate.png', renderTrayAsset({ size: 16, scale: 1, template: true }));
  files.set('tray/trayTemplate@2x.png', renderTrayAsset({ size: 16, scale: 2, template: true }));
  files.set('tray/tray.png', renderTrayAsset({ size: 16, scale: 1, template: false }));
  files.set('tray/tray@2x.png', renderTrayAsset({ size: 16, scale: 2, template: false }));
  files.set('tray/tray.ico', encodeIco(TRAY_ICO_SIZES.map((size) => ({ size, png: renderTrayAsset({ size, scale: 1, template: false }) }))));
  return files;
}

export function writeIcons(outDir: string): string[] {
  const written: string[] = [];
  for (const [path, bytes] of generateIcons()) {
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(target);
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'build'));
  const written = writeIcons(outDir);
  process.stdout.write(`wrote ${written.length} icon files under ${outDir}\n`);
}
