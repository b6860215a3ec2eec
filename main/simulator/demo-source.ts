// The app's demo (no account configured): the simulator's `disconnect-storm` fleet, replayed from the start once
// the storm has passed and a quiet spell followed, so a person trying the app sees a storm now and then, its
// recovery, and the quiet in between. Same seed each time: the same groups storm, as a real flaky site would.
import type { Clock } from '../core/ports.js';
import { startSimulator, type RunningSimulator } from './server.js';

/** Quiet polls between the end of one storm and the start of the next replay (then 4 more before it storms). */
export const DEMO_QUIET_POLLS = 40;
/** How often the demo looks whether it is time to replay. */
const CHECK_EVERY_MS = 5_000;

export interface DemoSimulatorOptions {
  readonly clock: Clock;
  readonly seed?: number;
  readonly quietPolls?: number;
}

export async function startDemoSimulator(options: DemoSimulatorOptions): Promise<RunningSimulator> {
  const simulator = await startSimulator({ scenario: 'disconnect-storm', ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const quietPolls = options.quietPolls ?? DEMO_QUIET_POLLS;
  let cancel = options.clock.schedule(function check() {
    const storm = simulator.storm;
    // setScenario starts a fresh fleet and poll count: the storm comes again at the same poll of the cycle.
    if (storm !== null && simulator.servedPolls >= storm.endPoll + quietPolls) simulator.setScenario('disconnect-storm');
    cancel = options.clock.schedule(check, CHECK_EVERY_MS);
  }, CHECK_EVERY_MS);
  const close = simulator.close.bind(simulator);
  return Object.assign(simulator, {
    close: async () => {
      cancel();
      await close();
    },
  });
}
