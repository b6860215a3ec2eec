import { describe, expect, it } from 'vitest';
import { pixelSizeOf, renderTrayIcon, STATE_MARKS, STATE_STYLES, TRAY_ICON_STATES, type TrayIconState, trayIconLayout } from '../../../../main/core/tray/badge.js';
import { badgeText, DIGIT_FONTS, drawText, FONT_3X5, FONT_5X7, textHeight, textWidth } from '../../../../main/core/tray/digit-font.js';
import { bitmapWidth, Raster, type RgbaImage } from '../../../../main/core/tray/raster.js';

const PIXEL_SIZES = [16, 20, 22, 24, 28, 32, 44, 48, 64];
const render = (state: TrayIconState, count: number | null, size = 16, scale = 1, template = false): RgbaImage =>
  renderTrayIcon({ state, count, size, scale, template });

function colorsOf(image: RgbaImage): Set<string> {
  const colors = new Set<string>();
  for (let offset = 0; offset < image.data.length; offset += 4) colors.add(Array.from(image.data.subarray(offset, offset + 4)).join(','));
  return colors;
}

const opaquePixels = (image: RgbaImage): number => {
  let count = 0;
  for (let offset = 3; offset < image.data.length; offset += 4) if (image.data[offset] === 255) count++;
  return count;
};

const sameImage = (a: RgbaImage, b: RgbaImage): boolean => a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));

/** The pixels of a region, as ink/no-ink rows, to compare with a font bitmap. */
function inkRows(image: RgbaImage, x: number, y: number, width: number, height: number, ink: readonly number[]): string[] {
  const rows: string[] = [];
  for (let row = y; row < y + height; row++) {
    let line = '';
    for (let column = x; column < x + width; column++) {
      const offset = (row * image.width + column) * 4;
      line += [0, 1, 2, 3].every((channel) => image.data[offset + channel] === ink[channel]) ? '#' : '.';
    }
    rows.push(line);
  }
  return rows;
}

