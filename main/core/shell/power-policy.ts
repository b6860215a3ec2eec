// When the app polls: not while the machine sleeps or has no network (every poll would fail and turn the tray
// red for nothing), and once at once when it wakes or reconnects, so the data is fresh when the person looks.
// Pure: the Electron adapter (main/electron/power.ts) feeds it powerMonitor's events and net.isOnline().

export interface PowerState {
  readonly asleep: boolean;
  readonly offline: boolean;
}

export type PowerSignal = 'suspend' | 'resume' | 'offline' | 'online' | 'lock-screen' | 'unlock-screen';

/** `pause`/`resume` the monitoring, `refresh` it (polls now, the schedule goes on), or nothing. */
export type PowerAction = 'pause' | 'resume' | 'refresh' | null;

export const AWAKE_AND_ONLINE: PowerState = { asleep: false, offline: false };

const polling = (state: PowerState): boolean => !state.asleep && !state.offline;

export function nextPowerState(state: PowerState, signal: PowerSignal): { readonly state: PowerState; readonly action: PowerAction } {
  let next: PowerState;
  switch (signal) {
    case 'suspend':
      next = { ...state, asleep: true };
      break;
    case 'resume':
      next = { ...state, asleep: false };
      break;
    case 'offline':
      next = { ...state, offline: true };
      break;
    case 'online':
      next = { ...state, offline: false };
      break;
    case 'lock-screen':
      // Polling goes on behind a locked screen: the history stays complete and a spike is waiting when they return.
      return { state, action: null };
    case 'unlock-screen':
      // The person is back: show current data rather than up to one interval old.
      return { state, action: polling(state) ? 'refresh' : null };
  }
  if (polling(state) === polling(next)) return { state: next, action: null };
  return { state: next, action: polling(next) ? 'resume' : 'pause' };
}
