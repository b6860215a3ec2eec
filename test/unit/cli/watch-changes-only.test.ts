// `watch --changes-only` as a user runs it: the built binary polling a canned server whose counts change on known
// polls; only the snapshots that differ from the last printed one come out, errors always do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startCannedServer, type CannedServer } from './canned-server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let box: Sandbox;
let server: CannedServer;

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  server = await startCannedServer();
});
afterAll(async () => {
  await server.close();
  box.dispose();
});

/** Answers in turn with these in-use counts, then repeats the last; `null` answers 503 (a retryable error). */
function sequence(projectId: string, inUse: readonly (number | null)[]): void {
  let call = 0;
  server.answer(projectId, (_request, response) => {
    const value = inUse[Math.min(call++, inUse.length - 1)];
    if (value === null || value === undefined) json(response, 503, { error_code: 'WKS.0001', error_msg: 'busy' });
    else json(response, 200, { statics: [{ static_name: 'Ops', in_use_num: value, disconnected_num: 1 }] });
  });
}

const watch = (projectId: string, polls: number, ...extra: string[]) =>
  runCli(['watch', '--endpoint', server.url, '--project-id', projectId, '--interval', '1', '--max-polls', String(polls), '--timeout', '10', ...extra], {
    env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'watch-changes-token' },
  });

describe.concurrent('watch --changes-only', () => {
  it('prints the first snapshot and each change, not the repeats (JSON)', async () => {
    sequence('changes-json', [4, 4, 5, 5, 4]);
    const run = await watch('changes-json', 5, '--json', '--changes-only');
    expect(run.code).toBe(0);
    const snapshots = lines(run.stdout)
      .map((line) => JSON.parse(line) as { type: string; totals: { in_use_num: number } })
      .filter((event) => event.type === 'snapshot');
    expect(snapshots.map((event) => event.totals.in_use_num)).toEqual([4, 5, 4]);
  });

  it('prints every snapshot without the option', async () => {
    sequence('changes-off', [4, 4, 4]);
    const run = await watch('changes-off', 3, '--json');
    expect(lines(run.stdout).filter((line) => line.includes('"type":"snapshot"'))).toHaveLength(3);
  });

  it('always prints errors; an unchanged snapshot after an error is still skipped (text)', async () => {
    sequence('changes-error', [4, null, 4, 6]);
    const run = await watch('changes-error', 4, '--changes-only');
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    const snapshots = out.filter((line) => line.includes('  snapshot  '));
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]).toContain('in use 4');
    expect(snapshots[1]).toContain('in use 6');
    expect(out.filter((line) => /  error \(exit 5\)  .*HTTP 503/.test(line))).toHaveLength(1);
    // Under load the retry can come late enough for a `stale` line too (it always prints); nothing else may.
    expect(out.filter((line) => !line.includes('  stale  '))).toHaveLength(3);
  });

  it('documents the option in --help', async () => {
    const run = await runCli(['watch', '--help'], { env: box.env });
    expect(run.stdout).toContain('--changes-only');
  });
});
