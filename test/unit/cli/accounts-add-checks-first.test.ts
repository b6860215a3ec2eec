// `accounts add` refuses what it can before it reads the secret: a person at a terminal must not type a
// password only to hear that the name is taken. (Piped here, so "before" shows as which error wins.)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let box: Sandbox;
let settingsFile: string;
beforeAll(() => {
  assertBuilt();
  box = sandbox();
  mkdirSync(box.configDir, { recursive: true });
  settingsFile = join(box.configDir, 'config.json');
  const prod = { id: '123e4567-e89b-42d3-a456-426614174001', name: 'Prod', region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', auth: 'token' };
  writeFileSync(settingsFile, JSON.stringify({ version: 1, accounts: [prod] }));
});
afterAll(() => box.dispose());

it.each([
  ['a name taken in another case', ['--name', 'PROD', '--region', 'cn-north-4'], /already exists/],
  ['a project id with a space', ['--name', 'new', '--region', 'cn-north-4'], /whitespace/, 'a b'],
  ['plain http to a remote host', ['--name', 'new', '--endpoint', 'http://10.0.0.1'], /plain http/],
  ['an empty name, clearly', ['--name', '', '--region', 'cn-north-4'], /^workspace-tray: The account name is empty\. /],
  ['a name left out before the next option, without "ambiguous"', ['--name', '--region', 'cn-north-4'], /^workspace-tray: --name needs a value, and the word after it starts with '-'/],
  ['plain http to a remote IAM, with the https form to use', ['--name', 'new', '--region', 'cn-north-4', '--auth', 'password', '--iam-endpoint', 'http://iam.example.com'], /IAM endpoint: .*plain http to a remote host.*use https \("https:\/\/iam\.example\.com\/"\)/],
  ['a project id over 128 characters', ['--name', 'new', '--region', 'cn-north-4'], /project id is 129 characters long; the limit is 128/, 'a'.repeat(129)],
])('refuses %s before reading the secret', async (_label, args, message, projectId = '0123456789abcdef0123456789abcdef') => {
  const before = readFileSync(settingsFile, 'utf8');
  // No secret on stdin: were the secret read first, the error would be "No secret on stdin".
  const auth = args.includes('--auth') ? [] : ['--auth', 'token'];
  const run = await runCli(['accounts', 'add', ...args, '--project-id', projectId, ...auth], { env: box.env, stdin: '' });
  expect(run.code).toBe(2);
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(readFileSync(settingsFile, 'utf8')).toBe(before);
});

it('tells a remote http --iam-endpoint of an ad-hoc target to use https, and lets loopback http through', async () => {
  const env = { ...box.env, WORKSPACE_TRAY_IAM_USER: 'u', WORKSPACE_TRAY_IAM_PASSWORD: 'p', WORKSPACE_TRAY_IAM_DOMAIN: 'd' };
  const remote = await runCli(['status', '--region', 'cn-north-4', '--project-id', 'p1', '--iam-endpoint', 'http://iam.example.com:8080/base'], { env, stdin: '' });
  expect(remote.code).toBe(2);
  expect(lines(remote.stderr)).toEqual([
    expect.stringMatching(/^workspace-tray: IAM endpoint: .*plain http to a remote host.*use https \("https:\/\/iam\.example\.com:8080\/base"\); plain http is only for this machine .*Use https:\/\/iam\.REGION\.myhuaweicloud\.com/),
  ]);
  expect(remote.stderr).not.toContain('workspace.REGION');
  // Loopback http is the simulator's: the endpoint is accepted (whatever port 9 of this machine answers, or not).
  const loopback = await runCli(['status', '--region', 'cn-north-4', '--project-id', 'p1', '--iam-endpoint', 'http://127.0.0.1:9', '--timeout', '5'], { env, stdin: '' });
  expect(loopback.stderr).not.toContain('plain http');
}, 60_000);

it('gives an ad-hoc --project-id the same limit as a saved one, before anything is sent', async () => {
  const run = await runCli(['status', '--region', 'cn-north-4', '--project-id', 'b'.repeat(129)], { env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'x' }, stdin: '' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/project id is 129 characters long; the limit is 128/);
  expect(run.stderr).not.toContain('b'.repeat(129));
});
