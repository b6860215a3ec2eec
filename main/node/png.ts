// PNG encoding for the rasters the core draws (tray icons, their packaged assets). The only pngjs import, so the
// core stays free of Buffer-and-zlib code and the encoder can be swapped in one place.
import { PNG } from 'pngjs';
import { renderTrayIcon, type TrayIconState } from '../core/tray/badge.js';
import type { RgbaImage } from '../core/tray/raster.js';

/**
 * An RGBA image as PNG bytes (8-bit RGBA, no interlacing). No per-row filter: flat-colour pixel art compresses as
 * well without one, and choosing filters costs four times the encoding time.
 */
export function encodePng(image: RgbaImage): Buffer {
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(`An RGBA image of ${image.width}×${image.height} has ${image.width * image.height * 4} bytes, not ${image.data.length}.`);
  }
  const png = new PNG({ width: image.width, height: image.height, colorType: 6, inputColorType: 6, bitDepth: 8, inputHasAlpha: true });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, { colorType: 6, inputColorType: 6, bitDepth: 8, inputHasAlpha: true, filterType: 0 });
}

/** PNG bytes back to RGBA (tests and asset checks). */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

export interface TrayAssetRequest {
  /** Logical size (16, 22, 24, 32). */
  readonly size: number;
  /** Scale factor of the representation: the PNG is `size × scale` pixels square. */
  readonly scale: number;
  /** A macOS template image (black + alpha), e.g. `trayTemplate.png` / `trayTemplate@2x.png`. */
  readonly template: boolean;
  /** Default `ok`: the plain glyph. */
  readonly state?: TrayIconState;
  /** Default none: a packaged asset has no count. */
  readonly count?: number | null;
}

/**
 * The tray glyph as PNG bytes, for a build-time icon script (packaging) or anything that needs a file:
 * `renderTrayAsset({ size: 16, scale: 2, template: true })` is macOS's `trayTemplate@2x.png`.
 */
export function renderTrayAsset(request: TrayAssetRequest): Buffer {
  return encodePng(renderTrayIcon({ state: request.state ?? 'ok', count: request.count ?? null, size: request.size, scale: request.scale, template: request.template }));
}
