// Issue 11's history disk target: 30 days of history for 5,000 groups polled every 60 s, 10 % of the groups
// changing at each poll, in at most 50 MB (the peak of the folder over the 31 simulated days). A size, not a
// time: with a runner that takes figures (bench-results.json) it is declared there as
// "history on disk, 30 days, 5,000 groups, 10 % changing per 60 s poll" in MB with its target; otherwise printed.
// About a minute or two of simulation, once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from 'tinybench';
import { TEN_PER_CENT_CHURN, simulateHistory } from '../fakes/history-load.js';

export const HISTORY_DISK_FIGURE = 'history on disk, 30 days, 5,000 groups, 10 % changing per 60 s poll';
export const HISTORY_DISK_TARGET_MB = 50;

/** The part of the bench runner's figure API this file uses (declared by the runner on branch pack). */
interface Figures {
  measure(name: string, unit: string, target: { readonly max: number } | null, measure: () => Promise<number>, runs?: number): void;
}

async function peakMegabytes(): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'wt-history-disk-bench-'));
  try {
    const { store, peakBytes } = await simulateHistory(join(root, 'account'), TEN_PER_CENT_CHURN);
    await store.close();
    return peakBytes / 1e6;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function register(_bench: Bench, figures?: Figures): Promise<void> {
  if (figures) {
    figures.measure(HISTORY_DISK_FIGURE, 'MB', { max: HISTORY_DISK_TARGET_MB }, peakMegabytes, 1);
    return;
  }
  const megabytes = await peakMegabytes();
  console.info(`${HISTORY_DISK_FIGURE}: ${megabytes.toFixed(1)} MB (target ≤ ${HISTORY_DISK_TARGET_MB} MB)`);
}
