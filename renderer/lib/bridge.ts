// The renderer's only door to the main process: the object the preload exposes as `window.workspaceTray`.
// Everything else takes a `Bridge` as a parameter (state classes, in their constructor), so tests pass a fake.
import { BRIDGE_GLOBAL, type Bridge } from '../../preload/contract.js';

export type { Bridge };

/** The preload's bridge, or a clear error when the page was opened without it (a plain browser tab). */
export function getBridge(): Bridge {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof bridge !== 'object' || bridge === null) {
    throw new Error(`window.${BRIDGE_GLOBAL} is missing: this page must be opened by Workspace Tray (its preload provides the bridge)`);
  }
  return bridge as Bridge;
}
