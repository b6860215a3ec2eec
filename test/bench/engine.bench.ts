// The engine's whole cost of one poll at 5,000 groups, as the app pays it: parse and validate the answer, detect
// spikes, append to history. Reported as a ratio to a bare JSON.parse of the same body in the same run, so the
// figure says how far above the floor (parsing the bytes at all) the engine is, whatever the machine.
//
// Method (robust on a shared, loaded machine):
// - Cost is the CPU time the process spends (process.cpuUsage: every thread, so the history write in libuv's pool
//   and the collector's helper threads count too), not wall-clock time: on two cores shared with a dozen busy
//   processes, wall-clock time mostly measures how long the process waited for a core, which has nothing to do
//   with the engine and made the ratio swing from 1.5 to 2.6 between runs. The wall-clock ratio is reported too,
//   untargeted.
// - The two are timed in interleaved rounds, each round timing one poll and one bare JSON.parse of the same body
//   back to back (the order alternating between rounds), so load, cache state and a garbage collection owed by
//   earlier work fall on both alike as often as not. The figure is the median of the per-round ratios; the
//   medians of the two timings and the 90th percentile of the ratios are reported beside it.
// - Nothing a poll does is left out: every round parses, validates, observes and appends (awaited), as the app.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from 'tinybench';
import type { StatusSnapshot } from '../../main/core/api/fields.js';
import { parseConnectionStatus } from '../../main/core/api/parse.js';
import { DEFAULT_SPIKE_CONFIG } from '../../main/core/engine/spike-config.js';
import { SpikeDetector } from '../../main/core/engine/spikes.js';
import { MINUTE_MS } from '../../main/core/history/layout.js';
import { FileHistoryStore } from '../../main/node/file-history-store.js';
import { createFleet, fleetAt } from '../../main/simulator/fleet.js';
import type { Figures } from './protocol.js';

const RATIO_FIGURE = 'engine cost of one poll at 5,000 groups, × a bare JSON.parse';
const POLL_FIGURE = 'engine: one poll, 5,000 groups (parse, validate, spikes, history append), CPU';
const FLOOR_FIGURE = 'engine floor: JSON.parse of the same answer, CPU';
const SPREAD_FIGURE = 'engine cost ratio, 90th percentile of the rounds';
const WALL_RATIO_FIGURE = 'engine cost ratio, wall-clock time (untargeted: waits for a core under load)';
const WALL_POLL_FIGURE = 'engine: one poll, 5,000 groups, wall-clock';
const WALL_FLOOR_FIGURE = 'engine floor: JSON.parse of the same answer, wall-clock';
/** Polls before timing starts: the JIT settles and the history store has its hour file open. */
const WARMUP_POLLS = 40;
const ROUNDS = 120;

interface Rounds {
  readonly ratios: number[];
  readonly polls: number[];
  readonly floors: number[];
  readonly wallRatios: number[];
  readonly wallPolls: number[];
  readonly wallFloors: number[];
  /** Each step's part of the ratio (CPU, × the round's bare JSON.parse): where the cost above the floor is. */
  readonly parseRatios: number[];
  readonly spikeRatios: number[];
  readonly appendRatios: number[];
}

interface Timing {
  readonly cpuMs: number;
  readonly wallMs: number;
}
interface Mark {
  readonly cpu: NodeJS.CpuUsage;
  readonly wall: number;
}
const now = (): Mark => ({ cpu: process.cpuUsage(), wall: performance.now() });
function between(start: Mark, end: Mark): number {
  return (end.cpu.user + end.cpu.system - start.cpu.user - start.cpu.system) / 1000;
}
function since(start: Mark): Timing {
  const wall = performance.now() - start.wall;
  const cpu = process.cpuUsage(start.cpu);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: wall };
}

export function register(_bench: Bench, figures: Figures): void {
  let rounds: Promise<Rounds> | undefined;
  const measured = (): Promise<Rounds> => (rounds ??= measureRounds());
  figures.measure(RATIO_FIGURE, 'ratio', { max: 1.5 }, async () => (await measured()).ratios, 1);
  figures.measure(POLL_FIGURE, 'ms', null, async () => (await measured()).polls, 1);
  figures.measure(FLOOR_FIGURE, 'ms', null, async () => (await measured()).floors, 1);
  figures.measure(SPREAD_FIGURE, 'ratio', null, async () => quantile((await measured()).ratios, 0.9), 1);
  figures.measure('engine cost ratio, of which parse and validate (JSON.parse included)', 'ratio', null, async () => (await measured()).parseRatios, 1);
  figures.measure('engine cost ratio, of which spike detection', 'ratio', null, async () => (await measured()).spikeRatios, 1);
  figures.measure('engine cost ratio, of which history append', 'ratio', null, async () => (await measured()).appendRatios, 1);
  figures.measure(WALL_RATIO_FIGURE, 'ratio', null, async () => (await measured()).wallRatios, 1);
  figures.measure(WALL_POLL_FIGURE, 'ms', null, async () => (await measured()).wallPolls, 1);
  figures.measure(WALL_FLOOR_FIGURE, 'ms', null, async () => (await measured()).wallFloors, 1);
}

