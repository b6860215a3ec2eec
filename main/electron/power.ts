// Applies core/shell/power-policy.ts: powerMonitor's sleep and lock events, and the network's state, which
// Electron's main process offers only as `net.isOnline()` (no event), so it is read on a short schedule.
import { net, powerMonitor } from 'electron';
import type { Clock } from '../core/ports.js';
import { AWAKE_AND_ONLINE, nextPowerState, type PowerAction, type PowerSignal } from '../core/shell/power-policy.js';

/** How often the network state is read; a change is seen within this time. */
export const ONLINE_CHECK_MS = 5_000;

export interface PowerTarget {
  pause(): void;
  resume(): Promise<void>;
  refresh(): Promise<void>;
}

/** Starts following the machine's power and network state; returns the function that stops it. */
export function followPowerState(target: PowerTarget, clock: Clock): () => void {
  let state = AWAKE_AND_ONLINE;
  const apply = (signal: PowerSignal): void => {
    const step = nextPowerState(state, signal);
    state = step.state;
    run(target, step.action);
  };
  const onSuspend = (): void => apply('suspend');
  const onResume = (): void => apply('resume');
  const onLock = (): void => apply('lock-screen');
  const onUnlock = (): void => apply('unlock-screen');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);

  let cancel = (): void => {};
  const checkOnline = (): void => {
    const online = net.isOnline();
    if (online === state.offline) apply(online ? 'online' : 'offline');
    cancel = clock.schedule(checkOnline, ONLINE_CHECK_MS);
  };
  checkOnline();

  return () => {
    cancel();
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    powerMonitor.removeListener('lock-screen', onLock);
    powerMonitor.removeListener('unlock-screen', onUnlock);
  };
}

function run(target: PowerTarget, action: PowerAction): void {
  if (action === 'pause') target.pause();
  else if (action === 'resume') void target.resume();
  else if (action === 'refresh') void target.refresh();
}
