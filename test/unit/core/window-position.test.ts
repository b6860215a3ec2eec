import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWindowPosition, type DisplayArea, displayNearest, type Rect, trayEdge, type WindowPositionInput } from '../../../main/core/window-position.js';

const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });
const display = (bounds: Rect, workArea: Rect = bounds, scaleFactor = 1): DisplayArea => ({ bounds, workArea, scaleFactor });
const WINDOW = { width: 360, height: 480 };

const FULL_HD = rect(0, 0, 1920, 1080);
const bottomTaskbar = display(FULL_HD, rect(0, 0, 1920, 1040));
const topTaskbar = display(FULL_HD, rect(0, 40, 1920, 1040));
const leftTaskbar = display(FULL_HD, rect(48, 0, 1872, 1080));
const rightTaskbar = display(FULL_HD, rect(0, 0, 1872, 1080));

const place = (overrides: Partial<WindowPositionInput>) =>
  computeWindowPosition({ trayBounds: null, windowSize: WINDOW, displays: [bottomTaskbar], cursor: null, platform: 'win32', ...overrides });

const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('computeWindowPosition: one display, taskbar on each side', () => {
  it('opens above a bottom taskbar, centred on the icon, with a small gap', () => {
    const placement = place({ trayBounds: rect(1500, 1044, 24, 32) });
    expect(placement).toEqual({ x: 1512 - 180, y: 1040 - 480 - 8, width: 360, height: 480, anchoredAt: 'bottom' });
  });

  it('stays inside the work area when the icon is near the corner', () => {
    expect(place({ trayBounds: rect(1880, 1044, 24, 32) })).toMatchObject({ x: 1920 - 360, y: 552 });
  });

  it('opens below a top taskbar', () => {
    expect(place({ displays: [topTaskbar], trayBounds: rect(1700, 4, 24, 32) })).toMatchObject({ x: 1712 - 180, y: 40 + 8, anchoredAt: 'top' });
  });

  it('opens beside a left taskbar, level with the icon as far as the work area allows', () => {
    expect(place({ displays: [leftTaskbar], trayBounds: rect(8, 1000, 32, 24) })).toMatchObject({ x: 48 + 8, y: 1080 - 480, anchoredAt: 'left' });
    expect(place({ displays: [leftTaskbar], trayBounds: rect(8, 500, 32, 24) })).toMatchObject({ x: 56, y: 512 - 240, anchoredAt: 'left' });
  });

  it('opens beside a right taskbar', () => {
    expect(place({ displays: [rightTaskbar], trayBounds: rect(1880, 1000, 32, 24) })).toMatchObject({ x: 1872 - 360 - 8, y: 600, anchoredAt: 'right' });
  });

  it('opens under the macOS menu bar even with the Dock at the bottom (a taller strip than the menu bar)', () => {
    const mac = display(rect(0, 0, 1440, 900), rect(0, 25, 1440, 800), 2);
    expect(place({ platform: 'darwin', displays: [mac], trayBounds: rect(1200, 0, 22, 24) })).toEqual({ x: 1211 - 180, y: 25 + 4, width: 360, height: 480, anchoredAt: 'top' });
  });

  it('finds the edge from the icon when an auto-hidden taskbar leaves the work area whole', () => {
    const autoHide = display(FULL_HD);
    expect(trayEdge(autoHide, rect(1800, 1050, 24, 24))).toBe('bottom');
    expect(trayEdge(autoHide, rect(1800, 2, 24, 24))).toBe('top');
    expect(trayEdge(autoHide, rect(2, 900, 24, 24))).toBe('left');
    expect(trayEdge(autoHide, rect(1894, 300, 24, 24))).toBe('right');
    expect(place({ displays: [autoHide], trayBounds: rect(1800, 1050, 24, 24) })).toMatchObject({ y: 1050 - 480 - 8, anchoredAt: 'bottom' });
  });
});

describe('computeWindowPosition: several displays', () => {
  // A 2560×1440 monitor left of and above the primary one, with its own taskbar at the bottom.
  const primary = bottomTaskbar;
  const leftAbove = display(rect(-2560, -300, 2560, 1440), rect(-2560, -300, 2560, 1400));

  it('anchors on the display holding the icon, negative coordinates included', () => {
    const placement = place({ displays: [primary, leftAbove], trayBounds: rect(-200, 1105, 24, 30) });
    expect(placement).toEqual({ x: -188 - 180, y: 1100 - 480 - 8, width: 360, height: 480, anchoredAt: 'bottom' });
    expect(inside(placement, leftAbove.workArea)).toBe(true);
  });

  it('clamps to the left edge of a display at negative x', () => {
    expect(place({ displays: [primary, leftAbove], trayBounds: rect(-2555, 1105, 24, 30) })).toMatchObject({ x: -2560 });
  });

  it('keeps whole DIPs on mixed-DPI layouts and stays on the display of the icon', () => {
    // A 4K panel at 150 % (2560×1440 DIPs) and a 1080p one at 100 % to its right, bottom-aligned.
    const hiDpi = display(rect(0, 0, 2560, 1440), rect(0, 0, 2560, 1392), 1.5);
    const lowDpi = display(rect(2560, 360, 1920, 1080), rect(2560, 360, 1920, 1040), 1);
    const onLow = place({ displays: [hiDpi, lowDpi], trayBounds: rect(3500.5, 1404.25, 24, 32) });
    expect(onLow).toEqual({ x: Math.round(3512.5 - 180), y: 1400 - 480 - 8, width: 360, height: 480, anchoredAt: 'bottom' });
    expect(inside(onLow, lowDpi.workArea)).toBe(true);
    const onHigh = place({ displays: [hiDpi, lowDpi], trayBounds: rect(2500, 1400, 24, 32) });
    expect(onHigh).toMatchObject({ x: 2560 - 360, y: 1392 - 480 - 8 });
    for (const value of [onLow.x, onLow.y, onHigh.x, onHigh.y]) expect(Number.isInteger(value)).toBe(true);
  });

  it('picks the display containing a point, or the nearest one', () => {
    expect(displayNearest([primary, leftAbove], { x: -5, y: 0 })).toBe(leftAbove);
    expect(displayNearest([primary, leftAbove], { x: 3000, y: 500 })).toBe(primary);
    expect(displayNearest([primary, leftAbove], { x: -100, y: -5_000 })).toBe(leftAbove);
    expect(() => displayNearest([], { x: 0, y: 0 })).toThrow(/at least one display/);
  });
});

