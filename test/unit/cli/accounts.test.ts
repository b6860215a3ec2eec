// Saved accounts end to end: `accounts add/list/test/remove` with all three auth methods (secrets on stdin, into
// a REAL keychain), `status --account/--all`, `watch --all`, and a secret-hygiene sweep of everything the CLI
// wrote or printed. Run under scripts/with-keyring.sh (npm test does) so a private gnome-keyring is reachable.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { realKeychainAvailable } from '../../fakes/keychain.js';
import { refusingPort } from '../../fakes/loopback-server.js';
import { assertBuilt, lines, runCli, sandbox, type CliRun, type Sandbox } from './cli-harness.js';

const keychainReachable = realKeychainAvailable();
if (!keychainReachable) {
  console.warn('accounts.test.ts: no D-Bus session, so no keychain: run it as `scripts/with-keyring.sh npx vitest run test/unit/cli/accounts.test.ts`');
}

const USER = { user: 'ops-admin', password: 'Pw-9f3c1e5a-never-shown', domain: 'acme-cloud' };
const KEY = { ak: 'HYGIENEAK0000000001', sk: 'SkSecret0aa3f9b6c2d1e8f7a6b5c4d3e2f1a0b9c8d7' };
const TEMP_KEY = { ak: 'HYGIENEAK0000000002', sk: 'SkSecretTemp77c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5', securityToken: 'StsTokenSecret-0e1d2c3b4a5f6e7d8c9b' };
const TOKEN = 'StaticTokenSecret-5b7d9f1a3c5e7b9d1f3a5c7e';

