// Hand-drawn bitmap digits for the badge count: a 3×5 font for the smallest icons and a 5×7 one for larger
// ones, each drawn at a whole-number scale so every stroke lands on the pixel grid. No font files: the shapes
// are the same on every platform and test machine, and they stay legible at 16 px where a scaled TrueType
// font turns to grey mush.
import { type Bitmap, type Raster, type Rgba } from './raster.js';

export type BadgeChar = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '+';

export interface DigitFont {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly glyphs: { readonly [C in BadgeChar]: Bitmap };
}

export const FONT_3X5: DigitFont = {
  name: '3x5',
  width: 3,
  height: 5,
  glyphs: {
    '0': ['###', '#.#', '#.#', '#.#', '###'],
    '1': ['.#.', '##.', '.#.', '.#.', '###'],
    '2': ['###', '..#', '###', '#..', '###'],
    '3': ['###', '..#', '.##', '..#', '###'],
    '4': ['#.#', '#.#', '###', '..#', '..#'],
    '5': ['###', '#..', '###', '..#', '###'],
    '6': ['###', '#..', '###', '#.#', '###'],
    '7': ['###', '..#', '..#', '..#', '..#'],
    '8': ['###', '#.#', '###', '#.#', '###'],
    '9': ['###', '#.#', '###', '..#', '###'],
    '+': ['...', '.#.', '###', '.#.', '...'],
  },
};

/** Bold: vertical strokes two pixels wide, so the digits hold up on a busy 22–24 px panel. */
export const FONT_5X7: DigitFont = {
  name: '5x7',
  width: 5,
  height: 7,
  glyphs: {
    '0': ['.###.', '##.##', '##.##', '##.##', '##.##', '##.##', '.###.'],
    '1': ['..##.', '.###.', '..##.', '..##.', '..##.', '..##.', '.####'],
    '2': ['.###.', '##.##', '...##', '..##.', '.##..', '##...', '#####'],
    '3': ['####.', '...##', '...##', '.###.', '...##', '...##', '####.'],
    '4': ['...##', '..###', '.#.##', '##.##', '#####', '...##', '...##'],
    '5': ['#####', '##...', '####.', '...##', '...##', '##.##', '.###.'],
    '6': ['.###.', '##...', '##...', '####.', '##.##', '##.##', '.###.'],
    '7': ['#####', '...##', '...##', '..##.', '..##.', '.##..', '.##..'],
    '8': ['.###.', '##.##', '##.##', '.###.', '##.##', '##.##', '.###.'],
    '9': ['.###.', '##.##', '##.##', '.####', '...##', '...##', '.###.'],
    '+': ['.....', '..#..', '..#..', '#####', '..#..', '..#..', '.....'],
  },
};

export const DIGIT_FONTS: readonly DigitFont[] = [FONT_3X5, FONT_5X7];

/** A font at a whole-number scale: one source pixel becomes `scale`×`scale` device pixels. */
export interface ScaledFont {
  readonly font: DigitFont;
  readonly scale: number;
}

/** The text a badge shows for a count: the number up to 99, then `99+` (the tooltip and title have the exact one). */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`A badge count is a whole number ≥ 0, not ${count}.`);
  const whole = Math.floor(count);
  return whole > 99 ? '99+' : String(whole);
}

const isBadgeChar = (char: string): char is BadgeChar => /^[0-9+]$/.test(char);

function charsOf(text: string): BadgeChar[] {
  return [...text].map((char) => {
    if (!isBadgeChar(char)) throw new RangeError(`The badge font has digits and '+' only, not ${JSON.stringify(char)}.`);
    return char;
  });
}

/** Device pixels from the first glyph's left edge to the last one's right edge; one scaled pixel between glyphs. */
export function textWidth(text: string, { font, scale }: ScaledFont): number {
  const count = charsOf(text).length;
  return count === 0 ? 0 : (count * font.width + (count - 1)) * scale;
}

export function textHeight({ font, scale }: ScaledFont): number {
  return font.height * scale;
}

export function drawText(raster: Raster, text: string, x: number, y: number, { font, scale }: ScaledFont, color: Rgba): void {
  let left = x;
  for (const char of charsOf(text)) {
    raster.drawBitmap(font.glyphs[char], left, y, scale, color);
    left += (font.width + 1) * scale;
  }
}
