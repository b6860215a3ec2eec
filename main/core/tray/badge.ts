// The tray icon, drawn in code: a desktop monitor (the product's glyph), a state mark in the top-right corner and
// the count in a badge at the bottom-right. Every state has its own mark SHAPE (colour only repeats what the
// shape says), so the icon reads for colour-blind users and as a black macOS template image. Everything is
// placed on whole device pixels for the exact pixel size asked, never scaled afterwards: no blur at 16 px.
import { badgeText, DIGIT_FONTS, drawText, type ScaledFont, textHeight, textWidth } from './digit-font.js';
import { type Bitmap, Raster, type RgbaImage, type Rgba, TRANSPARENT } from './raster.js';

/** What the icon can say, one value at a time (see tray-state.ts for how the accounts' states combine). */
export const TRAY_ICON_STATES = ['ok', 'warning', 'spike', 'stale', 'error-auth', 'error-network', 'error-service', 'paused', 'demo'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

export interface TrayIconSpec {
  readonly state: TrayIconState;
  /** The badge count (the selected metric over all accounts); null shows no badge. Ignored for templates. */
  readonly count: number | null;
  /** The logical size in points/DIPs: 16, 22, 24, 32. */
  readonly size: number;
  /** The display scale factor this representation is for: 1, 1.25, 1.5, 2 ... */
  readonly scale: number;
  /** A macOS template image: black and alpha only, no badge (the count goes to the menu bar title). */
  readonly template: boolean;
}

/**
 * The mark of each state, drawn at a whole-number scale in the icon's top-right corner; `ok` has none. Two
 * designs: 7×7 and 9×9, whichever is bigger at the icon's size (9×9 at 20–28 px, where 7×7 would look lost).
 */
export const STATE_MARKS: { readonly [S in TrayIconState]: { readonly 7: Bitmap; readonly 9: Bitmap } | null } = {
  ok: null,
  // A warning triangle with a bang.
  warning: {
    7: ['...#...', '..###..', '..#.#..', '.##.##.', '.#####.', '###.###', '#######'],
    9: ['....#....', '...###...', '...#.#...', '..##.##..', '..##.##..', '.#######.', '.###.###.', '#########', '#########'],
  },
  // An alert: a filled disc with a bang.
  spike: {
    7: ['..###..', '.##.##.', '###.###', '###.###', '#######', '.##.##.', '..###..'],
    9: ['..#####..', '.###.###.', '####.####', '####.####', '####.####', '#########', '####.####', '.#######.', '..#####..'],
  },
  // A clock: the data is old.
  stale: {
    7: ['..###..', '.#...#.', '#..#..#', '#..##.#', '#.....#', '.#...#.', '..###..'],
    9: ['..#####..', '.#.....#.', '#...#...#', '#...#...#', '#...###.#', '#.......#', '#.......#', '.#.....#.', '..#####..'],
  },
  // A padlock: credentials, permission or configuration; retrying cannot help.
  'error-auth': {
    7: ['..###..', '.#...#.', '.#...#.', '#######', '###.###', '###.###', '#######'],
    9: ['...###...', '..#...#..', '..#...#..', '..#...#..', '#########', '####.####', '####.####', '####.####', '#########'],
  },
  // A cross: no connection.
  'error-network': {
    7: ['##...##', '###.###', '.#####.', '..###..', '.#####.', '###.###', '##...##'],
    9: ['##.....##', '###...###', '.###.###.', '..#####..', '...###...', '..#####..', '.###.###.', '###...###', '##.....##'],
  },
  // A square with a bang: the service answered with an error.
  'error-service': {
    7: ['#######', '###.###', '###.###', '###.###', '#######', '###.###', '#######'],
    9: ['#########', '#########', '####.####', '####.####', '####.####', '#########', '####.####', '#########', '#########'],
  },
  // Two bars: notifications paused.
  paused: {
    7: ['##...##', '##...##', '##...##', '##...##', '##...##', '##...##', '##...##'],
    9: ['.##...##.', '.##...##.', '.##...##.', '.##...##.', '.##...##.', '.##...##.', '.##...##.', '.##...##.', '.##...##.'],
  },
  // A D: demo data from the built-in simulator.
  demo: {
    7: ['#####..', '##..##.', '##...##', '##...##', '##...##', '##..##.', '#####..'],
    9: ['.######..', '.##...##.', '.##....##', '.##....##', '.##....##', '.##....##', '.##....##', '.##...##.', '.######..'],
  },
};

export type MarkDesign = 7 | 9;

interface StateStyle {
  readonly color: Rgba;
  /** The digits' colour on a badge of `color`: chosen for contrast, black on amber. */
  readonly ink: Rgba;
}

const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];

