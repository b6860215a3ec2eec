// The renderer JavaScript a window can load over its whole life, gzipped, for the heaviest window (each window
// is listed untargeted too). Read from the built dist/renderer's manifest (`npm run bench` builds first), the same
// way the bundle budget test reads it (test/support/window-bundles.ts).
import type { Bench } from 'tinybench';
import { APP_WINDOWS } from '../../main/core/shell/app-windows.js';
import { windowBundles } from '../support/window-bundles.js';
import type { Figures } from './protocol.js';

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

export function register(_bench: Bench, figures: Figures): void {
  figures.measure('renderer JavaScript a window loads over its life, gzipped (the heaviest window)', 'KB', { max: 80 }, () => kb(Math.max(...windowBundles().map((bundle) => bundle.bytes))), 1);
  for (const window of APP_WINDOWS) {
    figures.measure(`renderer JavaScript of the ${window} window over its life, gzipped`, 'KB', null, () => kb(windowBundles().find((bundle) => bundle.window === window)?.bytes ?? Number.NaN), 1);
  }
}
