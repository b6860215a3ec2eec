// Colour in `watch` lines: only on a terminal, never with NO_COLOR or --no-color; red for critical spikes and
// errors, yellow for warnings, stale and history errors; snapshots and recoveries plain.
import { describe, expect, it } from 'vitest';
import type { SpikeNotification } from '../../../main/core/engine/notification.js';
import { workspaceError } from '../../../main/core/errors.js';
import { colourWanted } from '../../../main/cli/colour.js';
import { watchEventLine, watchEventTerminalLine, type WatchEvent } from '../../../main/cli/watch-output.js';
import { assertBuilt, runCli, sandbox } from './cli-harness.js';

const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const RESET = '\u001b[0m';

const notification = (kind: 'spike' | 'recovery', severity: 'warning' | 'critical'): SpikeNotification => ({
  kind,
  severity,
  title: 'Disconnections in Ops',
  body: '1 → 9',
  at: 0,
  groups: [],
  fleet: null,
});
const base = { accountId: 'id', account: 'prod' } as const;
const error = workspaceError('network', 'connection refused');

describe('colourWanted', () => {
  it('is on only for a terminal without NO_COLOR and without --no-color', () => {
    expect(colourWanted({ env: {}, stdoutIsTTY: true }, false)).toBe(true);
    expect(colourWanted({ env: { NO_COLOR: '1' }, stdoutIsTTY: true }, false)).toBe(false);
    expect(colourWanted({ env: { NO_COLOR: '' }, stdoutIsTTY: true }, false)).toBe(true);
    expect(colourWanted({ env: {}, stdoutIsTTY: true }, true)).toBe(false);
    expect(colourWanted({ env: {}, stdoutIsTTY: false }, false)).toBe(false);
    expect(colourWanted({ env: {} }, false)).toBe(false);
  });
});

describe('watchEventTerminalLine', () => {
  const cases: [WatchEvent, string | null][] = [
    [{ ...base, type: 'spike', notification: notification('spike', 'critical') }, RED],
    [{ ...base, type: 'spike', notification: notification('spike', 'warning') }, YELLOW],
    [{ ...base, type: 'recovery', notification: notification('recovery', 'warning') }, null],
    [{ ...base, type: 'error', error, nextAttemptAt: null, halted: false, durationMs: 1 }, RED],
    [{ ...base, type: 'stale', lastSuccessAt: null }, YELLOW],
    [{ ...base, type: 'history-error', error }, YELLOW],
  ];
  it.each(cases)('colours %#: the plain line wrapped in its colour, or plain', (event, tint) => {
    const plain = watchEventLine(event, 0);
    expect(watchEventTerminalLine(event, 0, true)).toBe(tint === null ? plain : `${tint}${plain}${RESET}`);
    expect(watchEventTerminalLine(event, 0, false)).toBe(plain);
  });
});

describe('watch --no-color', () => {
  it('is accepted, and piped output never has escape codes', async () => {
    assertBuilt();
    const box = sandbox();
    try {
      const run = await runCli(['watch', '--demo', '--scenario', 'flaky', '--interval', '1', '--max-polls', '2', '--timeout', '1', '--no-color'], { env: box.env });
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\u001b[');
      const help = await runCli(['watch', '--help'], { env: box.env });
      expect(help.stdout).toContain('--no-color');
    } finally {
      box.dispose();
    }
  });
});
