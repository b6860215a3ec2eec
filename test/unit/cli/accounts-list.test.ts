// `accounts list` as an admin who names accounts in Chinese sees it: columns aligned on screen, and a name
// hand-edited into the settings file cannot drive the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { displayWidth } from '../../../main/cli/terminal-text.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let box: Sandbox;
beforeAll(() => {
  assertBuilt();
  box = sandbox();
  mkdirSync(box.configDir, { recursive: true });
  const account = (id: string, name: string) => ({ id, name, region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', auth: 'token' });
  const accounts = [
    account('123e4567-e89b-42d3-a456-426614174001', '财务部生产'),
    account('123e4567-e89b-42d3-a456-426614174002', 'prod'),
    account('123e4567-e89b-42d3-a456-426614174003', 'evil\u001b[2J\u0007'),
  ];
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, accounts }));
});
afterAll(() => box.dispose());

it('aligns the region column under names of any script and prints no control character', async () => {
  const run = await runCli(['accounts', 'list'], { env: box.env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const rows = lines(run.stdout);
  expect(rows).toHaveLength(4);
  const regionColumn = (row: string) => displayWidth(row.slice(0, row.search(/cn-north-4|Region/)));
  const expected = regionColumn(rows[0] ?? '');
  for (const row of rows.slice(1)) expect(regionColumn(row)).toBe(expected);
  expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
});