export const STATE_STYLES: { readonly [S in TrayIconState]: StateStyle } = {
  ok: { color: [46, 125, 50, 255], ink: WHITE },
  warning: { color: [255, 179, 0, 255], ink: BLACK },
  spike: { color: [229, 57, 53, 255], ink: WHITE },
  stale: { color: [117, 117, 117, 255], ink: WHITE },
  'error-auth': { color: [142, 36, 170, 255], ink: WHITE },
  'error-network': { color: [142, 36, 170, 255], ink: WHITE },
  'error-service': { color: [142, 36, 170, 255], ink: WHITE },
  paused: { color: [84, 110, 122, 255], ink: WHITE },
  demo: { color: [30, 136, 229, 255], ink: WHITE },
};

/** The monitor: a dark frame with a light screen, so it reads on light and dark taskbars alike. */
const FRAME: Rgba = [38, 50, 56, 255];
const SCREEN: Rgba = [207, 216, 220, 255];

/** Where everything goes at one pixel size; exported so tests can check the geometry, not only the pixels. */
export interface TrayIconLayout {
  readonly pixels: number;
  /** The monitor frame's line width, and the unit the rest is measured in. */
  readonly stroke: number;
  /** Transparent space kept around the mark and the badge, so they stand apart from the monitor. */
  readonly gap: number;
  /** Which mark design (7×7 or 9×9) and at what scale. */
  readonly markDesign: MarkDesign;
  readonly markScale: number;
  readonly badgeFont: ScaledFont;
  /** The badge's height; its width follows the text. */
  readonly badgeHeight: number;
  /** Space between the badge's edge and its text, left/right and top/bottom. */
  readonly badgePadding: number;
}

export function pixelSizeOf(size: number, scale: number): number {
  if (!(size > 0) || !(scale > 0)) throw new RangeError(`A tray icon needs a positive size and scale, not ${size} @ ${scale}x.`);
  return Math.round(size * scale);
}

/**
 * The biggest digits whose badge fits in half the icon's height while `99+` fits in its width; on a tie the 5×7
 * font, whose shapes are rounder. The result per size: 16 → 3×5, 22/24 → 5×7, 32 → 3×5 ×2, 44/48 → 3×5 ×3.
 * Then the biggest state mark that fits above the badge.
 */
export function trayIconLayout(pixels: number): TrayIconLayout {
  // Below 16 px a badge and a mark cannot both be legible.
  if (!Number.isInteger(pixels) || pixels < 16) throw new RangeError(`Tray icons are drawn from 16 px up, not ${pixels} px.`);
  const unit = Math.max(1, Math.floor(pixels / 16));
  let best: { font: ScaledFont; height: number } | null = null;
  for (const font of DIGIT_FONTS) {
    for (let scale = 1; scale <= 8; scale++) {
      const scaled = { font, scale };
      const height = textHeight(scaled) + 2 * scale;
      const width = textWidth('99+', scaled) + 2 * scale;
      if (height > Math.floor(pixels / 2) || width > pixels) continue;
      if (best === null || height > best.height || (height === best.height && font.height > best.font.font.height)) best = { font: scaled, height };
    }
  }
  if (best === null) throw new RangeError(`No badge font fits a ${pixels} px icon.`);
  // The biggest mark that leaves the badge and both gaps room below it; on a tie the finer 9×9 design.
  const markRoom = pixels - best.height - 2 * unit;
  let mark: { design: MarkDesign; scale: number } = { design: 7, scale: 1 };
  for (const design of [7, 9] as const) {
    const scale = Math.floor(markRoom / design);
    if (scale >= 1 && design * scale >= mark.design * mark.scale) mark = { design, scale };
  }
  return {
    pixels,
    stroke: unit,
    gap: unit,
    markDesign: mark.design,
    markScale: mark.scale,
    badgeFont: best.font,
    badgeHeight: best.height,
    badgePadding: best.font.scale,
  };
}

