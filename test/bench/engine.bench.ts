// The engine's whole cost of one poll at 5,000 groups, as the app pays it: parse and validate the answer, detect
// spikes, append to history. Reported as a ratio to a bare JSON.parse of the same bodies in the same run, so the
// figure says how far above the floor (parsing the bytes at all) the engine is, whatever the machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from 'tinybench';
import { parseConnectionStatus } from '../../main/core/api/parse.js';
import { DEFAULT_SPIKE_CONFIG } from '../../main/core/engine/spike-config.js';
import { SpikeDetector } from '../../main/core/engine/spikes.js';
import { MINUTE_MS } from '../../main/core/history/layout.js';
import { FileHistoryStore } from '../../main/node/file-history-store.js';
import { createFleet, fleetAt } from '../../main/simulator/fleet.js';
import type { Figures } from './protocol.js';

const POLL_TASK = 'engine: one poll, 5,000 groups (parse, validate, spikes, history append)';
const FLOOR_TASK = 'engine floor: JSON.parse of the same answers';

export async function register(bench: Bench, figures: Figures): Promise<void> {
  // Twenty answers of the simulated large fleet, cycled, each with 2 % of the groups changed since the one before
  // (the churn the history figures assume: a few pools' sessions move between two polls a minute apart).
  const groups = fleetAt(createFleet('large-fleet', 1), 0).map((group) => ({ ...group }));
  const bodies = Array.from({ length: 20 }, (_, poll) => {
    for (let k = 0; k < groups.length / 50; k++) {
      const group = groups[(poll * 977 + k * 131) % groups.length] as { disconnected_num: number; in_use_num?: number };
      group.disconnected_num = (group.disconnected_num + 1 + poll) % 7;
    }
    return JSON.stringify({ statics: groups });
  });
  const opened = await FileHistoryStore.open({ folder: mkdtempSync(join(tmpdir(), 'wt-engine-bench-')) });
  if (!opened.ok) throw new Error(opened.error.message);
  const history = opened.value;
  const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
  let poll = 0;
  let at = Date.UTC(2025, 0, 1);
  bench.add(POLL_TASK, async () => {
    const body = bodies[poll++ % bodies.length] as string;
    at += MINUTE_MS;
    const parsed = parseConnectionStatus(body, 200);
    if (!parsed.ok) throw new Error(parsed.error.message);
    detector.observe({ at, groups: parsed.value.groups, totals: parsed.value.totals });
    const written = await history.append({ at, groups: parsed.value.groups, totals: parsed.value.totals });
    if (!written.ok) throw new Error(written.error.message);
  });
  let floorPoll = 0;
  bench.add(FLOOR_TASK, () => {
    JSON.parse(bodies[floorPoll++ % bodies.length] as string);
  });
  figures.derive('engine cost of one poll at 5,000 groups, × a bare JSON.parse', 'ratio', { max: 1.5 }, (median) => median(POLL_TASK) / median(FLOOR_TASK));
}