describe('Raster', () => {
  it('fills rectangles clipped to its edges and leaves the rest transparent', () => {
    const raster = new Raster(4, 3);
    raster.fillRect(-1, 1, 3, 5, [1, 2, 3, 255]);
    expect(raster.pixel(0, 1)).toEqual([1, 2, 3, 255]);
    expect(raster.pixel(1, 2)).toEqual([1, 2, 3, 255]);
    expect(raster.pixel(2, 1)).toEqual([0, 0, 0, 0]);
    expect(raster.pixel(0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('draws bitmaps as whole scaled blocks', () => {
    const raster = new Raster(6, 4);
    raster.drawBitmap(['#.', '.#'], 1, 0, 2, [9, 9, 9, 255]);
    expect(inkRows(raster, 0, 0, 6, 4, [9, 9, 9, 255])).toEqual(['.##...', '.##...', '...##.', '...##.']);
  });

  it('refuses sizes that are not positive whole numbers', () => {
    expect(() => new Raster(0, 4)).toThrow(/positive whole/);
    expect(() => new Raster(2.5, 4)).toThrow(/positive whole/);
  });
});

describe('digit fonts', () => {
  it.each(DIGIT_FONTS)('has every digit and + in the $name font at its declared size, and no two alike', (font) => {
    const shapes = new Set<string>();
    for (const [char, bitmap] of Object.entries(font.glyphs)) {
      expect(bitmap, char).toHaveLength(font.height);
      for (const row of bitmap) expect(row, char).toMatch(new RegExp(`^[#.]{${font.width}}$`));
      shapes.add(bitmap.join('/'));
    }
    expect(shapes.size).toBe(11);
  });

  it('shows counts up to 99 and 99+ above', () => {
    expect([0, 7, 9, 10, 42, 99, 100, 12_345].map(badgeText)).toEqual(['0', '7', '9', '10', '42', '99', '99+', '99+']);
    expect(() => badgeText(-1)).toThrow(/≥ 0/);
    expect(() => badgeText(Number.NaN)).toThrow();
  });

  it('measures text with one scaled pixel between glyphs', () => {
    expect(textWidth('99+', { font: FONT_3X5, scale: 1 })).toBe(11);
    expect(textWidth('42', { font: FONT_5X7, scale: 2 })).toBe(22);
    expect(textWidth('', { font: FONT_3X5, scale: 1 })).toBe(0);
    expect(textHeight({ font: FONT_5X7, scale: 3 })).toBe(21);
    expect(() => textWidth('1a', { font: FONT_3X5, scale: 1 })).toThrow(/digits and '\+'/);
  });

  it('draws each glyph exactly as its bitmap', () => {
    const raster = new Raster(11, 5);
    drawText(raster, '42+', 0, 0, { font: FONT_3X5, scale: 1 }, [255, 255, 255, 255]);
    const rows = inkRows(raster, 0, 0, 11, 5, [255, 255, 255, 255]);
    expect(rows.map((row) => row.slice(0, 3))).toEqual([...FONT_3X5.glyphs['4']]);
    expect(rows.map((row) => row.slice(4, 7))).toEqual([...FONT_3X5.glyphs['2']]);
    expect(rows.map((row) => row.slice(8, 11))).toEqual([...FONT_3X5.glyphs['+']]);
  });
});

describe('trayIconLayout', () => {
  it('picks the font per size documented in badge.ts', () => {
    const fonts = Object.fromEntries([16, 22, 24, 32, 44, 48].map((pixels) => {
      const { badgeFont } = trayIconLayout(pixels);
      return [pixels, `${badgeFont.font.name}x${badgeFont.scale}`];
    }));
    expect(fonts).toEqual({ 16: '3x5x1', 22: '5x7x1', 24: '5x7x1', 32: '3x5x2', 44: '3x5x3', 48: '3x5x3' });
  });

  it.each(PIXEL_SIZES)('fits a 99+ badge in the width and half the height at %i px', (pixels) => {
    const layout = trayIconLayout(pixels);
    expect(textWidth('99+', layout.badgeFont) + 2 * layout.badgePadding).toBeLessThanOrEqual(pixels);
    expect(layout.badgeHeight).toBeLessThanOrEqual(pixels / 2);
    expect(layout.badgeHeight).toBeGreaterThanOrEqual(7);
    // The mark and the badge, with the gaps kept around them, do not overlap.
    expect(layout.markDesign * layout.markScale + layout.gap).toBeLessThanOrEqual(pixels - layout.badgeHeight - layout.gap);
  });

  it('picks the biggest mark that fits above the badge', () => {
    const marks = Object.fromEntries(PIXEL_SIZES.map((pixels) => [pixels, `${trayIconLayout(pixels).markDesign}x${trayIconLayout(pixels).markScale}`]));
    expect(marks).toEqual({ 16: '7x1', 20: '9x1', 22: '9x1', 24: '9x1', 28: '9x1', 32: '7x2', 44: '9x2', 48: '7x3', 64: '7x4' });
  });

  it('has every mark design at its declared size', () => {
    for (const mark of Object.values(STATE_MARKS)) {
      if (mark === null) continue;
      for (const design of [7, 9] as const) {
        expect(mark[design]).toHaveLength(design);
        for (const row of mark[design]) expect(row).toMatch(new RegExp(`^[#.]{${design}}$`));
      }
    }
  });

  it('scales the stroke with the size so a 2x icon is the 1x one drawn at double density', () => {
    expect(trayIconLayout(16).stroke).toBe(1);
    expect(trayIconLayout(32).stroke).toBe(2);
    expect(trayIconLayout(64).stroke).toBe(4);
  });

  it('refuses sizes too small to draw', () => {
    expect(() => trayIconLayout(15)).toThrow(/16 px up/);
    expect(() => trayIconLayout(16.5)).toThrow(/16 px up/);
    expect(() => pixelSizeOf(16, 0)).toThrow(/positive/);
    expect(pixelSizeOf(16, 1.25)).toBe(20);
    expect(pixelSizeOf(22, 2)).toBe(44);
  });
});

describe('renderTrayIcon', () => {
  it.each(PIXEL_SIZES)('draws a %i px square icon', (pixels) => {
    const image = render('spike', 42, pixels, 1);
    expect([image.width, image.height]).toEqual([pixels, pixels]);
    expect(image.data).toHaveLength(pixels * pixels * 4);
    expect(opaquePixels(image)).toBeGreaterThan(pixels * pixels * 0.25);
  });

  it('sizes each representation as size × scale', () => {
    expect(render('ok', 1, 16, 2).width).toBe(32);
    expect(render('ok', 1, 16, 1.5).width).toBe(24);
    expect(render('ok', 1, 22, 2).width).toBe(44);
  });

  it('is pixel-crisp: every pixel fully opaque or fully transparent', () => {
    for (const state of TRAY_ICON_STATES) {
      for (const pixels of PIXEL_SIZES) {
        for (const template of [false, true]) {
          const image = render(state, 99, pixels, 1, template);
          let partial = 0;
          for (let offset = 3; offset < image.data.length; offset += 4) if (image.data[offset] !== 0 && image.data[offset] !== 255) partial++;
          expect(partial, `${state} at ${pixels} px`).toBe(0);
        }
      }
    }
  });

  it.each([16, 22, 24, 32])('gives every state a different image at %i px, with and without a count', (size) => {
    for (const count of [null, 0, 7, 42, 150]) {
      for (const scale of [1, 2]) {
        const images = TRAY_ICON_STATES.map((state) => render(state, count, size, scale));
        for (let a = 0; a < images.length; a++) for (let b = a + 1; b < images.length; b++) expect(sameImage(images[a]!, images[b]!), `${TRAY_ICON_STATES[a]} vs ${TRAY_ICON_STATES[b]}`).toBe(false);
      }
    }
  });

  it('tells the states apart by shape alone: the alpha masks differ, so a colour-blind admin and a template see it', () => {
    const alphaOf = (image: RgbaImage) => image.data.filter((_, index) => index % 4 === 3);
    const masks = TRAY_ICON_STATES.map((state) => Buffer.from(alphaOf(render(state, 7, 16, 1))).toString('hex'));
    expect(new Set(masks).size).toBe(TRAY_ICON_STATES.length);
    for (const design of [7, 9] as const) {
      const marks = Object.values(STATE_MARKS).filter((mark) => mark !== null).map((mark) => mark[design].join('/'));
      expect(new Set(marks).size).toBe(TRAY_ICON_STATES.length - 1);
    }
  });

  it('renders the count legibly: the badge holds the digits exactly as the font draws them', () => {
    const image = render('spike', 42, 16, 1);
    const layout = trayIconLayout(16);
    // "42" is 7 px wide; the badge is text + 1 px padding each side, at the bottom-right corner.
    const badgeWidth = 7 + 2;
    const rows = inkRows(image, 16 - badgeWidth + 1, 16 - layout.badgeHeight + 1, 7, 5, STATE_STYLES.spike.ink);
    expect(rows.map((row) => row.slice(0, 3))).toEqual([...FONT_3X5.glyphs['4']]);
    expect(rows.map((row) => row.slice(4, 7))).toEqual([...FONT_3X5.glyphs['2']]);
  });

  it('shows 99+ for three digits and more, and the same image for every count above 99', () => {
    expect(sameImage(render('warning', 100, 16), render('warning', 5_000, 16))).toBe(true);
    expect(sameImage(render('warning', 99, 16), render('warning', 100, 16))).toBe(false);
    expect(sameImage(render('warning', 9, 16), render('warning', 10, 16))).toBe(false);
  });

  it('draws no badge without a count', () => {
    const bare = render('ok', null, 16);
    const withCount = render('ok', 3, 16);
    expect(colorsOf(bare).has(STATE_STYLES.ok.color.join(','))).toBe(false);
    expect(colorsOf(withCount).has(STATE_STYLES.ok.color.join(','))).toBe(true);
  });

  it('makes macOS template images of black and alpha only, without the badge', () => {
    for (const state of TRAY_ICON_STATES) {
      for (const pixels of [16, 32]) {
        const template = render(state, 42, pixels, 1, true);
        for (const color of colorsOf(template)) expect(['0,0,0,0', '0,0,0,255']).toContain(color);
        expect(sameImage(template, render(state, null, pixels, 1, true))).toBe(true);
        expect(opaquePixels(template)).toBeGreaterThan(pixels * 3);
      }
    }
  });

  it('keeps a transparent gap between the badge and the monitor, so the badge reads on any taskbar', () => {
    const image = render('spike', 7, 16);
    const { badgeHeight, gap } = trayIconLayout(16);
    const rowAbove = 16 - badgeHeight - gap;
    // The badge is 7 px wide (a square for one digit); the row above it, over its width, is clear.
    for (let x = 16 - 7; x < 16; x++) expect(image.data[(rowAbove * 16 + x) * 4 + 3]).toBe(0);
  });

  it('draws the 7×7 mark at 16 px and doubled at 32 px, the 9×9 one at 22 px and doubled at 44 px', () => {
    for (const [pixels, design, scale] of [[16, 7, 1], [32, 7, 2], [22, 9, 1], [44, 9, 2]] as const) {
      const image = render('error-auth', null, pixels);
      const mark = STATE_MARKS['error-auth']![design];
      const side = bitmapWidth(mark) * scale;
      const rows = inkRows(image, pixels - side, 0, side, side, STATE_STYLES['error-auth'].color);
      const expected = mark.flatMap((row) => Array.from({ length: scale }, () => [...row].map((char) => char.repeat(scale)).join('')));
      expect(rows).toEqual(expected);
    }
  });
});
