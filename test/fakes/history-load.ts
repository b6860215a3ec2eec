// Simulated history loads on an injected time base, shared by the disk bound test and the disk benchmark: 31 days
// of polls for many groups. Scaled where it cannot change the outcome: older than 25 h, history keeps one bucket
// per ten minutes whatever the poll rate, so those days are polled every ten minutes; the last 25 h every 60 s.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { COUNT_FIELDS, type GroupStatus } from '../../main/core/api/fields.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../main/core/history/layout.js';
import { FileHistoryStore } from '../../main/node/file-history-store.js';

export const HISTORY_LOAD_NOW = Date.UTC(2025, 6, 31, 9, 30);
const NOW = HISTORY_LOAD_NOW;
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

export type Field = (typeof COUNT_FIELDS)[number];
export type Mutable = { key: string; static_name: string } & { -readonly [F in Field]: number };
/** Sets a count of a group, keeping the fleet totals right (recomputing them would dominate the test's time). */
export type Change = (group: Mutable, field: Field, value: number) => void;

export interface Load {
  readonly groups: number;
  readonly nameOf: (index: number) => string;
  readonly initial: (random: () => number) => number;
  /** Changes the groups between polls. */
  readonly step: (groups: readonly Mutable[], change: Change, random: () => number) => void;
}

export async function simulateHistory(folder: string, load: Load): Promise<{ store: FileHistoryStore; peakBytes: number }> {
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

export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size;
  return total;
}

/** Issue 11's load: 5,000 groups, each poll 10 % of them see sessions move between in use and disconnected. */
export const TEN_PER_CENT_CHURN: Load = {
  groups: 5_000,
  nameOf: (i) => `desktop-pool-${String(i).padStart(5, '0')}-finance-eu-west`,
  initial: (random) => Math.floor(random() * 200),
  step: (groups, change, random) => {
    for (let k = 0; k < groups.length / 10; k++) {
      const group = groups[Math.floor(random() * groups.length)]!;
      const moved = (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 3));
      change(group, 'disconnected_num', Math.max(0, group.disconnected_num + moved));
      change(group, 'in_use_num', Math.max(0, group.in_use_num - moved));
    }
  },
};
