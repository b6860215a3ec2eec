// The two icon containers the installers want, written by hand: both are a small index in front of PNG files.
// - ICO (Windows): ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, then the images. PNG images inside
//   ICO are read by Windows since Vista; width/height 0 in the entry means 256.
// - ICNS (macOS): 'icns' + total length, then per image a 4-character type, its length (header included) and
//   the PNG. The types say the pixel size and whether it is a @2x variant.

export interface SizedPng {
  readonly size: number;
  readonly png: Uint8Array;
}

export function encodeIco(images: readonly SizedPng[]): Uint8Array {
  const headerBytes = 6 + 16 * images.length;
  const total = headerBytes + images.reduce((sum, image) => sum + image.png.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // 1 = icon (2 would be a cursor)
  view.setUint16(4, images.length, true);
  let offset = headerBytes;
  images.forEach((image, index) => {
    if (image.size < 1 || image.size > 256) throw new RangeError(`ICO images are 1..256 px, got ${image.size}`);
    const entry = 6 + 16 * index;
    view.setUint8(entry, image.size === 256 ? 0 : image.size);
    view.setUint8(entry + 1, image.size === 256 ? 0 : image.size);
    view.setUint8(entry + 2, 0); // no palette
    view.setUint8(entry + 3, 0); // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, image.png.byteLength, true);
    view.setUint32(entry + 12, offset, true);
    out.set(image.png, offset);
    offset += image.png.byteLength;
  });
  return out;
}

/** ICNS element types holding PNG data, by pixel size; `retina` types are the @2x image of half that size. */
export const ICNS_TYPES: readonly { readonly type: string; readonly size: number }[] = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic07', size: 128 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic08', size: 256 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512@2x
];

export function encodeIcns(pngBySize: ReadonlyMap<number, Uint8Array>): Uint8Array {
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const png = pngBySize.get(size);
    if (png === undefined) throw new Error(`ICNS needs a ${size} px image for ${type}`);
    return { type, png };
  });
  const total = 8 + elements.reduce((sum, element) => sum + 8 + element.png.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  writeAscii(out, 0, 'icns');
  view.setUint32(4, total, false);
  let offset = 8;
  for (const { type, png } of elements) {
    writeAscii(out, offset, type);
    view.setUint32(offset + 4, 8 + png.byteLength, false);
    out.set(png, offset + 8);
    offset += 8 + png.byteLength;
  }
  return out;
}

function writeAscii(out: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
}
