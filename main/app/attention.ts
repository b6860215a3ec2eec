// What needs attention in a snapshot, for front ends that show one without the detector's history (`status`): the
// engine's own rules, reached through main/app as every front end reaches the engine.
export { desktopCount } from '../core/engine/desktops.js';
export { disconnectedLevel } from '../core/engine/spikes.js';
