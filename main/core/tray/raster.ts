// A tiny RGBA raster for tray icons: axis-aligned rectangles and 1-bit bitmaps on the integer pixel grid, nothing
// else. No anti-aliasing on purpose: a tray icon is shown at its native pixel size, where a half-covered pixel is
// blur, not smoothness.

/** Straight (non-premultiplied) RGBA, 8 bits per channel, row-major, top-left first: what PNG stores. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** `[r, g, b, a]`, each 0–255. */
export type Rgba = readonly [number, number, number, number];

export const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** A 1-bit bitmap written as rows of `#` (ink) and `.` (none), so glyphs read as pictures in the source. */
export type Bitmap = readonly string[];

export function bitmapWidth(bitmap: Bitmap): number {
  return bitmap.reduce((widest, row) => Math.max(widest, row.length), 0);
}

/** A colour as one 32-bit word in the machine's byte order, so a row is filled with one `fill` call. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function wordOf([r, g, b, a]: Rgba): number {
  return (LITTLE_ENDIAN ? (a << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

export class Raster implements RgbaImage {
  readonly data: Uint8Array;
  /** The same pixels, one word each. */
  private readonly words: Uint32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new RangeError(`A raster needs a positive whole width and height, not ${width}×${height}.`);
    }
    this.data = new Uint8Array(width * height * 4);
    this.words = new Uint32Array(this.data.buffer);
  }

  /** Sets the pixels of a rectangle (clipped to the raster) to `color`, replacing what was there. */
  fillRect(x: number, y: number, width: number, height: number, color: Rgba): void {
    this.fillWords(x, y, width, height, wordOf(color));
  }

  private fillWords(x: number, y: number, width: number, height: number, word: number): void {
    const left = Math.max(0, x);
    const top = Math.max(0, y);
    const right = Math.min(this.width, x + width);
    const bottom = Math.min(this.height, y + height);
    if (right <= left) return;
    const words = this.words;
    for (let row = top; row < bottom; row++) {
      const start = row * this.width + left;
      const end = row * this.width + right;
      // Short spans (glyph pixels) are quicker as a loop than as a call.
      if (end - start < 16) for (let index = start; index < end; index++) words[index] = word;
      else words.fill(word, start, end);
    }
  }

  /** Draws each `#` of the bitmap as a `scale`×`scale` block with its top-left corner at (x, y). */
  drawBitmap(bitmap: Bitmap, x: number, y: number, scale: number, color: Rgba): void {
    const word = wordOf(color);
    for (let row = 0; row < bitmap.length; row++) {
      const line = bitmap[row] ?? '';
      for (let column = 0; column < line.length; column++) {
        if (line.charCodeAt(column) === 35 /* # */) this.fillWords(x + column * scale, y + row * scale, scale, scale, word);
      }
    }
  }

  pixel(x: number, y: number): Rgba {
    const offset = (y * this.width + x) * 4;
    return [this.data[offset] ?? 0, this.data[offset + 1] ?? 0, this.data[offset + 2] ?? 0, this.data[offset + 3] ?? 0];
  }
}
