// Where the popup window goes: at the tray icon, on the side away from the taskbar or menu bar, inside the work
// area of the display the icon is on. Pure, in DIPs (Electron's screen coordinates), so it is tested on layouts no
// test machine has; the adapter reads `tray.getBounds()`, `screen.getAllDisplays()` and the cursor on every show
// (taskbars move) and passes them in.
import type { AppState } from '../../preload/contract.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect extends Point {
  readonly width: number;
  readonly height: number;
}

export interface DisplayArea {
  /** The whole display. */
  readonly bounds: Rect;
  /** The display minus taskbars, docks and menu bars. */
  readonly workArea: Rect;
  /** DIP to device pixels; a placement stays in DIPs, whatever each display's factor. */
  readonly scaleFactor: number;
}

export type Edge = 'top' | 'bottom' | 'left' | 'right';

export interface WindowPositionInput {
  /** `tray.getBounds()`; null, or a zero-size rectangle, where the platform does not tell (Linux, Wayland). */
  readonly trayBounds: Rect | null;
  readonly windowSize: { readonly width: number; readonly height: number };
  /** Every display, the primary one first (the fallback when nothing else says where to open). */
  readonly displays: readonly DisplayArea[];
  /** The cursor, when known: it picks the display when there are no tray bounds. */
  readonly cursor: Point | null;
  readonly platform: AppState['platform'];
}

export interface WindowPlacement extends Rect {
  /** The taskbar or menu bar edge the window was anchored at; `center` without tray bounds. */
  readonly anchoredAt: Edge | 'center';
}

/** Space between the tray bar and the window: flush under the macOS menu bar, floating a little over a taskbar. */
export const TRAY_GAP: { readonly [P in WindowPositionInput['platform']]: number } = { darwin: 4, win32: 8, linux: 8 };

const right = (rect: Rect): number => rect.x + rect.width;
const bottom = (rect: Rect): number => rect.y + rect.height;
const centerOf = (rect: Rect): Point => ({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
const contains = (rect: Rect, point: Point): boolean => point.x >= rect.x && point.x < right(rect) && point.y >= rect.y && point.y < bottom(rect);

function distanceSquared(rect: Rect, point: Point): number {
  const dx = point.x < rect.x ? rect.x - point.x : point.x >= right(rect) ? point.x - right(rect) + 1 : 0;
  const dy = point.y < rect.y ? rect.y - point.y : point.y >= bottom(rect) ? point.y - bottom(rect) + 1 : 0;
  return dx * dx + dy * dy;
}

/** The display containing the point, or the one closest to it. */
export function displayNearest(displays: readonly DisplayArea[], point: Point): DisplayArea {
  const first = displays[0];
  if (first === undefined) throw new RangeError('Placing a window needs at least one display.');
  const containing = displays.find((display) => contains(display.bounds, point));
  if (containing !== undefined) return containing;
  return displays.reduce((best, display) => (distanceSquared(display.bounds, point) < distanceSquared(best.bounds, point) ? display : best), first);
}

/** Tray bounds worth anchoring at: a real rectangle that touches some display (Windows reports -32000 for hidden icons). */
function usableTrayBounds(trayBounds: Rect | null, displays: readonly DisplayArea[]): Rect | null {
  if (trayBounds === null || !(trayBounds.width > 0) || !(trayBounds.height > 0)) return null;
  const touches = displays.some(({ bounds }) => trayBounds.x < right(bounds) && right(trayBounds) > bounds.x && trayBounds.y < bottom(bounds) && bottom(trayBounds) > bounds.y);
  return touches ? trayBounds : null;
}

/**
 * The edge of the bar holding the tray icon: the strip outside the work area that the icon is in (a bottom
 * taskbar, the macOS menu bar even with the Dock at the bottom, a left or right taskbar). When the icon is inside
 * the work area (an auto-hiding taskbar, a Linux panel that reserves no space), the display edge nearest to it.
 */
export function trayEdge(display: DisplayArea, tray: Rect): Edge {
  const { bounds, workArea } = display;
  const center = centerOf(tray);
  if (center.y >= bottom(workArea)) return 'bottom';
  if (center.y < workArea.y) return 'top';
  if (center.x < workArea.x) return 'left';
  if (center.x >= right(workArea)) return 'right';
  const distances: readonly (readonly [Edge, number])[] = [
    ['bottom', bottom(bounds) - center.y],
    ['top', center.y - bounds.y],
    ['left', center.x - bounds.x],
    ['right', right(bounds) - center.x],
  ];
  return distances.reduce((best, distance) => (distance[1] < best[1] ? distance : best))[0];
}

/** Puts `[start, start + length)` inside `[min, min + room)`, at `min` when it is longer than the room. */
function clampSpan(start: number, length: number, min: number, room: number): number {
  if (length >= room) return min;
  return Math.min(Math.max(start, min), min + room - length);
}

/**
 * The popup's bounds (whole DIPs). Anchored at the tray icon when its bounds are known: above a bottom taskbar,
 * below a top menu bar, beside a left or right taskbar, centred on the icon along the bar. Otherwise centred in
 * the work area of the display under the cursor (or the primary display). Always inside that work area; a window
 * bigger than the work area is shrunk to it.
 */
export function computeWindowPosition(input: WindowPositionInput): WindowPlacement {
  const { displays, platform } = input;
  const tray = usableTrayBounds(input.trayBounds, displays);
  const primary = displays[0];
  if (primary === undefined) throw new RangeError('Placing a window needs at least one display.');
  const display = tray !== null ? displayNearest(displays, centerOf(tray)) : input.cursor !== null ? displayNearest(displays, input.cursor) : primary;
  const area = display.workArea;
  const width = Math.max(1, Math.min(Math.round(input.windowSize.width), area.width));
  const height = Math.max(1, Math.min(Math.round(input.windowSize.height), area.height));
  let x: number;
  let y: number;
  let anchoredAt: WindowPlacement['anchoredAt'];
  if (tray === null) {
    x = area.x + (area.width - width) / 2;
    y = area.y + (area.height - height) / 2;
    anchoredAt = 'center';
  } else {
    const gap = TRAY_GAP[platform];
    const center = centerOf(tray);
    anchoredAt = trayEdge(display, tray);
    switch (anchoredAt) {
      case 'bottom':
        x = center.x - width / 2;
        y = Math.min(tray.y, bottom(area)) - height - gap;
        break;
      case 'top':
        x = center.x - width / 2;
        y = Math.max(bottom(tray), area.y) + gap;
        break;
      case 'left':
        x = Math.max(right(tray), area.x) + gap;
        y = center.y - height / 2;
        break;
      case 'right':
        x = Math.min(tray.x, right(area)) - width - gap;
        y = center.y - height / 2;
        break;
    }
  }
  return {
    x: clampSpan(Math.round(x), width, area.x, area.width),
    y: clampSpan(Math.round(y), height, area.y, area.height),
    width,
    height,
    anchoredAt,
  };
}
