// Crash safety (issue 11): a real child process writes history and settings back to back (the built code, as the
// app runs it) and is killed with SIGKILL at a random moment, many times over the same folders. After each kill
// both load: history opens (taking over the dead writer's lock, cutting a torn tail) and holds every sample in
// order with its exact values, at most the last one lost; the settings file parses and holds the last
// acknowledged value or the one being written. Each new child continues where the survivors end.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_SERIES } from '../../main/core/ports.js';
import { FileHistoryStore } from '../../main/node/file-history-store.js';
import { FileSettingsStore } from '../../main/node/file-settings-store.js';
import { MINUTE, sample, START } from './fixtures/crash-sample.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITER = join(import.meta.dirname, 'fixtures/crash-writer.mjs');
const KILLS = 24;

interface Round {
  readonly lastHistoryAck: number;
  readonly lastSettingsAck: number;
  /** What the child was doing when it died: the write after its last acknowledgement. */
  readonly killedDuring: 'history' | 'settings' | 'start';
}

/** Runs the writer from `first` and SIGKILLs it after a few acknowledged writes and a random extra moment. */
function runAndKill(historyFolder: string, settingsFolder: string, first: number, random: () => number): Promise<Round> {
  return new Promise((resolveRound, rejectRound) => {
    const child = spawn(process.execPath, [WRITER, historyFolder, settingsFolder, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastHistoryAck = first - 1;
    let lastSettingsAck = -1;
    let lastLine = '';
    let stderr = '';
    let buffered = '';
    let killed = false;
    const acksWanted = 1 + Math.floor(random() * 6);
    let acks = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      // Lines written before the signal landed still count, even when read after kill() returned.
      for (const line of lines) {
        lastLine = line;
        const [what, index] = line.split(' ');
        if (what === 'history') lastHistoryAck = Number(index);
        if (what === 'settings') lastSettingsAck = Number(index);
        if (what === 'history' || what === 'settings') acks++;
        if (acks === acksWanted && !killed) {
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
      const killedDuring = lastLine.startsWith('history') ? 'settings' : lastLine.startsWith('settings') ? 'history' : 'start';
      resolveRound({ lastHistoryAck, lastSettingsAck, killedDuring });
    });
  });
}

let work: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/main/node/file-history-store.js'))) throw new Error('The crash test runs the built code: run `npm run build` first (npm test does).');
  work = mkdtempSync(join(tmpdir(), 'wt-crash-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('crash safety under SIGKILL', () => {
  it(`loads history and settings after each of ${KILLS} kills mid-write, losing at most the last sample`, async () => {
    const historyFolder = join(work, 'history');
    const settingsFolder = join(work, 'settings');
    let seed = 20_251_201;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let stored = 0;
    let lost = 0;
    let settingsValue = 60; // the default, before any write
    const during = { history: 0, settings: 0, start: 0 };
    for (let round = 0; round < KILLS; round++) {
      const { lastHistoryAck, lastSettingsAck, killedDuring } = await runAndKill(historyFolder, settingsFolder, stored, random);
      during[killedDuring]++;

      const opened = await FileHistoryStore.open({ folder: historyFolder });
      expect(opened.ok, opened.ok ? '' : opened.error.message).toBe(true);
      if (!opened.ok) return;
      const points = await opened.value.query({ series: FLEET_SERIES, from: START, to: START + 10 * 24 * 60 * MINUTE });
      await opened.value.close();
      expect(points.ok).toBe(true);
      if (!points.ok) return;
      const acknowledged = lastHistoryAck + 1;
      // Every sample in order, exactly as written; at most the last acknowledged one missing, at most one more
      // (the one in flight) present.
      expect(points.value.map((point) => point.at)).toEqual(points.value.map((_, index) => START + index * MINUTE));
      points.value.forEach((point, index) => expect(point.counts, `sample ${index}`).toEqual(sample(index).totals));
      expect(points.value.length).toBeGreaterThanOrEqual(acknowledged - 1);
      expect(points.value.length).toBeLessThanOrEqual(acknowledged + 1);
      lost += Math.max(0, acknowledged - points.value.length);
      stored = points.value.length;

      const settings = await new FileSettingsStore(settingsFolder).read();
      expect(settings.ok, settings.ok ? '' : settings.error.message).toBe(true);
      if (!settings.ok) return;
      // The last acknowledged value (this round's, else what the last round left), or the write in flight.
      const acknowledgedValue = lastSettingsAck >= 0 ? 15 + (lastSettingsAck % 100) : settingsValue;
      const allowed = killedDuring === 'settings' ? [acknowledgedValue, 15 + (lastHistoryAck % 100)] : [acknowledgedValue];
      expect(allowed, `settings after round ${round}`).toContain(settings.value.polling.intervalSeconds);
      settingsValue = settings.value.polling.intervalSeconds;
    }
    console.log(`crash safety: ${KILLS} SIGKILLs (${during.history} during a history append, ${during.settings} during a settings write, ${during.start} at start); ${stored} samples survive, ${lost} acknowledged sample(s) lost in all`);
    expect(stored).toBeGreaterThan(KILLS);
  }, 120_000);
});
