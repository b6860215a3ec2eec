// History with 5,000 groups: an append (2 % of the groups changed since the last poll) and the two queries a
// chart makes, a group's last 24 h (24 raw hour files) and the fleet's 30 days (downsampled day files).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from 'tinybench';
import { COUNT_FIELDS, type GroupStatus } from '../../main/core/api/fields.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../main/core/history/layout.js';
import { FLEET_SERIES } from '../../main/core/ports.js';
import { FileHistoryStore } from '../../main/node/file-history-store.js';

type Mutable = { static_name: string } & Record<(typeof COUNT_FIELDS)[number], number>;

const GROUPS = 5_000;

function makeGroups(): Mutable[] {
  return Array.from({ length: GROUPS }, (_, i) => {
    const group = { static_name: `desktop-pool-${String(i).padStart(5, '0')}` } as Mutable;
    for (const field of COUNT_FIELDS) group[field] = (i * 7) % 200;
    return group;
  });
}

function churn(groups: Mutable[], poll: number): void {
  for (let k = 0; k < GROUPS / 50; k++) groups[(poll * 977 + k * 131) % GROUPS]!.disconnected_num = poll % 97;
}

const totals = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<(typeof COUNT_FIELDS)[number], number>;

async function openStore(): Promise<FileHistoryStore> {
  const opened = await FileHistoryStore.open({ folder: mkdtempSync(join(tmpdir(), 'wt-history-bench-')) });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

export async function register(bench: Bench): Promise<void> {
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

  // 30 days: ten-minute polls up to a day ago, then one per minute.
  const queryStore = await openStore();
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
}
