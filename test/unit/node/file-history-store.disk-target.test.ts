// Issue 11's history disk target, checked by simulation on an injected time base (test/fakes/history-load.ts, the
// same 31 days as the disk bound test, file-history-store.bound.test.ts, scaled the same way: older than 25 h,
// history keeps one bucket per ten minutes whatever the poll rate, so those days are polled every ten minutes; the
// last 25 h every 60 s). A file of its own so that its simulation and the bound test's run in parallel workers.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_LOAD_NOW, TEN_PER_CENT_CHURN, simulateHistory as simulate } from '../../fakes/history-load.js';
import { DAY_MS } from '../../../main/core/history/layout.js';

const NOW = HISTORY_LOAD_NOW;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wt-history-target-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('history disk target', () => {
  // Issue 11's target: 50 MB for 5,000 groups polled every 60 s with 10 % of the groups changing at each poll.
  // Format 2 measured 52.3 MB; format 3 (counts relative to each series' base, coded names, a one-byte keyframe
  // entry) with the persisted indexes of the complete hours measures about 35 MB.
  it('keeps 30 days of 5,000 groups with 10 % of them changing at every poll within 50 MB, persisted indexes included', async () => {
    const folder = join(root, 'ten-per-cent');
    const { store, peakBytes } = await simulate(folder, TEN_PER_CENT_CHURN);
    console.info(`history for 5,000 groups, 10 % changing per poll, 31 simulated days: peak ${(peakBytes / 1e6).toFixed(1)} MB`);
    expect(peakBytes).toBeLessThanOrEqual(50_000_000);
    expect((await readdir(folder)).filter((name) => name.endsWith('.wti')).length).toBeGreaterThanOrEqual(23);
    const group = await store.query({ series: 'desktop-pool-00042-finance-eu-west', from: NOW - DAY_MS, to: NOW });
    if (!group.ok) throw new Error(group.error.message);
    expect(group.value.length).toBeGreaterThanOrEqual(24 * 60);
    await store.close();
  }, 900_000); // a limit for hangs only: beside other builds (load 15) the simulation took over 300 s
});
