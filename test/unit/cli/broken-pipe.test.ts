// A reader that stops reading (`workspace-tray status --json | head -c 10`) must not make the CLI crash with
// an EPIPE stack trace: output stops quietly, and `watch` stops as on Ctrl-C.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, finished, sandbox, startCli, type Sandbox } from './cli-harness.js';

let box: Sandbox;
beforeAll(() => {
  assertBuilt();
  box = sandbox();
});
afterAll(() => box.dispose());

/** Starts the CLI and closes our end of its stdout as soon as the first bytes arrive, as `head -c 10` does. */
async function runAndCloseStdoutEarly(args: readonly string[]) {
  const child = startCli(args, { env: box.env });
  child.stdout?.once('data', () => child.stdout?.destroy());
  return finished(child, 30_000);
}

describe.concurrent('a reader that goes away', () => {
  it('status --json with a large answer: no stack trace, exit 0', async () => {
    // About 2 MB of JSON: far more than a pipe buffer, so the CLI is still writing when the reader leaves.
    const run = await runAndCloseStdoutEarly(['status', '--demo', '--scenario', 'large-fleet', '--json']);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it('watch --json stops cleanly at once instead of polling on into a closed pipe', async () => {
    const run = await runAndCloseStdoutEarly(['watch', '--demo', '--scenario', 'large-fleet', '--interval', '1', '--max-polls', '1000', '--json']);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(run.code).toBe(0);
  });
});
