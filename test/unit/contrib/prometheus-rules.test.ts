// The rules in contrib/prometheus, checked and unit-tested by the real promtool (Debian's prometheus package).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CONTRIB = resolve(import.meta.dirname, '../../../contrib/prometheus');
const RULES = join(CONTRIB, 'workspace-tray.rules.yml');
const RULE_TESTS = join(CONTRIB, 'workspace-tray.rules.test.yml');

function promtool(args: readonly string[]): { code: number | null; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8', timeout: 60_000 });
  if (run.error !== undefined) throw new Error(`promtool could not run (apt-get install prometheus): ${run.error.message}`);
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

const scratch = mkdtempSync(join(tmpdir(), 'workspace-tray-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('contrib/prometheus rules', () => {
  it('pass promtool check rules', () => {
    const checked = promtool(['check', 'rules', RULES]);
    expect(checked.output).toContain('SUCCESS: 11 rules found');
    expect(checked.code).toBe(0);
  });

  it('pass their promtool unit tests: storm, critical storm, flapping, creep, first observation, small groups, thin fleet storm, down, stale', () => {
    const tested = promtool(['test', 'rules', RULE_TESTS]);
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
    const names = [...readFileSync(RULE_TESTS, 'utf8').matchAll(/^ {2}- name: (.*)$/gm)].map((m) => m[1]);
    expect(names).toHaveLength(9);
  });

  it('have unit tests that fail when a threshold is wrong', () => {
    // The same tests against rules whose group threshold is 50 sessions instead of 5: the storm must go unseen.
    const folder = mkdtempSync(join(scratch, 'mutant-'));
    writeFileSync(join(folder, 'workspace-tray.rules.yml'), readFileSync(RULES, 'utf8').replace('group:huaweicloud_workspace_disconnected_rise:10m >= 5)', 'group:huaweicloud_workspace_disconnected_rise:10m >= 50)'));
    copyFileSync(RULE_TESTS, join(folder, 'workspace-tray.rules.test.yml'));
    const tested = promtool(['test', 'rules', join(folder, 'workspace-tray.rules.test.yml')]);
    expect(tested.code).not.toBe(0);
    expect(tested.output).toContain('a sudden storm alerts (warning) at the poll it happens');
  });
});
