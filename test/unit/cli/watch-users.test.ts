// `watch`'s spike events carry the users of the spiking groups, and the spike line names them unless the
// settings keep user names out of notifications.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../main/simulator/server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let named: Sandbox;
let anonymous: Sandbox;

beforeAll(() => {
  assertBuilt();
  named = sandbox();
  anonymous = sandbox();
  mkdirSync(anonymous.configDir, { recursive: true });
  writeFileSync(`${anonymous.configDir}/config.json`, JSON.stringify({ version: 1, notifications: { showUserNames: false } }));
});
afterAll(() => {
  named.dispose();
  anonymous.dispose();
});

interface SpikeLine {
  type: string;
  body: string;
  groups: { name: string }[];
  users: Record<string, string[]>;
}

async function spikeOf(box: Sandbox): Promise<{ spike: SpikeLine; group: string }> {
  const twin = await startSimulator({ scenario: 'disconnect-storm', seed: 11 });
  await twin.close();
  const run = await runCli(['watch', '--demo', '--scenario', 'disconnect-storm', '--seed', '11', '--interval', '1', '--max-polls', '6', '--json'], { env: box.env, killAfterMs: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const events = lines(run.stdout).map((line) => JSON.parse(line) as SpikeLine);
  const spike = events.find((event) => event.type === 'spike');
  if (spike === undefined) throw new Error(`no spike in ${run.stdout}`);
  return { spike, group: twin.storm?.groups[0] ?? '' };
}

describe.concurrent('watch names the people behind a spike', { timeout: 90_000 }, () => {
  it('carries the storm group\'s users and names three in the text', async () => {
    const { spike, group } = await spikeOf(named);
    const users = spike.users[group] ?? [];
    expect(users.length).toBeGreaterThan(50);
    expect(spike.body).toContain(`${group}: `);
    expect(spike.body).toContain(`disconnected: ${users.slice(0, 3).join(', ')} and `);
  });

  it('keeps the names out of the text with notifications.showUserNames off', async () => {
    const { spike, group } = await spikeOf(anonymous);
    const users = spike.users[group] ?? [];
    expect(users.length).toBeGreaterThan(50);
    for (const user of users) expect(spike.body).not.toContain(user);
  });
});
