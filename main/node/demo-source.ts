// The app's demo (a Node adapter of the DemoSource port): the embedded simulator in the disconnect-storm scenario, started again after each storm has
// settled, so a newcomer sees a spike notification (and its recovery) within a couple of minutes and again now
// and then, without anything to configure.
import type { DemoSimulator, DemoSource } from '../app/monitoring-service.js';
import { startSimulator, type RunningSimulator, type ScenarioName } from '../simulator/server.js';

/** Quiet polls after a storm has ended before the next one is set up (it then comes at the scenario's poll 4). */
export const DEMO_QUIET_POLLS = 8;
/** The app's demo polls this often unless overridden: the storm at poll 4 then comes within about a minute. */
export const DEMO_INTERVAL_MS = 15_000;

/** True when the simulator has served a storm and enough quiet polls after it: time to set up the next one. */
export function nextStormDue(storm: { readonly endPoll: number } | null, servedPolls: number, quietPolls = DEMO_QUIET_POLLS): boolean {
  return storm !== null && servedPolls >= storm.endPoll + quietPolls;
}

export interface DemoSourceOptions {
  readonly scenario: ScenarioName;
  /** Called with each started simulator (the app keeps storms coming through it). */
  readonly onStart?: (simulator: RunningSimulator) => void;
}

/** A DemoSource whose simulator repeats its storm: call `tick()` after each demo snapshot. */
export function repeatingStormDemo(options: DemoSourceOptions): { readonly source: DemoSource; tick(): void } {
  let running: RunningSimulator | null = null;
  return {
    source: async (): Promise<DemoSimulator> => {
      const simulator = await startSimulator({ scenario: options.scenario });
      running = simulator;
      options.onStart?.(simulator);
      return {
        url: simulator.url,
        projectId: simulator.projectId,
        token: simulator.token,
        close: async () => {
          if (running === simulator) running = null;
          await simulator.close();
        },
      };
    },
    tick(): void {
      if (running !== null && nextStormDue(running.storm, running.servedPolls)) running.setScenario(running.scenario);
    },
  };
}
