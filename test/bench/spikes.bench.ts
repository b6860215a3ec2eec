// `observe` on a fleet of 5,000 groups: the detector runs once per poll, so this is its whole per-poll cost.
import type { Bench } from 'tinybench';
import { DEFAULT_SPIKE_CONFIG } from '../../main/core/engine/spike-config.js';
import { SpikeDetector } from '../../main/core/engine/spikes.js';
import { group, MINUTE, observation, T0 } from '../unit/core/engine/spike-fixtures.js';

const GROUPS = 5_000;

export function register(bench: Bench): void {
  // Ten minutes of precomputed polls, cycled, so the bench times the detector and not the fixture.
  const polls = Array.from({ length: 10 }, (_, minute) =>
    observation(minute, Array.from({ length: GROUPS }, (_, index) => group(`Pool-${index}`, (index + minute) % 7, 40))),
  );
  const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
  let minute = 0;
  bench.add(`spikes: observe ${GROUPS.toLocaleString('en-US')} groups`, () => {
    const poll = polls[minute % polls.length];
    if (poll !== undefined) detector.observe({ ...poll, at: T0 + minute * MINUTE });
    minute += 1;
  });
}