/** Draws one representation of the tray icon. Pure and fast (well under a millisecond at 64 px). */
export function renderTrayIcon(spec: TrayIconSpec): RgbaImage {
  const pixels = pixelSizeOf(spec.size, spec.scale);
  const layout = trayIconLayout(pixels);
  const raster = new Raster(pixels, pixels);
  drawMonitor(raster, layout, spec.template, spec.state === 'stale');
  const mark = STATE_MARKS[spec.state];
  const style = STATE_STYLES[spec.state];
  if (mark !== null) {
    const side = layout.markDesign * layout.markScale;
    const x = pixels - side;
    raster.fillRect(x - layout.gap, 0, side + layout.gap, side + layout.gap, TRANSPARENT);
    raster.drawBitmap(mark[layout.markDesign], x, 0, layout.markScale, spec.template ? BLACK : style.color);
  }
  if (!spec.template && spec.count !== null) drawBadge(raster, layout, badgeText(spec.count), style);
  return raster;
}

function drawMonitor(raster: Raster, layout: TrayIconLayout, template: boolean, dashed: boolean): void {
  const { pixels, stroke } = layout;
  const top = Math.round(pixels / 16);
  const bottom = Math.round((pixels * 12) / 16); // exclusive
  // Stale: a dashed grey outline and an empty screen, the monitor "fading out" (grey, not the dark frame, so the
  // dashes still show on a dark taskbar).
  const frame = template ? BLACK : dashed ? STATE_STYLES.stale.color : FRAME;
  if (!template && !dashed) raster.fillRect(stroke, top + stroke, pixels - 2 * stroke, bottom - top - 2 * stroke, SCREEN);
  // Edges: top and bottom full width, sides between them.
  const edges: readonly (readonly [number, number, number, number])[] = [
    [0, top, pixels, stroke],
    [0, bottom - stroke, pixels, stroke],
    [0, top + stroke, stroke, bottom - top - 2 * stroke],
    [pixels - stroke, top + stroke, stroke, bottom - top - 2 * stroke],
  ];
  for (const [x, y, width, height] of edges) {
    if (!dashed) {
      raster.fillRect(x, y, width, height, frame);
      continue;
    }
    // Dashes of two strokes with a one-stroke gap, counted along the edge from its start.
    const horizontal = width > height;
    const length = horizontal ? width : height;
    for (let along = 0; along < length; along += stroke) {
      if (Math.floor(along / stroke) % 3 === 2) continue;
      if (horizontal) raster.fillRect(x + along, y, stroke, height, frame);
      else raster.fillRect(x, y + along, width, stroke, frame);
    }
  }
  // Stand: a neck under the middle of the screen and a base on the bottom row.
  const neckWidth = 2 * stroke;
  const base = Math.round(pixels / 2);
  raster.fillRect(Math.floor((pixels - neckWidth) / 2), bottom, neckWidth, pixels - stroke - bottom, frame);
  raster.fillRect(Math.floor((pixels - base) / 2), pixels - stroke, base, stroke, frame);
}

function drawBadge(raster: Raster, layout: TrayIconLayout, text: string, style: StateStyle): void {
  const { pixels, gap, badgeFont, badgeHeight, badgePadding } = layout;
  const width = Math.max(badgeHeight, textWidth(text, badgeFont) + 2 * badgePadding);
  const x = pixels - width;
  const y = pixels - badgeHeight;
  raster.fillRect(x - gap, y - gap, width + gap, badgeHeight + gap, TRANSPARENT);
  raster.fillRect(x, y, width, badgeHeight, style.color);
  // Rounded corners: one font pixel cut from each.
  const corner = badgeFont.scale;
  for (const [cx, cy] of [[x, y], [x + width - corner, y], [x, y + badgeHeight - corner], [x + width - corner, y + badgeHeight - corner]] as const) {
    raster.fillRect(cx, cy, corner, corner, TRANSPARENT);
  }
  const textX = x + Math.floor((width - textWidth(text, badgeFont)) / 2);
  const textY = y + Math.floor((badgeHeight - textHeight(badgeFont)) / 2);
  drawText(raster, text, textX, textY, badgeFont, style.ink);
}
