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
  ['a project id over 128 characters', ['--name', 'new', '--region', 'cn-north-4'], /project id is 129 characters long; the limit is 128/, 'a'.repeat(129)],
])('refuses %s before reading the secret', async (_label, args, message, projectId = '0123456789abcdef0123456789abcdef') => {
  const before = readFileSync(settingsFile, 'utf8');
  // No secret on stdin: were the secret read first, the error would be "No secret on stdin".
  const run = await runCli(['accounts', 'add', ...args, '--project-id', projectId, '--auth', 'token'], { env: box.env, stdin: '' });
  expect(run.code).toBe(2);
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(readFileSync(settingsFile, 'utf8')).toBe(before);
});

it('gives an ad-hoc --project-id the same limit as a saved one, before anything is sent', async () => {
  const run = await runCli(['status', '--region', 'cn-north-4', '--project-id', 'b'.repeat(129)], { env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'x' }, stdin: '' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/project id is 129 characters long; the limit is 128/);
  expect(run.stderr).not.toContain('b'.repeat(129));
});
