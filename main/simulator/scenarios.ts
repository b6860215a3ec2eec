// The named scenarios and what each does to requests for the status endpoint. Pure: an outcome depends only on
// the scenario, the seed and the index of the request (0-based, counting every request to the status path).
import { mixSeed, randomFor } from './random.js';

export const SCENARIO_NAMES = ['steady', 'disconnect-storm', 'large-fleet', 'flaky', 'throttled', 'auth-failure'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];
export const DEFAULT_SCENARIO: ScenarioName = 'steady';

export const SCENARIO_DESCRIPTIONS: Readonly<Record<ScenarioName, string>> = {
  steady: 'about a dozen desktop groups with gentle drift',
  'disconnect-storm': 'like steady, then at poll 4 one or two groups lose most in-use sessions to disconnected for 3 polls, then recover',
  'large-fleet': '5,000 desktop groups with gentle drift',
  flaky: 'in every block of 10 requests: one HTML 500, one HTML 502, one connection reset, one slow answer, six normal answers',
  throttled: 'every other request (the 1st, 3rd, 5th...) is answered 429 APIGW.0308 with Retry-After',
  'auth-failure': 'every request is answered 401 APIGW.0301, whatever the credentials',
};

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** What the simulator does with one status request before (or instead of) serving data. */
export type StatusFault = 'none' | 'html-500' | 'html-502' | 'connection-reset' | 'slow' | 'throttle' | 'auth-failure';

const FLAKY_BLOCK: readonly StatusFault[] = ['html-500', 'html-502', 'connection-reset', 'slow', 'none', 'none', 'none', 'none', 'none', 'none'];
const FLAKY_PURPOSE = 0xf1a4;

/**
 * The fault for the `requestIndex`-th status request. `flaky` shuffles a fixed block of ten per seed and block,
 * so every ten consecutive requests starting at a multiple of ten hold exactly one of each fault: frequent enough
 * to see in a demo, and testable without statistics.
 */
export function statusFaultFor(scenario: ScenarioName, seed: number, requestIndex: number): StatusFault {
  switch (scenario) {
    case 'flaky':
      return flakyBlock(seed, Math.floor(requestIndex / FLAKY_BLOCK.length))[requestIndex % FLAKY_BLOCK.length] ?? 'none';
    case 'throttled':
      // The first request is throttled so a one-shot `status --demo --scenario throttled` shows the 429.
      return requestIndex % 2 === 0 ? 'throttle' : 'none';
    case 'auth-failure':
      return 'auth-failure';
    case 'steady':
    case 'disconnect-storm':
    case 'large-fleet':
      return 'none';
  }
}

function flakyBlock(seed: number, block: number): StatusFault[] {
  const random = randomFor(mixSeed(seed, FLAKY_PURPOSE), block);
  const order = [...FLAKY_BLOCK];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 'none';
    order[i] = order[j] ?? 'none';
    order[j] = swap;
  }
  return order;
}
