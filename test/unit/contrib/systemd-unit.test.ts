// contrib/systemd's unit for `serve`: parsed by systemd's own `systemd-analyze verify` (no unknown or invalid
// directives), hardened, and passing no secret on the command line.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../../main/cli/help.js';

const UNIT = resolve(import.meta.dirname, '../../../contrib/systemd/workspace-tray-serve@.service');
const text = readFileSync(UNIT, 'utf8');
const directives = new Map<string, string[]>();
for (const line of text.split('\n')) {
  const match = /^([A-Za-z]+)=(.*)$/.exec(line);
  if (match !== null) directives.set(match[1] ?? '', [...(directives.get(match[1] ?? '') ?? []), match[2] ?? '']);
}
const value = (key: string) => directives.get(key)?.join(' ');
const systemdAnalyze = existsSync('/usr/bin/systemd-analyze');
if (!systemdAnalyze) console.warn('systemd-unit.test.ts: systemd-analyze is not installed (package systemd), so the unit is not verified by systemd');

describe('contrib/systemd unit', () => {
  it('is hardened: a dynamic user, read-only system, no new privileges, no capabilities, IP sockets only', () => {
    expect(value('DynamicUser')).toBe('yes');
    expect(value('NoNewPrivileges')).toBe('yes');
    expect(value('ProtectSystem')).toBe('strict');
    expect(value('ProtectHome')).toBe('yes');
    expect(value('PrivateTmp')).toBe('yes');
    expect(value('CapabilityBoundingSet')).toBe('');
    expect(value('RestrictAddressFamilies')).toBe('AF_INET AF_INET6 AF_UNIX');
    expect(value('SystemCallFilter')).toContain('@system-service');
    expect(value('KillSignal')).toBe('SIGTERM');
  });

  it('takes credentials from the environment file and the token from a systemd credential, never from argv', () => {
    const exec = value('ExecStart') ?? '';
    expect(exec).toMatch(/ serve --region \$\{REGION\} --project-id \$\{PROJECT_ID\} --listen \$\{LISTEN\} /);
    expect(exec).toContain('--bearer-token-file %d/scrape-token');
    expect(exec).not.toMatch(/HUAWEICLOUD|TOKEN=|PASSWORD|--token /);
    expect(value('EnvironmentFile')).toBe('/etc/workspace-tray/%i.env');
    expect(value('LoadCredential')).toBe('scrape-token:/etc/credstore/workspace-tray-scrape-token');
    // Every option the unit passes is one serve knows.
    for (const option of exec.matchAll(/ (--[a-z-]+)/g)) expect(HELP.serve).toContain(option[1]);
  });

  it.skipIf(!systemdAnalyze)('passes systemd-analyze verify without warnings (skipped without systemd-analyze)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'workspace-tray-unit-'));
    try {
      const instance = join(folder, 'workspace-tray-serve@test.service');
      copyFileSync(UNIT, instance);
      const verified = spawnSync('systemd-analyze', ['verify', instance], { encoding: 'utf8', timeout: 30_000 });
      const complaints = `${verified.stdout}${verified.stderr}`.split('\n').filter((line) => line.includes('workspace-tray-serve@'));
      expect(complaints).toEqual([]);
      expect(verified.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
