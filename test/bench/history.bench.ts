// History with 5,000 groups: an append (2 % of the groups changed since the last poll) and the queries charts
// make: a group's last 24 h (24 raw hour files), the fleet's and a group's 30 days (downsampled day files), a
// dashboard's dozen groups and the fleet in one queryMany; warm (decoded segments cached, as in a running app)
// and cold (the first query after opening the folder).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from 'tinybench';
import { COUNT_FIELDS, type GroupStatus } from '../../main/core/api/fields.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../main/core/history/layout.js';
import { FLEET_SERIES } from '../../main/core/ports.js';
import { FileHistoryStore } from '../../main/node/file-history-store.js';
import type { Figures } from './protocol.js';

type Mutable = { key: string; static_name: string } & Record<(typeof COUNT_FIELDS)[number], number>;

const GROUPS = 5_000;

function makeGroups(): Mutable[] {
  return Array.from({ length: GROUPS }, (_, i) => {
    const name = `desktop-pool-${String(i).padStart(5, '0')}`;
    const group = { key: name, static_name: name } as Mutable;
    for (const field of COUNT_FIELDS) group[field] = (i * 7) % 200;
    return group;
  });
}

function churn(groups: Mutable[], poll: number): void {
  for (let k = 0; k < GROUPS / 50; k++) groups[(poll * 977 + k * 131) % GROUPS]!.disconnected_num = poll % 97;
}

const totals = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<(typeof COUNT_FIELDS)[number], number>;

async function openStore(folder = mkdtempSync(join(tmpdir(), 'wt-history-bench-'))): Promise<FileHistoryStore> {
  const opened = await FileHistoryStore.open({ folder });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

export async function register(bench: Bench, figures: Figures): Promise<void> {
  const groups = makeGroups();

  // Appends continue one minute apart from a full day of history; they start new hour files as they go.
  const appendStore = await openStore();
  let at = Date.UTC(2025, 0, 1);
  let poll = 0;
  bench.add('history append, 5,000 groups (2 % changed)', async () => {
    churn(groups, ++poll);
    at += MINUTE_MS;
    const result = await appendStore.append({ at, groups: groups as readonly GroupStatus[], totals });
    if (!result.ok) throw new Error(result.error.message);
  });

  // The same in the app, where charts have queried the store: each append also updates the open hour's index.
  const chartedStore = await openStore();
  let chartedAt = Date.UTC(2025, 0, 1);
  await chartedStore.query({ series: FLEET_SERIES, from: 0, to: chartedAt });
  bench.add('history append, 5,000 groups (2 % changed), store queried before', async () => {
    churn(groups, ++poll);
    chartedAt += MINUTE_MS;
    const result = await chartedStore.append({ at: chartedAt, groups: groups as readonly GroupStatus[], totals });
    if (!result.ok) throw new Error(result.error.message);
  });

  // 30 days: ten-minute polls up to a day ago, then one per minute.
  const queryFolder = mkdtempSync(join(tmpdir(), 'wt-history-bench-'));
  const queryStore = await openStore(queryFolder);
  const now = Date.UTC(2025, 1, 1);
  for (let t = now - 30 * DAY_MS; t <= now; t += t < now - 25 * HOUR_MS ? 10 * MINUTE_MS : MINUTE_MS) {
    churn(groups, ++poll);
    const result = await queryStore.append({ at: t, groups: groups as readonly GroupStatus[], totals });
    if (!result.ok) throw new Error(result.error.message);
  }
  bench.add('history query, one group, last 24 h (1,440 points)', async () => {
    const result = await queryStore.query({ series: 'desktop-pool-00042', from: now - DAY_MS, to: now });
    if (!result.ok || result.value.length < 1_440) throw new Error('query failed');
  });
  bench.add('history query, fleet, 30 days', async () => {
    const result = await queryStore.query({ series: FLEET_SERIES, from: now - 30 * DAY_MS, to: now });
    if (!result.ok || result.value.length < 4_000) throw new Error('query failed');
  });
  bench.add('history query, one group, 30 days', async () => {
    const result = await queryStore.query({ series: 'desktop-pool-04242', from: now - 30 * DAY_MS, to: now });
    if (!result.ok || result.value.length < 4_000) throw new Error('query failed');
  });
  // The dashboard: a dozen groups and the fleet in one call.
  const dashboard = [FLEET_SERIES, ...Array.from({ length: 12 }, (_, i) => `desktop-pool-${String(i * 401).padStart(5, '0')}`)];
  bench.add('history queryMany, 12 groups + fleet, last 24 h', async () => {
    const result = await queryStore.queryMany(dashboard, now - DAY_MS, now);
    if (!result.ok || result.value.size !== 13 || [...result.value.values()].some((points) => points.length < 1_440)) throw new Error('query failed');
  });
  // The same charts right after the app starts: nothing decoded yet (a copy of the folder, opened each time).
  const coldFolder = mkdtempSync(join(tmpdir(), 'wt-history-bench-cold-'));
  cpSync(queryFolder, coldFolder, { recursive: true });
  figures.target('history open + queryMany, 12 groups + fleet, 24 h (cold)', { max: 20 }, 'history cold dashboard query: open + 24 h of 12 groups and the fleet');
  // Closing is not part of showing a dashboard (the app keeps its store open): each store is closed after its
  // iteration, outside the timed span, so that the next one opens the folder cold again.
  let opened: FileHistoryStore | undefined;
  const closeOpened = async (): Promise<void> => {
    await opened?.close();
    opened = undefined;
  };
  bench.add(
    'history open + queryMany, 12 groups + fleet, 24 h (cold)',
    async () => {
      opened = await openStore(coldFolder);
      const result = await opened.queryMany(dashboard, now - DAY_MS, now);
      if (!result.ok || result.value.size !== 13) throw new Error('query failed');
    },
    { afterEach: closeOpened },
  );
  bench.add(
    'history open + query, fleet, 30 days (cold)',
    async () => {
      opened = await openStore(coldFolder);
      const result = await opened.query({ series: FLEET_SERIES, from: now - 30 * DAY_MS, to: now });
      if (!result.ok || result.value.length < 4_000) throw new Error('query failed');
    },
    { afterEach: closeOpened },
  );

  // What the warm queries keep in memory, for the bound quoted in core/history/bounds.ts.
  await queryStore.query({ series: 'desktop-pool-04242', from: now - 30 * DAY_MS, to: now });
  console.info(`history: ${(queryStore.diskBytes / 2 ** 20).toFixed(1)} MiB on disk, ${(queryStore.cacheMemoryBytes / 2 ** 20).toFixed(1)} MiB decoded in memory (5,000 groups, 30 days)`);
}
