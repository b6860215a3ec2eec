// What crosses the bridge for one poll: the `groupsChanged` event (a GroupsChange carrying diffSnapshots' change)
// against the full GroupsSnapshot a window would otherwise be sent, at 5,000 groups with 2 % of them changed.
// Sizes are the JSON text in UTF-8 bytes (Electron's structured clone is of the same order); pure Node.
import type { Bench } from 'tinybench';
import { parseConnectionStatus } from '../../main/core/api/parse.js';
import { diffSnapshots } from '../../main/core/engine/snapshot-diff.js';
import { createFleet, fleetAt } from '../../main/simulator/fleet.js';
import type { GroupsChange, GroupsSnapshot } from '../../preload/contract.js';
import type { Figures } from './protocol.js';

const DIFF_TASK = 'bridge: diffSnapshots, 5,000 groups, 2 % changed';

export function register(bench: Bench, figures: Figures): void {
  const raw = fleetAt(createFleet('large-fleet', 1), 0).map((group) => ({ ...group }));
  const parse = (): GroupsSnapshot => {
    const parsed = parseConnectionStatus(JSON.stringify({ statics: raw }), 200);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return { accountId: 'bench-account', revision: 1, fetchedAt: Date.UTC(2025, 0, 1), groups: parsed.value.groups, totals: parsed.value.totals };
  };
  const before = parse();
  // 2 % of the groups change, spread over the list (as the engine bench does): one session disconnects in each.
  for (let k = 0; k < raw.length / 50; k++) {
    const group = raw[(k * 131) % raw.length] as { disconnected_num: number; in_use_num: number };
    group.disconnected_num += 1;
    group.in_use_num = Math.max(0, group.in_use_num - 1);
  }
  const after = parse();
  const changed: GroupsChange = {
    accountId: after.accountId,
    revision: 2,
    fetchedAt: after.fetchedAt + 60_000,
    change: diffSnapshots(before.groups, after.groups),
    totals: after.totals,
  };
  const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

  bench.add(DIFF_TASK, () => {
    diffSnapshots(before.groups, after.groups);
  });
  figures.measure(
    'bridge bytes of one poll (2 % of 5,000 groups changed), % of a full snapshot',
    '%',
    { max: 10 },
    () => Math.round((10_000 * bytes(changed)) / bytes(after)) / 100,
    1,
  );
}
