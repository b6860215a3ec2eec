// The simulated fleet: a pure function of (scenario, seed, poll). Each group has a seeded profile; its counts at
// a poll are derived from smooth seeded curves plus seeded jitter, so any poll can be computed directly (no
// replay of earlier polls), the data drifts gently from poll to poll, and every family partitions the group.
import type { CountField } from '../core/api/fields.js';
import { between, integerBetween, pick, randomFor } from './random.js';
import type { ScenarioName } from './scenarios.js';

/** One group as the API sends it: every count present. */
export type SimulatedGroup = { readonly static_name: string } & { readonly [F in CountField]: number };

interface GroupProfile {
  readonly name: string;
  readonly size: number;
  readonly otherShare: number;
  readonly offShare: number;
  readonly hibernateRatio: number;
  readonly bootingShare: number;
  readonly utilisation: number;
  readonly utilisationSwing: number;
  readonly disconnectedShare: number;
  readonly cannotAttachShare: number;
  readonly idleAssignedShare: number;
  /** In polls: the drift curves repeat with this period, starting at this phase. */
  readonly period: number;
  readonly phase: number;
}

/** When and where the disconnect storm happens: polls `startPoll` to `endPoll - 1` (0-based served polls). */
export interface StormPlan {
  readonly groups: readonly string[];
  readonly startPoll: number;
  readonly endPoll: number;
  /** Share of each storm group's in-use sessions moved to disconnected during the storm. */
  readonly share: number;
}

export interface FleetModel {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly groups: readonly GroupProfile[];
  readonly storm: StormPlan | null;
}

export const STORM_START_POLL = 4;
export const STORM_LENGTH_POLLS = 3;
export const LARGE_FLEET_GROUPS = 5000;
export const STEADY_FLEET_GROUPS = 12;
export const MIN_GROUP_SIZE = 5;
export const MAX_GROUP_SIZE = 400;

// Purposes keep the random streams of different decisions independent of one another.
const PROFILE = 1;
const JITTER = 2;
const STORM = 3;
const NAMES = 4;

export function groupCountFor(scenario: ScenarioName): number {
  return scenario === 'large-fleet' ? LARGE_FLEET_GROUPS : STEADY_FLEET_GROUPS;
}

export function createFleet(scenario: ScenarioName, seed: number): FleetModel {
  const names = groupNames(seed, groupCountFor(scenario));
  let groups = names.map((name, index) => groupProfile(seed, index, name));
  let storm: StormPlan | null = null;
  if (scenario === 'disconnect-storm') {
    const random = randomFor(seed, STORM);
    const first = integerBetween(random, 0, groups.length - 1);
    const stormIndexes = random() < 0.5 ? [first] : [first, (first + 1 + integerBetween(random, 0, groups.length - 2)) % groups.length];
    // Storm victims are busy, sizeable groups, so the storm is unmistakable next to the gentle drift elsewhere.
    groups = groups.map((group, index) =>
      stormIndexes.includes(index)
        ? { ...group, size: Math.max(group.size, integerBetween(random, 150, MAX_GROUP_SIZE)), utilisation: Math.max(group.utilisation, 0.65), offShare: Math.min(group.offShare, 0.1) }
        : group,
    );
    storm = {
      groups: stormIndexes.map((index) => groups[index]?.name ?? ''),
      startPoll: STORM_START_POLL,
      endPoll: STORM_START_POLL + STORM_LENGTH_POLLS,
      share: Math.round(between(random, 0.5, 0.75) * 100) / 100,
    };
  }
  return { scenario, seed, groups, storm };
}

/** The fleet as the `poll`-th served status answer (0-based) reports it. */
export function fleetAt(model: FleetModel, poll: number): SimulatedGroup[] {
  const storming = model.storm !== null && poll >= model.storm.startPoll && poll < model.storm.endPoll;
  return model.groups.map((profile, index) => {
    const counts = groupAt(profile, randomFor(model.seed, JITTER, index, poll), poll);
    return storming && model.storm?.groups.includes(profile.name) ? applyStorm(counts, model.storm.share) : counts;
  });
}

/** One group of `fleetAt(model, poll)`, without computing the others (the drill-down looks back poll by poll). */
export function groupAtPoll(model: FleetModel, index: number, poll: number): SimulatedGroup | undefined {
  const profile = model.groups[index];
  if (profile === undefined) return undefined;
  const counts = groupAt(profile, randomFor(model.seed, JITTER, index, poll), poll);
  const storming = model.storm !== null && poll >= model.storm.startPoll && poll < model.storm.endPoll && model.storm.groups.includes(profile.name);
  return storming && model.storm !== null ? applyStorm(counts, model.storm.share) : counts;
}

