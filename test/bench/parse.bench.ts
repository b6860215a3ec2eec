// Parsing and summing one answer: the per-poll cost that grows with the fleet (5,000 groups ≈ 1.8 MB of JSON).
import type { Bench } from 'tinybench';
import { parseConnectionStatus } from '../../main/core/api/parse.js';
import { createFleet, fleetAt } from '../../main/simulator/fleet.js';

function answerBody(scenario: 'steady' | 'large-fleet'): string {
  const fleet = createFleet(scenario, 1);
  return JSON.stringify({ statics: fleetAt(fleet, 0) });
}

export function register(bench: Bench): void {
  const steady = answerBody('steady');
  const large = answerBody('large-fleet');
  bench
    .add('parse: 12 groups (steady)', () => {
      if (!parseConnectionStatus(steady, 200).ok) throw new Error('steady answer did not parse');
    })
    .add('parse: 5,000 groups (large-fleet)', () => {
      if (!parseConnectionStatus(large, 200).ok) throw new Error('large answer did not parse');
    })
    .add('JSON.parse alone: 5,000 groups (the floor)', () => {
      JSON.parse(large);
    });
}
