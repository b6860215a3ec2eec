// The dashboard reopens where it was left, unless that place is no longer on any screen (a monitor unplugged,
// a resolution changed): then it opens at its default size, centred by the window system.
import { z } from 'zod';

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DASHBOARD_DEFAULT_SIZE = { width: 1100, height: 720 } as const;
export const DASHBOARD_MIN_SIZE = { width: 640, height: 420 } as const;
/** The settings window ("Preferences…"): opens centred at this size (the page is at most 820 px wide). */
export const SETTINGS_DEFAULT_SIZE = { width: 900, height: 760 } as const;
export const SETTINGS_MIN_SIZE = { width: 520, height: 420 } as const;
/** How much of the title bar must be on a screen for the saved place to count as reachable. */
const VISIBLE_MIN = { width: 120, height: 40 } as const;

export const SavedBoundsSchema = z.strictObject({
  x: z.int().min(-100_000).max(100_000),
  y: z.int().min(-100_000).max(100_000),
  width: z.int().min(DASHBOARD_MIN_SIZE.width).max(20_000),
  height: z.int().min(DASHBOARD_MIN_SIZE.height).max(20_000),
});

/** The saved bounds when enough of their top edge lies in some display's work area; null otherwise or when invalid. */
export function restoredBounds(saved: unknown, workAreas: readonly Bounds[]): Bounds | null {
  const parsed = SavedBoundsSchema.safeParse(saved);
  if (!parsed.success) return null;
  const bounds = parsed.data;
  const titleBar: Bounds = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_MIN.height };
  const reachable = workAreas.some((area) => {
    const width = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const height = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return width >= VISIBLE_MIN.width && height >= VISIBLE_MIN.height / 2;
  });
  return reachable ? bounds : null;
}
