// The on-demand look-up against the simulator over loopback, with the real file store in a temporary folder.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DisconnectedLookup } from '../../../main/app/disconnected-lookup.js';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import { FIRST_SEEN_FILE, FileFirstSeenStore } from '../../../main/node/file-first-seen-store.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { tokenAuth } from '../../fakes/token-auth.js';

let now = Date.UTC(2025, 5, 1, 12, 0, 0);
const clock = { now: () => now };

let simulator: RunningSimulator | undefined;
let folder: string | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function storm(poll: number): Promise<RunningSimulator> {
  simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 3, now: clock.now });
  for (let i = 0; i <= poll; i++) await poll1(simulator);
  return simulator;
}

async function poll1(sim: RunningSimulator): Promise<void> {
  const result = await fetchConnectionStatus({ endpoint: sim.url, projectId: sim.projectId }, { http: fetch, auth: tokenAuth(sim.token), clock });
  if (!result.ok) throw new Error(result.error.message);
}

function lookup(sim: RunningSimulator, store: FileFirstSeenStore | null, minIntervalMs = 60_000): DisconnectedLookup {
  return new DisconnectedLookup({
    target: { endpoint: sim.url, projectId: sim.projectId },
    client: { http: fetch, auth: tokenAuth(sim.token), clock, timeoutMs: 5000 },
    clock,
    firstSeen: store,
    minIntervalMs,
  });
}

describe('DisconnectedLookup', () => {
  it('lists the storm\'s desktops with their users, longest first, with a since that survives a restart', async () => {
    const sim = await storm(4);
    folder = await mkdtemp(join(tmpdir(), 'wt-lookup-'));
    const first = await lookup(sim, new FileFirstSeenStore(folder)).look({ state: 'disconnected' });
    if (!first.ok) throw new Error(first.error.message);
    const stormGroup = sim.storm?.groups[0] ?? '';
    const victims = first.value.rows.filter((row) => row.desktopName?.startsWith(`${stormGroup}-`));
    expect(victims.length).toBeGreaterThan(50);
    expect(victims.every((row) => (row.users?.length ?? 0) > 0 && row.since !== null && row.lastConnection !== null)).toBe(true);
    expect(first.value.complete).toBe(true);
    const sinces = first.value.rows.map((row) => row.since ?? Number.POSITIVE_INFINITY);
    expect(sinces).toEqual([...sinces].sort((a, b) => a - b));

    // A later look from a new process (a new lookup, the same file): the same since for the same desktops.
    now += 5 * 60_000;
    const again = await lookup(sim, new FileFirstSeenStore(folder)).look({ state: 'disconnected' });
    if (!again.ok) throw new Error(again.error.message);
    const before = new Map(first.value.rows.map((row) => [row.desktopId, row.since]));
    for (const row of again.value.rows) expect(row.since).toBe(before.get(row.desktopId));
    expect(JSON.parse(await readFile(join(folder, FIRST_SEEN_FILE), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('forgets the storm\'s desktops once they reconnect, keeping the file to the desktops still disconnected', async () => {
    const sim = await storm(5);
    folder = await mkdtemp(join(tmpdir(), 'wt-lookup-'));
    const store = new FileFirstSeenStore(folder);
    const during = await lookup(sim, store).look({ state: 'disconnected' });
    if (!during.ok) throw new Error(during.error.message);
    const stormGroup = sim.storm?.groups[0] ?? '';
    const victims = during.value.rows.filter((row) => row.desktopName?.startsWith(`${stormGroup}-`)).map((row) => row.desktopId);
    const rememberedDuring = await store.read();
    expect(rememberedDuring.ok && victims.every((id) => id !== null && rememberedDuring.value.has(id))).toBe(true);
    for (let i = 0; i < 3; i++) await poll1(sim); // the storm ends at poll 7
    now += 10 * 60_000;
    const after = await lookup(sim, store).look({ state: 'disconnected' });
    if (!after.ok) throw new Error(after.error.message);
    const remembered = await store.read();
    if (!remembered.ok) throw new Error(remembered.error.message);
    expect([...remembered.value.keys()].sort()).toEqual(after.value.rows.map((row) => row.desktopId).sort());
    expect(victims.filter((id) => id !== null && remembered.value.has(id)).length).toBeLessThan(victims.length / 4);
  });

  it('rate-limits per account: a second look within the interval costs no request', async () => {
    const sim = await storm(4);
    const look = lookup(sim, null);
    const [a, b] = await Promise.all([look.look({ state: 'disconnected' }), look.look({ state: 'disconnected' })]);
    const sent = look.requestsSent;
    expect(sent).toBe(2);
    expect(a).toEqual(b);
    const c = await look.look({ state: 'disconnected' });
    expect(c.ok && c.value.cached).toBe(true);
    expect(look.requestsSent).toBe(sent);
    now += 61_000;
    await look.look({ state: 'disconnected' });
    expect(look.requestsSent).toBe(sent + 2);
    expect(sim.statusRequests).toBe(5);
  });

  it('lists another state and filters by user', async () => {
    const sim = await storm(0);
    const look = lookup(sim, null);
    const connected = await look.look({ state: 'connected' });
    if (!connected.ok) throw new Error(connected.error.message);
    expect(connected.value.rows.every((row) => row.connectStatus === 'CONNECTED' && row.since === null)).toBe(true);
    const someone = connected.value.rows[0]?.users?.[0] ?? '';
    const mine = await look.look({ state: 'connected', userName: someone });
    expect(mine.ok && mine.value.rows.length).toBeGreaterThanOrEqual(1);
    expect(mine.ok && mine.value.rows.every((row) => row.users?.includes(someone))).toBe(true);
  });

  it('starts afresh from a damaged file instead of failing', async () => {
    const sim = await storm(4);
    folder = await mkdtemp(join(tmpdir(), 'wt-lookup-'));
    await writeFile(join(folder, FIRST_SEEN_FILE), '{"version":1,"desk');
    const answer = await lookup(sim, new FileFirstSeenStore(folder)).look({ state: 'disconnected' });
    expect(answer.ok && answer.value.rows.length).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(join(folder, FIRST_SEEN_FILE), 'utf8'))).toMatchObject({ version: 1 });
  });
});