describe.skipIf(!keychainReachable)('accounts with a real keychain', () => {
  let sim: RunningSimulator;
  let box: Sandbox;
  const outputs: CliRun[] = [];
  const cli = async (args: readonly string[], stdin?: string, extraEnv: Record<string, string> = {}): Promise<CliRun> => {
    const run = await runCli(args, { env: { ...box.env, ...extraEnv }, ...(stdin === undefined ? {} : { stdin }), killAfterMs: 60_000 });
    outputs.push(run);
    return run;
  };
  const add = (name: string, auth: string, secret: unknown, ...extra: string[]) =>
    cli(['accounts', 'add', '--name', name, '--endpoint', sim.url, '--project-id', sim.projectId, '--auth', auth, ...extra], JSON.stringify(secret));

  beforeAll(async () => {
    assertBuilt();
    box = sandbox();
    sim = await startSimulator({ seed: 21, token: TOKEN, users: [USER], accessKeys: [KEY, TEMP_KEY] });
  });
  afterAll(async () => {
    // Leave nothing in the keychain: remove whatever a failed test left behind.
    for (const name of ['tok', 'pw', 'ak', 'ak-temp', 'stale', 'pw-private']) await runCli(['accounts', 'remove', name, '--delete-history'], { env: box.env });
    await sim.close();
    box.dispose();
  });

  it('adds an account of each auth method from stdin JSON and lists them without secrets', async () => {
    for (const run of [
      await add('tok', 'token', { token: TOKEN }),
      await add('pw', 'password', USER, '--iam-endpoint', sim.url),
      await add('ak', 'aksk', { ak: KEY.ak, sk: KEY.sk }),
      await add('ak-temp', 'aksk', { ak: TEMP_KEY.ak, sk: TEMP_KEY.sk, security_token: TEMP_KEY.securityToken }),
    ]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Added account /);
    }
    expect(lines(outputs.at(-3)?.stdout ?? '')[1]).toBe(`IAM tokens will come from ${sim.url} (--iam-endpoint; to change it, remove the account and add it again with --iam-endpoint URL).`);
    const listed = await cli(['accounts', 'list', '--json']);
    expect(listed.code).toBe(0);
    const accounts = JSON.parse(listed.stdout) as { name: string; auth: string; endpoint: string; project_id: string }[];
    expect(accounts.map((account) => [account.name, account.auth])).toEqual([
      ['tok', 'token'],
      ['pw', 'password'],
      ['ak', 'aksk'],
      ['ak-temp', 'aksk'],
    ]);
    expect(accounts.every((account) => account.endpoint === sim.url && account.project_id === sim.projectId)).toBe(true);
    const table = await cli(['accounts', 'list']);
    expect(lines(table.stdout)).toHaveLength(5);
  });

  it('refuses a duplicate name, a malformed secret and a missing --auth with exit 2', async () => {
    const duplicate = await add('TOK', 'token', { token: 'another-token-value' });
    expect(duplicate.code).toBe(2);
    const malformed = await add('broken', 'password', { user: 'u', password: 'Malformed-Pw-Value' });
    expect(malformed.code).toBe(2);
    expect(lines(malformed.stderr)).toHaveLength(1);
    expect(malformed.stderr).toContain('"domain"');
    expect(malformed.stderr).not.toContain('Malformed-Pw-Value');
    const notJson = await cli(['accounts', 'add', '--name', 'x', '--region', 'cn-north-4', '--project-id', 'p', '--auth', 'token'], 'token=abc');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).not.toContain('abc');
    const listed = JSON.parse((await cli(['accounts', 'list', '--json'])).stdout) as unknown[];
    expect(listed).toHaveLength(4);
  });

  it('tests each account with one real call', async () => {
    for (const name of ['tok', 'pw', 'ak', 'ak-temp']) {
      const run = await cli(['accounts', 'test', name]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^${name}: OK, 12 desktop groups`));
    }
    const missing = await cli(['accounts', 'test', 'nobody']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Saved accounts: tok, pw, ak, ak-temp');
  });

  it('queries every account with --all, reports the failing one without hiding the others, and exits with its code', async () => {
    expect((await add('stale', 'token', { token: 'Expired-Token-Value-4242' })).code).toBe(0);
    const run = await cli(['status', '--all', '--json']);
    expect(run.code).toBe(3);
    const results = JSON.parse(run.stdout) as { account: string; groups?: unknown[]; error?: { exit_code: number; kind: string } }[];
    expect(results.map((result) => result.account)).toEqual(['tok', 'pw', 'ak', 'ak-temp', 'stale']);
    for (const result of results.slice(0, 4)) expect(result.groups).toHaveLength(12);
    expect(results[4]?.error).toMatchObject({ exit_code: 3, kind: 'auth' });
    const errors = lines(run.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^workspace-tray: stale: /);

    const table = await cli(['status', '--all']);
    expect(table.code).toBe(3);
    expect(lines(table.stdout).filter((line) => /^(tok|pw|ak|ak-temp): 12 groups, fetched \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(line))).toHaveLength(4);

    const one = await cli(['status', '--account', 'PW', '--json']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ project_id: sim.projectId });
  });

  it('watches every account and stops after --max-polls each', async () => {
    const run = await cli(['watch', '--all', '--interval', '1', '--max-polls', '2', '--json']);
    const events = lines(run.stdout).map((line) => JSON.parse(line) as { type: string; account: string; halted?: boolean });
    expect(run.code).toBe(3);
    for (const name of ['tok', 'pw', 'ak', 'ak-temp']) {
      expect(events.filter((event) => event.account === name && event.type === 'snapshot')).toHaveLength(2);
    }
    expect(events.filter((event) => event.account === 'stale')).toEqual([expect.objectContaining({ type: 'error', halted: true })]);
  });

  it('removes an account with its keychain entries', async () => {
    // 'stale' was polled above, so it has history: without a terminal, remove needs to be told what to do with it.
    const refused = await cli(['accounts', 'remove', 'stale']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/has history at .*: pass --keep-history or --delete-history/);
    const removed = await cli(['accounts', 'remove', 'stale', '--delete-history']);
    expect(removed.code).toBe(0);
    const again = await cli(['accounts', 'remove', 'stale']);
    expect(again.code).toBe(2);
    const listed = JSON.parse((await cli(['accounts', 'list', '--json'])).stdout) as { name: string }[];
    expect(listed.map((account) => account.name)).toEqual(['tok', 'pw', 'ak', 'ak-temp']);
  });

  it('says at add time which IAM a password account will use, and names --iam-endpoint when that IAM cannot be reached', async () => {
    const added = await add('pw-private', 'password', USER);
    expect(added.code).toBe(0);
    expect(lines(added.stdout)[1]).toMatch(/^IAM tokens will come from https:\/\/iam\.myhuaweicloud\.com \(the global IAM, .*--iam-endpoint URL, or set HUAWEICLOUD_SDK_IAM_ENDPOINT\)\.$/);

    // Not a port just closed: another worker's server could be given it at once (ECONNRESET instead of refused).
    const refusing = await refusingPort();
    const closedPort = refusing.port;
    const tested = await cli(['accounts', 'test', 'pw-private'], undefined, { HUAWEICLOUD_SDK_IAM_ENDPOINT: `http://127.0.0.1:${closedPort}` }).finally(() => refusing.release());
    expect(tested.code).toBe(5);
    const [line] = lines(tested.stderr);
    expect(line).toContain(`Could not get an IAM token: could not reach 127.0.0.1:${closedPort}: connection refused (ECONNREFUSED)`);
    expect(line).toContain('--iam-endpoint URL');
    expect(line).toContain('HUAWEICLOUD_SDK_IAM_ENDPOINT');
    expect((await cli(['accounts', 'remove', 'pw-private', '--delete-history'])).code).toBe(0);
  });

  it('never lets a secret reach the settings folder, the output or a log', async () => {
    // Tokens the simulator's IAM issued to the password account are secrets too.
    const issued = sim.requests.map((request) => request.headers['x-auth-token']).filter((token): token is string => token !== undefined && token !== TOKEN);
    expect(issued.length).toBeGreaterThan(0);
    const secrets = [TOKEN, USER.password, KEY.sk, TEMP_KEY.sk, TEMP_KEY.securityToken, 'Expired-Token-Value-4242', ...new Set(issued)];

    const files = filesUnder(box.configDir);
    expect(files.some((file) => file.endsWith('config.json'))).toBe(true);
    const haystacks: { where: string; bytes: Buffer }[] = [
      ...files.map((file) => ({ where: file, bytes: readFileSync(file) })),
      ...filesUnder(join(box.configDir, '..')).filter((file) => file.endsWith('.log')).map((file) => ({ where: file, bytes: readFileSync(file) })),
      ...outputs.map((run, index) => ({ where: `run ${index} output`, bytes: Buffer.from(run.stdout + run.stderr) })),
    ];
    const hits = secrets.flatMap((secret) => haystacks.filter((haystack) => haystack.bytes.includes(secret)).map((haystack) => haystack.where));
    expect(hits).toEqual([]);
    expect(outputs.length).toBeGreaterThan(15);
  });
});

describe('accounts without a keychain', () => {
  it('fails with a clear keychain error (exit 2) and writes nothing in plain text', async () => {
    assertBuilt();
    const box = sandbox();
    try {
      const env: Record<string, string> = { ...box.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/workspace-tray-bus' };
      delete env.DISPLAY;
      const run = await runCli(['accounts', 'add', '--name', 'x', '--region', 'cn-north-4', '--project-id', 'p1', '--auth', 'token'], {
        env,
        stdin: '{"token":"NoKeychainToken-123"}',
      });
      expect(run.code).toBe(2);
      expect(lines(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/keychain/i);
      expect(run.stdout + run.stderr).not.toContain('NoKeychainToken-123');
      for (const file of filesUnder(box.configDir)) expect(readFileSync(file, 'utf8')).not.toContain('NoKeychainToken-123');
    } finally {
      box.dispose();
    }
  });
});

function filesUnder(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
