// The disk bound of core/history/bounds.ts, checked by simulation on an injected time base: 31 days of polls
// for 5,000 groups. Scaled where it cannot change the outcome: older than 25 h, history keeps one bucket per
// ten minutes whatever the poll rate, so those days are polled every ten minutes; the last 25 h every 60 s.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNT_FIELDS, type GroupStatus } from '../../../main/core/api/fields.js';
import { naturalHistoryBound } from '../../../main/core/history/bounds.js';
import { DEFAULT_FLEET_CACHE_BYTES, DEFAULT_INDEX_CACHE_BYTES } from '../../../main/core/history/segment-cache.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../main/core/history/layout.js';
import { FileHistoryStore } from '../../../main/node/file-history-store.js';
import { FLEET_SERIES } from '../../../main/core/ports.js';

const NOW = Date.UTC(2025, 6, 31, 9, 30);
const START = NOW - 31 * DAY_MS;
const FULL_RES_FROM = NOW - 25 * HOUR_MS;

/** Poll times: every ten minutes until 25 h before NOW, then every minute. */
function* pollTimes(): Generator<number> {
  for (let at = START; at < FULL_RES_FROM; at += 10 * MINUTE_MS) yield at;
  for (let at = FULL_RES_FROM; at <= NOW; at += MINUTE_MS) yield at;
}

/** A small deterministic PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

type Field = (typeof COUNT_FIELDS)[number];
type Mutable = { key: string; static_name: string } & { -readonly [F in Field]: number };
/** Sets a count of a group, keeping the fleet totals right (recomputing them would dominate the test's time). */
type Change = (group: Mutable, field: Field, value: number) => void;

interface Load {
  readonly groups: number;
  readonly nameOf: (index: number) => string;
  readonly initial: (random: () => number) => number;
  /** Changes the groups between polls. */
  readonly step: (groups: readonly Mutable[], change: Change, random: () => number) => void;
}

async function simulate(folder: string, load: Load): Promise<{ store: FileHistoryStore; peakBytes: number }> {
  const opened = await FileHistoryStore.open({ folder });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const random = prng(42);
  const groups: Mutable[] = Array.from({ length: load.groups }, (_, i) => {
    const group = { key: load.nameOf(i), static_name: load.nameOf(i) } as Mutable;
    for (const field of COUNT_FIELDS) group[field] = load.initial(random);
    return group;
  });
  const totals = {} as Record<Field, number>;
  for (const field of COUNT_FIELDS) totals[field] = groups.reduce((sum, group) => sum + group[field], 0);
  const change: Change = (group, field, value) => {
    totals[field] += value - group[field];
    group[field] = value;
  };
  let peakBytes = 0;
  let polls = 0;
  for (const at of pollTimes()) {
    load.step(groups, change, random);
    const appended = await store.append({ at, groups: groups as readonly GroupStatus[], totals: { ...totals } });
    if (!appended.ok) throw new Error(appended.error.message);
    if (++polls % 144 === 0) peakBytes = Math.max(peakBytes, await folderBytes(folder));
  }
  return { store, peakBytes: Math.max(peakBytes, await folderBytes(folder)) };
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size;
  return total;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-history-bound-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('history disk bound', () => {
  it('stays within the stated bound for 5,000 groups over 30 days, and keeps what it promises', async () => {
    const folder = join(root, 'account');
    // Realistic churn: each poll 2 % of the groups see logins and disconnects move; counts never exceed 8,191.
    const { store, peakBytes } = await simulate(folder, {
      groups: 5_000,
      nameOf: (i) => `desktop-pool-${String(i).padStart(5, '0')}-finance-eu-west`,
      initial: (random) => Math.floor(random() * 200),
      step: (groups, change, random) => {
        for (let k = 0; k < groups.length / 50; k++) {
          const group = groups[Math.floor(random() * groups.length)]!;
          const moved = Math.floor(random() * 5);
          change(group, 'disconnected_num', Math.min(8_191, group.disconnected_num + moved));
          change(group, 'in_use_num', Math.max(0, group.in_use_num - moved));
          change(group, 'ready_num', Math.floor(random() * 200));
        }
      },
    });
    const bound = naturalHistoryBound({ groups: 5_000, intervalMs: MINUTE_MS, maxNameBytes: 64, deltaBytes: 1, keyframeBytes: 2 });
    expect(peakBytes).toBeLessThanOrEqual(bound);
    expect(store.diskBytes).toBe(await folderBytes(folder));
    console.info(`history for 5,000 groups, 31 simulated days: peak ${(peakBytes / 2 ** 20).toFixed(1)} MiB (stated bound ${(bound / 2 ** 20).toFixed(0)} MiB)`);

    const fleet = await store.query({ series: FLEET_SERIES, from: 0, to: NOW });
    if (!fleet.ok) throw new Error(fleet.error.message);
    const first = fleet.value[0]!;
    expect(first.at).toBeGreaterThanOrEqual(NOW - 31 * DAY_MS);
    expect(first.at).toBeLessThanOrEqual(NOW - 30 * DAY_MS);
    const fullResolution = fleet.value.filter((point) => point.bucketMs === 0);
    expect(fullResolution[0]!.at).toBeLessThanOrEqual(NOW - 24 * HOUR_MS);
    expect(fullResolution.at(-1)!.at).toBe(NOW);

    // Memory: every file decoded for a dashboard over the whole 30 days stays within the cache's bound.
    const dashboard = await store.queryMany([FLEET_SERIES, 'desktop-pool-00042-finance-eu-west', 'desktop-pool-04999-finance-eu-west'], 0, NOW);
    if (!dashboard.ok) throw new Error(dashboard.error.message);
    expect(dashboard.value.get('desktop-pool-04999-finance-eu-west')!.length).toBeGreaterThan(24 * 60);
    expect(store.cacheMemoryBytes).toBeLessThanOrEqual(DEFAULT_INDEX_CACHE_BYTES + DEFAULT_FLEET_CACHE_BYTES);
    console.info(`history for 5,000 groups, 30 days decoded in memory: ${(store.cacheMemoryBytes / 2 ** 20).toFixed(1)} MiB`);
    await store.close();
  }, 60_000); // about 15 s on a busy 2-core machine: 5,820 polls of 5,000 groups and 720 downsampled hours

  it('is tight: a busy load (every count moves on every poll) comes close to it without exceeding it', async () => {
    const folder = join(root, 'busy');
    const groups = 40;
    const { store, peakBytes } = await simulate(folder, {
      groups,
      nameOf: (i) => `busy-${i}`.padEnd(64, '.'),
      initial: (random) => 4_096 + Math.floor(random() * 4_000),
      step: (all, change, random) => {
        for (const group of all) {
          for (const field of COUNT_FIELDS) {
            const delta = 1 + Math.floor(random() * 63);
            change(group, field, group[field] + (group[field] + delta > 8_191 ? -delta : delta));
          }
        }
      },
    });
    const bound = naturalHistoryBound({ groups, intervalMs: MINUTE_MS, maxNameBytes: 64, deltaBytes: 1, keyframeBytes: 2 });
    expect(peakBytes).toBeLessThanOrEqual(bound);
    expect(peakBytes).toBeGreaterThan(0.8 * bound);
    await store.close();
  });
});