async function measureRounds(): Promise<Rounds> {
  // The simulated large fleet, one answer per poll, each with 2 % of the groups changed since the one before (the
  // churn the history figures assume: a few pools' sessions move between two polls a minute apart). Built fresh
  // for every poll, outside the timed spans: a cycle of precomputed answers would change far more than 2 % of the
  // groups where it wraps around, and the spike detector would judge those as a storm.
  const groups = fleetAt(createFleet('large-fleet', 1), 0).map((group) => ({ ...group }));
  let bodies = 0;
  const nextBody = (): string => {
    const poll = bodies++;
    for (let k = 0; k < groups.length / 50; k++) {
      const group = groups[(poll * 977 + k * 131) % groups.length] as { disconnected_num: number };
      // A step of 1 to 6 (mod 7): the count always changes.
      group.disconnected_num = (group.disconnected_num + 1 + (poll % 6)) % 7;
    }
    return JSON.stringify({ statics: groups });
  };
  const opened = await FileHistoryStore.open({ folder: mkdtempSync(join(tmpdir(), 'wt-engine-bench-')) });
  if (!opened.ok) throw new Error(opened.error.message);
  const history = opened.value;
  const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
  let at = Date.UTC(2025, 0, 1);
  let previous: StatusSnapshot | undefined;
  /** CPU ms of each step of the last poll, for the breakdown figures. */
  let phases = { parse: 0, spikes: 0, append: 0 };

  /** One poll as the app runs it, in ms. */
  const onePoll = async (body: string): Promise<Timing> => {
    const start = now();
    at += MINUTE_MS;
    // As the app does: the account's last snapshot goes along (monitoring-service-impl.ts, timedFetch).
    const parsed = parseConnectionStatus(body, 200, previous);
    if (!parsed.ok) throw new Error(parsed.error.message);
    previous = parsed.value;
    const parsedAt = now();
    detector.observe({ at, groups: parsed.value.groups, totals: parsed.value.totals });
    const observedAt = now();
    const written = await history.append({ at, groups: parsed.value.groups, totals: parsed.value.totals });
    if (!written.ok) throw new Error(written.error.message);
    phases = { parse: between(start, parsedAt), spikes: between(parsedAt, observedAt), append: since(observedAt).cpuMs };
    return since(start);
  };
  let sink = 0;
  const bareParse = (body: string): Timing => {
    const start = now();
    const value: unknown = JSON.parse(body);
    const elapsed = since(start);
    if (value !== null) sink++; // keeps the result observable, so the parse cannot be optimised away
    return elapsed;
  };

  for (let warm = 0; warm < WARMUP_POLLS; warm++) {
    const body = nextBody();
    bareParse(body);
    await onePoll(body);
  }
  const result: Rounds = { ratios: [], polls: [], floors: [], wallRatios: [], wallPolls: [], wallFloors: [], parseRatios: [], spikeRatios: [], appendRatios: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const body = nextBody();
    let pollTime: Timing;
    let floorTime: Timing;
    if (round % 2 === 0) {
      floorTime = bareParse(body);
      pollTime = await onePoll(body);
    } else {
      pollTime = await onePoll(body);
      floorTime = bareParse(body);
    }
    result.polls.push(pollTime.cpuMs);
    result.floors.push(floorTime.cpuMs);
    result.ratios.push(pollTime.cpuMs / floorTime.cpuMs);
    result.parseRatios.push(phases.parse / floorTime.cpuMs);
    result.spikeRatios.push(phases.spikes / floorTime.cpuMs);
    result.appendRatios.push(phases.append / floorTime.cpuMs);
    result.wallPolls.push(pollTime.wallMs);
    result.wallFloors.push(floorTime.wallMs);
    result.wallRatios.push(pollTime.wallMs / floorTime.wallMs);
  }
  await history.close();
  if (sink !== WARMUP_POLLS + ROUNDS) throw new Error('a bare JSON.parse returned null');
  return result;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
