import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_FIELDS, COUNT_FIELDS, LOGIN_FIELDS, POWER_FIELDS } from '../../../main/core/api/fields.js';
import { createFleet, fleetAt, LARGE_FLEET_GROUPS, MAX_GROUP_SIZE, MIN_GROUP_SIZE, type SimulatedGroup } from '../../../main/simulator/fleet.js';
import { SCENARIO_NAMES } from '../../../main/simulator/scenarios.js';

const sum = (group: SimulatedGroup, fields: readonly (keyof SimulatedGroup)[]): number => fields.reduce((total, field) => total + Number(group[field]), 0);

/** Every rule a real group obeys; returns the broken ones so a failure says which. */
function brokenRules(group: SimulatedGroup): string[] {
  const broken: string[] = [];
  for (const field of COUNT_FIELDS) {
    if (!Number.isSafeInteger(group[field]) || group[field] < 0) broken.push(`${field} is ${group[field]}`);
  }
  const size = sum(group, POWER_FIELDS);
  if (sum(group, ASSIGNMENT_FIELDS) !== size) broken.push(`assignment sums to ${sum(group, ASSIGNMENT_FIELDS)}, power to ${size}`);
  if (sum(group, LOGIN_FIELDS) !== size) broken.push(`login sums to ${sum(group, LOGIN_FIELDS)}, power to ${size}`);
  if (size < MIN_GROUP_SIZE || size > MAX_GROUP_SIZE) broken.push(`size ${size}`);
  // Sessions and idle registered desktops need a running desktop; a session needs an assigned desktop.
  if (group.in_use_num + group.disconnected_num + group.ready_num > group.running_num) broken.push('more registered desktops than running ones');
  if (group.in_use_num + group.disconnected_num > group.attached_num) broken.push('more sessions than attached desktops');
  if (group.stop_num + group.hibernate_num > group.unregistered_num) broken.push('a stopped desktop is registered');
  return broken;
}

describe('fleet model', () => {
  it('keeps every family partitioning every group, at every poll, in every scenario', () => {
    for (const scenario of SCENARIO_NAMES) {
      const polls = scenario === 'large-fleet' ? 3 : 40;
      for (const seed of [1, 2, 99]) {
        const model = createFleet(scenario, seed);
        for (let poll = 0; poll < polls; poll += 1) {
          for (const group of fleetAt(model, poll)) {
            expect(brokenRules(group), `${scenario} seed ${seed} poll ${poll} ${group.static_name}`).toEqual([]);
          }
        }
      }
    }
  });

  it('keeps the rules for any seed and any poll', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(1_000_000), fc.constantFrom('steady', 'disconnect-storm'), (seed, poll, scenario) => {
        return fleetAt(createFleet(scenario, seed), poll).every((group) => brokenRules(group).length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('is a function of the seed: same seed same data, another seed other data', () => {
    const first = createFleet('steady', 42);
    const again = createFleet('steady', 42);
    const other = createFleet('steady', 43);
    for (const poll of [0, 1, 17]) expect(fleetAt(again, poll)).toEqual(fleetAt(first, poll));
    expect(fleetAt(other, 0)).not.toEqual(fleetAt(first, 0));
  });

  it('has about a dozen realistically named, unique groups of 5 to 400 desktops', () => {
    const groups = fleetAt(createFleet('steady', 5), 0);
    expect(groups).toHaveLength(12);
    expect(new Set(groups.map((group) => group.static_name)).size).toBe(12);
    for (const group of groups) expect(group.static_name).toMatch(/^[A-Z][A-Za-z]+-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/);
    // Sizes vary: not one size for all.
    expect(new Set(groups.map((group) => sum(group, POWER_FIELDS))).size).toBeGreaterThan(6);
  });

  it('has 5,000 uniquely named groups in large-fleet', () => {
    const groups = fleetAt(createFleet('large-fleet', 3), 0);
    expect(groups).toHaveLength(LARGE_FLEET_GROUPS);
    expect(new Set(groups.map((group) => group.static_name)).size).toBe(LARGE_FLEET_GROUPS);
  });

  it('drifts gently in steady: it changes, but disconnected never jumps', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = createFleet('steady', seed);
      let changed = false;
      let previous = fleetAt(model, 0);
      for (let poll = 1; poll < 200; poll += 1) {
        const current = fleetAt(model, poll);
        current.forEach((group, index) => {
          const before = previous[index];
          if (!before) throw new Error('group vanished');
          if (JSON.stringify(before) !== JSON.stringify(group)) changed = true;
          const size = sum(group, POWER_FIELDS);
          expect(Math.abs(group.disconnected_num - before.disconnected_num), `${group.static_name} at poll ${poll}`).toBeLessThanOrEqual(Math.max(2, Math.ceil(size * 0.02)));
          expect(group.static_name).toBe(before.static_name);
          expect(size).toBe(sum(before, POWER_FIELDS));
        });
        previous = current;
      }
      expect(changed).toBe(true);
    }
  });
});

describe('disconnect storm', () => {
  it('moves at least 40% of in-use sessions to disconnected in the named groups at polls 4-6, then recovers', () => {
    for (let seed = 0; seed < 30; seed += 1) {
      const model = createFleet('disconnect-storm', seed);
      const storm = model.storm;
      if (!storm) throw new Error('no storm plan');
      expect(storm.startPoll).toBe(4);
      expect(storm.endPoll).toBe(7);
      expect(storm.groups.length).toBeGreaterThanOrEqual(1);
      const byName = (poll: number) => new Map(fleetAt(model, poll).map((group) => [group.static_name, group]));
      const calm = byName(storm.startPoll - 1);
      const after = byName(storm.endPoll);
      for (let poll = storm.startPoll; poll < storm.endPoll; poll += 1) {
        const stormy = byName(poll);
        for (const name of storm.groups) {
          const before = calm.get(name);
          const during = stormy.get(name);
          if (!before || !during) throw new Error(`storm group ${name} missing`);
          expect(during.disconnected_num - before.disconnected_num, `${name} seed ${seed} poll ${poll}`).toBeGreaterThanOrEqual(0.4 * before.in_use_num);
          expect(before.in_use_num).toBeGreaterThanOrEqual(50);
        }
        for (const [name, group] of stormy) {
          if (storm.groups.includes(name)) continue;
          const before = calm.get(name);
          expect(Math.abs(group.disconnected_num - (before?.disconnected_num ?? 0)), `${name} is not a storm group`).toBeLessThanOrEqual(10);
        }
      }
      for (const name of storm.groups) {
        const recovered = after.get(name);
        const before = calm.get(name);
        if (!recovered || !before) throw new Error(`storm group ${name} missing`);
        expect(Math.abs(recovered.disconnected_num - before.disconnected_num), `${name} recovered`).toBeLessThanOrEqual(10);
      }
    }
  });

  it('has no storm outside the disconnect-storm scenario', () => {
    for (const scenario of SCENARIO_NAMES.filter((name) => name !== 'disconnect-storm')) expect(createFleet(scenario, 1).storm).toBeNull();
  });

  it('picks the same storm groups for the same seed', () => {
    expect(createFleet('disconnect-storm', 8).storm).toEqual(createFleet('disconnect-storm', 8).storm);
  });
});
