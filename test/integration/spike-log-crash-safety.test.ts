// Crash safety of the spike log: a real child process appends marks through the built FileSpikeLog (as the app's
// monitoring service does; the marks are six hours apart, so the 30-day retention also rewrites the file every
// few appends) and is killed with SIGKILL at a random moment, many times over the same folder. After each kill a
// lock-free reader finds no damage and every mark in order with its exact content: at most the last acknowledged
// one lost, at most the one in flight present, nothing of the last 30 days missing. Each new child (a writer
// opening the file, cutting a torn line) continues where the survivors end.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceError } from '../../main/core/errors.js';
import { SPIKE_LOG_RETENTION_MS } from '../../main/core/spike-log/spike-log-bounds.js';
import { FileSpikeLog } from '../../main/node/file-spike-log.js';
import { mark, SPACING, START } from './fixtures/spike-log-mark.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITER = join(import.meta.dirname, 'fixtures/spike-log-writer.mjs');
const KILLS = 24;

/** Runs the writer from `first` and SIGKILLs it after a few acknowledged appends and a random extra moment. */
function runAndKill(folder: string, first: number, random: () => number): Promise<{ readonly lastAck: number; readonly stderr: string }> {
  return new Promise((resolveRound, rejectRound) => {
    const child = spawn(process.execPath, [WRITER, folder, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAck = first - 1;
    let stderr = '';
    let buffered = '';
    let killed = false;
    const acksWanted = 1 + Math.floor(random() * 12);
    let acks = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      // Lines written before the signal landed still count, even when read after kill() returned.
      for (const line of lines) {
        const [what, index] = line.split(' ');
        if (what !== 'spike') continue;
        lastAck = Number(index);
        if (++acks === acksWanted && !killed) {
          // A random extra moment (0-3 ms, spinning: timers are too coarse) so kills land anywhere in a write.
          const until = performance.now() + random() * 3;
          while (performance.now() < until);
          killed = child.kill('SIGKILL');
        }
      }
    });
    // 'close', not 'exit': stdout may still hold acknowledgements when the process is gone.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return rejectRound(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
      resolveRound({ lastAck, stderr });
    });
  });
}

let work: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/main/node/file-spike-log.js'))) throw new Error('The crash test runs the built code: run `npm run build` first (npm test does).');
  work = mkdtempSync(join(tmpdir(), 'wt-spike-crash-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('spike log crash safety under SIGKILL', () => {
  it(`reads every mark after each of ${KILLS} kills mid-append or mid-rewrite, losing at most the last one`, async () => {
    const folder = join(work, 'history', 'account');
    let seed = 20_261_201;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let next = 0;
    let lost = 0;
    let kept = 0;
    for (let round = 0; round < KILLS; round++) {
      const { lastAck, stderr } = await runAndKill(folder, next, random);
      // A crash is never damage: neither the reader below nor the next writer may report any.
      expect(stderr).not.toMatch(/damage/);
      const damage: WorkspaceError[] = [];
      const reader = await FileSpikeLog.open({ folder, readOnly: true, onDamage: (error) => damage.push(error) });
      expect(reader.ok).toBe(true);
      if (!reader.ok) return;
      const read = await reader.value.read(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
      expect(read.ok, read.ok ? '' : read.error.message).toBe(true);
      if (!read.ok) return;
      expect(damage).toEqual([]);
      const records = read.value;
      expect(records.length, `round ${round}`).toBeGreaterThan(0);
      const firstIndex = (records[0]!.at - START) / SPACING;
      // Contiguous and exact: mark(first), mark(first + 1), ...
      records.forEach((record, offset) => expect(record, `round ${round}, record ${offset}`).toEqual(mark(firstIndex + offset)));
      const newest = firstIndex + records.length - 1;
      expect(newest).toBeGreaterThanOrEqual(lastAck - 1);
      expect(newest).toBeLessThanOrEqual(lastAck + 1);
      // Nothing within 30 days of the newest mark went (rewrites keep the last 30 days).
      expect(records[0]!.at).toBeLessThanOrEqual(Math.max(START, mark(newest).at - SPIKE_LOG_RETENTION_MS));
      lost += Math.max(0, lastAck - newest);
      next = newest + 1;
      kept = records.length;
    }
    console.log(`spike log crash safety: ${KILLS} SIGKILLs; ${next} marks appended in all, ${kept} kept (30 days), ${lost} acknowledged mark(s) lost`);
    expect(next).toBeGreaterThan(KILLS);
    // The retention rewrote the file along the way (so kills could land in rewrites): older marks are gone.
    if (next * SPACING > SPIKE_LOG_RETENTION_MS + 2 * 86_400_000) expect(kept).toBeLessThan(next);
  }, 120_000);
});