describe('computeWindowPosition: no tray position (Linux, Wayland)', () => {
  const second = display(rect(1920, 0, 2560, 1440), rect(1920, 32, 2560, 1408));

  it('centres in the work area of the display under the cursor', () => {
    expect(place({ platform: 'linux', displays: [bottomTaskbar, second], cursor: { x: 3000, y: 700 } })).toEqual({
      x: 1920 + (2560 - 360) / 2,
      y: 32 + (1408 - 480) / 2,
      width: 360,
      height: 480,
      anchoredAt: 'center',
    });
  });

  it('centres on the primary display without a cursor', () => {
    expect(place({ platform: 'linux', displays: [bottomTaskbar, second] })).toMatchObject({ x: 780, y: 280, anchoredAt: 'center' });
  });

  it('treats zero-size bounds (what Electron reports when it does not know) as none', () => {
    expect(place({ trayBounds: rect(0, 0, 0, 0), displays: [bottomTaskbar, second], cursor: { x: 2000, y: 100 } })).toMatchObject({ anchoredAt: 'center', x: 1920 + 1100 });
    expect(place({ trayBounds: rect(1800, 1050, 0, 0) })).toMatchObject({ anchoredAt: 'center' });
  });

  it('ignores bounds that lie on no display (Windows reports -32000 for a hidden icon)', () => {
    expect(place({ trayBounds: rect(-32000, -32000, 16, 16) })).toMatchObject({ anchoredAt: 'center', x: 780 });
  });
});

describe('computeWindowPosition: window larger than the work area', () => {
  it('shrinks it to the work area and puts it at its origin', () => {
    expect(place({ windowSize: { width: 2400, height: 1200 }, trayBounds: rect(1500, 1044, 24, 32) })).toEqual({ x: 0, y: 0, width: 1920, height: 1040, anchoredAt: 'bottom' });
    expect(place({ windowSize: { width: 400, height: 5000 }, displays: [leftTaskbar], trayBounds: rect(8, 1000, 32, 24) })).toMatchObject({ x: 56, y: 0, height: 1080 });
  });

  it('refuses to place a window with no display', () => {
    expect(() => place({ displays: [] })).toThrow(/at least one display/);
  });
});

describe('computeWindowPosition: any layout', () => {
  it('always returns whole DIPs inside the work area of one display', () => {
    const layout = fc
      .record({
        x: fc.integer({ min: -5000, max: 5000 }),
        y: fc.integer({ min: -3000, max: 3000 }),
        width: fc.integer({ min: 640, max: 5120 }),
        height: fc.integer({ min: 480, max: 2880 }),
        bar: fc.integer({ min: 0, max: 80 }),
        side: fc.constantFrom('top', 'bottom', 'left', 'right'),
        scale: fc.constantFrom(1, 1.25, 1.5, 2),
      })
      .map(({ x, y, width, height, bar, side, scale }) => {
        const bounds = rect(x, y, width, height);
        const workArea =
          side === 'top' ? rect(x, y + bar, width, height - bar) : side === 'bottom' ? rect(x, y, width, height - bar) : side === 'left' ? rect(x + bar, y, width - bar, height) : rect(x, y, width - bar, height);
        return display(bounds, workArea, scale);
      });
    fc.assert(
      fc.property(
        layout,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.record({ width: fc.integer({ min: 1, max: 3000 }), height: fc.integer({ min: 1, max: 3000 }) }),
        fc.constantFrom('darwin', 'win32', 'linux'),
        fc.boolean(),
        (screen, fx, fy, windowSize, platform, withTray) => {
          const trayBounds = withTray ? rect(screen.bounds.x + fx * (screen.bounds.width - 24), screen.bounds.y + fy * (screen.bounds.height - 24), 24, 24) : null;
          const placement = computeWindowPosition({ trayBounds, windowSize, displays: [screen], cursor: null, platform });
          expect(inside(placement, screen.workArea)).toBe(true);
          for (const value of [placement.x, placement.y, placement.width, placement.height]) expect(Number.isInteger(value)).toBe(true);
          expect(placement.width).toBe(Math.min(windowSize.width, screen.workArea.width));
        },
      ),
    );
  });
});
