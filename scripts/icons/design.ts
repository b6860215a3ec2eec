// The one source of the app icon: the mark as a vector description (unit square). A desktop monitor (what
// Workspace serves) with a status dot (what the app watches), on a blue tile. (The tray glyph is pixel art drawn
// by main/core/tray/badge.ts, crisp at 16 px where a scaled-down vector would blur.)
import type { Layer, Rgba } from './vector.js';

const WHITE: Rgba = [255, 255, 255, 255];
const TILE_TOP: Rgba = [47, 128, 237, 255];
const TILE_BOTTOM: Rgba = [22, 66, 150, 255];
const STATUS_GREEN: Rgba = [52, 199, 89, 255];
const BAR_LIGHT: Rgba = [255, 255, 255, 200];

/** The app icon: full colour, on a rounded tile with a small margin (macOS draws its own shadow around it). */
export const APP_ICON: readonly Layer[] = [
  { shape: { kind: 'round-rect', x: 0.06, y: 0.06, width: 0.88, height: 0.88, radius: 0.2 }, paint: { vertical: { top: TILE_TOP, bottom: TILE_BOTTOM } } },
  // The screen: a thick white frame.
  { shape: { kind: 'round-rect', x: 0.2, y: 0.24, width: 0.6, height: 0.4, radius: 0.05 }, paint: { solid: WHITE }, stroke: 0.055 },
  // Three bars inside: the counts the app charts (hidden where they would be a smudge).
  { shape: { kind: 'round-rect', x: 0.31, y: 0.44, width: 0.07, height: 0.12, radius: 0.015 }, paint: { solid: BAR_LIGHT }, minPixels: 32 },
  { shape: { kind: 'round-rect', x: 0.43, y: 0.36, width: 0.07, height: 0.2, radius: 0.015 }, paint: { solid: BAR_LIGHT }, minPixels: 32 },
  { shape: { kind: 'round-rect', x: 0.55, y: 0.4, width: 0.07, height: 0.16, radius: 0.015 }, paint: { solid: BAR_LIGHT }, minPixels: 32 },
  // Stand and foot.
  { shape: { kind: 'round-rect', x: 0.455, y: 0.63, width: 0.09, height: 0.1, radius: 0.0 }, paint: { solid: WHITE } },
  { shape: { kind: 'round-rect', x: 0.33, y: 0.71, width: 0.34, height: 0.055, radius: 0.0275 }, paint: { solid: WHITE } },
  // The status dot over the screen's top-right corner, ringed in the tile's colour so it reads as "on top".
  { shape: { kind: 'circle', cx: 0.78, cy: 0.27, r: 0.135 }, paint: { vertical: { top: TILE_TOP, bottom: TILE_BOTTOM } } },
  { shape: { kind: 'circle', cx: 0.78, cy: 0.27, r: 0.095 }, paint: { solid: STATUS_GREEN } },
];