function groupAt(profile: GroupProfile, jitter: () => number, poll: number): SimulatedGroup {
  const { size } = profile;
  const wave = Math.sin((2 * Math.PI * (poll + profile.phase)) / profile.period);
  const slowWave = Math.cos((2 * Math.PI * (poll + profile.phase)) / (profile.period * 3));

  // Power: a few desktops in odd states, some stopped or hibernated, the rest running.
  const other = Math.min(size, Math.round(size * profile.otherShare) + (jitter() < 0.1 ? 1 : 0));
  const off = clamp(Math.round(size * (profile.offShare + 0.02 * slowWave)), 0, size - other);
  const hibernate = Math.round(off * profile.hibernateRatio);
  const stop = off - hibernate;
  const running = size - other - off;

  // Login: stopped, hibernated and booting desktops are unregistered, odd ones unknown; registered desktops are
  // in use, disconnected or ready. So in_use + disconnected + ready <= running.
  const booting = Math.min(running, Math.round(running * profile.bootingShare) + (jitter() < 0.2 ? 1 : 0));
  const registered = running - booting;
  const utilisation = clamp(profile.utilisation + profile.utilisationSwing * wave + (jitter() - 0.5) * 0.02, 0, 1);
  const inUse = Math.round(registered * utilisation);
  const disconnectedShare = Math.max(0, profile.disconnectedShare + 0.004 * slowWave);
  const disconnected = Math.min(registered - inUse, Math.round(registered * disconnectedShare) + (jitter() < 0.3 ? 1 : 0));
  const ready = registered - inUse - disconnected;

  // Assignment: every desktop with a session is attached; of the rest some are attached idle, a few failed or
  // in flight, the remainder unattached.
  const withSession = inUse + disconnected;
  const free = size - withSession;
  const cannotAttach = Math.min(free, Math.round(size * profile.cannotAttachShare));
  const inProcess = Math.min(free - cannotAttach, jitter() < 0.15 ? integerBetween(jitter, 1, 2) : 0);
  const attached = withSession + Math.round((free - cannotAttach - inProcess) * profile.idleAssignedShare);
  const unattached = size - attached - cannotAttach - inProcess;

  return {
    static_name: profile.name,
    running_num: running,
    stop_num: stop,
    hibernate_num: hibernate,
    other_num: other,
    attached_num: attached,
    unattached_num: unattached,
    cannot_attach_num: cannotAttach,
    in_process_num: inProcess,
    in_use_num: inUse,
    ready_num: ready,
    disconnected_num: disconnected,
    unregistered_num: off + booting,
    unknown_num: other,
  };
}

function applyStorm(group: SimulatedGroup, share: number): SimulatedGroup {
  const moved = Math.ceil(group.in_use_num * share);
  return { ...group, in_use_num: group.in_use_num - moved, disconnected_num: group.disconnected_num + moved };
}

function groupProfile(seed: number, index: number, name: string): GroupProfile {
  const random = randomFor(seed, PROFILE, index);
  // Log-uniform sizes: many small groups, a few big pools, as real fleets have.
  const size = Math.round(Math.exp(between(random, Math.log(MIN_GROUP_SIZE), Math.log(MAX_GROUP_SIZE))));
  return {
    name,
    size: clamp(size, MIN_GROUP_SIZE, MAX_GROUP_SIZE),
    otherShare: random() < 0.7 ? 0 : between(random, 0, 0.02),
    offShare: /Night|Weekend/.test(name) ? between(random, 0.15, 0.35) : between(random, 0.02, 0.2),
    hibernateRatio: between(random, 0, 0.6),
    bootingShare: between(random, 0, 0.02),
    utilisation: between(random, 0.35, 0.85),
    utilisationSwing: between(random, 0.02, 0.06),
    disconnectedShare: between(random, 0.01, 0.04),
    cannotAttachShare: random() < 0.6 ? 0 : between(random, 0, 0.02),
    idleAssignedShare: between(random, 0.3, 0.9),
    period: integerBetween(random, 40, 160),
    phase: integerBetween(random, 0, 159),
  };
}

const DEPARTMENTS = ['Finance', 'HR', 'Sales', 'Marketing', 'Legal', 'Support', 'CallCenter', 'Design', 'QA', 'Training', 'Procurement', 'Logistics', 'Research', 'Engineering', 'Audit', 'Ops'] as const;
const SITES = ['Shanghai', 'Beijing', 'Shenzhen', 'Guangzhou', 'Chengdu', 'Hangzhou', 'Singapore', 'Bangkok', 'Jakarta', 'Dubai', 'Riyadh', 'Istanbul', 'Johannesburg', 'Cairo', 'SaoPaulo', 'MexicoCity', 'Santiago', 'Dublin'] as const;
const SHIFTS = ['Day', 'Night', 'Weekend'] as const;
const POOLS = ['Dev-Pool', 'Test-Pool', 'Build-Pool', 'VDI-Pool', 'Lab'] as const;

/** Unique, realistic names: `Finance-Shanghai`, `CallCenter-Night`, `Dev-Pool-03`; repeats get a numeric suffix. */
function groupNames(seed: number, count: number): string[] {
  const random = randomFor(seed, NAMES);
  const names = new Set<string>();
  while (names.size < count) {
    const shape = random();
    const base =
      shape < 0.55
        ? `${pick(random, DEPARTMENTS)}-${pick(random, SITES)}`
        : shape < 0.75
          ? `${pick(random, DEPARTMENTS)}-${pick(random, SHIFTS)}`
          : `${pick(random, POOLS)}-${String(integerBetween(random, 1, 12)).padStart(2, '0')}`;
    let name = base;
    for (let copy = 2; names.has(name); copy += 1) name = `${base}-${copy}`;
    names.add(name);
  }
  return [...names];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

